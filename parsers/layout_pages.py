"""Layout tables that go on on the next page without their header, at fewer columns.

pdftotext lays each page out on a grid of its own and prints no column that is blank on the page:
a table going on at the top of the next page without its header, where some columns have no text
there (the number, a sasaran merged over the rows), comes out with only the other columns, at other
offsets than the page before. Read alone it is a headerless table of fewer columns, which the rows'
reader would map to the header's first columns. Its columns are a run of the table's columns: the
run whose cells read most like their columns (a measure word opens an indikator, not a sasaran; a
source word a sumber data; a unit a penanggung jawab), the table's last columns on a tie. The
columns left out are put back as merged cells (the cell above, on the page before, goes on).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from parsers.model import Cell, RawDocument, Table
from parsers.vocab import measure_words
from structure.columns import header_mapping
from structure.language import starts_with_unit
from vocabulary import load
from vocabulary.schemas import Renderings

ENGINE = "layout"
Fields = tuple[str | None, ...]


@lru_cache(maxsize=1)
def _source_words() -> frozenset[str]:
    return frozenset(w.lower() for w in load(Renderings).cell_boundaries.source_words)


def _fields(table: Table) -> Fields | None:
    """The fields of an indicator table's columns, from its header row (None: no header)."""
    for row in table.rows[:3]:
        mapping = header_mapping(row)
        if mapping is not None:
            return tuple(mapping.get(i) for i in range(len(row.cells)))
    return None


def _fit(field: str | None, text: str) -> int:
    """How well a cell's text reads as its column's: +1 as it should open, -1 as it should not."""
    first = re.sub(r"[^a-z0-9%]+", "", text.split(" ", 1)[0].lower()) if text.strip() else ""
    if not first:
        return 0
    if first in measure_words():
        return 1 if field == "indikator" else -1 if field == "sasaran" else 0
    if field == "sumber_data" and first in _source_words():
        return 1
    if field == "penanggung_jawab" and starts_with_unit(text):
        return 1
    return 0


def _offset(table: Table, fields: Fields, cols: int) -> int:
    """Where the table's `cols` columns start among `fields`: the best fitting run, the last on a tie."""
    scores = {
        k: sum(_fit(fields[k + c], cell.text) for r in table.rows for c, cell in enumerate(r.cells))
        for k in range(len(fields) - cols + 1)
    }
    best = max(scores.values())
    return max(k for k, s in scores.items() if s == best)


def _widened(table: Table, width: int, offset: int) -> Table:
    """The table's rows set at `offset` among `width` columns, the others merged cells."""

    def pad(n: int) -> tuple[Cell, ...]:
        return tuple(Cell("", merged=True) for _ in range(n))

    rows = [replace(r, cells=pad(offset) + r.cells + pad(width - offset - len(r.cells))) for r in table.rows]
    return replace(table, rows=rows)


def _width(table: Table) -> int:
    return max((len(r.cells) for r in table.rows), default=0)


def align_continued_tables(doc: RawDocument) -> RawDocument:
    """Each page's first layout table that has no header and fewer columns than the indicator
    table the page before ended with is set among that table's columns (in place)."""
    fields: Fields | None = None  # the columns of the indicator table the last page ended with
    for page in doc.pages:
        tables = [i for i, b in enumerate(page.blocks) if isinstance(b, Table)]
        if not tables:
            fields = None
            continue
        first = page.blocks[tables[0]]
        assert isinstance(first, Table)
        own = _fields(first)
        if first.engine == ENGINE and fields and own is None and 2 <= _width(first) < len(fields):
            first = _widened(first, len(fields), _offset(first, fields, _width(first)))
            page.blocks[tables[0]] = first
            own = fields
        last = page.blocks[tables[-1]]
        assert isinstance(last, Table)
        fields = own if tables[-1] == tables[0] else _fields(last)
    return doc
