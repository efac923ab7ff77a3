"""A position's profile block ("1. Jabatan : X", "2. Tugas : ...") cut into a pipe table's columns.

pymupdf4llm draws the columns of a rule-less table down the page past the table, so the profile
block printed just above or below it comes out as rows of the table, cut at the column lines
wherever they fall: inside a word ("|1.<br>Jab|atan<br>: KASI PELAYANAN PU|BLIK|||"). Such rows
are put back into text lines here, before the tables are read: each cell's spans grouped into its
visual lines, the cells laid beside each other line by line (a line of the next cell goes where it
ends a word cut at the column line: "peren" + "canaan"), a word cut in two joined again. A row is
such a row when its first line so rebuilt reads "N. <field label> :" (structure/data/labels.yaml).
"""

from __future__ import annotations

import re

from parsers.field_labels import labels_only
from parsers.md_syntax import BR, SEPARATOR, is_framed, pipe_cells
from parsers.text_layer import known_words

_MARKER = re.compile(r"^(?:\d{1,2}\.|[a-z][.)]|\d{1,2}\)|[-•●▪*])$")
_PROFILE_LINE = re.compile(r"^\d{1,2}\.\s+([A-Za-z][A-Za-z. ]{0,40}?)\s*:")
_HEAD = re.compile(r"^[A-Za-z0-9]+")
_TAIL = re.compile(r"[A-Za-z0-9]+$")


def _framed(line: str) -> bool:
    return is_framed(line) and not SEPARATOR.match(line.strip())


def _cells(line: str) -> list[str]:
    return [c.strip() for c in pipe_cells(line)]


def cell_lines(cell: str) -> list[str]:
    """A cell's visual lines: a list marker ("1.", "•") and a colon-led value (": X") after a word
    piece ("atan") are spans of the line they start or end, not lines of their own."""
    out: list[str] = []
    for span in (s.strip() for s in BR.split(cell)):
        if not span:
            continue
        after_marker = bool(out) and bool(_MARKER.match(out[-1])) and not _MARKER.match(span)
        after_piece = bool(out) and span.startswith(":") and ":" not in out[-1] and " " not in out[-1]
        if after_marker or after_piece:
            out[-1] = f"{out[-1]} {span}"
        else:
            out.append(span)
    return out


def cut_word(a: str, b: str) -> tuple[bool, bool]:
    """(the two pieces around a column line make one known word, they are one word at all): two
    known words stay apart unless together they are a known word too ("pen" + "catatan")."""
    tail, head = _TAIL.search(a), _HEAD.match(b)
    if not tail or not head:
        return False, False
    words = known_words()
    glued = (tail.group(0) + head.group(0)).lower()
    if glued in words:
        return True, True
    return False, not (tail.group(0).lower() in words and head.group(0).lower() in words)


def join_cut(a: str, b: str) -> str:
    """Two pieces of a line the column line cut: no space where it cut a word."""
    if not a:
        return b
    if re.search(r"\w-$", a) and b[:1].isalpha():
        return a + b  # "tugas-" + "tugas lain": a hyphenated word
    return a + b if cut_word(a, b)[1] else f"{a} {b}"


def _fit(a: str, b: str) -> float:
    """How well `b` goes on `a`'s line: it ends a word cut at the column line (the longer the
    word, the surer: "bidan" + "g" over "dan" + "g"), or it is the text of a list marker left
    alone ("1)")."""
    if cut_word(a, b)[0]:
        tail, head = _TAIL.search(a), _HEAD.match(b)
        return 2 + min(len(tail.group(0)) + len(head.group(0)), 30) / 100 if tail and head else 2
    return 1 if _MARKER.match(a.split(" ")[-1]) and " " not in a.strip() else 0


def _placement(left: list[str], right: list[str]) -> list[int]:
    """Beside which line of `left` each line of `right` goes, in order: where the most of them end
    a cut word that is a known word; the top-most such placement."""
    n, m = len(left), len(right)
    if m >= n:
        return list(range(m))
    score = [[_fit(a, b) for a in left] for b in right]
    # best[k][i]: the best score placing right[k:] on left[i:]
    best = [[0.0] * (n + 1) for _ in range(m + 1)]
    for k in range(m - 1, -1, -1):
        best[k][n] = -1e6
        for i in range(n - 1, -1, -1):
            best[k][i] = max(score[k][i] + best[k + 1][i + 1], best[k][i + 1])
    at, i = [], 0
    for k in range(m):
        while score[k][i] + best[k + 1][i + 1] < best[k][i]:
            i += 1
        at.append(i)
        i += 1
    return at


_BARE_LABEL = re.compile(r"^\d{1,2}\.\s+([A-Za-z][A-Za-z. ]{0,40})$")


