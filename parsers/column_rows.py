"""Rows of a table written column by column, rebuilt only where that is sure.

A page whose header cells stand each on a line of their own (parsers/column_dump.py) is put back
as a table when its cells say which row they belong to: the No column numbers its cells 1..N
consecutively, every column is named once, and each column until the last holds exactly N
paragraphs (lines apart by a blank line are cells apart) after its header cell. The last
column's first N paragraphs are its cells; what follows it stays text. Anything else is left as
it is (its rows are not guessed; `rendering-table-by-column` reports it).
"""

from __future__ import annotations

import re

from parsers.column_dump import has_table, label_lines
from parsers.markup import markup_to_paragraphs
from parsers.model import Block, Cell, Line, Page, Row, Table, paragraphs_text
from structure.columns import CORE
from vocabulary import load
from vocabulary.schemas import Renderings

ENGINE = "column-dump"
_NUMBER = re.compile(r"^\d{1,2}\.?$")

Paragraph = list[Line]


def _paragraphs(lines: list[Line]) -> list[Paragraph]:
    """Lines cut where the source left a blank line between them (a gap in their line numbers)."""
    found: list[Paragraph] = []
    for line in lines:
        if found and line.prov.line == found[-1][-1].prov.line + 1:
            found[-1].append(line)
        else:
            found.append([line])
    return found


def _numbered(cells: list[Paragraph]) -> bool:
    texts = [" ".join(ln.text.strip() for ln in cell) for cell in cells]
    return all(_NUMBER.match(t) for t in texts) and [int(t.rstrip(".")) for t in texts] == list(
        range(1, len(texts) + 1)
    )


def _columns(lines: list[Line]) -> tuple[list[str], list[list[Paragraph]], int, int] | None:
    """(header texts, cells per column, index of the first line taken, index after the last)."""
    labels = label_lines([ln.text for ln in lines])
    columns = [column for _i, column, _t in labels]
    if not labels or columns[0] != "no" or len(set(columns)) != len(columns):
        return None
    if len(set(columns) & set(CORE)) < 2 or "indikator" not in columns:
        return None
    starts = [i for i, _c, _t in labels]
    cells: list[list[Paragraph]] = []
    stop = len(lines)
    for k, (i, _column, text) in enumerate(labels):
        first = i + _label_lines(lines, i, text)
        last = starts[k + 1] if k + 1 < len(labels) else len(lines)
        cells.append(_paragraphs(lines[first:last]))
    n = len(cells[0])
    if n < 2 or not _numbered(cells[0]) or any(len(c) != n for c in cells[1:-1]) or len(cells[-1]) < n:
        return None
    tail = cells[-1][n:]
    cells[-1] = cells[-1][:n]
    if tail:
        stop = lines.index(tail[0][0])
    return [t for _i, _c, t in labels], cells, starts[0], stop


def _label_lines(lines: list[Line], i: int, text: str) -> int:
    """How many lines from lines[i] the label `text` was printed on."""
    used, joined = 0, ""
    while i + used < len(lines) and joined != text:
        joined = f"{joined} {lines[i + used].text.strip()}".strip()
        used += 1
    return used


def _cell(text: str) -> Cell:
    """A cell of the cell's lines joined (a wrapped line goes on the one above)."""
    paragraphs = tuple(markup_to_paragraphs(text))
    return Cell(text=paragraphs_text(paragraphs), paragraphs=paragraphs, raw=text)


def rebuilt_page(page: Page) -> Page:
    """The page with a column-by-column table put back as a Table where its rows are sure."""
    if has_table(page):
        return page
    lines = [b for b in page.blocks if isinstance(b, Line) and b.text.strip()]
    found = _columns(lines)
    if found is None:
        return page
    heads, cells, first, stop = found
    header = Row(tuple(_cell(h) for h in heads), lines[first].prov)
    rows = [
        Row(tuple(_cell(" ".join(ln.text.strip() for ln in col[r])) for col in cells), cells[0][r][0].prov)
        for r in range(len(cells[0]))
    ]
    taken = {id(ln) for ln in lines[first:stop]}
    blocks: list[Block] = []
    for block in page.blocks:
        if id(block) == id(lines[first]):
            blocks.append(
                Table([header, *rows], header.prov, ENGINE, load(Renderings).column_dump.rebuilt_quality)
            )
        elif id(block) not in taken:
            blocks.append(block)
    return Page(page.number, blocks, page.read_by, page.text_layer_score, page.ocr)
