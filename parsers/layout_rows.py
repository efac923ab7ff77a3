"""Layout text rows: the visual lines of a table region grouped into printed rows and cells.

Cells are top-aligned and wrap inside their column; a drawn cell border leaves nothing in the
text, so a row is found from where columns go blank and get text again (see `group_rows`).
"""

from __future__ import annotations

import re

from parsers.layout_fractions import OPEN_END, with_fraction_bar
from parsers.model import Cell
from parsers.pdf_text import cell_text, logical_paragraphs, visual_text
from parsers.text_wordbreak import join_broken_lines, join_broken_texts
from parsers.vocab import header_words, measure_words

_YEAR = re.compile(r"^(?:19|20)\d\d$")


def _header_cell(text: str) -> bool:
    """A header line's cell: upper-case words (SASARAN / KINERJA / UTAMA), or only words of the
    header vocabulary ("Tujuan/Sasaran", "Formula Perhitungan") and years (the target years
    printed under "Target")."""
    if text.rstrip().endswith(":"):
        return False  # a section label under the header ("Tujuan :"): a row of the table
    if text.upper() == text and any(ch.isalpha() for ch in text):
        return True
    words = re.findall(r"[^\W_]+", text.lower())
    vocab = header_words()
    return bool(words) and all(w in vocab or _YEAR.match(w) for w in words)


def is_header_continuation(texts: list[str]) -> bool:
    """A wrapped header line: every non-empty cell is header text (see `_header_cell`)."""
    filled = [t for t in texts if t]
    return bool(filled) and all(_header_cell(t) for t in filled)


def join_header(rows: list[list[str]]) -> tuple[list[list[str]], int]:
    """Rows with the header's wrapped lines joined into the first; and how many lines were joined."""
    numbers = [i for i, r in enumerate(rows[1:6], 1) if is_number_line(r)]
    n = numbers[0] if numbers else 1  # a column-number line closes a header of several lines
    while not numbers and n < len(rows) and is_header_continuation(_worded(_unbroken(rows[n - 1], rows[n]))):
        n += 1
    header = ["\n".join(join_broken_texts([r[i] for r in rows[:n] if r[i]])) for i in range(len(rows[0]))]
    return [header, *rows[n:]], n


def _worded(texts: list[str]) -> list[str]:
    """A line's cells with the ones holding no letter or digit left out: the stop of "No." wrapped
    under "No" beside "Utama" is no mark of a data line."""
    return [t if any(ch.isalnum() for ch in t) else "" for t in texts]


def _unbroken(above: list[str], line: list[str]) -> list[str]:
    """A line's cells, each read with the cell above it where a word broke between the two
    ("Penanggun" over "g Jawab": "Penanggung Jawab", "NOM" over "OR": "NOMOR"), so a wrapped
    header line is judged by whole words."""
    out = []
    for top, text in zip(above, line, strict=True):
        joined = join_broken_texts([top, text]) if top and text else [top, text]
        if _header_word_split(top, text):
            joined = [f"{top}{text}"]
        out.append(" ".join(joined) if joined != [top, text] else text)
    return out


def _header_word_split(top: str, text: str) -> bool:
    """A header word broken after its capital ("N" over "o."): the two pieces make a word of the
    header vocabulary, which the one below alone is not."""
    head = top.rsplit(" ", 1)[-1] if top else ""
    tail = text.split(" ", 1)[0].rstrip(".:") if text else ""
    vocab = header_words()
    return (
        bool(head[:1].isupper() and tail.isalpha())
        and f"{head}{tail}".lower() in vocab
        and tail.lower() not in vocab
    )


_BULLET = re.compile(r"^[-•*–]\s")  # a list item's bullet opening a cell line
_CODE_START = re.compile(r"^[A-Z]{1,3}\d*\.\d+(?:\.\d+)*\.?(?:\s|$)")


Lefts = list[int]  # per column, where a line's text starts (character column)


