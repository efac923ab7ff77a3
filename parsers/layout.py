"""Layout text (`pdftotext -layout`, pdfplumber layout text, tables typed with spaces) -> tables.

Columns come from whitespace geometry: a table region is a run of lines with several cells apart
by two or more spaces, and its column boundaries are the character columns left blank by the
lines of the region (a few lines may cross a gutter; the header's words must not). Lines are cut
at those boundaries and grouped into printed rows (parsers/layout_rows.py). A region reads on
across a form feed while the next page keeps its columns, so a continued table is stitched.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from parsers.layout_labels import mask_label_runs
from parsers.layout_pages import align_continued_tables
from parsers.layout_rows import (
    ROW_COUNT,
    group_rows,
    is_header_continuation,
    is_number_line,
    is_section_label,
    join_header,
    row_cells,
    row_lines,
)
from parsers.list_table import read_list_table
from parsers.markdown_rows import join_coded_text_cells
from parsers.markup import collapse
from parsers.model import Cell, Provenance, RawDocument, Row
from parsers.text import (
    PAGE_BREAK,
    DecodedTextParser,
    TableRead,
    raw_to_cell,
    read_tab_table,
    text_to_document,
)
from parsers.vocab import indikator_column, layout_settings
from structure.columns import header_mapping

_MULTIPLIER = re.compile(r"^[xX×]\s*\d+(?:[.,]\d+)*\s*%?$")
_LIST_MARK = re.compile(r"^\(?(?:\d{1,2}|[a-zA-Z])[.)]$")  # "1." "a)" "(2)": a list item's number
_GAP = re.compile(r"\S(?:\s?\S)*")  # a chunk: words apart by single spaces


def chunks(line: str) -> list[tuple[int, int]]:
    """(start, end) of the runs of text apart by two or more spaces."""
    return [(m.start(), m.end()) for m in _GAP.finditer(line.expandtabs())]


def _is_label_line(line: str, inside: bool = False) -> bool:
    """`Label   : value` lines (profile, jabatan, tugas): not table rows. Inside a table only a
    label at the left margin counts: a lone colon in a formula cell makes no label line."""
    parts = chunks(line)
    colon = any(line.expandtabs()[s] == ":" for s, _ in parts[1:3])
    return colon and (not inside or parts[0][0] <= 4)


def _is_section_line(line: str) -> bool:
    """A table's section label on a row of its own ("Tujuan :", "Sasaran :")."""
    return is_section_label(_chunk_texts(line))


def _is_row_line(line: str, min_cells: int) -> bool:
    return len(chunks(line)) >= min_cells and not _is_label_line(line)


def _page_break_ahead(lines: Sequence[str], i: int) -> bool:
    """The blank lines from `i` on hold a page break: the table may go on on the next page."""
    while i < len(lines) and not lines[i].strip():
        if lines[i] == PAGE_BREAK:
            return True
        i += 1
    return False


def _chunk_texts(line: str) -> list[str]:
    return [line.expandtabs()[a:b] for a, b in chunks(line)]


def _gap_ahead(lines: Sequence[str], i: int, min_cells: int, max_gap: int) -> bool:
    """The blank lines from `i` on are a wide vertical gap (at most `max_gap` lines) before a line
    that is a table row of its own: pdftotext prints a tall row gap or the space under a header
    as several blank lines, and the table may go on after it (checked by its columns)."""
    j = i
    while j < len(lines) and not lines[j].strip():
        j += 1
    return j < len(lines) and j - i <= max_gap and _is_row_line(lines[j], min_cells)


