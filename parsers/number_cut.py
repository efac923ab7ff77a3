"""The start of a cell's lines left in the cell before it: under a row number ("|1<br>Terti<br>ekon|b
administrasi data<br>omi kelembagaan|") or in a column of its own with no header
("|**No.**||**Sasaran**|" over "|1|Peningk<br>Konsum|atan Penganekaragaman<br>si Pangan|").

pymupdf4llm cuts a rule-less table's columns at x positions it guesses; when a column line falls
inside the words of the next column, the start of each of that cell's lines lands in the cell
before. The pieces are put back at the start of the lines beside them when at least one of them
makes a known word with the rest of its line ("Terti" + "b" -> "Tertib").
"""

from __future__ import annotations

import re

from parsers.md_syntax import BR
from parsers.profile_cut import cut_word, join_cut

_NUMBER = re.compile(r"^\d{1,3}\.?$")
_PIECE = re.compile(r"^[A-Za-z][A-Za-z ]{0,30}$")


def _spans(raw: str) -> list[str]:
    return [s.strip() for s in BR.split(raw) if s.strip()]


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


def _header_text(raw: str) -> str:
    return re.sub(r"[*_\s]", "", BR.sub("", raw))


def _cut_pair(rows: list[list[str]], c: int) -> bool:
    """Column c's cells are the starts of column c + 1's lines: in every row where both hold text
    c has no more lines than c + 1, and the pieces make a known word with the line beside them in
    one row or more."""
    cut = False
    for row in rows:
        left, right = (_spans(row[c]), _spans(row[c + 1])) if c + 1 < len(row) else ([], [])
        if not left:
            continue
        if not right or len(left) > len(right) or not all(_PIECE.match(p) for p in left):
            return False
        cut = cut or any(cut_word(p, b)[0] for p, b in zip(left, right, strict=False))
    return cut


def headerless_cut_columns_joined(rows: list[list[str]]) -> list[list[str]]:
    """Raw rows (header first) with a column under an empty header cell that holds the starts of
    the next column's lines joined into that column, line by line."""
    if len(rows) < 2:
        return rows
    c = 0
    while c + 1 < len(rows[0]):
        if _header_text(rows[0][c]) or not _header_text(rows[0][c + 1]) or not _cut_pair(rows[1:], c):
            c += 1
            continue
        joined = []
        for k, row in enumerate(rows):
            if c + 1 >= len(row):
                joined.append(row)
                continue
            left, right = _spans(row[c]), _spans(row[c + 1])
            lines = [join_cut(p, b) for p, b in zip(left, right, strict=False)] + right[len(left) :]
            cell = row[c + 1] if k == 0 or not left else "<br>".join(lines)
            joined.append([*row[:c], cell, *row[c + 2 :]])
        rows = joined
    return rows
