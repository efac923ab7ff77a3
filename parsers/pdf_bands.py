"""Candidate rule-less tables: bands of lines, their whitespace columns, the runs of words on a line."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from parsers.pdf_text import Obj, VLine

MIN_COLUMNS = 3
MIN_LINES = 3
GAP_OF_HEIGHT = 0.5  # a gap between words this share of the line height or wider splits runs
LINE_GAP_OF_HEIGHT = 0.8  # a vertical gap this share of the line height or wider ends a table
SPANNING = 0.6  # a horizontal rule spanning this share of the table's width bounds rows
SNAP = 9.0  # points: a rule ending this close to a column boundary ends on it (cell padding)
NUMBER_COLUMN = 0.08  # a first column this share of the table's width or narrower may hold row numbers
NUMBERED_SHARE = 0.6  # ... and does when this share of its words are numbers
_LIST_NUMBER = re.compile(r"\(?(?:\d{1,2}|[a-zA-Z])[.)]")
REFIT = 20.0  # points: how far a carried column boundary may move to this page's own gutter
BAR_SHARE = 0.4  # a rule shorter than this share of the page's text width may be a fraction bar
FILL_SPACE = 0.3  # a space is about this share of the line height wide (fill test of wrapped lines)


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


def word_runs(line: VLine, gap: float) -> list[list[Obj]]:
    """The line's words in runs split at gaps of `gap` or wider."""
    words = sorted(line.words, key=lambda w: w["x0"])
    runs: list[list[Obj]] = []
    for w in words:
        if runs and w["x0"] - runs[-1][-1]["x1"] < gap:
            runs[-1].append(w)
        else:
            runs.append([w])
    return runs


def is_label_value(line: VLine, gap: float) -> bool:
    """True for a "label : value" line: a profile field, never a table row.

    The colon run follows one label run ("Jabatan", "MISI 1"), perhaps after a list number
    ("1.", "a)"); a colon starting a cell further right ("Sosial desa | : Total Desa", a wrapped
    formula) follows the runs of other cells and is a table line. So is a line whose colon is
    followed by two or more runs of several words and no second label ("dan zoonosa : | tahun-n
    di ... | - Balai Pengujian"): a wrapped cell ending in a colon, with the next cells' lines
    beside it. So is a lone colon (a cell's text wrapped before its colon). A field's value is one
    run, or words spread by justification (one word a run), or is followed by the next "label :
    value" of a two-field line.
    """
    runs = word_runs(line, gap)
    colon = next((i for i, run in enumerate(runs) if run[0]["text"].startswith(":")), None)
    if colon is None:
        return False
    after = runs[colon + 1 :]
    if colon == 0 and not after:
        return False  # a lone colon: the end of a wrapped cell ("Pemerintahan Umum" / ":"), no field
    phrases = sum(1 for run in after if len(run) >= 2)
    if phrases >= 2 and not any(run[0]["text"].startswith(":") for run in after):
        return False
    before = [" ".join(w["text"] for w in run) for run in runs[:colon]]
    return len(before) <= 1 or (len(before) == 2 and _LIST_NUMBER.fullmatch(before[0]) is not None)


def gutter_bounds(lines: list[VLine], gap: float) -> list[float]:
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


def crosses(line: VLine, bounds: list[float]) -> bool:
    """True when a word of the line lies across one of the inner column boundaries."""
    return any(w["x0"] < x < w["x1"] for w in line.words for x in bounds[1:-1])
