"""HTML tables (MinerU, olmOCR, docling's HTML export, OCR services) read with lxml.

`rowspan` / `colspan` become merged cells, the way the PDF parser marks a spanning cell: the
spanned positions hold an empty cell with `merged=True`, so structure carries the value down.
Cell content keeps its line breaks (`<br>`, `<p>`, `<div>`, `<li>` as bullet items) and goes
through `raw_to_cell` like every other cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from lxml import etree, html

from parsers.markup import LIST_ITEM
from parsers.model import Cell
from parsers.text import TableRead, raw_to_cell

_TABLE_OPEN = re.compile(r"<table\b", re.I)
_TABLE_CLOSE = re.compile(r"</table\s*>", re.I)
BLOCK_TAGS = frozenset(
    {"p", "div", "ul", "ol", "li", "tr", "table", "thead", "tbody", "tfoot", "section", "article"}
    | {"h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "header", "footer", "main", "body"}
)
_SKIP_TAGS = frozenset({"script", "style", "head", "title"})


def _span(el: html.HtmlElement, name: str) -> int:
    """A rowspan / colspan attribute as a positive int (1 when missing or garbled)."""
    try:
        return max(1, int(str(el.get(name, "1")).strip() or 1))
    except ValueError:
        return 1


def element_text(el: etree._Element) -> str:
    """Text of an element with its block breaks as newlines and list items as bullets."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in _SKIP_TAGS:
            if node.tail:
                parts.append(node.tail)
            return
        if tag == "br":
            parts.append("\n")
        elif tag == "li":
            parts.append("\n" + LIST_ITEM)
        elif tag in BLOCK_TAGS:
            parts.append("\n")
        if node.text and tag != "br":
            parts.append(node.text)
        for child in node:
            walk(child)
        if tag in BLOCK_TAGS:
            parts.append("\n")
        if node.tail and node is not el:
            parts.append(node.tail)

    walk(el)
    return "".join(parts)


def _rows_of(table: html.HtmlElement) -> Iterator[html.HtmlElement]:
    """The table's own <tr> in document order (not those of a nested table)."""
    for tr in table.iter("tr"):
        if next(tr.iterancestors("table"), None) is table:
            yield tr


def table_to_grid(table: html.HtmlElement) -> list[list[Cell]]:
    """Rows of cells of one <table>, spans expanded into merged cells."""
    grid: list[list[Cell]] = []
    pending: dict[tuple[int, int], Cell] = {}  # (row, col) covered by a span from above/left
    for r, tr in enumerate(_rows_of(table)):
        row: list[Cell] = []
        col = 0
        for td in (c for c in tr if c.tag in ("td", "th")):
            while (r, col) in pending:
                row.append(pending.pop((r, col)))
                col += 1
            rowspan, colspan = _span(td, "rowspan"), _span(td, "colspan")
            row.append(raw_to_cell(element_text(td)))
            for dr in range(rowspan):
                for dc in range(colspan):
                    if dr or dc:
                        target = (r + dr, col + dc)
                        if dr == 0:
                            row.append(Cell(text="", merged=True))
                        else:
                            pending[target] = Cell(text="", merged=True)
            col += colspan
        while (r, col) in pending:
            row.append(pending.pop((r, col)))
            col += 1
        grid.append(row)
    return grid


def html_fragment_tables(fragment: str) -> list[list[list[Cell]]]:
    """The grids of every outermost <table> in an HTML fragment."""
    root = html.fragment_fromstring(fragment, create_parent="div")
    tables = [t for t in root.iter("table") if next(t.iterancestors("table"), None) is None]
    return [table_to_grid(t) for t in tables]


def read_html_table(lines: Sequence[str], start: int) -> TableRead | None:
    """An HTML <table> starting on lines[start] and ending on the line of its </table>."""
    if not _TABLE_OPEN.search(lines[start]):
        return None
    depth = 0
    end = start
    while end < len(lines):
        depth += len(_TABLE_OPEN.findall(lines[end])) - len(_TABLE_CLOSE.findall(lines[end]))
        end += 1
        if depth <= 0:
            break
    grids = html_fragment_tables("\n".join(lines[start:end]))
    rows = [row for grid in grids for row in grid]
    # A table's rows share the lines it was written on: each row is placed on the table's first.
    return TableRead(rows, end, "html", row_lines=(0,) * len(rows))
