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
import re

from parsers.ocr_grid import Grid
from parsers.pdf_text import Obj

_NUMBER = re.compile(r"^\(?(\d{1,3})[.)]?$")
_LIFT = 0.4  # of a number's height: a cell's first line printed a little higher still belongs to it


def _centre(w: Obj) -> tuple[float, float]:
    return (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2


def band_cuts(grid: Grid, band: int, words: list[Obj]) -> list[float]:
    """Where the printed rows of one band start (points), when its first column numbers them."""
    top, bottom = grid.ys[band], grid.ys[band + 1]
    inside = [w for w in words if top <= _centre(w)[1] < bottom and grid.xs[0] <= _centre(w)[0] < grid.xs[-1]]
    first = sorted(
        (w for w in inside if _centre(w)[0] < grid.xs[1] and _NUMBER.match(str(w["text"]).strip())),
        key=lambda w: w["top"],
    )
    values = [int(m.group(1)) for w in first if (m := _NUMBER.match(str(w["text"]).strip()))]
    if not first or not all(b == a + 1 for a, b in itertools.pairwise(values)):
        return []
    cuts = [w["top"] - _LIFT * (w["bottom"] - w["top"]) for w in first]
    above = any(w["bottom"] <= cuts[0] for w in inside)
    return cuts if above else cuts[1:]


def split_rows(grid: Grid, words: list[Obj]) -> Grid:
    """The grid with every numbered band cut into its printed rows (fresh cells, each row's spans kept)."""
    ys: list[float] = [grid.ys[0]]
    groups: list[list[int]] = []
    fresh = itertools.count(max(g for row in grid.groups for g in row) + 1)
    for i, row in enumerate(grid.groups):
        cuts = band_cuts(grid, i, words)
        for piece, y in enumerate([*cuts, grid.ys[i + 1]]):
            ys.append(y)
            if piece == 0:
                groups.append(list(row))
            else:
                ids = {g: next(fresh) for g in dict.fromkeys(row)}
                groups.append([ids[g] for g in row])
    return Grid(list(grid.xs), ys, groups) if len(ys) > len(grid.ys) else grid
