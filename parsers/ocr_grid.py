"""Ruled tables in a page image: line masks (OpenCV morphology) -> cell grid -> spanning cells -> tables.

Works on the ink mask of a deskewed page (uint8, 255 = ink). Ruling lines are long thin runs of
ink; the column and row lines of a table are clustered into a grid of slots, a slot border counts
where the line is really drawn there, and slots without a border between them are one spanning
cell. Words (tesseract boxes, in page points) go to the slot holding their centre; the slots
covered by a spanning cell are `Cell(merged=True)`, as pdfplumber's grid gives them.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass
from statistics import fmean

import numpy as np

from parsers.lazy import lazy
from parsers.model import Cell, Provenance, Row, Table
from parsers.number_row import is_number_row
from parsers.pdf_tables import FoundTable, score, words_landed
from parsers.pdf_text import (
    BBox,
    Obj,
    VLine,
    cell_lines,
    cell_text,
    group_lines,
    logical_paragraphs,
    visual_text,
)

cv2 = lazy("cv2")  # imported when OCR runs: a digital PDF never needs OpenCV

MIN_LINE_PT = 28.0  # shortest ruling line (points): longer than any run of text strokes
CLUSTER_PT = 4.0  # line positions closer than this are one grid line
MIN_COLUMN_PT = 12.0  # column lines closer than this: the shorter one is letters, not a line
TOUCH_PT = 5.0  # how near a row line must end to a column line to count as ruling
BORDER_COVER = 0.6  # share of a slot side the line must cover to be a border
LINE_CONTRAST = 40  # grey levels below the local paper that a line pixel reaches
GAP_PT = 2.0  # breaks in a printed line up to this long are bridged
MAX_THICK_PT = 2.5  # mean thickness above which a long run is text or shading, not a line
MAX_SIDE_INK = 0.3  # ink share just beside a run above which it is letters closed up, not a line
MIN_TABLE_PT = (60.0, 12.0)  # smallest table width and height: a cut-off header row is a table


@dataclass(frozen=True)
class Segment:
    """One ruling line found in the image (pixels, inclusive box)."""

    x0: int
    y0: int
    x1: int
    y1: int

    @property
    def mid_x(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def mid_y(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass
class Grid:
    """A ruled table: column lines xs, row lines ys (points) and the cell (group) of every slot."""

    xs: list[float]
    ys: list[float]
    groups: list[list[int]]  # [row][column] -> cell id; slots of one spanning cell share the id

    @property
    def bbox(self) -> BBox:
        return (self.xs[0], self.ys[0], self.xs[-1], self.ys[-1])

    def box_of(self, cell: int) -> BBox:
        """Bounding box (points) of all slots of one cell."""
        slots = [(i, j) for i, row in enumerate(self.groups) for j, g in enumerate(row) if g == cell]
        i0, i1 = min(s[0] for s in slots), max(s[0] for s in slots)
        j0, j1 = min(s[1] for s in slots), max(s[1] for s in slots)
        return (self.xs[j0], self.ys[i0], self.xs[j1 + 1], self.ys[i1 + 1])

    def slot_of(self, x: float, y: float) -> tuple[int, int] | None:
        """Slot holding the point, or None when it is outside the grid."""
        i = bisect.bisect_right(self.ys, y) - 1
        j = bisect.bisect_right(self.xs, x) - 1
        if 0 <= i < len(self.ys) - 1 and 0 <= j < len(self.xs) - 1:
            return i, j
        return None


def _rect(w: int, h: int) -> np.ndarray:
    return cv2.getStructuringElement(cv2.MORPH_RECT, (max(w, 1), max(h, 1)))


def line_ink(grey: np.ndarray) -> np.ndarray:
    """Pixels clearly darker than the paper around them (255): faint grey ruling lines included."""
    small = cv2.resize(grey, None, fx=1 / 8, fy=1 / 8, interpolation=cv2.INTER_AREA)
    paper = cv2.resize(cv2.dilate(small, _rect(9, 9)), (grey.shape[1], grey.shape[0]))
    # saturating uint8 subtraction: paper darker than the pixel gives 0, never a wrapped-around value
    return cv2.threshold(cv2.subtract(paper, grey), LINE_CONTRAST, 255, cv2.THRESH_BINARY)[1]


def _box_sums(
    integral: np.ndarray, r0: np.ndarray, r1: np.ndarray, c0: np.ndarray, c1: np.ndarray
) -> np.ndarray:
    """Sums of the image over the boxes [r0, r1) x [c0, c1) (clipped), from its integral image."""
    rows, cols = integral.shape[0] - 1, integral.shape[1] - 1
    r0, r1 = np.clip(r0, 0, rows), np.clip(r1, 0, rows)
    c0, c1 = np.clip(c0, 0, cols), np.clip(c1, 0, cols)
    r1, c1 = np.maximum(r0, r1), np.maximum(c0, c1)
    return integral[r1, c1] - integral[r0, c1] - integral[r1, c0] + integral[r0, c0]


def _line_runs(mask: np.ndarray, ink_sums: np.ndarray, scale: float, horizontal: bool) -> np.ndarray:
    """Keep the runs of a mask that look like ruling: thin, with paper along both sides.

    A row of letters closed up into a run has ink just above or below it (the letters themselves).
    The side ink of every run comes from the ink's integral image `ink_sums` (no loop over the runs).
    """
    # Grana's block-based labelling: the same components, twice as fast as the default here
    n, labels, stats, _ = cv2.connectedComponentsWithStatsWithAlgorithm(mask, 8, cv2.CV_32S, cv2.CCL_GRANA)
    if n <= 1:
        return np.zeros_like(mask)
    x, y, w, h, area = (stats[1:, k].astype(np.int64) for k in range(5))
    # along: the run's extent along the line; (a0, a1) its span along, c its start and t its thickness across
    a0, along, c, t = (x, w, y, h) if horizontal else (y, h, x, w)
    gap = max(2, round(0.5 * scale))
    integral = ink_sums if horizontal else ink_sums.T  # the boxes below are written for a horizontal run
    before_lo, before_hi = np.maximum(0, c - 2 * gap), np.maximum(0, c - gap)
    after_lo, after_hi = c + t + gap, c + t + 2 * gap
    limit = integral.shape[0] - 1
    shares = []
    for lo, hi in ((before_lo, before_hi), (after_lo, after_hi)):
        size = (np.clip(hi, 0, limit) - np.clip(lo, 0, limit)) * along
        sums = _box_sums(integral, lo, hi, a0, a0 + along)
        shares.append(np.where(size > 0, sums / np.maximum(size, 1), 0.0))
    keep = (area <= MAX_THICK_PT * scale * along) & (np.maximum(*shares) <= MAX_SIDE_INK)
    out = mask.copy()
    for i in np.flatnonzero(~keep) + 1:  # few runs are dropped: clear them box by box, not per pixel
        left, top, width, height = (int(v) for v in stats[i, :4])
        box = out[top : top + height, left : left + width]
        box[labels[top : top + height, left : left + width] == i] = 0
    return out


def line_masks(ink: np.ndarray, scale: float) -> tuple[np.ndarray, np.ndarray]:
    """Sure ruling lines of a binarised page: unbroken ink runs of at least MIN_LINE_PT (opening)."""
    length = round(MIN_LINE_PT * scale)
    thick = max(1, round(0.6 * scale))  # a skew left over of a few tenths of a degree stays in the run
    # kernels turned for the vertical lines rather than the image transposed (same result, no copies)
    hmask = cv2.morphologyEx(cv2.dilate(ink, _rect(1, thick)), cv2.MORPH_OPEN, _rect(length, 1))
    vmask = cv2.morphologyEx(cv2.dilate(ink, _rect(thick, 1)), cv2.MORPH_OPEN, _rect(1, length))
    return hmask, vmask


def paper_sided(
    hmask: np.ndarray, vmask: np.ndarray, ink: np.ndarray, scale: float
) -> tuple[np.ndarray, np.ndarray]:
    """The runs of line masks that have paper along both sides: blurred letters closed up are dropped."""
    sums = cv2.integral((ink > 0).astype(np.uint8))
    return _line_runs(hmask, sums, scale, True), _line_runs(vmask, sums, scale, False)


def faint_line_masks(grey: np.ndarray, scale: float) -> tuple[np.ndarray, np.ndarray]:
    """Ruling lines as a grid needs them: faint grey or dotted prints included (breaks up to GAP_PT).

    Bridging breaks also joins the letters of a word into thin runs, so these masks only serve to
    find grid lines and borders; what is erased before OCR comes from `line_masks` and `grid_mask`.
    """
    length, gap = round(MIN_LINE_PT * scale), round(GAP_PT * scale)
    ink = line_ink(grey)
    hclosed = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, _rect(gap, 1))
    vclosed = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, _rect(1, gap))
    sums = cv2.integral((ink > 0).astype(np.uint8))  # one for both directions
    hmask = _line_runs(cv2.morphologyEx(hclosed, cv2.MORPH_OPEN, _rect(length, 1)), sums, scale, True)
    vmask = _line_runs(cv2.morphologyEx(vclosed, cv2.MORPH_OPEN, _rect(1, length)), sums, scale, False)
    return hmask, vmask


def grid_mask(grids: list[Grid], mask: np.ndarray, scale: float) -> np.ndarray:
    """The pixels of `mask` that lie on the grid lines of the tables (their ruling, however faint)."""
    bands = np.zeros_like(mask)
    t = max(2, round(CLUSTER_PT * scale / 2))
    for g in grids:
        x0, y0, x1, y1 = (round(v * scale) for v in g.bbox)
        for x in (round(v * scale) for v in g.xs):
            bands[max(0, y0 - t) : y1 + t + 1, max(0, x - t) : x + t + 1] = 255
        for y in (round(v * scale) for v in g.ys):
            bands[max(0, y - t) : y + t + 1, max(0, x0 - t) : x1 + t + 1] = 255
    return cv2.bitwise_and(mask, bands)


def segments(mask: np.ndarray) -> list[Segment]:
    """Connected runs of a line mask as segments (bounding boxes of its 8-connected components).

    Outer contours give the same boxes as connected-component stats, twenty times faster: with
    RETR_CCOMP a component lying in another's hole is an outer contour of its own (parent -1).
    """
    contours, hierarchy = cv2.findContours(mask, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    if hierarchy is None:
        return []
    boxes = [cv2.boundingRect(c) for c, h in zip(contours, hierarchy[0], strict=True) if h[3] < 0]
    return [Segment(x, y, x + w - 1, y + h - 1) for x, y, w, h in sorted(boxes, key=lambda b: (b[1], b[0]))]


@dataclass(frozen=True)
class GridLine:
    """Collinear segments joined: position across, and extent along the line (pixels)."""

    at: float
    start: float
    end: float
    inked: float  # summed length of its segments


def joined_lines(segs: list[Segment], horizontal: bool, tol: float) -> list[GridLine]:
    """Segments on one row (or column) line, broken by crossings or faint print, joined into lines."""
    spans = sorted((s.mid_y, s.x0, s.x1) if horizontal else (s.mid_x, s.y0, s.y1) for s in segs)
    groups: list[list[tuple[float, int, int]]] = []
    for span in spans:
        if groups and span[0] - groups[-1][-1][0] <= tol:
            groups[-1].append(span)
        else:
            groups.append([span])
    out = []
    for g in groups:
        weights = [end - start + 1 for _, start, end in g]
        at = sum(a * w for (a, _, _), w in zip(g, weights, strict=True)) / sum(weights)
        out.append(GridLine(at, min(s for _, s, _ in g), max(e for _, _, e in g), float(sum(weights))))
    return out


def _apart(lines: list[GridLine], min_gap: float) -> list[GridLine]:
    """Drop a line lying closer than min_gap to a longer one: letters stacked in a column ("J" of
    "Jumlah" row after row) can pass for a line, always just inside a real one (cell padding)."""
    kept: list[GridLine] = []
    for line in sorted(lines, key=lambda g: -g.inked):
        if all(abs(line.at - k.at) >= min_gap for k in kept):
            kept.append(line)
    return sorted(kept, key=lambda g: g.at)


def _outer(ends: list[float], edge: float, tol: float, before: bool) -> float | None:
    """A missing outer line: where most lines end beyond the last line found (faint or dotted border)."""
    beyond = sorted(e for e in ends if (e < edge - tol if before else e > edge + tol))
    return beyond[len(beyond) // 2] if len(beyond) * 2 > len(ends) else None


def grid_lines(
    hsegs: list[Segment], vsegs: list[Segment], tol: float, touch: float, min_gap: float
) -> tuple[list[int], list[int]]:
    """Column and row lines (pixels) of one ruled region.

    Column lines are the joined vertical lines; row lines the joined horizontal lines reaching two
    column lines (a fraction bar inside a cell reaches none). Where the row lines run on past the
    last column line, or the column lines past the last row line, the border there was too faint to
    find (or the table runs on over the page break); it is added where they end.
    """
    cols = _apart(joined_lines(vsegs, False, 2 * tol), min_gap)
    xs = [c.at for c in cols]
    rows = [
        r
        for r in joined_lines(hsegs, True, 2 * tol)
        if sum(r.start - touch <= x <= r.end + touch for x in xs) >= 2
    ]
    ys = [r.at for r in rows]
    if len(xs) < 2 or not ys:
        return [round(x) for x in xs], [round(y) for y in ys]
    left = _outer([r.start for r in rows], xs[0], touch, before=True)
    right = _outer([r.end for r in rows], xs[-1], touch, before=False)
    top = _outer([c.start for c in cols], ys[0], touch, before=True)
    bottom = _outer([c.end for c in cols], ys[-1], touch, before=False)
    xs = ([left] if left is not None else []) + xs + ([right] if right is not None else [])
    ys = ([top] if top is not None else []) + ys + ([bottom] if bottom is not None else [])
    return [round(x) for x in xs], [round(y) for y in ys]


def _covered(band: np.ndarray, axis: int) -> bool:
    """True when line ink runs along most of a slot side (the band around it)."""
    return band.size > 0 and float(np.any(band > 0, axis=axis).mean()) >= BORDER_COVER


def _slot_groups(
    xs: list[int], ys: list[int], hmask: np.ndarray, vmask: np.ndarray, tol: int
) -> list[list[int]]:
    """Cell id of every slot: slots with no drawn border between them are joined (union-find)."""
    rows, cols = len(ys) - 1, len(xs) - 1
    parent = list(range(rows * cols))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = a = parent[parent[a]]
        return a

    for i in range(rows):
        for j in range(cols):
            here = i * cols + j
            x, y = xs[j + 1] if j + 1 < cols else 0, ys[i + 1] if i + 1 < rows else 0
            if x and not _covered(vmask[ys[i] + tol : ys[i + 1] - tol, x - tol : x + tol + 1], 1):
                parent[find(here + 1)] = find(here)
            if y and not _covered(hmask[y - tol : y + tol + 1, xs[j] + tol : xs[j + 1] - tol], 0):
                parent[find(here + cols)] = find(here)
    return [[find(i * cols + j) for j in range(cols)] for i in range(rows)]


def find_grids(hmask: np.ndarray, vmask: np.ndarray, scale: float) -> list[Grid]:
    """Ruled tables of a page: regions of crossing lines with at least 2 row and 2 column lines."""
    tol = max(2, round(CLUSTER_PT * scale / 2))
    region_mask = cv2.dilate(cv2.bitwise_or(hmask, vmask), _rect(2 * tol + 1, 2 * tol + 1))
    hsegs, vsegs = segments(hmask), segments(vmask)
    grids: list[Grid] = []
    for r in segments(region_mask):
        inside_h = [s for s in hsegs if r.x0 <= s.mid_x <= r.x1 and r.y0 <= s.mid_y <= r.y1]
        inside_v = [s for s in vsegs if r.x0 <= s.mid_x <= r.x1 and r.y0 <= s.mid_y <= r.y1]
        xs, ys = grid_lines(inside_h, inside_v, tol, TOUCH_PT * scale, MIN_COLUMN_PT * scale)
        if len(xs) < 2 or len(ys) < 2:
            continue
        if xs[-1] - xs[0] < MIN_TABLE_PT[0] * scale or ys[-1] - ys[0] < MIN_TABLE_PT[1] * scale:
            continue
        groups = _slot_groups(xs, ys, hmask, vmask, tol)
        grids.append(Grid([x / scale for x in xs], [y / scale for y in ys], groups))
    return sorted(grids, key=lambda g: g.ys[0])


def _beside_bar(word: Obj, bars: list[BBox]) -> bool:
    """True when the word stands left or right of a bar, at its height ("x 100%" after a fraction)."""
    return any(
        word["top"] - 1 <= (r[1] + r[3]) / 2 <= word["bottom"] + 1
        and (word["x0"] >= r[2] or word["x1"] <= r[0])
        for r in bars
    )


def _off_bars(word: Obj, bars: list[BBox]) -> Obj:
    """The word's box cut at a bar it reaches over, on the side of its centre: tesseract's boxes of
    blurred print run past the strokes, and a denominator's box over the bar reads as struck through."""
    top, bottom = float(word["top"]), float(word["bottom"])
    mid = (top + bottom) / 2
    for r in bars:
        if min(word["x1"], r[2]) <= max(word["x0"], r[0]):
            continue  # beside the bar, not over or under it
        if mid > r[3] and top < r[3]:
            top = r[3]
        elif mid < r[1] and bottom > r[1]:
            bottom = r[1]
    return word if (top, bottom) == (word["top"], word["bottom"]) else {**word, "top": top, "bottom": bottom}


