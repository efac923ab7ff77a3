"""Words and visual lines from pdfplumber characters, shared by the PDF table and line readers."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from pdfplumber.utils import extract_words

from parsers.model import Fraction, Paragraph, join_text_lines, paragraph_text
from vocabulary import load
from vocabulary.schemas import Formula

Obj = dict[str, Any]
BBox = tuple[float, float, float, float]  # x0, top, x1, bottom (pdfplumber page coordinates)

BAR = None  # where a fraction bar separates a cell's visual lines (see cell_lines)
VisualLine = str | None  # one visual line of a cell, or BAR
_SPACE = re.compile(r"\s+")


@dataclass
class VLine:
    """One visual line of text: its words joined by spaces, with its box."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    words: list[Obj] = field(default_factory=list, repr=False)

    @property
    def mid(self) -> float:
        """Vertical centre of the line."""
        return (self.top + self.bottom) / 2


def words_of(chars: list[Obj]) -> list[Obj]:
    """Words (pdfplumber dicts) built from characters."""
    return list(extract_words(chars, x_tolerance=2.5, y_tolerance=3))


def centre_in(obj: Obj, box: BBox, pad: float = 0.0) -> bool:
    """True when the object's centre lies inside the box (grown by pad)."""
    cx = (obj["x0"] + obj["x1"]) / 2
    cy = (obj["top"] + obj["bottom"]) / 2
    return box[0] - pad <= cx <= box[2] + pad and box[1] - pad <= cy <= box[3] + pad


@dataclass(frozen=True)
class _CentreIndex:
    """The objects of one list ordered by vertical centre, to find those centred in a box fast."""

    objs: list[Obj]
    ys: list[float]  # vertical centres, ascending
    order: list[int]  # the index in objs of each entry of ys
    xs: list[float]  # horizontal centre of each object, by its index in objs
    lines: dict[BBox, list[VLine]] = field(default_factory=dict)  # box_lines' answers, per box


_LAST_INDEX: list[_CentreIndex] = []  # the index of the last list asked about (a page's chars)


def _centre_index(objs: list[Obj]) -> _CentreIndex:
    """The index of this very list (kept for the next call: a page's cells all ask about its chars)."""
    if _LAST_INDEX and _LAST_INDEX[0].objs is objs:
        return _LAST_INDEX[0]
    cy = [(o["top"] + o["bottom"]) / 2 for o in objs]
    order = sorted(range(len(objs)), key=cy.__getitem__)
    index = _CentreIndex(objs, [cy[i] for i in order], order, [(o["x0"] + o["x1"]) / 2 for o in objs])
    _LAST_INDEX[:] = [index]
    return index


def centred_in(objs: list[Obj], box: BBox, pad: float = 0.0) -> list[Obj]:
    """`[o for o in objs if centre_in(o, box, pad)]`, in the same order, without testing every object.

    Each cell of a table asks which of the page's characters it holds: a scan per cell made that
    the costliest step of reading a page.
    """
    index = _centre_index(objs)
    lo = bisect.bisect_left(index.ys, box[1] - pad)
    hi = bisect.bisect_right(index.ys, box[3] + pad)
    x0, x1, xs = box[0] - pad, box[2] + pad, index.xs
    return [objs[i] for i in sorted(i for i in index.order[lo:hi] if x0 <= xs[i] <= x1)]


def box_lines(chars: list[Obj], box: BBox) -> list[VLine]:
    """`group_lines(words_of(centred_in(chars, box)))`, kept per box with the index of the last list
    of characters asked about: a table's row splitting and its cells read the same boxes of the
    page's chars."""
    memo = _centre_index(chars).lines
    key = (box[0], box[1], box[2], box[3])
    if key not in memo:
        memo[key] = group_lines(words_of(centred_in(chars, box)))
    return list(memo[key])


def group_lines(words: list[Obj]) -> list[VLine]:
    """Group words into visual lines (by vertical overlap), top to bottom, words left to right."""
    groups: list[list[Obj]] = []
    for w in sorted(words, key=lambda w: (w["top"], w["x0"])):
        mid = (w["top"] + w["bottom"]) / 2
        for g in reversed(groups[-3:]):
            top = min(x["top"] for x in g)
            bottom = max(x["bottom"] for x in g)
            if top <= mid <= bottom:
                g.append(w)
                break
        else:
            groups.append([w])
    out: list[VLine] = []
    for g in groups:
        g.sort(key=lambda w: w["x0"])
        text = _SPACE.sub(" ", " ".join(w["text"] for w in g)).strip()
        if text:
            out.append(
                VLine(
                    text,
                    min(w["x0"] for w in g),
                    min(w["top"] for w in g),
                    max(w["x1"] for w in g),
                    max(w["bottom"] for w in g),
                    g,
                )
            )
    out.sort(key=lambda ln: (ln.top, ln.x0))
    return out


def cell_text(paragraphs: tuple[Paragraph, ...]) -> str:
    """A cell's plain text: its paragraphs joined as visual lines are (a fraction reads "A / B")."""
    return join_text_lines([paragraph_text(p) for p in paragraphs])


def visual_text(lines: list[VisualLine]) -> str:
    """A cell's visual lines as read, one per line (the bar itself is no text)."""
    return "\n".join(ln for ln in lines if ln is not BAR)


_MARKER = re.compile(r"^\s*(?:[-–•●▪❖*]\s|\(?(?:[a-zA-Z]|\d{1,2}(?:\.\d{1,2})*)[.)]\s)")


def starts_list_item(text: str) -> bool:
    """True when the text opens with a list marker ("-", "•", "a.", "2)", "1.1.")."""
    return _MARKER.match(text + " ") is not None