def _starts_row(
    prev: list[str], line: list[str], seen: set[int], first: list[str], lefts: tuple[Lefts, Lefts] | None
) -> bool:
    """A new printed row starts on `line`: a column whose cell already ended (blank on the line
    above) gets text again; or a column repeats the row's first line (the same sumber data on
    every row) while another column starts a new cell (upper-case) beside it."""
    if any(line[c] and not prev[c] and c in seen for c in range(len(line))):
        return True
    if line and prev and _counts_on(prev[0], line[0]):
        return True  # "2" under "1" in the first column: rows of one line each (a numbered list)
    if any(_CODE_START.match(t) for t in line):
        return True  # a cell opening with an indicator code ("S.1.2 ...") opens a row of its own
    # a line under a bulleted line that has no bullet of its own is that item's wrapped rest
    # ("- Seksi Kesejahteraan" / "Masyarakat"): no repeat of the row's first line
    wraps = {c for c in range(len(line)) if _BULLET.match(prev[c]) and not _BULLET.match(line[c])}
    repeats = [
        c for c in range(len(line)) if line[c] and line[c] == first[c] and len(line[c]) > 3 and c not in wraps
    ]
    repeats += [
        c
        for c in range(len(line))
        if c not in repeats
        and c not in wraps
        and _first_word(line[c])
        and _first_word(line[c]) == _first_word(first[c])
    ]
    exact = {c for c in repeats if line[c] == first[c] and len(line[c]) > 3}
    # a fraction's denominator repeats the start of its numerator ("Jumlah Desa yang dibina" over
    # "Jumlah Desa"): a line that is only a prefix of the row's first line starts no row
    anew = [c for c in repeats if not first[c].startswith(line[c])]
    if anew and lefts and _starts_together(prev, line, lefts):
        return True
    return any(
        line[o][:1].isupper() and (c in exact or _closes(prev[o], line[o], first[o]))
        for c in repeats
        for o in range(len(line))
        if o != c and line[o]
    )


ROW_COUNT = re.compile(r"^(\d{1,3})\.?$")  # a row number alone in its cell ("3", "4.")


def _counts_on(above: str, text: str) -> bool:
    """`text` is the row number after `above` ("1" then "2", "3." then "4.")."""
    a, b = ROW_COUNT.match(above.strip()), ROW_COUNT.match(text.strip())
    return a is not None and b is not None and int(b.group(1)) == int(a.group(1)) + 1


def _starts_together(prev: list[str], line: list[str], lefts: tuple[Lefts, Lefts]) -> bool:
    """Three or more columns start a capitalised cell on one line, each under a line of its own
    that left nothing open and at the left edge the row's first line has there (a centred
    denominator is no new cell); only a cell left of them may go on (a merged sasaran beside
    the rows)."""
    at, first_at = lefts
    filled = [c for c in range(len(line)) if line[c]]
    fresh = [
        c
        for c in filled
        if line[c][:1].isupper()
        and prev[c]
        and not _left_open(prev[c], line[c])
        and abs(at[c] - first_at[c]) <= 1
    ]
    going_on = [c for c in filled if c not in fresh]
    return len(fresh) >= 3 and len(going_on) <= 1 and all(c < min(fresh) for c in going_on)


def _left_open(prev: str, text: str) -> bool:
    """`prev` leaves its sentence open for `text`: `_goes_on`, or it ends with a joining word."""
    return _goes_on(prev, text) or prev.rstrip().endswith(OPEN_END)


def _closes(prev: str, text: str, first: str) -> bool:
    """`text` begins a new cell after `prev`: the sentence above ended, or it starts like the
    row's first line did."""
    return prev.rstrip().endswith((".", ";")) or bool(
        _first_word(text) and _first_word(text) == _first_word(first)
    )


def _first_word(text: str) -> str:
    """The capitalised first word of a cell line (4 letters or more), else ""."""
    word = text.split(" ", 1)[0]
    return word if len(word) >= 4 and word[:1].isupper() and word.isalpha() else ""


