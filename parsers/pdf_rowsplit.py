"""Rows printed without rules between them: a No cell holding several numbers cuts its band.

Tables ruled only around groups of rows print several numbered rows inside one ruled band: the
No cell reads "1. 2. 3." (one number per line) and every other cell stacks as many paragraphs.
The numbers' tops are where the printed rows start, so every cell box of the band is cut there
and the grid rebuilt: each printed row becomes its own grid row again.
"""

from __future__ import annotations

import itertools
import re

from parsers.pdf_text import BBox, Obj, VLine, box_lines, centre_in

ROW_NUMBER = re.compile(r"^\(?(\d{1,3})[.)]?$")
ROW_LIFT = 0.4  # of a number's height: a line printed a little higher (another font) is its row's
_TOL = 1.0  # points: float noise between boxes of one ruled band


def counted_rows(texts: list[str]) -> bool:
    """True when every text is a row number ("1." "(2)" "3)") and they count up by one."""
    found = [ROW_NUMBER.match(t.strip()) for t in texts]
    values = [int(m.group(1)) for m in found if m]
    return len(values) == len(texts) and all(b == a + 1 for a, b in itertools.pairwise(values))


def _lines(box: BBox, chars: list[Obj]) -> list[VLine]:
    return box_lines(chars, box)


def _number_cuts(lines: list[VLine]) -> list[float] | None:
    """Where the rows of a No cell of consecutive numbers (one per line) start, after the first."""
    if len(lines) < 2 or not counted_rows([ln.text for ln in lines]):
        return None
    return [ln.top - ROW_LIFT * (ln.bottom - ln.top) for ln in lines[1:]]


def _inside(box: BBox, band: BBox) -> bool:
    return box[1] >= band[1] - _TOL and box[3] <= band[3] + _TOL


def _filled_segments(box: BBox, cuts: list[float], chars: list[Obj]) -> int:
    """How many of the cut pieces of `box` hold text."""
    return sum(1 for piece in _cut(box, cuts) if _lines(piece, chars))


def _cut(box: BBox, cuts: list[float]) -> list[BBox]:
    inner = [y for y in cuts if box[1] + _TOL < y < box[3] - _TOL]
    edges = [box[1], *inner, box[3]]
    return [(box[0], a, box[2], b) for a, b in itertools.pairwise(edges)]


def _band_cuts(boxes: list[tuple[BBox, int]], chars: list[Obj]) -> list[tuple[BBox, list[float]]]:
    """Bands (a numbered No cell's box) and their cuts, where another cell holds as many paragraphs."""
    out: list[tuple[BBox, list[float]]] = []
    for box, col in boxes:
        lines = _lines(box, chars)
        cuts = _number_cuts(lines)
        if cuts is None or _wrapped_number(lines, _neighbour_numbers(box, col, boxes, chars)):
            continue
        others = [b for b, _ in boxes if b != box and _inside(b, box)]
        if any(_filled_segments(b, cuts, chars) == len(cuts) + 1 for b in others):
            out.append((box, cuts))
    return out


def _number_in(box: BBox, chars: list[Obj]) -> int | None:
    text = "".join(ln.text for ln in _lines(box, chars)).replace(" ", "")
    found = ROW_NUMBER.match(text)  # wrapped too ("1" over "1": 11)
    return int(found.group(1)) if found else None


def _neighbour_numbers(
    box: BBox, col: int, boxes: list[tuple[BBox, int]], chars: list[Obj]
) -> tuple[int | None, int | None]:
    """The row numbers in the nearest cells above and below `box` in its column, where they hold one."""
    above = [b for b, j in boxes if j == col and b[3] <= box[1] + _TOL]
    below = [b for b, j in boxes if j == col and b[1] >= box[3] - _TOL]
    return (
        _number_in(max(above, key=lambda b: b[3]), chars) if above else None,
        _number_in(min(below, key=lambda b: b[1]), chars) if below else None,
    )


def _wrapped_number(lines: list[VLine], around: tuple[int | None, int | None]) -> bool:
    """True when a narrow No cell's digits are one number wrapped over lines: "1" over "2" between
    the rows numbered 11 and 13 is row 12."""
    digits = "".join(re.sub(r"\D", "", ln.text) for ln in lines)
    if not digits.isdigit() or len(lines) > 3:
        return False
    above, below = around
    return (above is not None and int(digits) == above + 1) or (
        below is not None and int(digits) == below - 1
    )


def split_numbered_rows(grid: list[list[BBox | None]], chars: list[Obj]) -> list[list[BBox | None]]:
    """The grid with every band of several numbered rows cut into one grid row per number."""
    if not grid or not grid[0]:
        return grid
    boxes = [(b, j) for row in grid for j, b in enumerate(row) if b is not None]
    bands = _band_cuts(boxes, chars)
    if not bands:
        return grid
    pieces: list[tuple[BBox, int]] = []
    for box, col in boxes:
        cuts = next((c for band, c in bands if _inside(box, band)), None)
        pieces.extend((p, col) for p in (_cut(box, cuts) if cuts else [box]))
    tops = sorted({round(p[1], 1) for p, _ in pieces})
    rebuilt: list[list[BBox | None]] = [[None] * len(grid[0]) for _ in tops]
    for p, col in pieces:
        rebuilt[tops.index(round(p[1], 1))][col] = p
    return rebuilt


def _column_edges(grid: list[list[BBox | None]]) -> list[float] | None:
    """Left edge of every grid column (from the boxes starting in it) and the right edge of the last."""
    lefts: list[float] = []
    for j in range(len(grid[0])):
        xs = [box[0] for row in grid if (box := row[j]) is not None]
        if not xs:
            return None
        lefts.append(min(xs))
    rights = [b[2] for row in grid for b in row if b is not None]
    return [*lefts, max(rights)]


def _uncut(edges: list[float], words: list[Obj]) -> list[float]:
    """Inner edges moved off the words they would cut: a word goes to the column holding its centre."""
    out = list(edges)
    for i in range(1, len(out) - 1):
        for w in words:
            if w["x0"] < out[i] < w["x1"]:
                out[i] = w["x0"] if (w["x0"] + w["x1"]) / 2 > out[i] else w["x1"]
    return out


def split_spanning_header(grid: list[list[BBox | None]], words: list[Obj]) -> list[list[BBox | None]]:
    """A first row drawn as one box over every column (its inner rules missing) is cut at the columns below.

    A header cell may span a few columns ("Target" over the years), never all of them: a box over
    all columns above rows of three or more separate cells is a header whose column rules were not drawn.
    """
    if len(grid) < 2 or len(grid[0]) < 3 or grid[0][0] is None or any(b is not None for b in grid[0][1:]):
        return grid
    if not any(sum(1 for b in row if b is not None) >= 3 for row in grid[1:]):
        return grid
    edges = _column_edges(grid)
    box = grid[0][0]
    if edges is None or box[2] < edges[-1] - _TOL:
        return grid
    edges = _uncut(edges, [w for w in words if centre_in(w, box)])
    head: list[BBox | None] = [(a, box[1], b, box[3]) for a, b in itertools.pairwise(edges)]
    return [head, *grid[1:]]