def _region_end(lines: Sequence[str], start: int, min_cells: int, max_blank: int) -> int:
    """Index after the last line of the table region starting at `start`."""
    end = start + 1
    i = start + 1
    blanks = 0
    crossed = page_break = False
    breaks: list[tuple[int, int]] = []  # (end before a page break or wide gap, column count there)
    settings = layout_settings()
    share, max_gap = float(settings["gutter_crossing_share"]), int(settings["max_gap_lines"])
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            blanks += 1
            crossed = crossed or line == PAGE_BREAK
            page_break = page_break or line == PAGE_BREAK
            if blanks == max_blank + 1 and not _page_break_ahead(lines, i):
                if not _gap_ahead(lines, i, min_cells, max_gap):
                    break
                crossed = True  # read on only while the lines after the gap keep the columns
            i += 1
            continue
        section = blanks and _is_section_line(line) and _gap_ahead(lines, i + 1, min_cells, max_gap)
        if _is_label_line(line, inside=True) or (blanks and not _is_row_line(line, 2) and not section):
            break
        if page_break and _chunk_texts(line) == _chunk_texts(lines[start]):
            break  # the header repeated on the next page: a table of its own, at its own offsets
        if not _fits(lines[start:end], line):
            break
        if crossed:
            breaks.append((end, len(boundaries(lines[start:end], share, 2))))
        blanks, crossed, page_break = 0, False, False
        i += 1
        end = i
    # Read on across a page break only while the next page keeps the columns: a page laid out
    # at other offsets, or another table, is read on its own.
    for at, columns in breaks:
        if len(boundaries(lines[start:end], share, 2)) < columns:
            return at
        if not _keeps_offsets(lines[start:at], lines[at:end], share):
            return at
    return end


def _keeps_offsets(before: Sequence[str], after: Sequence[str], share: float) -> bool:
    """The lines after a page break fit the columns before it: no more of them than the page
    grid crossing share (parsers/data/renderings.yaml) reach over a gutter of the page before,
    from the column left of it into the one right of it, or half their chunks or more start
    where those columns start. pdftotext lays each page out on a grid of its own, and a page set
    at other offsets cut at the page before's gutters mixes its cells."""
    spans = boundaries(before, share, 2)
    gutters = [(a[1], b[0]) for a, b in itertools.pairwise(spans)]
    rows = [ln for ln in after if ln.strip()]
    crossing = sum(1 for ln in rows if any(s < lo and e > hi for s, e in chunks(ln) for lo, hi in gutters))
    if crossing <= float(layout_settings()["page_grid_crossing_share"]) * len(rows):
        return True
    # chunks reaching over gutters on a page laid out at the same offsets: narrow gutters the
    # single-space cell gaps of a large font cross, not another grid
    lefts = [a for a, _ in spans]
    starts = [s for ln in rows for s, _ in chunks(ln)]
    return 2 * sum(1 for s in starts if any(abs(s - a) <= 1 for a in lefts)) >= len(starts)


def _coverage(lines: Sequence[str]) -> list[int]:
    """Per character column, how many lines have text there (a chunk covering it)."""
    width = max((len(ln.expandtabs()) for ln in lines), default=0)
    count = [0] * width
    for ln in lines:
        for s, e in chunks(ln):
            for c in range(s, e):
                count[c] += 1
    return count


def _runs(flags: list[bool]) -> list[tuple[int, int]]:
    """(start, end) of the runs of True."""
    spans: list[tuple[int, int]] = []
    c = 0
    while c < len(flags):
        if not flags[c]:
            c += 1
            continue
        s = c
        while c < len(flags) and flags[c]:
            c += 1
        spans.append((s, c))
    return spans


def boundaries(lines: Sequence[str], crossing_share: float = 0.0, header: int = 0) -> list[tuple[int, int]]:
    """Column spans (start, end) of a region: runs of character columns that lines have text in.

    A gutter may be crossed by a few lines (`crossing_share` of them): justified text or a long
    word pushed against the next column must not fuse two columns of a long table. Such a gutter
    must be blank in the header (the first `header` lines): the header's words give the columns.
    """
    count = _coverage(lines)
    head = _coverage(lines[:header]) + [0] * len(count) if header else [0] * len(count)
    allowed = int(crossing_share * len(lines))
    filled = [n > allowed or (n > 0 and head[c] > 0) for c, n in enumerate(count)]
    if header:
        named = all(is_header_continuation(_chunk_texts(ln)) for ln in lines[:header] if ln.strip())
        _header_gutters(filled, count, head[: len(count)], len(lines), named)
    return _runs(filled)