def is_section_label(line: list[str]) -> bool:
    """A table's section label on a line of its own ("Tujuan :", "Sasaran :"): one short cell
    closed by a colon. It heads the cell of the row below it, as in the table it was printed in."""
    filled = [t for t in line if t]
    return len(filled) == 1 and filled[0].endswith(":") and len(filled[0].split()) <= 4


def is_number_line(line: list[str]) -> bool:
    """The column-number line under a header ("1  2  3  4"): a row of its own."""
    filled = [t for t in line if t]
    return len(filled) >= 3 and all(t.strip(" .()").isdigit() and len(t) <= 4 for t in filled)


def _is_continuation(line: list[str]) -> bool:
    """A line whose every cell goes on with text above it (lower-case start): a row's fragment."""
    filled = [t for t in line if t]
    return bool(filled) and all(t[:1].islower() for t in filled)


def group_rows(
    lines: list[list[str]],
    blank_before: list[bool],
    header: list[str],
    lefts: list[Lefts] | None = None,
    indicator: int | None = None,
) -> list[list[int]]:
    """Visual lines (cut into columns) grouped into printed rows: indices of each row's lines.

    Cells are top-aligned and wrap inside their column, so a cell's lines are contiguous: a
    column that goes blank and then has text again starts the next row. A blank line between
    lines (pdftotext's mark of a wider vertical gap) does too. The header repeated on the next
    page, and the column-number line, are rows of their own.

    Layout text (`lefts` given) also starts a row where the first column counts on from the last
    row number ("5" under a row numbered "4" whose cells a new indicator cut: `_counts_on`), and
    where a new indicator opens beside cells going on (`measure_start`; `indicator` is the column
    the header names the indikator column, when it does).
    """
    groups: list[list[int]] = []
    number = ""  # the last row number met in the first column
    each = True  # every row so far opened with its number: no indicator starts without one
    firsts: list[int] = []  # per group, its first line of content (after a section label)
    seen: set[int] = set()

    def at(i: int) -> tuple[Lefts, Lefts] | None:
        return (lefts[i], lefts[firsts[-1]]) if lefts else None

    for i, line in enumerate(lines):
        if groups and len(groups[-1]) == 1 and is_section_label(lines[groups[-1][0]]):
            groups[-1].append(i)  # "Sasaran :" heads the cell of the row below it
            firsts[-1] = i
            seen = {c for c, t in enumerate(line) if t}
            continue
        own = [is_number_line(line), line == header]
        top = lines[firsts[-1]] if groups else []
        alone = any(own) or bool(groups and (is_number_line(top) or top == header))
        wrapped = is_header_continuation(line) or (
            lefts is not None and i > 0 and is_header_continuation(_worded(_unbroken(lines[i - 1], line)))
        )
        if groups and lines[firsts[-1]] == header and wrapped:
            alone = False  # the repeated header's own wrapped lines ("N" over "o.": read as "No.")
        if groups and _is_continuation(lines[firsts[-1]]):
            seen = set(range(len(line)))  # a page-top fragment of the row above: any new cell ends it
        if (
            groups
            and not alone
            and not blank_before[i]
            and not is_section_label(line)
            and not _starts_row(lines[i - 1], line, seen, lines[firsts[-1]], at(i))
            and not (lefts is not None and line and _counts_on(number, line[0]))
            and not (lefts is not None and not each and measure_start(lines[i - 1], line, indicator))
        ):
            groups[-1].append(i)
        else:
            groups.append([i])
            firsts.append(i)
            seen = set()
        seen |= {c for c, t in enumerate(line) if t}
        if line and ROW_COUNT.match(line[0].strip()):
            number = line[0]
        if groups[-1] == [i] and not any(own) and line != header:
            each = each and bool(line and ROW_COUNT.match(line[0].strip()))
    # a line printed late is a mark of layout text's geometry (`lefts`), not of run-together lines
    return _bridge(lines, groups, blank_before if lefts is not None else None)


