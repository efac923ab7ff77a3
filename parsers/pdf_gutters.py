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
from collections.abc import Sequence
from statistics import median

from parsers.pdf_bands import (
    BAR_SHARE,
    GAP_OF_HEIGHT,
    LINE_GAP_OF_HEIGHT,
    MIN_COLUMNS,
    MIN_LINES,
    REFIT,
    SNAP,
    SPANNING,
    Band,
    crosses,
    gutter_bounds,
    is_label_value,
    word_runs,
)
from parsers.pdf_gutter_rows import (
    bold_lines,
    header_texts,
    indicator_column,
    numbered_band,
    row_starts,
    rule_spans,
    text_rights,
    wrapped_columns,
)
from parsers.pdf_text import Obj, VLine, group_lines, line_edge
from parsers.vocab import header_column

MAX_BAR_OVERHANG = 36.0  # points a fraction bar may reach past the text of its outer column (cell padding)

__all__ = [
    "Band",
    "band_edges",
    "continued_band",
    "find_bands",
    "gutter_edges",
    "row_starts",
    "spanning_rules",
]


def _without_crossing_tail(body: list[VLine], gap: float) -> list[VLine]:
    """The body without trailing lines that run across the gutters of the lines above.

    A running footer or a closing sentence printed close under a rule-less table would fill
    every gutter and hide the columns: a line that crosses the gutters of the rest is not a row.
    A line of as many separate runs as a table has columns is a row all the same: its cell is
    longer than any above it (a last row under a short one).
    """
    while len(body) > MIN_LINES:
        bounds = gutter_bounds(body[:-1], gap)
        if len(bounds) - 1 < MIN_COLUMNS or not crosses(body[-1], bounds):
            break
        if len(word_runs(body[-1], gap)) >= MIN_COLUMNS:
            break
        body = body[:-1]
    return body


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


def _bar_between(above: VLine, below: VLine, bars: Sequence[Obj]) -> bool:
    """True when a short rule (a drawn fraction bar) lies in the gap between the two lines."""
    return any(
        above.bottom - 1 <= e["top"] <= below.top + 1 and e["x0"] >= min(above.x0, below.x0) - 1 for e in bars
    )


def find_bands(words: list[Obj], min_columns: int = MIN_COLUMNS, bars: Sequence[Obj] = ()) -> list[Band]:
    """Runs of tightly spaced lines whose words fall into `min_columns` or more whitespace columns.

    `bars`: short horizontal rules of the page; the room a fraction bar takes between two lines
    of a cell is no blank line between tables.
    """
    lines = group_lines(words)
    if len(lines) < MIN_LINES:
        return []
    height = median(ln.bottom - ln.top for ln in lines)
    gap = max(4.0, GAP_OF_HEIGHT * height)
    groups: list[list[VLine]] = [[]]
    for i, line in enumerate(lines):
        if is_label_value(line, gap):  # a profile field line ends any table
            groups.append([])
            continue
        blank = i and line.top - lines[i - 1].bottom >= LINE_GAP_OF_HEIGHT * height
        if blank and not _bar_between(lines[i - 1], line, bars):
            groups.append([])
        groups[-1].append(line)
    bands = []
    for group in groups:
        start = next((i for i, ln in enumerate(group) if len(word_runs(ln, gap)) >= min_columns), None)
        if start is None or (len(group) - start < MIN_LINES and not _header_over_one(group[start:], gap)):
            continue
        body = _without_crossing_tail(group[start:], gap)
        band = _joined(Band(body, gutter_bounds(body, gap)))
        bounds = band.bounds
        wide = sum(1 for ln in body if len({band.column_of(w) for w in ln.words}) >= min_columns)
        if len(bounds) - 1 >= min_columns and wide >= 2:
            bands.append(band)
    return bands


