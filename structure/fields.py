"""Labels and codes printed inside table cells: "Tujuan : X", "(Formula : X)", "S.1.1 X", "IKU 1 X".

Renstra and e-SAKIP tables print field labels inside the cells instead of (or as well as) the column
header, and number tujuan / sasaran / indicators with codes. Both are labels, not content.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from vocabulary import load
from vocabulary.schemas import CellLabelKind, Labels


def _alternatives(words: Sequence[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s*") for w in sorted(words, key=len, reverse=True))


@cache
def _code() -> str:
    prefixes = _alternatives(load(Labels).code_prefixes)
    # a dot or a longer prefix makes it a code: "S1 pegawai" may be a degree, "S1." / "S.1" / "IKU 1" not
    dotted = rf"(?:{prefixes})\s?(?:\.\s?\d{{1,2}}(?:\.\d{{1,2}})*\.?|\d{{1,2}}(?:\.\d{{1,2}})*\.)"
    longer = _alternatives([p for p in load(Labels).code_prefixes if len(p) >= 2])
    return rf"(?:{dotted}|(?:{longer})\s?-?\d{{1,2}}(?:\.\d{{1,2}})*\.?)"


@cache
def _label(kind: CellLabelKind) -> re.Pattern[str]:
    words = _alternatives(load(Labels).cell_labels.of(kind))
    return re.compile(rf"^\s*\(?\s*(?:{words})\s*:\s*", re.I)


def strip_code(text: str) -> str:
    """ "S.1.1 Nilai X" -> "Nilai X": a leading tujuan / sasaran / indicator code."""
    return re.sub(rf"^\s*{_code()}(?=\s)\s*", "", text, flags=re.I)


def split_at_codes(text: str) -> list[str]:
    """ "S1. A S2. B" -> ["A", "B"]: a cell crammed with several coded items splits at the codes."""
    starts = [m.start() for m in re.finditer(rf"(?:^|(?<=\s)){_code()}(?=\s)", text, flags=re.I)]
    if len(starts) < 2 or starts[0] != len(text) - len(text.lstrip()):
        return [text]
    pieces = [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
    return [strip_code(p).strip() for p in pieces if strip_code(p).strip()]


def is_code(text: str) -> bool:
    """A cell holding only codes ("S.2.1 S.2.2"), the code half of a code + text column pair."""
    return bool(text.strip()) and re.fullmatch(rf"(?:\s*{_code()})+\s*", text, flags=re.I) is not None


def strip_self_reference(text: str) -> str:
    """ "Meningkatnya X (sasaran 1)" -> "Meningkatnya X"."""
    words = _alternatives(load(Labels).self_reference)
    return re.sub(rf"\s*\(\s*(?:{words})\s*\d{{1,2}}\s*\)\s*$", "", text, flags=re.I)


def labelled(kind: CellLabelKind, text: str) -> str | None:
    """The value after a leading `kind` label ("Tujuan : X" -> "X"), or None without that label."""
    m = _label(kind).match(text)
    return text[m.end() :].strip() if m else None


def formula_inside(text: str) -> tuple[str, str | None]:
    """ "Indeks X (Formula : A dibagi B)" -> ("Indeks X", "A dibagi B"): a formula printed in the cell."""
    words = _alternatives(load(Labels).cell_labels.formula)
    m = re.search(rf"\(\s*(?:{words})\s*:\s*", text, flags=re.I)
    if not m or not text[: m.start()].strip():
        return text, None
    inner = text[m.end() :].strip()
    if inner.endswith(")") and inner.count(")") > inner.count("("):
        inner = inner[:-1].rstrip()
    return text[: m.start()].strip(), inner or None


def _formula_opening() -> re.Pattern[str]:
    words = _alternatives(load(Labels).cell_labels.formula)
    return re.compile(rf"\(\s*(?:{words})\s*:", re.I)


def split_after_formulas(text: str) -> list[str]:
    """ "A (Formula : x) B (Formula : y)" -> ["A (Formula : x)", "B (Formula : y)"]: indicators
    printed one after another in a cell, each closed by its own bracketed formula."""
    pieces: list[str] = []
    start = 0
    for m in _formula_opening().finditer(text):
        if m.start() < start:
            continue
        depth, end = 0, len(text)
        for i in range(m.start(), len(text)):  # the bracket that closes this formula
            depth += {"(": 1, ")": -1}.get(text[i], 0)
            if depth == 0:
                end = i + 1
                break
        if text[end:].strip() and _formula_opening().search(text, end):
            pieces.append(text[start:end].strip())
            start = end
    pieces.append(text[start:].strip())
    return [p for p in pieces if p]


@cache
def _any_label() -> re.Pattern[str]:
    kinds: tuple[CellLabelKind, ...] = ("formula", "catatan", "sumber_data")
    words = _alternatives([w for k in kinds for w in load(Labels).cell_labels.of(k)])
    return re.compile(rf"(?:^|(?<=\s))(?={words}\s*:)", re.I)


def has_cell_label(paragraphs: list[str]) -> bool:
    """True when some paragraph carries a formula / catatan / sumber data label."""
    return any(_any_label().search(p) is not None for p in paragraphs)


def labelled_parts(paragraphs: list[str]) -> tuple[list[str], list[str], list[str]]:
    """Cell paragraphs of a web print ("Formulasi Perhitungan : A / B Tipe Perhitungan : Kumulatif
    Sumber Data : X") -> (formula text, catatan, sumber data): each label's value goes to its field."""
    formula: list[str] = []
    notes: list[str] = []
    sumber: list[str] = []
    for p in paragraphs:
        for piece in (x.strip() for x in _any_label().split(p) if x.strip()):
            if (value := labelled("catatan", piece)) is not None:
                notes.append(value)
            elif (value := labelled("sumber_data", piece)) is not None:
                sumber.append(value)
            elif (value := labelled("formula", piece)) is not None:
                formula.append(value)
            else:
                formula.append(piece)
    return [f for f in formula if f], [n for n in notes if n], [s for s in sumber if s]
