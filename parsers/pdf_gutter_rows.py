"""Where the rows of a rule-less table begin: numbers, fresh columns, room left on the line above, bold.

Office tables without borders print their rows line against line: no blank slot tells one row
from the next. What does: a number in a narrow No column, two or more columns starting text at
once, a line beginning where the line above it left room for its first word (a word processor
wraps only what does not fit), a new indicator beside cells merged over it, two or more cells
opening with the words their row's cells opened with (rows of like indicators), a change to or
from bold (the header). A line right under a fraction bar drawn in its column is the bar's
denominator: that cell goes on, whatever word it opens with ("Jumlah Desa").
"""

from __future__ import annotations

from collections.abc import Sequence

from parsers.pdf_bands import FILL_SPACE, NUMBER_COLUMN, NUMBERED_SHARE, Band
from parsers.pdf_text import Obj, VLine, starts_list_item
from parsers.vocab import indikator_column, measure_words


def bold_lines(band: Band, chars: list[Obj]) -> list[bool]:
    """Per line of the band: whether it is set in bold (a header)."""
    return [_bold(ln, chars) for ln in band.lines]


def _bold(line: VLine, chars: list[Obj]) -> bool:
    """True when most of the line's characters are set in a bold face."""
    inside = [c for c in chars if line.top - 1 <= (c["top"] + c["bottom"]) / 2 <= line.bottom + 1]
    bold = sum(1 for c in inside if "bold" in str(c.get("fontname", "")).lower())
    return bool(inside) and bold > len(inside) / 2


def numbered_band(band: Band) -> bool:
    """True when the first column is narrow and holds row numbers ("1", "2.") besides its header."""
    if band.bounds[1] - band.bounds[0] > NUMBER_COLUMN * (band.x1 - band.x0):
        return False
    texts = [w["text"] for ln in band.lines for w in ln.words if band.column_of(w) == 0]
    numbers = sum(1 for t in texts if t.rstrip(".").isdigit())
    return numbers >= 2 and numbers >= NUMBERED_SHARE * len(texts)  # the header ("NO", "N o .") aside


def _column_words(band: Band, line: VLine) -> dict[int, list[Obj]]:
    """The line's words per column, left to right."""
    cols: dict[int, list[Obj]] = {}
    for w in sorted(line.words, key=lambda w: w["x0"]):
        cols.setdefault(band.column_of(w), []).append(w)
    return cols


def text_rights(band: Band) -> dict[int, float]:
    """Column -> right end of its widest text line: a safe (never too wide) measure of its text width."""
    rights: dict[int, float] = {}
    for line in band.lines:
        for j, ws in _column_words(band, line).items():
            rights[j] = max(rights.get(j, 0.0), ws[-1]["x1"])
    return rights


def under_bar(band: Band, i: int, bars: Sequence[Obj]) -> set[int]:
    """Columns in which a fraction bar lies between line i - 1 and line i (line i holds its denominator).

    Measured on the column's own words: a denominator sits lower than the cells beside it.
    """
    above, here = _column_words(band, band.lines[i - 1]), _column_words(band, band.lines[i])
    out = set()
    for e in bars:
        j = band.column_of(e)
        if j in above and j in here:
            low = max(w["bottom"] for w in above[j])
            high = min(w["top"] for w in here[j])
            if low - 1 <= e["top"] <= high + 1:
                out.add(j)
    return out


def _paragraph_starts(band: Band, i: int, rights: dict[int, float], bars: Sequence[Obj] = ()) -> set[int]:
    """Columns whose text on line i would have fitted at the end of line i - 1: not a wrap, a new start.

    A word processor wraps a cell's line only when the next word does not fit; when it would
    have fitted, the line below begins a new paragraph (or a new row). A denominator under its
    fraction bar begins a new line of the same cell.
    """
    above, here = _column_words(band, band.lines[i - 1]), _column_words(band, band.lines[i])
    barred = under_bar(band, i, bars)
    out = set()
    for j, ws in here.items():
        if j not in above or j in barred or starts_list_item(" ".join(w["text"] for w in ws)):
            continue  # a list item starts a paragraph inside its cell, not a row
        height = ws[0]["bottom"] - ws[0]["top"]
        if above[j][-1]["x1"] + FILL_SPACE * height + (ws[0]["x1"] - ws[0]["x0"]) <= rights[j]:
            out.add(j)
    return out


