"""Rows scanned without rules between them: the numbers of the No column cut their grid band.

A table ruled only around its frame (or shaded only behind its header) comes out of the scan as
one band between two row lines: the No column reads "1." "2." "3." one under the other and every
other column stacks as many paragraphs, the header's words above them when its lower edge was a
shade rather than a line. Where a band's first column holds consecutive row numbers, each number's
top is where a printed row starts: the band is cut there (and above the first number when words
stand above it), as parsers/pdf_rowsplit.py does for a digital page's No cells.
"""

from __future__ import annotations

import itertools

from parsers.ocr_grid import Grid
from parsers.pdf_rowsplit import ROW_LIFT, ROW_NUMBER, counted_rows
from parsers.pdf_text import Obj


def band_cuts(band: list[Obj], numbers: list[Obj]) -> list[float]:
    """Where the printed rows of one band start (points), when its first column numbers them:
    `band` its words, `numbers` those of its first column that read as row numbers."""
    first = sorted(numbers, key=lambda w: w["top"])
    if not first or not counted_rows([str(w["text"]) for w in first]):
        return []
    cuts = [w["top"] - ROW_LIFT * (w["bottom"] - w["top"]) for w in first]
    above = any(w["bottom"] <= cuts[0] for w in band)
    return cuts if above else cuts[1:]


def split_rows(grid: Grid, words: list[Obj]) -> Grid:
    """The grid with every numbered band cut into its printed rows (fresh cells, each row's spans kept)."""
    bands: list[list[Obj]] = [[] for _ in grid.groups]
    numbers: list[list[Obj]] = [[] for _ in grid.groups]
    for w in words:  # each word where grid_table will put it: the slot its centre lies in
        slot = grid.slot_of((w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2)
        if slot is not None:
            bands[slot[0]].append(w)
            if slot[1] == 0 and ROW_NUMBER.match(str(w["text"]).strip()):
                numbers[slot[0]].append(w)
    ys: list[float] = [grid.ys[0]]
    groups: list[list[int]] = []
    fresh = itertools.count(max(g for row in grid.groups for g in row) + 1)
    for i, row in enumerate(grid.groups):
        for piece, y in enumerate([*band_cuts(bands[i], numbers[i]), grid.ys[i + 1]]):
            ys.append(y)
            if piece == 0:
                groups.append(list(row))
            else:
                ids = {g: next(fresh) for g in dict.fromkeys(row)}
                groups.append([ids[g] for g in row])
    return Grid(list(grid.xs), ys, groups) if len(ys) > len(grid.ys) else grid
