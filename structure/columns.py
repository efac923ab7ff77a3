"""Indicator-table headers: which physical column holds which canonical field."""

from __future__ import annotations

from rapidfuzz import fuzz, process

from parsers.model import Cell, Row
from parsers.number_row import is_number_row as _is_number_row
from parsers.vocab import fold_header, header_column, header_rules
from vocabulary import load
from vocabulary.schemas import Columns

CORE = ("indikator", "sasaran", "formula", "sumber_data", "penanggung_jawab")


def header_mapping(row: Row) -> dict[int, str] | None:
    """Column index -> field when `row` is a header row (an indikator column and one more)."""
    mapping: dict[int, str] = {}
    for i, cell in enumerate(row.cells):
        column = header_column(cell.text)
        if column:
            mapping[i] = column
    _definitions_to_notes(row, mapping)
    _tujuan_roles(mapping)
    found = set(mapping.values())
    # an indikator column and one more core column ("Sasaran | Indikator"), or two more named
    # columns of any kind ("No | Indikator | Satuan | Target"): an IKU table without formulas;
    # or "No | Indikator" alone (a numbered list of indicator names)
    weak = len(found & set(CORE)) < 2 and len(found) < 3
    if "indikator" not in found or (weak and not _numbered_list(row)):
        return None
    for i in range(len(row.cells)):  # an unnamed column between named ones extends its left neighbour
        if i not in mapping and i > 0 and (i - 1) in mapping and not row.cells[i].text.strip():
            mapping[i] = mapping[i - 1]
    return mapping


CONTINUATION_WORDS = 3  # a header cell's wrapped line holds at most this many words ("Jawab", "Strategis")


def continued_header(head: Row, below: Row, mapping: dict[int, str]) -> tuple[Row, dict[int, str]] | None:
    """The header row joined with the row below it when that row is the rest of its wrapped cells.

    A header printed over two lines may be cut into two rows ("Penanggung" over "Jawab", "N"
    over "O"). The row below continues it when each of its cells is a few words under a header
    cell that has text, and the joined cells name a column the first row alone did not.
    """
    if len(below.cells) != len(head.cells) or is_number_row(below):
        return None
    texts = [c.text.strip() for c in below.cells]
    if not any(texts):
        return None
    for top, text in zip(head.cells, texts, strict=True):
        if text and (not top.text.strip() or len(text.split()) > CONTINUATION_WORDS):
            return None
    joined = Row(
        tuple(Cell(f"{a.text} {t}".strip()) if t else a for a, t in zip(head.cells, texts, strict=True)),
        head.prov,
    )
    found = header_mapping(joined)
    if found is None or not set(mapping.values()) < set(found.values()):
        return None
    return joined, found


def exact_headers(row: Row, mapping: dict[int, str]) -> frozenset[str]:
    """Columns whose header cell is exactly one of their keywords (the rest matched inside a longer
    text, or only by being the unnamed neighbour of a named column)."""
    keywords = {column: set(words) for column, words, _ in header_rules()}
    return frozenset(
        column
        for i, column in mapping.items()
        if i < len(row.cells) and fold_header(row.cells[i].text) in keywords.get(column, set())
    )


def _numbered_list(row: Row) -> bool:
    """ "No | Indikator" (or "Indikator" alone over one column): an IKU printed as a list of names.

    Only a cell that says "indikator" itself counts (an "Uraian" column may list anything).
    """
    cells = [fold_header(c.text) for c in row.cells if fold_header(c.text)]
    kinds = sorted((header_column(c) for c in cells), key=str)
    listed = kinds == ["indikator", "no"] or (kinds == ["indikator"] and len(row.cells) == 1)
    return listed and any("indikator" in c.split() for c in cells)


def _tujuan_roles(mapping: dict[int, str]) -> None:
    """Tujuan columns stay a level of their own only beside sasaran / indikator columns."""
    for level, role in (("tujuan", "sasaran"), ("indikator_tujuan", "indikator")):
        if level in mapping.values() and role not in mapping.values():
            for i, column in list(mapping.items()):
                if column == level:
                    mapping[i] = role


def _definitions_to_notes(row: Row, mapping: dict[int, str]) -> None:
    """A definition column beside a named formula column holds notes (catatan)."""
    words = [f" {k} " for k in load(Columns).definition_keywords]
    formula = [i for i, c in mapping.items() if c == "formula"]
    defining = [i for i in formula if any(w in f" {fold_header(row.cells[i].text)} " for w in words)]
    if defining and len(defining) < len(formula):
        for i in defining:
            mapping[i] = "catatan"


def _is_header_word(token: str) -> bool:
    vocab = load(Columns)
    match = process.extractOne(token, vocab.header_words, scorer=fuzz.ratio)
    return bool(match and match[1] >= vocab.header_word_min_score)


def is_header_like(row: Row) -> bool:
    """A repeated or OCR-garbled header row: every non-empty cell is made of header words."""
    cells = [fold_header(c.text) for c in row.cells if fold_header(c.text)]
    if len(cells) < 2:
        return False
    like = sum(1 for c in cells if all(_is_header_word(t) for t in c.split()))
    return like == len(cells) or (like >= 3 and like / len(cells) >= 0.6)


def is_number_row(row: Row) -> bool:
    """The column-number row printed under a header: "1 2 3 4 5"."""
    return _is_number_row([c.text for c in row.cells])