def measure_start(prev: list[str], line: list[str], indicator: int | None) -> bool:
    """`line` starts a new indicator beside cells going on from `prev` (as
    parsers/pdf_gutter_rows._measure_start does for a PDF's lines): two or more cells go on from
    the line above in capitals, none right of the first of them goes on in lower case, and the
    indikator column the header names (`indicator`; none: no start) opens with a word indicators
    start with (parsers/data vocabulary: measure words); the cell above it left no sentence open."""
    both = [c for c in range(len(line)) if line[c] and prev[c]]
    capital = [c for c in both if line[c][:1].isupper() or line[c][:1].isdigit()]
    if len(capital) < 2 or any(c > capital[0] and c not in capital for c in both):
        return False
    # no header-named indikator column: a centred denominator ("Jumlah Desa") may open a line
    if indicator not in capital:
        return False
    c = indicator
    return line[c].split(" ", 1)[0].lower() in measure_words() and not _left_open(prev[c], line[c])


def _first_texts(lines: list[list[str]], group: list[int]) -> dict[int, str]:
    """Per column, the first text of the group's lines in it."""
    out: dict[int, str] = {}
    for i in group:
        for c, t in enumerate(lines[i]):
            if t and c not in out:
                out[c] = t
    return out


def _bridge(
    lines: list[list[str]], groups: list[list[int]], blank_before: list[bool] | None
) -> list[list[int]]:
    """A row's wrapped cells read on past a line where one of them had nothing (a taller line gap,
    a blank line): a group with nothing in the first (number) column while the row above has
    its number there, whose cells shared with the row above go on with it (at least one starts
    lower-case, none with a capitalised word: an acronym may end a phrase), is the rest of the
    row above; so is a lone line interleaved one line late (`_interleaved`)."""
    out: list[list[int]] = []
    for g in groups:
        late = blank_before is not None and bool(out) and _interleaved(lines, out[-1], g, blank_before)
        if out and (_goes_on_across(lines, out[-1], g) or late):
            out[-1] = [*out[-1], *g]
        else:
            out.append(list(g))
    return out


_NEW_CELL = re.compile(r"^(?:\(?[a-z0-9]{1,2}[.)]|[-•*–]|\d)")


def _interleaved(
    lines: list[list[str]], above: list[int], group: list[int], blank_before: list[bool]
) -> bool:
    """A group right under the row above, nothing in the number column, whose every cell either
    goes on from the line above or had its text left open two lines up with one line blank in
    between: pdftotext printed those cells' next lines one line late, between a neighbour's
    wrapped lines (their baselines differ by a little). It is the rest of the row above when
    that neighbour goes on past the group's first line (blank there, text again right below:
    a cell skips no line of its own), when the one late cell has only cells going on (lower-case)
    beside it, or when the group is one line of one cell."""
    i = group[0]
    filled = [c for c, t in enumerate(lines[i]) if t]
    if not filled or 0 in filled or blank_before[i] or i < 2 or above[-1] != i - 1 or i - 2 not in above:
        return False
    line, prev, before = lines[i], lines[i - 1], lines[i - 2]
    if blank_before[i - 1] or not any(prev):
        return False
    late = [c for c in filled if not prev[c]]
    if not late or any(
        not before[c] or before[c].rstrip().endswith((".", ";", ":")) or _NEW_CELL.match(line[c])
        for c in late
    ):
        return False
    if len(group) == 1 and len(filled) == 1:
        return True
    if len(late) == 1 and all(line[c][:1].islower() for c in filled if c not in late):
        return True  # one late cell beside cells that go on: no new row starts here
    nxt = lines[group[1]] if len(group) > 1 else []
    return bool(nxt) and any(prev[d] and not line[d] and nxt[d] for d in range(len(line)))


_ROW_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?$")


