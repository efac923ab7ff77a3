"""A row number cell holding the first letters of the cell beside it: "|1<br>Terti<br>ekon|b
administrasi data<br>omi kelembagaan|".

pymupdf4llm cuts a rule-less table's columns at x positions it guesses; when the number column's
line falls inside the words of the next column, the start of each of that cell's lines lands in the
number cell, under the number. The pieces are put back at the start of the lines beside them when
at least one of them makes a known word with the rest of its line ("Terti" + "b" -> "Tertib").
"""

from __future__ import annotations

import re

from parsers.profile_cut import cut_word, join_cut

_BR = re.compile(r"<\s*br\s*/?\s*>", re.I)
_NUMBER = re.compile(r"^\d{1,3}\.?$")
_PIECE = re.compile(r"^[A-Za-z][A-Za-z ]{0,30}$")


def _spans(raw: str) -> list[str]:
    return [s.strip() for s in _BR.split(raw) if s.strip()]


def number_cut_back(row: list[str]) -> list[str]:
    """One row's raw cells with the word pieces under a row number put back into the next cell."""
    if len(row) < 2:
        return row
    numbered, beside = _spans(row[0]), _spans(row[1])
    pieces = numbered[1:]
    if not pieces or not _NUMBER.match(numbered[0]) or not all(_PIECE.match(p) for p in pieces):
        return row
    if len(beside) < len(pieces) or not any(cut_word(p, b)[0] for p, b in zip(pieces, beside, strict=False)):
        return row
    lines = [join_cut(p, b) for p, b in zip(pieces, beside, strict=False)] + beside[len(pieces) :]
    return [numbered[0], "<br>".join(lines), *row[2:]]


def numbers_cut_back(rows: list[list[str]], first_body: int) -> list[list[str]]:
    """Every body row's number cell put back in order (`number_cut_back`)."""
    return [r if i < first_body else number_cut_back(r) for i, r in enumerate(rows)]