def _lines(words: list[Obj], rules: list[BBox], box: BBox) -> list[VLine]:
    """The cell's visual lines: word boxes cut at the bars inside the cell, words beside a bar kept
    off the line they touch. Tesseract's box of "x 100%" printed at the height of a fraction bar
    overlaps the numerator's line: the two would be one line crossing the bar (a strike-through).
    """
    bars = [
        r for r in rules if box[0] - 0.5 <= r[0] and r[2] <= box[2] + 0.5 and box[1] < r[1] and r[3] < box[3]
    ]
    if not bars:
        return group_lines(words)
    words = [_off_bars(w, bars) for w in words]
    beside = [w for w in words if _beside_bar(w, bars)]
    if not beside:
        return group_lines(words)
    rest = [w for w in words if not any(w is b for b in beside)]
    return sorted(group_lines(rest) + group_lines(beside), key=lambda ln: (ln.top, ln.x0))


def _cell(words: list[Obj], rules: list[BBox], box: BBox) -> Cell:
    """One cell from its words: visual lines as paragraphs (a drawn fraction as one), mean confidence."""
    visual = cell_lines(_lines(words, rules, box), rules, box)
    paragraphs = tuple(logical_paragraphs(visual))
    confs = [float(w["conf"]) / 100 for w in words if "conf" in w]
    return Cell(
        text=cell_text(paragraphs),
        paragraphs=paragraphs,
        raw=visual_text(visual),
        confidence=round(fmean(confs), 4) if confs else None,
    )


