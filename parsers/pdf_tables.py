"""Ruled tables on a PDF page via pdfplumber: cell grid, cell text with fraction bars, quality score."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from pdfplumber.utils import rect_to_edges

from parsers.model import Cell, Provenance, Row, Table
from parsers.number_row import is_number_row
from parsers.pdf_gutters import gutter_edges
from parsers.pdf_junk import is_margin_junk
from parsers.pdf_rowsplit import split_numbered_rows, split_spanning_header
from parsers.pdf_text import (
    BBox,
    Obj,
    VLine,
    box_lines,
    cell_lines,
    cell_text,
    centre_in,
    group_lines,
    line_edge,
    logical_paragraphs,
    visual_text,
)
from parsers.pdf_wordbreak import join_broken_words
from problems import Problem

GUTTER_SLACK = 9.0  # points a fraction bar may reach past a gutter-middle cell side (pdf_gutters.SNAP)
TABLE_SETTINGS: dict[str, Any] = {
    "vertical_strategy": "explicit",  # the edges of ruling_edges(): "lines" with float noise fixed
    "horizontal_strategy": "explicit",
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "edge_min_length": 8,
    "intersection_tolerance": 3,
}

PictureReader = Callable[[BBox], Cell | None]  # a text-less cell's box -> its picture read, or None


@dataclass
class FoundTable:
    """A table found on a page: its box (pdfplumber coordinates) and the model table."""

    bbox: BBox
    table: Table
    columns: tuple[float, ...] = ()  # a rule-less table's column boundaries (left edge .. right edge)


@dataclass
class PageData:
    """What one page yields before junk filtering (digital or OCR): tables and the lines outside them."""

    number: int
    width: float
    height: float
    tables: list[FoundTable]
    lines: list[VLine]
    rules: list[BBox]


def _is_ruling(obj: Obj) -> bool:
    """Keep every object but filled background rects (shading makes false cell edges)."""
    if obj.get("object_type") != "rect":
        return True
    return bool(obj.get("stroke")) or min(obj["width"], obj["height"]) <= 2.5


def ruling_edges(page: Any) -> tuple[list[Obj], list[Obj]]:
    """Vertical and horizontal ruling edges: rects' sides, straight lines and curve segments.

    pdfplumber's own "lines" strategy calls a line horizontal only when top == bottom exactly,
    which float noise of rotated pages breaks; here a tolerance of 1pt decides.
    """
    vertical: list[Obj] = []
    horizontal: list[Obj] = []
    for rect in page.rects:
        if _is_ruling(rect):
            for e in rect_to_edges(rect):
                (vertical if e["orientation"] == "v" else horizontal).append(e)
    segs = [(ln["x0"], ln["top"], ln["x1"], ln["bottom"]) for ln in page.lines]
    for curve in page.curves:
        pts = curve.get("pts") or []
        segs += [
            (min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1]))
            for a, b in itertools.pairwise(pts)
        ]
    for x0, top, x1, bottom in segs:
        if bottom - top <= 1.0 and x1 - x0 > bottom - top:
            y = (top + bottom) / 2
            horizontal.append(line_edge(x0, y, x1, y, "h"))
        elif x1 - x0 <= 1.0 and bottom - top > x1 - x0:
            x = (x0 + x1) / 2
            vertical.append(line_edge(x, top, x, bottom, "v"))
    return vertical, horizontal


def find_plumber_tables(
    page: Any,
    chars: list[Obj],
    words: list[Obj],
    rules: list[BBox],
    source: str,
    read_picture: PictureReader | None = None,
) -> list[FoundTable]:
    """Ruled tables found by pdfplumber's line strategy, as model tables with a quality score
    (`read_picture`: see `picture_cells`)."""
    vertical, horizontal = ruling_edges(page)
    if len(vertical) < 2 or len(horizontal) < 2:
        return []
    edges = (vertical, horizontal)
    return tables_from_edges(page, edges, (chars, words, rules), source, "pdfplumber", read_picture)


def find_gutter_tables(
    page: Any,
    chars: list[Obj],
    words: list[Obj],
    rules: list[BBox],
    source: str,
    carried: tuple[float, ...] = (),
    read_picture: PictureReader | None = None,
) -> list[FoundTable]:
    """Tables without vertical rules: whitespace columns, rows from spanning rules or cell starts.

    `carried`: the columns of the rule-less table the page before ended in (continued rows);
    `read_picture`: see `picture_cells`.
    """
    _, horizontal = ruling_edges(page)
    found: list[FoundTable] = []
    # a page number or footer printed close under a rule-less table would read as its last row
    junk = [ln for ln in group_lines(words) if is_margin_junk(ln, float(page.height), set())]
    words = [w for w in words if not any(w in ln.words for ln in junk)]
    for edges in gutter_edges(words, horizontal, chars, carried):
        columns = tuple(sorted({e["x0"] for e in edges[0]}))
        ruled = _rows_at_rules(edges[1], horizontal)
        for f in tables_from_edges(page, edges, (chars, words, rules), source, "gutters", read_picture):
            f.table.rows_ruled = ruled
            found.append(FoundTable(f.bbox, f.table, columns))
    return found


def _rows_at_rules(edges: list[Obj], horizontal: list[Obj]) -> bool:
    """True when every row edge of a gutter table lies on a horizontal rule the page draws."""
    tops = [e["top"] for e in horizontal]
    inner = sorted({round(e["top"], 1) for e in edges})[1:-1]
    return bool(inner) and all(any(abs(y - t) <= 1.0 for t in tops) for y in inner)


def tables_from_edges(
    page: Any,
    edges: tuple[list[Obj], list[Obj]],
    objs: tuple[list[Obj], list[Obj], list[BBox]],
    source: str,
    engine: str,
    read_picture: PictureReader | None = None,
) -> list[FoundTable]:
    """pdfplumber's table finder on explicit vertical and horizontal edges, cells filled and scored
    (`read_picture`: see `picture_cells`)."""
    vertical, horizontal = edges
    chars, words, rules = objs
    settings = {
        **TABLE_SETTINGS,
        "explicit_vertical_lines": vertical,
        "explicit_horizontal_lines": horizontal,
    }
    found: list[FoundTable] = []
    for t in page.find_tables(settings):
        grid = [list(r.cells) for r in t.rows]
        if not grid or not grid[0]:
            continue
        grid = _drop_empty_columns(grid)
        table = build_table(grid, chars, words, rules, source, page.page_number, engine, read_picture)
        if table is None:
            continue
        found.append(FoundTable(tuple(t.bbox), table))
    return found


@contextmanager
def picture_cells(page: Any, found: list[Problem], kept: list[BBox]) -> Iterator[PictureReader | None]:
    """OCR for the page's text-less cells holding a picture (`pdf_image_cells.PictureCells`: a
    picture that cannot be read costs its cell); None when the page has no pictures. When the
    block ends, what it opened is closed and a `cell-failed` issue goes into `found` for each failed
    cell inside the tables the caller put into `kept` (their boxes) by then."""
    if not page.images:
        yield None
        return
    from parsers.pdf_image_cells import PictureCells  # OCR stack loaded only for pages with pictures

    reader = PictureCells(page)
    try:
        yield reader
    finally:
        reader.close()
        found += reader.report(kept)


def _drop_empty_columns(grid: list[list[BBox | None]]) -> list[list[BBox | None]]:
    """Drop columns in which no cell starts (always covered by a span from the left)."""
    keep = [j for j in range(len(grid[0])) if any(row[j] is not None for row in grid)]
    return [[row[j] for j in keep] for row in grid]


def build_table(
    grid: list[list[BBox | None]],
    chars: list[Obj],
    words: list[Obj],
    rules: list[BBox],
    source: str,
    page_no: int,
    engine: str,
    read_picture: PictureReader | None = None,
) -> Table | None:
    """Fill the grid with cell text (quality scored); drop empty rows and the column-number row."""
    grid = split_spanning_header(split_numbered_rows(grid, chars), words)
    slack = GUTTER_SLACK if engine == "gutters" else 0.0
    texts = {box: _cell(box, chars, rules, slack) for row in grid for box in row if box is not None}
    if read_picture is not None:  # a cell with no text may hold its content as a picture
        for box, cell in texts.items():
            if not cell.text:
                texts[box] = read_picture(box) or cell
    rows: list[tuple[Cell, ...]] = []
    for grow in grid:
        cells = tuple(texts[box] if box is not None else Cell(text="", merged=True) for box in grow)
        if all(not c.text for c in cells) or is_number_row([c.text for c in cells]):
            continue
        rows.append(cells)
    if not rows:
        return None
    nonempty = sum(1 for c in texts.values() if c.text) / len(texts)
    if engine == "camelot-stream":  # no ruled regions: count the filled cells of each row
        widths = [sum(1 for b in row if b is not None and texts[b].text) for row in grid]
    else:  # regions met by each row: vertical spans count, horizontal spans merge columns
        widths = [len({b for b in texts if b[1] <= y + 0.5 < b[3]}) for y in _row_tops(grid)]
    mode = Counter(widths).most_common(1)[0][0]
    consistency = sum(1 for w in widths if w == mode) / len(widths)
    x0 = min(b[0] for b in texts)
    bbox = (x0, min(b[1] for b in texts), max(b[2] for b in texts), max(b[3] for b in texts))
    landed = words_landed(words, bbox, list(texts))
    return Table(
        rows=[Row(cells, Provenance(source, page_no, i)) for i, cells in enumerate(rows, 1)],
        prov=Provenance(source, page_no, 1),
        engine=engine,
        quality=score(nonempty, landed, consistency),
    )


def _row_tops(grid: list[list[BBox | None]]) -> list[float]:
    """Top edge of each grid row."""
    return [next(b[1] for b in row if b is not None) for row in grid if any(b is not None for b in row)]


def _cell(box: BBox, chars: list[Obj], rules: list[BBox], slack: float = 0.0) -> Cell:
    """One cell: its visual lines as paragraphs (a drawn fraction as a Fraction), joined text."""
    lines = join_broken_words(box_lines(chars, box))
    visual = cell_lines(lines, rules, box, slack)
    paragraphs = tuple(logical_paragraphs(visual))
    return Cell(text=cell_text(paragraphs), paragraphs=paragraphs, raw=visual_text(visual))


def words_landed(words: list[Obj], bbox: BBox, cell_boxes: list[BBox]) -> float:
    """Share of the words inside the table box that lie wholly inside one cell (not cut by a rule)."""
    inside = [w for w in words if centre_in(w, bbox)]
    if not inside:
        return 1.0
    landed = sum(1 for w in inside if any(_within(w, b) for b in cell_boxes))
    return landed / len(inside)


def _within(obj: Obj, box: BBox, pad: float = 1.0) -> bool:
    """True when the object lies wholly inside the box (grown by pad)."""
    return (
        obj["x0"] >= box[0] - pad
        and obj["x1"] <= box[2] + pad
        and obj["top"] >= box[1] - pad
        and obj["bottom"] <= box[3] + pad
    )


def score(nonempty: float, landed: float, consistency: float) -> float:
    """Combine the three parsing-report measures into one 0..1 quality."""
    return round(0.3 * nonempty + 0.4 * landed + 0.3 * consistency, 4)
