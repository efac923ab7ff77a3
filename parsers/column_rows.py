"""Rows of a table written column by column, rebuilt only where that is sure.

A page whose header cells stand each on a line of their own (parsers/column_dump.py) is put back
as a table when its cells say which row they belong to: the No column numbers its cells 1..N
consecutively, every column is named once, and each column until the last holds exactly N
paragraphs (lines apart by a blank line are cells apart) after its header cell. The last
column's first N paragraphs are its cells; what follows it stays text. Anything else is left as
it is (its rows are not guessed; `rendering-table-by-column` reports it).
"""

from __future__ import annotations

from collections.abc import Sequence

from parsers.column_blocks import (
    ROW_NUMBER,
    OneRowBlock,
    Paragraph,
    label_cells,
    one_row_blocks,
    paragraph_words,
)
from parsers.column_dump import REBUILT_ENGINE, has_table, label_lines
from parsers.markup import markup_to_paragraphs
from parsers.model import Block, Cell, Line, Page, Row, Table, paragraphs_text
from structure.columns import CORE
from vocabulary import load
from vocabulary.schemas import Renderings

ENGINE = REBUILT_ENGINE


def _numbered(cells: list[Paragraph]) -> bool:
    texts = [paragraph_words(cell) for cell in cells]
    return all(ROW_NUMBER.match(t) for t in texts) and [int(t.rstrip(".")) for t in texts] == list(
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
    cells = label_cells(lines, labels, len(lines))
    stop = len(lines)
    n = len(cells[0])
    if n < 2 or not _numbered(cells[0]) or any(len(c) != n for c in cells[1:-1]) or len(cells[-1]) < n:
        return None
    tail = cells[-1][n:]
    cells[-1] = cells[-1][:n]
    if tail:
        stop = lines.index(tail[0][0])
    return [t for _i, _c, t in labels], cells, labels[0][0], stop


def _cell(text: str) -> Cell:
    """A cell of the cell's lines joined (a wrapped line goes on the one above)."""
    paragraphs = tuple(markup_to_paragraphs(text))
    return Cell(text=paragraphs_text(paragraphs), paragraphs=paragraphs, raw=text)


def _table(heads: Sequence[str], rows: Sequence[tuple[Sequence[str], Line]], first: Line) -> Table:
    """A table of the header texts and the rows' texts, each row placed at its line."""
    header = Row(tuple(_cell(h) for h in heads), first.prov)
    body = [Row(tuple(_cell(c) for c in row), at.prov) for row, at in rows]
    return Table([header, *body], header.prov, ENGINE, load(Renderings).column_dump.rebuilt_quality)


def _spliced(page: Page, lines: list[Line], found: list[tuple[int, int, Table]]) -> Page:
    """The page with each (first line, stop, table) put in place of its lines."""
    opening = {id(lines[first]): table for first, _stop, table in found}
    taken = {id(ln) for first, stop, _t in found for ln in lines[first:stop]}
    blocks: list[Block] = []
    for block in page.blocks:
        if id(block) in opening:
            blocks.append(opening[id(block)])
        elif id(block) not in taken:
            blocks.append(block)
    return Page(page.number, blocks, page.read_by, page.text_layer_score, page.ocr)


def _block_table(block: OneRowBlock, lines: list[Line]) -> tuple[int, int, Table]:
    return (
        block.first,
        block.stop,
        _table(block.heads, [(block.cells, lines[block.first])], lines[block.first]),
    )


def rebuilt_page(page: Page) -> Page:
    """The page with a column-by-column table put back as a Table where its rows are sure: one
    table over the page, else each one-row block (parsers/column_blocks.py)."""
    if has_table(page):
        return page
    lines = [b for b in page.blocks if isinstance(b, Line) and b.text.strip()]
    found = _columns(lines)
    if found is None:
        blocks = one_row_blocks(lines)
        return _spliced(page, lines, [_block_table(b, lines) for b in blocks]) if blocks else page
    heads, cells, first, stop = found
    rows = [
        ([" ".join(ln.text.strip() for ln in col[r]) for col in cells], cells[0][r][0])
        for r in range(len(cells[0]))
    ]
    return _spliced(page, lines, [(first, stop, _table(heads, rows, lines[first]))])