def _keep(lines: list[list[int]]) -> list[int]:
    """Indexes of the rows (or, transposed, columns) in which some cell starts."""
    seen: set[int] = set()
    keep: list[int] = []
    for i, row in enumerate(lines):
        starts = [g for g in row if g not in seen]
        seen.update(row)
        if starts:
            keep.append(i)
    return keep


def grid_table(
    grid: Grid, words: list[Obj], rules: list[BBox], source: str, page_no: int
) -> FoundTable | None:
    """Fill the grid with the words whose centre lies in it; a FoundTable with a quality score."""
    by_cell: dict[int, list[Obj]] = {g: [] for row in grid.groups for g in row}
    for w in words:
        slot = grid.slot_of((w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2)
        if slot is not None:
            by_cell[grid.groups[slot[0]][slot[1]]].append(w)
    boxes = {g: grid.box_of(g) for g in by_cell}
    cells = {g: _cell(ws, rules, boxes[g]) for g, ws in by_cell.items()}
    keep_rows = _keep(grid.groups)
    keep_cols = _keep([list(c) for c in zip(*grid.groups, strict=True)])
    origin: dict[int, tuple[int, int]] = {}
    for i in keep_rows:
        for j in keep_cols:
            origin.setdefault(grid.groups[i][j], (i, j))
    rows: list[tuple[Cell, ...]] = []
    for i in keep_rows:
        row = tuple(
            cells[g] if origin.get(g) == (i, j) else Cell(text="", merged=True)
            for j in keep_cols
            for g in (grid.groups[i][j],)
        )
        if any(c.text for c in row) and not is_number_row([c.text for c in row]):
            rows.append(row)
    if not rows:
        return None
    nonempty = sum(1 for c in cells.values() if c.text) / len(cells)
    widths = [len(set(r)) for r in grid.groups]
    consistency = Counter(widths).most_common(1)[0][1] / len(widths)
    landed = words_landed(words, grid.bbox, list(boxes.values()))
    table = Table(
        rows=[Row(r, Provenance(source, page_no, i)) for i, r in enumerate(rows, 1)],
        prov=Provenance(source, page_no, 1),
        engine="ocr-grid",
        quality=score(nonempty, landed, consistency),
    )
    return FoundTable(grid.bbox, table)