def _header_over_one(lines: list[VLine], gap: float) -> bool:
    """A header the vocabulary names cell by cell, an indikator cell among them, over one line: a
    table the page breaks right under its first row (its rows go on on the next page)."""
    if len(lines) != 2:
        return False
    cells = [" ".join(w["text"] for w in run) for run in word_runs(lines[0], gap)]
    return len(cells) >= MIN_COLUMNS and _indicator_header(cells)


def _indicator_header(cells: Sequence[str]) -> bool:
    """Every cell names a column of the header vocabulary, the indikator column among them."""
    named = [header_column(text) for text in cells]
    return all(named) and "indikator" in named


def _snap(x: float, band: Band) -> float:
    """A rule's end moved onto the nearest column boundary, clipped to the band.

    The rule ends at the cell's edge, the boundary sits mid-gutter: it moves when close (cell
    padding) or when only whitespace lies between the two (a wide gutter).
    """
    nearest = min(band.bounds, key=lambda b: abs(b - x))
    lo, hi = min(x, nearest), max(x, nearest)
    clear = not any(w["x0"] < hi and w["x1"] > lo for ln in band.lines for w in ln.words)
    return min(max(nearest if abs(nearest - x) <= SNAP or clear else x, band.x0), band.x1)


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


def _in_one_column(edge: Obj, band: Band) -> bool:
    """True for a rule that lies within one column."""
    inner = [x for x in band.bounds[1:-1] if edge["x0"] + SNAP < x < edge["x1"] - SNAP]
    return not inner and edge["x1"] - edge["x0"] < SPANNING * (band.x1 - band.x0)


def _lone_bar(edge: Obj, edges: list[Obj], band: Band) -> bool:
    """True for a rule inside one column with no rule beside it: a fraction bar or an underline.

    A row rule spans the table, or all columns but those of a cell merged over several rows,
    drawn in one piece or as one border per cell: either way some rule lies beside it.
    """
    if not _in_one_column(edge, band):
        return False
    column = band.column_of(edge)
    return not any(
        abs(f["top"] - edge["top"]) <= 1 and f is not edge and band.column_of(f) != column for f in edges
    )


def _to_rule_ends(band: Band, spanning: list[Obj]) -> Band:
    """The band widened to where its rules end: the cells' own edges, past the text's extent.

    A fraction bar drawn over the full width of its cell then lies inside the cell box.
    """
    left, right = min(e["x0"] for e in spanning), max(e["x1"] for e in spanning)
    bounds = [min(band.x0, left), *band.bounds[1:-1], max(band.x1, right)]
    return Band(band.lines, bounds)


def _bars(band: Band, horizontal: list[Obj]) -> list[Obj]:
    """The rules inside the band that lie within one column: fraction bars (or underlines)."""
    top, bottom = band.lines[0].top, band.lines[-1].bottom
    return [e for e in horizontal if top < e["top"] < bottom and _in_one_column(e, band)]


def _to_bar_ends(band: Band, horizontal: list[Obj]) -> Band:
    """The rule-less band widened to the ends of the fraction bars in its outer columns.

    A bar is drawn over its cell's full width, past where the text of the column ends (the
    band's edge): the cell box must hold it for the bar to be read.
    """
    bars = _bars(band, horizontal)
    left = min((e["x0"] for e in bars if band.column_of(e) == 0), default=band.x0)
    last = len(band.bounds) - 2
    right = max((e["x1"] for e in bars if band.column_of(e) == last), default=band.x1)
    left, right = max(left, band.x0 - MAX_BAR_OVERHANG), min(right, band.x1 + MAX_BAR_OVERHANG)
    return Band(band.lines, [min(band.x0, left), *band.bounds[1:-1], max(band.x1, right)])