def _goes_on_across(lines: list[list[str]], above: list[int], group: list[int]) -> bool:
    top, here = _first_texts(lines, above), _first_texts(lines, group)
    if 0 in here or not _ROW_NUMBER.match(top.get(0, "")) or len(top) < 2 or is_number_line(lines[above[0]]):
        return False
    shared = [c for c in here if c in top]
    if not shared:
        return False
    lower = [c for c in shared if here[c][:1].islower()]
    word = [here[c].split(" ", 1)[0] for c in shared if c not in lower]
    return bool(lower) and all(w.isalpha() and w.isupper() for w in word)


def _goes_on(prev: str, text: str) -> bool:
    """`text` reads as the next line of `prev` (lower-case start, or `prev` left open)."""
    return bool(prev) and (text[:1].islower() or prev.rstrip().endswith((",", "-", "/", "(", "&")))


def row_lines(
    lines: list[list[str]], groups: list[list[int]], indicator: int | None = None, layout: bool = False
) -> list[list[list[int]]]:
    """Per printed row and column, the indices of the cell's visual lines; a cell whose lines all
    go on with the cell above (a tall cell, e.g. a sasaran beside several indicators) gives them
    back to it and is left empty (the caller marks it merged). In layout text (`layout`) so does a
    cell left of the new indicator (`_wraps_on`) in a row without its own number under a numbered
    row: "Sosial Masyarakat" under "Meningkatnya Keberdayaan" beside a second indicator."""
    width = len(lines[groups[0][0]]) if groups else 0
    out = [[[i for i in g if lines[i][c]] for c in range(width)] for g in groups]
    for r in range(1, len(groups)):
        top = groups[r][0]
        for c in range(width):
            above = lines[top - 1][c] if top > 0 else ""
            if is_number_line(lines[top - 1]) or not lines[top][c]:
                continue
            if not _goes_on(above, lines[top][c]) and not (
                layout and _wraps_on(lines, groups, r, c, indicator)
            ):
                continue
            n = 0
            while n < len(groups[r]) and lines[groups[r][n]][c]:
                n += 1
            if n == len(out[r][c]):  # the whole cell goes on: a tall cell beside several rows
                out[r - 1][c] += out[r][c]
                out[r][c] = []
    return out


def _wraps_on(lines: list[list[str]], groups: list[list[int]], r: int, c: int, indicator: int | None) -> bool:
    """Column c of row r goes on with the cell above whatever its case: the row has no number
    while the last numbered row above has one (numbers count sasaran, not indicators), the cell
    above is open (text on the line right above, no closing stop) and c lies left of the column
    the new indicator opens in (the header's indikator column, else the first column that was
    blank on the line above or opens with a measure word)."""
    top = groups[r][0]
    line, prev = lines[top], lines[top - 1]
    if c == 0 or line[0] or not prev[c] or prev[c].rstrip().endswith((".", ";", ":")):
        return False
    numbered = [lines[g[0]][0] for g in groups[:r] if lines[g[0]][0]]
    if not numbered or not _ROW_NUMBER.match(numbered[-1].strip()):
        return False
    fresh = [
        d
        for d in range(1, len(line))
        if line[d] and (not prev[d] or line[d].split(" ", 1)[0].lower() in measure_words())
    ]
    limit = indicator if indicator is not None else (fresh[0] if fresh else None)
    return limit is not None and c < limit and bool(fresh) and fresh[0] >= limit


def row_cells(
    lines: list[list[str]], where: list[list[tuple[int, int]]], cells: list[list[int]], continued: list[bool]
) -> list[Cell]:
    """One printed row: each cell's visual lines as its paragraphs (a fraction's bar put back);
    a cell emptied because it went on with the one above is merged (the value above applies)."""
    out = []
    for c, (idx, cont) in enumerate(zip(cells, continued, strict=True)):
        visual = join_broken_lines(with_fraction_bar([lines[i][c] for i in idx], [where[i][c] for i in idx]))
        # Joined the way the PDF parser joins a cell's lines: a paragraph per list item, and a
        # Fraction where a bar was put back.
        paragraphs = tuple(logical_paragraphs(visual))
        out.append(Cell(cell_text(paragraphs), paragraphs, raw=visual_text(visual), merged=not idx and cont))
    return out
