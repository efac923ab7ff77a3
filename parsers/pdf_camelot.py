"""Camelot fallback for one PDF page: its cell grid, filled with our own cell text reader."""

from __future__ import annotations

import contextlib
import io
import logging
import pathlib
import warnings
from typing import Any

from parsers.pdf_tables import FoundTable, build_table
from parsers.pdf_text import BBox, Obj

log = logging.getLogger(__name__)


def camelot_tables(
    path: pathlib.Path,
    page_no: int,
    flavor: str,
    height: float,
    page_objs: tuple[list[Obj], list[Obj], list[BBox]],
    source: str,
) -> list[FoundTable]:
    """Tables camelot finds on one page with the given flavor ("lattice" or "stream")."""
    import camelot  # slow to import: only when a page needs it

    chars, words, rules = page_objs
    try:
        with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
            warnings.simplefilter("ignore")
            tables = camelot.read_pdf(str(path), pages=str(page_no), flavor=flavor, suppress_stdout=True)
    except Exception as exc:  # camelot fails in many ways on odd pages: the fallback just gives up
        log.info("camelot %s failed on %s page %d: %s", flavor, source, page_no, exc)
        return []
    found: list[FoundTable] = []
    for t in tables:
        grid = _regions(t, height) if flavor == "lattice" else _trim(_cells(t, height), words)
        if not grid or not any(b is not None for row in grid for b in row):
            continue
        table = build_table(grid, chars, words, rules, source, page_no, f"camelot-{flavor}")
        if table is None:
            continue
        boxes = [b for row in grid for b in row if b is not None]
        bbox = (
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        )
        found.append(FoundTable(bbox, table))
    return found


def _box(cell: Any, last: Any, height: float) -> BBox:
    """Box (top-left origin) from a camelot cell to another, camelot using a bottom-left origin."""
    return (float(cell.x1), height - float(cell.y2), float(last.x2), height - float(last.y1))


def _cells(t: Any, height: float) -> list[list[BBox | None]]:
    """Every camelot cell its own box (stream tables have no ruled spans)."""
    return [[_box(c, c, height) for c in row] for row in t.cells]


def _straddles(row: list[BBox | None], words: list[Obj]) -> bool:
    """True when a word in the row's band is cut by a column boundary (a title over the columns)."""
    boxes = [b for b in row if b is not None]
    if not boxes:
        return False
    top, bottom = boxes[0][1], boxes[0][3]
    cuts = [b[2] for b in boxes[:-1]]
    return any(
        top <= (w["top"] + w["bottom"]) / 2 <= bottom and any(w["x0"] + 1 < x < w["x1"] - 1 for x in cuts)
        for w in words
    )


def _trim(grid: list[list[BBox | None]], words: list[Obj]) -> list[list[BBox | None]]:
    """Drop leading and trailing stream rows whose words ignore the columns (titles, notes)."""
    while grid and _straddles(grid[0], words):
        grid = grid[1:]
    while grid and _straddles(grid[-1], words):
        grid = grid[:-1]
    return grid


def _regions(t: Any, height: float) -> list[list[BBox | None]]:
    """Merged regions of a lattice table: a box at each region's top-left cell, None elsewhere."""
    cells = t.cells
    n_rows = len(cells)
    n_cols = len(cells[0]) if cells else 0
    covered: set[tuple[int, int]] = set()
    grid: list[list[BBox | None]] = [[None] * n_cols for _ in range(n_rows)]
    for i in range(n_rows):
        for j in range(n_cols):
            if (i, j) in covered:
                continue
            j2 = j
            while j2 + 1 < n_cols and not cells[i][j2].right and not cells[i][j2 + 1].left:
                j2 += 1
            i2 = i
            while i2 + 1 < n_rows and not cells[i2][j].bottom and not cells[i2 + 1][j].top:
                i2 += 1
            grid[i][j] = _box(cells[i][j], cells[i2][j2], height)
            covered.update((a, b) for a in range(i, i2 + 1) for b in range(j, j2 + 1))
    return grid