def band_edges(band: Band, horizontal: list[Obj], chars: list[Obj]) -> tuple[list[Obj], list[Obj]]:
    """Explicit vertical and horizontal edges of a band's grid (the band's own rules when it has some)."""
    spanning = spanning_rules(band, horizontal)
    if len(spanning) >= 2:
        band = _to_rule_ends(band, spanning)
        inside = [e for e in horizontal if spanning[0]["top"] - 1 <= e["top"] <= spanning[-1]["top"] + 1]
        rows = [e for e in inside if not _lone_bar(e, inside, band)]
        top, bottom = min(e["top"] for e in rows), max(e["top"] for e in rows)
        horiz = [line_edge(_snap(e["x0"], band), e["top"], _snap(e["x1"], band), e["top"], "h") for e in rows]
        horiz += [line_edge(band.x0, y, band.x1, y, "h") for y in (top, bottom)]
    else:
        band = _to_bar_ends(band, horizontal)
        lines = band.lines
        bars = _bars(band, horizontal)
        starts = row_starts(band, chars, bars)[1:]
        top, bottom = lines[0].top - 1.0, lines[-1].bottom + 1.0
        horiz = [line_edge(band.x0, y, band.x1, y, "h") for y in (top, bottom)]
        rights, is_numbered, bold = text_rights(band), numbered_band(band), bold_lines(band, chars)
        indicator = indicator_column(band)
        for i in starts:
            y = (lines[i - 1].bottom + lines[i].top) / 2
            # no cell goes on from a bold header into the rows under it
            skip = set()
            if bold[i] == bold[i - 1]:
                skip = wrapped_columns(band, i, rights, is_numbered, bars, indicator)
            horiz += [line_edge(a, y, b, y, "h") for a, b in rule_spans(band, skip)]
    vert = [line_edge(x, top, x, bottom, "v") for x in band.bounds]
    return vert, horiz


def gutter_edges(
    words: list[Obj], horizontal: list[Obj], chars: list[Obj], carried: Sequence[float] = ()
) -> list[tuple[list[Obj], list[Obj]]]:
    """Explicit edges of every rule-less table of a page (words and horizontal edges of the page).

    Two columns are too weak a sign on their own (a list with hanging labels has two): such a
    band is a table only when rules run across it. `carried`: the column boundaries of a
    rule-less table that ran to the foot of the page before, which lines at the top of this page
    continue (see continued_band).
    """
    ordered = sorted(horizontal, key=lambda e: e["top"])
    xs = [w["x0"] for w in words] + [w["x1"] for w in words]
    bars = [e for e in ordered if xs and e["x1"] - e["x0"] < BAR_SHARE * (max(xs) - min(xs))]
    bands = find_bands(words, bars=bars)
    head = continued_band(words, carried) if len(carried) >= 3 else None
    if head is not None and any(_shows_columns(b, head) for b in bands):
        head = None  # the page shows the table's columns by itself: its own gutters fit its own text
    if head is not None:
        bands = [head, *(b for b in bands if not _overlap(b, head))]
    narrow = [
        b
        for b in find_bands(words, 2, bars)
        if (len(spanning_rules(b, ordered)) >= 2 or _named_header(b)) and not _overlaps(b, bands)
    ]
    taken = [*bands, *narrow]
    singles = find_bands(words, 1, bars)
    ruled_lists = [
        b for b in singles if _ruled_list(b, ordered, _named_header(b)) and not _overlaps(b, taken)
    ]
    found = sorted([*taken, *ruled_lists], key=lambda b: b.lines[0].top)
    return [band_edges(b, ordered, chars) for b in found]


def _named_header(band: Band) -> bool:
    """True when the band's first line is an indicator table's header: every column named by the
    header vocabulary, an indikator column among them ("NOMOR | INDIKATOR").

    Without rules, two columns are a table only on this sign: a list with hanging labels has two.
    """
    cells = header_texts(band, 1)
    return len(cells) == len(band.bounds) - 1 and _indicator_header(list(cells.values()))


def _shows_columns(band: Band, head: Band) -> bool:
    """True when a band of the page's own gutters holds the continued rows and as many columns.

    Carried columns are for a page whose rows leave columns empty; where the page's own text
    shows every column, its gutters fit this page's text better than the page before's.
    """
    return (
        band.lines[0].top <= head.lines[0].top + 1.0
        and band.lines[-1].bottom >= head.lines[-1].bottom - 1.0
        and len(band.bounds) >= len(head.bounds)
    )