def logical_paragraphs(lines: list[VisualLine]) -> list[Paragraph]:
    """Visual lines of a cell -> paragraphs: a new one starts at a list marker or a fraction bar.

    The paragraphs just above and below a bar become one drawn `Fraction`.
    """
    groups: list[list[str] | None] = []
    for ln in lines:
        if ln is BAR:
            groups.append(None)
        elif not groups or groups[-1] is None or _MARKER.match(ln):
            groups.append([ln])
        else:
            groups[-1].append(ln)
    out: list[Paragraph] = []
    for i, g in enumerate(groups):
        if g is None:
            continue
        bar_above = i >= 2 and groups[i - 1] is None and groups[i - 2] is not None
        if bar_above and isinstance(out[-1], str):  # text, bar, text: numerator over denominator
            k = next((k for k in range(1, len(g)) if _times_line().match(g[k])), len(g))
            out[-1] = Fraction(out[-1], join_text_lines(g[:k]), drawn=True)
            if k < len(g):  # "x jumlah hari efektif" printed under the denominator follows the fraction
                out.append(join_text_lines(g[k:]))
        else:
            out.append(join_text_lines(g))
    return out


@cache
def _times_line() -> re.Pattern[str]:
    return re.compile(load(Formula).times_line_pattern)


def horizontal_rules(page: Any) -> list[BBox]:
    """Thin horizontal rules on the page: `line` objects and flat rects, as bboxes."""
    rules: dict[tuple[int, int, int], BBox] = {}
    for obj in list(page.lines) + list(page.rects):
        width = obj["x1"] - obj["x0"]
        height = obj["bottom"] - obj["top"]
        if width >= 4 and height <= 2.0:
            key = (round(obj["x0"]), round(obj["top"]), round(obj["x1"]))  # drawn twice: keep once
            rules.setdefault(key, (obj["x0"], obj["top"], obj["x1"], obj["bottom"]))
    return sorted(rules.values(), key=lambda r: (r[1], r[0]))


def cell_lines(lines: list[VLine], rules: list[BBox], box: BBox, slack: float = 0.0) -> list[VisualLine]:
    """The cell's lines in order, with BAR where a fraction rule inside the cell separates them.

    `slack`: how far a bar may reach past the box's sides, for boxes drawn at gutter middles
    (no cell border there, so a rule as wide as the box is a bar too).
    """
    keyed: list[tuple[float, VisualLine]] = [(ln.mid, ln.text) for ln in lines]
    width = box[2] - box[0]
    for r in rules:
        y = (r[1] + r[3]) / 2
        inside = r[0] >= box[0] + 0.5 - slack and r[2] <= box[2] - 0.5 + slack and box[1] + 2 < y < box[3] - 2
        if not inside or (not slack and r[2] - r[0] >= width - 1.5):
            continue
        key = _rule_key(lines, r, y)
        if key is not None:
            keyed = _reorder_side_lines(keyed, lines, r, y)
            keyed.append((key, BAR))
    keyed.sort(key=lambda k: k[0])
    return [t for _, t in keyed]


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    """Length of the overlap of two intervals."""
    return max(0.0, min(a1, b1) - max(a0, b0))


def _rule_key(lines: list[VLine], r: BBox, y: float) -> float | None:
    """Sort key of a fraction rule, or None when it is no fraction (no text above and below it)."""
    if any(ln.top + 1.5 < y < ln.bottom - 1.5 and _overlap(ln.x0, ln.x1, r[0], r[2]) > 0 for ln in lines):
        return None  # strike-through
    above = [ln for ln in lines if ln.bottom <= y + 1 and _overlap(ln.x0, ln.x1, r[0], r[2]) > 0]
    below = [ln for ln in lines if ln.top >= y - 1 and _overlap(ln.x0, ln.x1, r[0], r[2]) > 0]
    if not above or not below:
        return None
    near_above = max(above, key=lambda ln: ln.bottom)
    near_below = min(below, key=lambda ln: ln.top)
    gap = near_below.top - near_above.bottom
    height = max(near_above.bottom - near_above.top, near_below.bottom - near_below.top)
    if gap > 2.5 * height:
        return None  # a separator between paragraphs, not a fraction bar
    den_width = near_below.x1 - near_below.x0
    if _overlap(near_below.x0, near_below.x1, r[0], r[2]) < 0.5 * den_width:
        return None  # an underline of the line above
    return (near_above.mid + near_below.mid) / 2


def _reorder_side_lines(
    keyed: list[tuple[float, VisualLine]], lines: list[VLine], r: BBox, y: float
) -> list[tuple[float, VisualLine]]:
    """Lines beside the bar ("IKU =" left, "x 100%" right) go before the numerator / after the denominator."""
    stack = [ln for ln in lines if _overlap(ln.x0, ln.x1, r[0], r[2]) > 0 and abs(ln.mid - y) < 40]
    if not stack:
        return keyed
    first = min(ln.mid for ln in stack) - 0.01
    last = max(ln.mid for ln in stack) + 0.01
    out: list[tuple[float, VisualLine]] = []
    for (key, text), ln in zip(keyed, lines, strict=False):
        if ln.top - 1 <= y <= ln.bottom + 1 and _overlap(ln.x0, ln.x1, r[0], r[2]) == 0:
            key = first if ln.x1 <= r[0] else last
        out.append((key, text))
    return out + keyed[len(lines) :]


def line_edge(x0: float, top: float, x1: float, bottom: float, orientation: str) -> Obj:
    """An edge dict as pdfplumber's table finder takes it."""
    return {
        "object_type": "line_edge",
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "width": x1 - x0,
        "height": bottom - top,
        "orientation": orientation,
    }