def _header_gutters(filled: list[bool], count: list[int], head: list[int], n_lines: int, named: bool) -> None:
    """Where the header leaves a gap between two of its words and the data has no gutter under
    it, the least covered character column of the gap becomes one (in place), when few enough
    lines cross it: the header's words give the column boundaries that overflowing cells hide.
    A `named` header (made of header words) is trusted further: a wide gap in it may be crossed
    by two lines of a small table (a ragged line end and one cell run into its neighbour)."""
    share = float(layout_settings()["header_gutter_share"])
    words = _runs([h > 0 for h in head])
    for (_, a), (b, _) in itertools.pairwise(words):
        if b - a < 2 or not all(filled[a:b]):
            continue
        c = min(range(a, b), key=lambda k: count[k])
        allowed = max(share * n_lines, 2.0) if named and b - a >= 4 else share * n_lines
        if count[c] <= allowed:
            filled[c] = False


def _cut_at(text: str, lo: int, hi: int) -> int:
    """Where a line is cut in the gutter [lo, hi).

    A chunk that ends inside the gutter is a ragged line end: it stays left. One that starts
    inside it begins the right column. One that crosses the whole gutter is cut at the word gap
    nearest the gutter's middle.
    """
    for s, e in chunks(text):
        if e <= lo or s >= hi:
            continue
        if s >= lo and e <= hi:  # inside the gutter (a centred column number): the nearer side
            if _MULTIPLIER.match(text[s:e]):
                return e  # "x 100%" printed beside a fraction's bar belongs to the formula on its left
            return e if s - lo < hi - e else s
        if s < hi < e and text[hi - 1] == " " and text[s : hi - 1].strip():
            # a word starts right at the column's left edge, one space after a word in the
            # gutter: a justified line of the left cell stretched up to the next column; but a
            # list number hanging left of its item ("1. Persentase") stays with the item
            return s if _LIST_MARK.match(text[s : hi - 1]) else hi - 1
        if s >= lo:
            return s
        if e <= hi:
            return e
        mid = (lo + hi) / 2
        gaps = [m.start() for m in re.finditer(" ", text[:e]) if m.start() > s]
        cut = min(gaps, key=lambda g: abs(g - mid)) if gaps else e
        return s if _LIST_MARK.match(text[s:cut]) else cut
    return lo


def _fits(region: Sequence[str], line: str) -> bool:
    """A line goes on with the region when the region keeps at least two columns with it."""
    return len(boundaries([*region, line])) >= 2


def _cells(line: str, spans: list[tuple[int, int]]) -> list[str]:
    """A line cut into the region's columns (cut points inside the gutters between spans)."""
    text = line.expandtabs()
    cuts = [_cut_at(text, a[1], b[0]) for a, b in itertools.pairwise(spans)]
    bounds = [0, *cuts, max(len(text), spans[-1][1])]
    return [collapse(text[a:b]) for a, b in itertools.pairwise(bounds)]


def _header_extent(header: Sequence[str], span: tuple[int, int]) -> tuple[int, int] | None:
    """Where the header lines have text inside a column span, or None when they have none."""
    inside = [(max(s, span[0]), min(e, span[1])) for ln in header for s, e in chunks(ln)]
    inside = [(s, e) for s, e in inside if s < e]
    return (min(s for s, _ in inside), max(e for _, e in inside)) if inside else None


def merge_headerless(spans: list[tuple[int, int]], header: Sequence[str]) -> list[tuple[int, int]]:
    """Columns with nothing in the header joined to the nearer neighbour that has a header: a
    value printed off its header's axis (a short "DPA" left of "SUMBER DATA") is that column's."""
    extents = [_header_extent(header, sp) for sp in spans]
    if sum(1 for e in extents if e) < 2:
        return spans
    out = list(spans)
    i = 0
    while i < len(out):
        if _header_extent(header, out[i]) is not None:
            i += 1
            continue
        left = _header_extent(header, out[i - 1]) if i > 0 else None
        right = _header_extent(header, out[i + 1]) if i + 1 < len(out) else None
        if left is None and right is None:
            i += 1
            continue
        # a column much closer to one neighbour than the other (a ragged line end) joins it;
        # otherwise the column whose header text is nearer
        gap_left = out[i][0] - out[i - 1][1] if i > 0 else 10**6
        gap_right = out[i + 1][0] - out[i][1] if i + 1 < len(out) else 10**6
        if left is not None and 3 * gap_left <= gap_right:
            to_left = True
        elif right is not None and 3 * gap_right <= gap_left:
            to_left = False
        else:
            to_left = right is None or (left is not None and out[i][0] - left[1] <= right[0] - out[i][1])
        j = i - 1 if to_left else i + 1
        out[min(i, j)] = (out[min(i, j)][0], out[max(i, j)][1])
        del out[max(i, j)]
        i = min(i, j)
    return out