def wrapped_columns(
    band: Band,
    i: int,
    rights: dict[int, float],
    numbered: bool = False,
    bars: Sequence[Obj] = (),
    indicator: int | None = None,
) -> set[int]:
    """Columns whose text on line i goes on with the sentence of line i - 1, though a row starts there.

    A cell merged over several rows (a sasaran over its indicators) wraps on beside the new
    row: its line does not begin where the line above left room, and it starts in lower case
    or lies under a No cell merged over the row's group. In a numbered band a row starting
    without a number of its own is such a row: every cell left of the first one starting there
    (a cell new on the line, one where the line above left room, or one opening with a
    measure word) wraps on, whatever its case ("... Kualitas Pelayanan | Perangkat Daerah").
    A row with a number of its own whose indikator cell (`indicator`, named by the header) starts
    there owns the cells right of it: a formula opening in lower case ("jumlah total ...") starts.
    """
    above, here = _column_words(band, band.lines[i - 1]), _column_words(band, band.lines[i])
    fresh = _paragraph_starts(band, i, rights, bars)
    going_on = {j for j in here if j in above and j not in fresh}
    wrapped = {j for j in going_on if here[j][0]["text"][:1].islower()}
    if numbered and 0 in here and indicator is not None and indicator in here:
        starts_here = indicator not in going_on or here[indicator][0]["text"][:1].isupper()
        wrapped = {j for j in wrapped if j < indicator or not starts_here}
    if numbered and here and 0 not in here:
        starting = [j for j in here if j not in going_on or here[j][0]["text"].lower() in measure_words()]
        first = min(starting, default=len(band.bounds))
        wrapped |= {j for j in going_on if j < first}
    return wrapped


def rule_spans(band: Band, skip: set[int]) -> list[tuple[float, float]]:
    """x ranges of a row's rule over every column but `skip` (those go on as merged cells)."""
    spans: list[tuple[float, float]] = []
    for j in range(len(band.bounds) - 1):
        if j in skip:
            continue
        a, b = band.bounds[j], band.bounds[j + 1]
        if spans and spans[-1][1] == a:
            spans[-1] = (spans[-1][0], b)
        else:
            spans.append((a, b))
    return spans


def indicator_column(band: Band) -> int | None:
    """The column the band's header names the indikator column, when its first two lines are a header.

    A header names two or more known columns (the header vocabulary, parsers/vocab.indikator_column);
    a band without one (rows continued from the page before) has no known indikator column.
    """
    return indikator_column(header_texts(band, 2))


def header_texts(band: Band, lines: int) -> dict[int, str]:
    """The text of each column over the band's first `lines` lines (its header cells)."""
    texts: dict[int, list[str]] = {}
    for line in band.lines[:lines]:
        for j, ws in _column_words(band, line).items():
            texts.setdefault(j, []).extend(w["text"] for w in ws)
    return {j: " ".join(t) for j, t in texts.items()}


def _measure_start(band: Band, i: int, bars: Sequence[Obj] = (), indicator: int | None = None) -> bool:
    """Line i starts a new indicator beside cells merged over it ("Nilai ..." | "Total ..." under a sasaran).

    Two or more cells go on from line i - 1 in capitals, one with a word indicators start with
    (parsers/data vocabulary: measure words), and only cells to their left wrap on in lower case.
    A denominator under its fraction bar goes on ("Jumlah Desa" under "Jumlah Desa yang ..."):
    its column does not count. When the header names the indikator column (`indicator`), the
    measure word opens that column, or another when the indikator cell is the first going on in
    capitals (the cells left of it wrap in lower case): a formula line opening with one ("Indeks
    Kepuasan ...") beside a sasaran and an indikator wrapping in capitals is no new indicator.
    """
    above, here = _column_words(band, band.lines[i - 1]), _column_words(band, band.lines[i])
    barred = under_bar(band, i, bars)
    both = sorted(j for j in here if j in above and j not in barred)
    capital = [j for j in both if here[j][0]["text"][:1].isupper() or here[j][0]["text"][:1].isdigit()]
    if len(capital) < 2 or any(j > capital[0] and j not in capital for j in both):
        return False
    opening = [j for j in capital if indicator in (None, j, capital[0])]
    return any(here[j][0]["text"].lower() in measure_words() for j in opening)