def _overlaps(band: Band, others: Sequence[Band]) -> bool:
    return any(_overlap(band, o) for o in others)


def _ruled_list(band: Band, ordered: list[Obj], named: bool = False) -> bool:
    """True for one column of lines with a rule across it between every two lines: a one-column table.

    Nothing but the rules tells such a table from running text, so every line must be ruled off;
    under a header the vocabulary names (`named`: "INDIKATOR KINERJA") rules under the header and
    at the foot are enough, and a row may wrap over two lines.
    """
    if len(band.bounds) != 2:
        return False
    ys = [e["top"] for e in spanning_rules(band, ordered)]
    ruled = [any(a.bottom - 2 <= y <= b.top + 2 for y in ys) for a, b in itertools.pairwise(band.lines)]
    if named and ruled and ruled[0] and len(ys) >= 3:
        return True
    return all(ruled)


def _first_group(lines: list[VLine], gap: float, height: float) -> list[VLine]:
    """The page's lines down to the first "label : value" line or blank line slot.

    A running footer printed close under the rows would fill every gutter: trailing lines that run
    across the gutters of the lines above are left out, as in find_bands.
    """
    out: list[VLine] = []
    for line in lines:
        if is_label_value(line, gap) or (out and line.top - out[-1].bottom >= LINE_GAP_OF_HEIGHT * height):
            break
        out.append(line)
    return _without_crossing_tail(out, gap)


def _refitted(carried: list[float], own: list[float]) -> list[float]:
    """Carried inner boundaries moved onto this page's nearest gutter middle, when one is close.

    A gutter's middle depends on how far the text of its two columns reaches on each page. A
    column left empty on this page (a penanggung jawab column beside the rows' last lines) shows
    no gutter: the page's own right edge, just past its text, is a candidate too.
    """
    inner = [*own[1:-1], own[-1] + 1.0] if len(own) >= 2 else own
    out = [carried[0]]
    for x in carried[1:-1]:
        near = min(inner, key=lambda g: abs(g - x), default=x)
        out.append(near if abs(near - x) <= REFIT else x)
    return [*out, carried[-1]]


def continued_band(words: list[Obj], carried: Sequence[float]) -> Band | None:
    """The lines at the top of a page that go on with the table the page before ended in.

    A table broken at a page break need not repeat its header, and the rows on the new page may
    leave columns empty (or hold one wrapped line of one cell): their own gutters then show fewer
    columns, or none. Such lines take the columns of the table they continue, as long as no word
    lies across them: from the first line on, down to a "label : value" line, a blank line slot
    or a line that runs across the columns (a running header above the table is skipped).
    """
    lines = group_lines(words)
    if not lines:
        return None
    height = median(ln.bottom - ln.top for ln in lines)
    gap = max(4.0, GAP_OF_HEIGHT * height)
    bounds = _refitted(list(carried), gutter_bounds(_first_group(lines, gap, height), gap))
    body: list[VLine] = []
    for line in lines:
        fits = not crosses(line, bounds) and not is_label_value(line, gap)
        if not body and not fits and len(line.words) and line.bottom < lines[0].bottom + 3 * height:
            continue  # a running header line above the continued rows
        if not fits or (body and line.top - body[-1].bottom >= LINE_GAP_OF_HEIGHT * height):
            break
        body.append(line)
    if not body:
        return None
    # the outer edges were where the text ended on the page before: a longer line here moves them
    left, right = min(ln.x0 for ln in body) - 2.0, max(ln.x1 for ln in body) + 2.0
    return Band(body, [min(bounds[0], left), *bounds[1:-1], max(bounds[-1], right)])


def _overlap(a: Band, b: Band) -> bool:
    """True when the two bands share some height."""
    return a.lines[0].top < b.lines[-1].bottom and b.lines[0].top < a.lines[-1].bottom