def _cell_spans(line: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Where each column's text of a line starts and ends (character columns)."""
    text = line.expandtabs()
    cuts = [_cut_at(text, a[1], b[0]) for a, b in itertools.pairwise(spans)]
    bounds = [0, *cuts, max(len(text), spans[-1][1])]
    out = []
    for a, b in itertools.pairwise(bounds):
        piece = text[a:b]
        lead = len(piece) - len(piece.lstrip())
        out.append((a + lead, a + len(piece.rstrip())))
    return out


def _header_count(texts: list[str], numbers: list[int]) -> int:
    """How many of a region's first lines are its header: up to the column-number line, else the
    first line and the upper-case lines wrapped under it."""
    if numbers:
        return numbers[0]
    n = 1
    while n < min(len(texts), 5) and is_header_continuation([texts[n].strip()]):
        n += 1
    return n


def _header_part_above(lines: Sequence[str], start: int, min_cells: int) -> bool:
    """A header cell printed above the header's main line ("Indikator Kinerja" over the gap that
    "Utama" fills below): one chunk of header words right above a row line, over none of its
    chunks (a caption over the table's columns is not part of its header)."""
    if start + 1 >= len(lines) or not _is_row_line(lines[start + 1], min_cells):
        return False
    own = chunks(lines[start])
    if len(own) != 1 or not is_header_continuation(_chunk_texts(lines[start])):
        return False
    (a, b), below = own[0], chunks(lines[start + 1])
    return not any(s < b and a < e for s, e in below)


_LOWER_ITEM = re.compile(r"^\s*\(?[a-z0-9]{1,2}[.)]\s+[a-z]")


def _list_item_goes_on(lines: Sequence[str], start: int) -> bool:
    """A justified list item under the text above it ("Fungsi : a. ..." then "b. penyelenggaraan
    bahan      kebijakan"): its wide word gaps make no table."""
    return bool(_LOWER_ITEM.match(lines[start])) and start > 0 and bool(lines[start - 1].strip())


def _justified_goes_on(lines: Sequence[str], start: int) -> bool:
    """A justified line of running text under the line above it ("Tugas : ... pengendalian" then
    "aspek   pembibitan   serta   membantu"): it starts where the line above's text does, that
    line is no row of cells, and its own gaps leave single words only."""
    if start == 0 or not lines[start - 1].strip() or lines[start - 1] == PAGE_BREAK:
        return False
    above, own = chunks(lines[start - 1]), _chunk_texts(lines[start])
    if len(above) > 1 and not _is_label_line(lines[start - 1]):
        return False
    left = chunks(lines[start])[0][0]
    lefts = [s for s, _ in above] if len(above) == 1 else [s for s, _ in above[1:]]
    if not any(abs(left - s) <= 1 for s in lefts):
        return False
    return all(" " not in t and not t.strip(".,:;()").isdigit() for t in own)


def _min_cells(line: str, least: int) -> int:
    """Cells a table's first line needs: `least`, or two when the line is a header that names both
    its columns ("NOMOR   INDIKATOR": a numbered list of indicators, structure.columns)."""
    texts = _chunk_texts(line)
    if len(texts) != 2 or _is_label_line(line):
        return least
    row = Row(tuple(Cell(t) for t in texts), Provenance("", 0, 0))
    return 2 if header_mapping(row) is not None else least


def _opens_with_a_row(line: Sequence[str]) -> bool:
    """A region's first line is a data row, not a header: its first cell is a row number and
    some other cell is no header text (a table going on on a new page without its header)."""
    if not line or not ROW_COUNT.match(line[0].strip()):
        return False
    rest = [t for t in line[1:] if t]
    return bool(rest) and not is_header_continuation(rest)


def _at_page_top(lines: Sequence[str], start: int) -> bool:
    """The region opens a page: only blank lines lie between it and the page break above."""
    i = start - 1
    while i >= 0 and not lines[i].strip() and lines[i] != PAGE_BREAK:
        i -= 1
    return i >= 0 and lines[i] == PAGE_BREAK


def _names_columns(line: Sequence[str]) -> bool:
    """A line that reads as a header: header text in every cell, or the names of known columns."""
    filled = [t for t in line if t]
    row = Row(tuple(Cell(t) for t in line), Provenance("", 0, 0))
    return is_header_continuation(filled) or header_mapping(row) is not None


def read_layout_table(lines: Sequence[str], start: int) -> TableRead | None:
    """A whitespace-aligned table region starting at lines[start]."""
    settings = layout_settings()
    min_cells, max_blank = (
        _min_cells(lines[start], int(settings["min_header_cells"])),
        int(settings["max_blank_lines"]),
    )
    starts = _is_row_line(lines[start], min_cells) or (
        _is_row_line(lines[start], 2) and start + 1 < len(lines) and _is_row_line(lines[start + 1], min_cells)
    )
    starts = starts or _header_part_above(lines, start, min_cells)
    if not starts or _list_item_goes_on(lines, start) or _justified_goes_on(lines, start):
        return None
    end = _region_end(lines, start, min_cells, max_blank)
    region = [ln for ln in lines[start:end]]
    content = [i for i, ln in enumerate(region) if ln.strip()]
    if len(content) < int(settings["min_lines"]):
        return None
    texts = [region[i] for i in content]
    numbers = [i for i, t in enumerate(texts[1:6], 1) if is_number_line([t[a:b] for a, b in chunks(t)])]
    head = numbers[0] if numbers else 2
    geometry = [*mask_label_runs(texts[:head], texts[head:]), *texts[head:]]
    spans = boundaries(geometry, float(settings["gutter_crossing_share"]), head)
    spans = merge_headerless(spans, texts[: _header_count(texts, numbers)])
    if len(spans) < min_cells:
        return None
    lines_cut = [_cells(region[i], spans) for i in content]
    headerless = _opens_with_a_row(lines_cut[0]) or (
        _at_page_top(lines, start) and not _names_columns(lines_cut[0])
    )
    rows, joined = ([[""] * len(spans), *lines_cut], 0) if headerless else join_header(lines_cut)
    body = content[joined:]
    blank_before = [i > 0 and not region[i - 1].strip() for i in body]
    data, where = rows[1:], [_cell_spans(region[i], spans) for i in body]
    first_header_line = [] if headerless else _cells(region[content[0]], spans)
    indicator = indikator_column({c: t.replace("\n", " ") for c, t in enumerate(rows[0])})
    groups = group_rows(data, blank_before, first_header_line, [[a for a, _ in w] for w in where], indicator)
    continued = [[bool(data[g[0]][c]) for c in range(len(rows[0]))] for g in groups]
    body_rows = [
        row_cells(data, where, r, k)
        for r, k in zip(row_lines(data, groups, indicator, True), continued, strict=True)
    ]
    cells = body_rows if headerless else [[raw_to_cell(t) for t in rows[0]], *body_rows]
    cells = join_coded_text_cells(cells, 0 if headerless else 1)
    offsets = tuple(body[g[0]] for g in groups)
    offsets = offsets if headerless else (content[0], *offsets)
    return TableRead(cells, end, "layout", float(settings["quality"]), row_lines=offsets)


LAYOUT_READERS = (read_tab_table, read_layout_table, read_list_table)


def layout_score(text: str) -> float:
    """Share of non-blank lines with three or more cells apart by wide gaps (0.2 more); 0.2 for a
    text whose only table is a two-column one named by its header."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if not lines:
        return 0.0
    wide = sum(1 for ln in lines if len(chunks(ln)) >= 3)
    if wide / len(lines) >= 0.05:
        return 0.2 + wide / len(lines)
    # no wider table: a numbered list of indicators under a header naming its two columns
    return 0.2 if any(len(chunks(ln)) == 2 and _min_cells(ln, 3) == 2 for ln in lines) else 0.0


class LayoutParser(DecodedTextParser):
    """Parser for layout text: columns from whitespace geometry."""

    kind = "layout"
    suffixes = (".txt",)

    def sniff(self, text: str) -> float:
        return layout_score(text)

    def parse_text(self, text: str, source_file: str, sha256: str) -> RawDocument:
        doc = text_to_document(text, source_file, sha256, LAYOUT_READERS, across_pages=True)
        return align_continued_tables(doc)
