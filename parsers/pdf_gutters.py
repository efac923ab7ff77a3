"""Tables without vertical rules: columns from whitespace gutters, rows from rules or from where cells start.

Office tables printed with horizontal rules only, or with none, give pdfplumber no cell grid. Their
columns still show as vertical bands of whitespace that no word crosses over a run of tightly spaced
lines; their rows are bounded by the horizontal rules that span the table when there are any, else
they begin where several columns start text after a blank line slot (every cell of a row starts at
the row's top), where a narrow number column holds a number, or where bold header text ends. The
result is a set of explicit edges for pdfplumber's table finder, so cell text, fraction bars and
merged cells (a rule missing across one column) are read as for ruled tables.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from statistics import median

from parsers.pdf_text import Obj, VLine, group_lines, line_edge

MIN_COLUMNS = 3
MIN_LINES = 3
GAP_OF_HEIGHT = 0.5  # a gap between words this share of the line height or wider splits runs
LINE_GAP_OF_HEIGHT = 0.8  # a vertical gap this share of the line height or wider ends a table
SPANNING = 0.6  # a horizontal rule spanning this share of the table's width bounds rows
SNAP = 9.0  # points: a rule ending this close to a column boundary ends on it (cell padding)
NUMBER_COLUMN = 0.08  # a first column this share of the table's width or narrower may hold row numbers
NUMBERED_SHARE = 0.6  # ... and does when this share of its words are numbers


@dataclass(frozen=True)
class Band:
    """A candidate rule-less table: its lines and the x positions of its column boundaries."""

    lines: list[VLine]
    bounds: list[float]  # left edge, every gutter's middle, right edge

    @property
    def x0(self) -> float:
        return self.bounds[0]

    @property
    def x1(self) -> float:
        return self.bounds[-1]

    def column_of(self, word: Obj) -> int:
        """Index of the column holding the word's centre."""
        cx = (word["x0"] + word["x1"]) / 2
        return max(0, next((i for i, x in enumerate(self.bounds[1:]) if cx < x), len(self.bounds) - 2))


def _runs(line: VLine, gap: float) -> list[list[Obj]]:
    """The line's words in runs split at gaps of `gap` or wider."""
    words = sorted(line.words, key=lambda w: w["x0"])
    runs: list[list[Obj]] = []
    for w in words:
        if runs and w["x0"] - runs[-1][-1]["x1"] < gap:
            runs[-1].append(w)
        else:
            runs.append([w])
    return runs


def _label_value(line: VLine, gap: float) -> bool:
    """True for a "label : value" line (a run starting with a colon): a profile field, never a table row."""
    return any(run[0]["text"].startswith(":") for run in _runs(line, gap))


def _gutters(lines: list[VLine], gap: float) -> list[float]:
    """Left edge, middles of the x ranges no word of the lines covers (gap wide or wider), right edge."""
    spans = sorted((w["x0"], w["x1"]) for ln in lines for w in ln.words)
    merged: list[list[float]] = []
    for x0, x1 in spans:
        if merged and x0 - merged[-1][1] < gap:
            merged[-1][1] = max(merged[-1][1], x1)
        else:
            merged.append([x0, x1])
    middles = [(a[1] + b[0]) / 2 for a, b in itertools.pairwise(merged)]
    return [merged[0][0] - 2.0, *middles, merged[-1][1] + 2.0] if merged else []


def _joined(band: Band) -> Band:
    """Neighbouring columns that never both hold words on one line joined into one.

    A centred header over left-aligned cells leaves a gutter between the header's words and the
    body's that is not a column boundary: real neighbours show side by side on some line.
    """
    bounds = list(band.bounds)
    while len(bounds) > 3:
        occupied = [{Band(band.lines, bounds).column_of(w) for w in ln.words} for ln in band.lines]
        lonely = [j for j in range(len(bounds) - 2) if not any({j, j + 1} <= cols for cols in occupied)]
        if not lonely:
            break
        del bounds[lonely[0] + 1]
    return Band(band.lines, bounds)


def find_bands(words: list[Obj], min_columns: int = MIN_COLUMNS) -> list[Band]:
    """Runs of tightly spaced lines whose words fall into `min_columns` or more whitespace columns."""
    lines = group_lines(words)
    if len(lines) < MIN_LINES:
        return []
    height = median(ln.bottom - ln.top for ln in lines)
    gap = max(4.0, GAP_OF_HEIGHT * height)
    groups: list[list[VLine]] = [[]]
    for i, line in enumerate(lines):
        if _label_value(line, gap):  # a profile field line ends any table
            groups.append([])
            continue
        if i and line.top - lines[i - 1].bottom >= LINE_GAP_OF_HEIGHT * height:
            groups.append([])
        groups[-1].append(line)
    bands = []
    for group in groups:
        start = next((i for i, ln in enumerate(group) if len(_runs(ln, gap)) >= min_columns), None)
        if start is None or len(group) - start < MIN_LINES:
            continue
        body = group[start:]
        band = _joined(Band(body, _gutters(body, gap)))
        bounds = band.bounds
        wide = sum(1 for ln in body if len({band.column_of(w) for w in ln.words}) >= min_columns)
        if len(bounds) - 1 >= min_columns and wide >= 2:
            bands.append(band)
    return bands