def _resumed_measure(band: Band, i: int, start: int, indicator: int | None) -> bool:
    """Line i opens the indikator column again, with a measure word, after a blank line slot in it.

    Several indicators under one sasaran, printed without rules: the first indikator cell ends,
    its column stays blank while the formula beside it runs on, and the next indicator starts
    ("... Ekonomi Desa" | blank | "Persentase Peningkatan ..."). The header must name the
    indikator column.
    """
    if indicator is None or i - start < 2:
        return False
    above, here = _column_words(band, band.lines[i - 1]), _column_words(band, band.lines[i])
    if indicator not in here or indicator in above:
        return False
    earlier = any(indicator in _column_words(band, band.lines[k]) for k in range(start, i - 1))
    first = here[indicator][0]["text"]
    return earlier and first[:1].isupper() and first.lower() in measure_words()


def _parallel_start(band: Band, i: int, start: int) -> bool:
    """Line i repeats the first word of the row starting at line `start` in two or more columns.

    Rows of like indicators print like cells ("Draf laporan X | Laporan kegiatan X" over "Draf
    laporan Y | Laporan kegiatan Y"): a wrapped line does not open with the word its cell opened
    with, in two columns at once. List items (a marker) and lower-case words do not count.
    """
    first, here = _column_words(band, band.lines[start]), _column_words(band, band.lines[i])
    same = [
        j
        for j, ws in here.items()
        if j in first
        and ws[0]["text"] == first[j][0]["text"]
        and ws[0]["text"][:1].isupper()
        and not starts_list_item(" ".join(w["text"] for w in ws))
    ]
    return len(same) >= 2


def _number_text(band: Band, line: VLine) -> str:
    """The line's text in the first (NO) column, without spaces or a closing dot."""
    return "".join(w["text"] for w in _column_words(band, line).get(0, [])).rstrip(".")


def _wrapped_number(band: Band, i: int, before: int | None) -> bool:
    """Line i's NO text is the wrapped rest of the row number on line i - 1 ("1" / "0" for 10).

    A NO column too narrow for two digits breaks the number over two lines. Row numbers count
    on: the two pieces together follow the number of the row before (`before`), the upper piece
    alone does not. With no row before in the band (the top of a page), two one-line rows
    would count on by one ("1" / "2"); pieces that do not ("1" / "0", "1" / "1") are one number.
    """
    upper, lower = _number_text(band, band.lines[i - 1]), _number_text(band, band.lines[i])
    if not (upper.isdigit() and lower.isdigit()):
        return False
    if before is None:
        return int(lower) != int(upper) + 1
    return int(upper + lower) == before + 1 and int(upper) != before + 1


def row_starts(band: Band, chars: list[Obj], bars: Sequence[Obj] = ()) -> list[int]:
    """Indexes of the band's lines that begin a table row (`bars`: the fraction bars inside the band)."""
    occupied = [{band.column_of(w) for w in ln.words} for ln in band.lines]
    bold = bold_lines(band, chars)
    is_numbered = numbered_band(band)
    rights = text_rights(band)
    indicator = indicator_column(band)
    starts = [0]
    numbers: list[int | None] = [None]  # the row number of each start, when it has one
    for i in range(1, len(band.lines)):
        # a number in the NO column, or two or more columns starting text after a blank slot
        # (rows under a NO cell merged over a group carry no number of their own), or starting
        # text where the line above left room for it (lines of a borderless table abut)
        fresh = occupied[i] - occupied[i - 1]
        numbered = is_numbered and 0 in occupied[i]
        if (
            numbered
            and starts[-1] == i - 1
            and _wrapped_number(band, i, numbers[-2] if len(numbers) > 1 else None)
        ):
            numbered = False
            numbers[-1] = int(_number_text(band, band.lines[i - 1]) + _number_text(band, band.lines[i]))
        new = numbered or len(fresh) >= 2
        new = new or len(fresh | _paragraph_starts(band, i, rights, bars)) >= 2
        new = new or _measure_start(band, i, bars, indicator)
        new = new or (starts[-1] > 0 and _parallel_start(band, i, starts[-1]))
        new = new or _resumed_measure(band, i, starts[-1], indicator)
        if new or bold[i] != bold[i - 1]:
            starts.append(i)
            text = _number_text(band, band.lines[i])
            numbers.append(int(text) if text.isdigit() else None)
    return starts