_NUMBER = re.compile(r"^\d{1,2}\.$")
_LABEL_LED = re.compile(r"^([A-Za-z][A-Za-z. ]{0,40}?)\s*:")


def _numbered_labels(numbers: list[str], pieces: list[str]) -> list[str] | None:
    """A cell of list numbers ("1.", "2.", "3.") beside a cell of labels with their values
    ("Jabatan : P", "Tugas : M", "Fungsi : -") -> each label after its number."""
    if not numbers or not all(_NUMBER.match(n) for n in numbers):
        return None
    led = [k for k, p in enumerate(pieces) if (m := _LABEL_LED.match(p)) and labels_only(m.group(1))]
    if len(led) != len(numbers):
        return None
    at = dict(zip(led, numbers, strict=True))
    return [f"{at[k]} {p}" if k in at else p for k, p in enumerate(pieces)]


def _paired_with_labels(labels: list[str], pieces: list[str]) -> list[str] | None:
    """Bare labels ("1. Jabatan", "2. Tugas") and a cell of their colon-led values, each value's
    list items on lines after it -> the labels with their values; None unless one value a label."""
    bare = [_BARE_LABEL.match(x) for x in labels]
    if not labels or not all(m and labels_only(m.group(1)) for m in bare):
        return None
    starts = [k for k, p in enumerate(pieces) if p.startswith(":")]
    if len(starts) != len(labels) or starts[0] != 0:
        return None
    out: list[str] = []
    for label, a, b in zip(labels, starts, [*starts[1:], len(pieces)], strict=True):
        out += [f"{label} {pieces[a]}", *pieces[a + 1 : b]]
    return out


def row_lines(cells: list[str]) -> list[str]:
    """The text lines of a pipe row whose cells cut its lines at the column lines. A line reaches
    a cell only across the cell before it, so a cell's lines go beside the lines that reached the
    cell before (when there are enough of them), else from the top; a cell of values beside a cell
    of bare labels goes value by label."""
    lines: list[str] = []
    reached: list[int] = []
    for cell in cells:
        pieces = cell_lines(cell)
        if not pieces:
            continue
        paired = _paired_with_labels(lines, pieces) or _numbered_labels(lines, pieces)
        if paired is not None:
            lines, reached = paired, list(range(len(paired)))
            continue
        if len(pieces) <= len(reached):
            at = [reached[k] for k in _placement([lines[r] for r in reached], pieces)]
        else:
            at = _placement(lines, pieces)
        lines += [""] * (max(at) + 1 - len(lines))
        for k, piece in zip(at, pieces, strict=True):
            lines[k] = join_cut(lines[k], piece)
        reached = at
    return [ln for ln in lines if ln]


def _opens_profile(lines: list[str]) -> bool:
    m = _PROFILE_LINE.match(lines[0]) if lines else None
    return m is not None and labels_only(m.group(1)) is not None


def _goes_on(cells: list[str]) -> bool:
    """A row under a profile row that only goes on with its list: nothing in the first cell, an
    item marker ("•", "b.") opening the rest."""
    rest = [c for c in cells[1:] if c.strip()]
    if cells[0].strip() or not rest or "**" in "".join(cells):
        return False
    return bool(_MARKER.match(BR.split(rest[0])[0].strip()))


def _is_bold_row(line: str) -> bool:
    filled = [c for c in _cells(line) if c]
    return bool(filled) and all(c.startswith("**") for c in filled)


def cut_profile_rows_to_lines(lines: list[str]) -> list[str]:
    """A page's lines with every run of pipe rows that is a profile block cut at the column lines
    turned into its text lines. A table header after it (the block was the table's first row, or
    the table goes on under its header again) gets the `|---|` line under it."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        cells = _cells(lines[i]) if _framed(lines[i]) else []
        if len(cells) < 2 or "**" in lines[i] or not _opens_profile(row_lines(cells)):
            out.append(lines[i])
            i += 1
            continue
        block = row_lines(cells)
        i += 1
        while i < len(lines) and _framed(lines[i]):
            nxt = _cells(lines[i])
            if "**" not in lines[i] and (_goes_on(nxt) or _opens_profile(row_lines(nxt))):
                block += row_lines(nxt)
                i += 1
            else:
                break
        out += ["", *block, ""]
        if i < len(lines) and SEPARATOR.match(lines[i]) and "|" in lines[i]:
            i += 1  # the block was the header row: the next row is the table's header
        if i < len(lines) and _framed(lines[i]) and _is_bold_row(lines[i]):
            out += [lines[i], "|" + "---|" * len(_cells(lines[i]))]
            i += 1
            if i < len(lines) and SEPARATOR.match(lines[i]) and "|" in lines[i]:
                i += 1
    return out