def _bold(line: VLine, chars: list[Obj]) -> bool:
    """True when most of the line's characters are set in a bold face."""
    inside = [c for c in chars if line.top - 1 <= (c["top"] + c["bottom"]) / 2 <= line.bottom + 1]
    bold = sum(1 for c in inside if "bold" in str(c.get("fontname", "")).lower())
    return bool(inside) and bold > len(inside) / 2


def _numbered(band: Band) -> bool:
    """True when the first column is narrow and holds row numbers ("1", "2.") besides its header."""
    if band.bounds[1] - band.bounds[0] > NUMBER_COLUMN * (band.x1 - band.x0):
        return False
    texts = [w["text"] for ln in band.lines for w in ln.words if band.column_of(w) == 0]
    numbers = sum(1 for t in texts if t.rstrip(".").isdigit())
    return numbers >= 2 and numbers >= NUMBERED_SHARE * len(texts)  # the header ("NO", "N o .") aside


def row_starts(band: Band, chars: list[Obj]) -> list[int]:
    """Indexes of the band's lines that begin a table row."""
    occupied = [{band.column_of(w) for w in ln.words} for ln in band.lines]
    bold = [_bold(ln, chars) for ln in band.lines]
    numbered = _numbered(band)
    starts = [0]
    for i in range(1, len(band.lines)):
        # a number in the NO column, or two or more columns starting text after a blank slot
        # (rows under a NO cell merged over a group carry no number of their own)
        new = (numbered and 0 in occupied[i]) or len(occupied[i] - occupied[i - 1]) >= 2
        if new or bold[i] != bold[i - 1]:
            starts.append(i)
    return starts


def _snap(x: float, band: Band) -> float:
    """A rule's end moved onto the nearest column boundary when close (cell padding), clipped to the band."""
    nearest = min(band.bounds, key=lambda b: abs(b - x))
    return min(max(nearest if abs(nearest - x) <= SNAP else x, band.x0), band.x1)


def spanning_rules(band: Band, horizontal: list[Obj]) -> list[Obj]:
    """Horizontal edges (top to bottom) across most of the band's width, within two lines of it."""
    top, bottom = band.lines[0].top, band.lines[-1].bottom
    width = band.x1 - band.x0
    height = median(ln.bottom - ln.top for ln in band.lines)
    return [
        e
        for e in horizontal
        if top - 2 * height <= e["top"] <= bottom + 2 * height
        and min(e["x1"], band.x1) - max(e["x0"], band.x0) >= SPANNING * width
    ]


def band_edges(band: Band, horizontal: list[Obj], chars: list[Obj]) -> tuple[list[Obj], list[Obj]]:
    """Explicit vertical and horizontal edges of a band's grid (the band's own rules when it has some)."""
    spanning = spanning_rules(band, horizontal)
    if len(spanning) >= 2:
        rows = [e for e in horizontal if spanning[0]["top"] - 1 <= e["top"] <= spanning[-1]["top"] + 1]
        top, bottom = min(e["top"] for e in rows), max(e["top"] for e in rows)
        horiz = [line_edge(_snap(e["x0"], band), e["top"], _snap(e["x1"], band), e["top"], "h") for e in rows]
        horiz += [line_edge(band.x0, y, band.x1, y, "h") for y in (top, bottom)]
    else:
        lines = band.lines
        ys = [lines[0].top - 1.0]
        ys += [(lines[i - 1].bottom + lines[i].top) / 2 for i in row_starts(band, chars)[1:]]
        ys.append(lines[-1].bottom + 1.0)
        top, bottom = ys[0], ys[-1]
        horiz = [line_edge(band.x0, y, band.x1, y, "h") for y in ys]
    vert = [line_edge(x, top, x, bottom, "v") for x in band.bounds]
    return vert, horiz


def gutter_edges(
    words: list[Obj], horizontal: list[Obj], chars: list[Obj]
) -> list[tuple[list[Obj], list[Obj]]]:
    """Explicit edges of every rule-less table of a page (words and horizontal edges of the page).

    Two columns are too weak a sign on their own (a list with hanging labels has two): such a
    band is a table only when rules run across it.
    """
    ordered = sorted(horizontal, key=lambda e: e["top"])
    bands = find_bands(words)
    narrow = [
        b
        for b in find_bands(words, 2)
        if len(spanning_rules(b, ordered)) >= 2 and not any(_overlap(b, o) for o in bands)
    ]
    return [band_edges(b, ordered, chars) for b in sorted([*bands, *narrow], key=lambda b: b.lines[0].top)]


def _overlap(a: Band, b: Band) -> bool:
    """True when the two bands share some height."""
    return a.lines[0].top < b.lines[-1].bottom and b.lines[0].top < a.lines[-1].bottom
