"""Rows a table finder left out: lines right under a rule-less table that fall into its columns.

A rule-less table's extent is a guess (pdf_gutters): a footer, a carried column boundary or a
row break that looks like the table's end can stop it early, and the rows below it are then read
as running text. Nothing downstream would notice (the table has rows, the document comes out), so
lines under the table that hold words in three or more of its columns without crossing a column
boundary are counted, and two or more of them give a `table-rows-unread` issue: check the page.
"""

from __future__ import annotations

from statistics import median

from parsers.pdf_bands import GAP_OF_HEIGHT, LINE_GAP_OF_HEIGHT, MIN_COLUMNS, Band, crosses, is_label_value
from parsers.pdf_tables import FoundTable, PageData
from parsers.pdf_text import VLine
from problems import Problem, problem

MIN_LINES = 2  # lines in the table's columns under it before the page is reported
EDGE_SLACK = 6.0  # points a line may reach past the table's outer edges


def _lines_under(table: FoundTable, lines: list[VLine]) -> list[VLine]:
    """The lines that follow the table without a blank line slot between them, down to a
    "label : value" line (the next jabatan's profile)."""
    below = sorted((ln for ln in lines if ln.top >= table.bbox[3] - 1.0), key=lambda ln: ln.top)
    if not below:
        return []
    height = median(ln.bottom - ln.top for ln in below)
    out: list[VLine] = []
    bottom = table.bbox[3]
    for line in below:
        if line.top - bottom >= max(LINE_GAP_OF_HEIGHT * height, 2.0) + (height if not out else 0.0):
            break
        if is_label_value(line, max(4.0, GAP_OF_HEIGHT * height)):
            break
        out.append(line)
        bottom = line.bottom
    return out


def _in_columns(line: VLine, columns: list[float]) -> bool:
    """The line sits inside the table's columns, in three or more of them, crossing none."""
    if line.x0 < columns[0] - EDGE_SLACK or line.x1 > columns[-1] + EDGE_SLACK or crosses(line, columns):
        return False
    band = Band([line], columns)
    return len({band.column_of(w) for w in line.words}) >= MIN_COLUMNS


def unread_rows(data: PageData) -> list[Problem]:
    """A `table-rows-unread` issue for each rule-less table of the page with rows left under it."""
    out: list[Problem] = []
    for table in data.tables:
        columns = list(table.columns)
        if len(columns) - 1 < MIN_COLUMNS:
            continue
        rows = [ln for ln in _lines_under(table, data.lines) if _in_columns(ln, columns)]
        if len(rows) >= MIN_LINES:
            sample = rows[0].text[:60]
            out.append(
                problem(
                    "table-rows-unread",
                    page=data.number,
                    page_number=data.number,
                    lines=len(rows),
                    sample=sample,
                )
            )
    return out
