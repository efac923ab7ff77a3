"""Indicator tables that a converter ran together (markitdown): rows recovered from visual lines.

markitdown writes a PDF page one visual line per text line, in reading order. A line it takes
for a table row becomes a pipe row whose columns are the page's own word columns (the same on
every pipe row of the page, not those of the printed table); any other line is the line's words
joined by spaces, where a cell's trailing space usually leaves two spaces between cells and
sometimes one. The printed table's columns are known only from its header row, named by the
header vocabulary (structure/data/columns.yaml).

Each visual line is cut into chunks (pipe cells, or runs apart by two or more spaces) and the
chunks are given to the header's columns: one chunk per column when the counts agree; otherwise
the placement that keeps the columns that had text on the line above is taken, and when no
placement is sure the row's cells get a low confidence (an issue downstream) instead of a split
presented as read. The lines are then grouped into printed rows the way layout text is.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from parsers.cell_boundaries import line_gaps, split_cells
from parsers.header_wrap import (
    continues_pipe_header,
    letter_line,
    opens_stack,
    pipe_header_joined,
    stacked_label,
    stacked_letters,
    text_header_unwrapped,
    without_letters,
)
from parsers.layout import chunks
from parsers.layout_fractions import MULTIPLIER_LINE
from parsers.layout_rows import group_rows, is_number_line, row_cells, row_lines
from parsers.markdown_rows import with_unbarred_fraction
from parsers.md_syntax import LOOSE_SEPARATOR, is_framed
from parsers.model import Cell, Provenance, Row
from parsers.text import TableRead, raw_to_cell
from parsers.vocab import fold_header, header_words, is_page_number
from structure.columns import header_mapping
from structure.language import function_words, measure_words, starts_with_unit
from structure.lists import ITEM_LABEL, following_label
from vocabulary import load
from vocabulary.schemas import CellBoundaries, Renderings, RunTogetherTables

ENGINE = "run-together"
_PIPE = re.compile(r"(?<!\\)\|")
_NUMBER = re.compile(r"^(\d{1,2})\.?(?:\s+(?=\S)|$)")


def _conf() -> RunTogetherTables:
    return load(Renderings).run_together_tables


@lru_cache(maxsize=1)
def _stops() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in _conf().stop_at)


def _fold_words(text: str) -> list[str]:
    return fold_header(text).split()


def pipe_cells(line: str) -> list[str]:
    """The cells of a pipe row, stripped (outer pipes dropped)."""
    return [p.strip() for p in _PIPE.split(line.strip())[1:-1]]


def text_header_cells(line: str) -> list[str]:
    """A header line whose labels are apart by single spaces, cut before every word that starts a
    column label ("No. Sasaran Strategi Indikator Kinerja Utama Rumus / Formula Sumber Data")."""
    starts = {str(w) for w in _conf().header_starts}
    cells: list[list[str]] = []
    for word in re.split(r"\s+|(?<=/)(?=\S)", line.strip()):
        key = re.sub(r"[^a-z0-9]+", "", word.lower())
        if not cells or (key in starts and cells[-1] != ["/"] and not cells[-1][-1].endswith("/")):
            cells.append([word])
        else:
            cells[-1].append(word)
    return [" ".join(c) for c in cells]


@dataclass(frozen=True)
class Header:
    """The printed table's columns (field per column, left to right) and their header text."""

    fields: tuple[str, ...]
    texts: tuple[str, ...]
    pipe_width: int = 0  # the page's pipe-row width when the header was a pipe row
    pipe_fields: tuple[int, ...] = ()  # per pipe column, the index of its printed column


def _header(cells: list[str], pipe: bool) -> Header | None:
    row = Row(tuple(Cell(c) for c in cells), Provenance("", 0, 0))
    mapping = header_mapping(row)
    if mapping is None:
        return None
    fields: list[str] = []
    texts: list[str] = []
    where: list[int] = []
    for i in range(len(cells)):
        field = mapping.get(i)
        if field is None:  # an unnamed column before any named one
            where.append(0)
            continue
        if not fields or fields[-1] != field or (cells[i].strip() and not _continues(cells, i)):
            fields.append(field)
            texts.append(cells[i])
        elif cells[i].strip():
            texts[-1] = f"{texts[-1]} {cells[i]}".strip()
        where.append(len(fields) - 1)
    if len(fields) < 2:
        return None
    return Header(tuple(fields), tuple(texts), len(cells) if pipe else 0, tuple(where) if pipe else ())


def _continues(cells: list[str], i: int) -> bool:
    """ "Rumus /" + "Formula": one label written over two cells."""
    return i > 0 and (cells[i - 1].rstrip().endswith("/") or cells[i].lstrip().startswith("/"))


def read_header(line: str) -> Header | None:
    """The header of an indicator table written on this line, or None."""
    if LOOSE_SEPARATOR.match(line) or not line.strip():
        return None
    if is_framed(line):
        return _header(pipe_cells(line), pipe=True)
    words = _fold_words(line)
    if not words or sum(w in header_words() for w in words) < 0.7 * len(words):
        return None
    return _header(text_header_cells(line), pipe=False)


def read_header_lines(lines: Sequence[str], start: int) -> tuple[Header | None, int]:
    """The header starting at lines[start] and the index after it. A header wrapped over several
    pipe rows ("| Sasaran | | Sumber |", "| No. | Indikator Kinerja Utama | Penjelasan |",
    "| Strategis | | Data |") is joined column by column before its labels are read."""
    line = lines[start]
    end = start + 1
    first = _text_over_pipe_header(lines, start)
    if first is not None:
        end = start + 2
    elif is_framed(line) and (
        _is_header_line(line) or _broken_over_pipe_rows(lines, start) or opens_stack(pipe_cells(line))
    ):
        first = pipe_cells(line)
    if first is not None:
        width = len(first)
        rows = [first]
        while end < len(lines) and (
            LOOSE_SEPARATOR.match(lines[end])
            or _is_header_line(lines[end])
            or (is_framed(lines[end]) and continues_pipe_header(rows, pipe_cells(lines[end])))
        ):
            if is_framed(lines[end]) and not LOOSE_SEPARATOR.match(lines[end]):
                cells = pipe_cells(lines[end])
                if len(cells) == width and not _is_number_words(lines[end]):
                    rows.append(cells)
            end += 1
        stacked = _stacked_header(rows, lines, end)
        if stacked is not None:
            return stacked
        found = _header(pipe_header_joined(rows), pipe=True)
        if found is not None:
            return found, end
    found = read_header(line)
    unwrapped = _text_header_unwrapped(lines, start) if found is not None else None
    if unwrapped is not None:  # "NOM SASARAN ..." over "OR JAWAB": the header's wrapped line
        found, end = unwrapped, start + 2
    while (
        found is not None
        and end < len(lines)
        and (LOOSE_SEPARATOR.match(lines[end]) or _is_header_line(lines[end]))
    ):
        end += 1
    return found, end


def _stacked_header(rows: list[list[str]], lines: Sequence[str], end: int) -> tuple[Header, int] | None:
    """A pipe header one of whose columns printed its label a letter a line at the start of the
    next column's cells ("| N SASARAN |", "| O KINERJA |", "| M |", then text lines "O", "R"):
    that label ("NOMOR") is a printed column of its own, before the column whose pipe cells hold
    it; its body cells are the numbers that open that pipe column's cells (`_line_parts`)."""
    letters = stacked_letters(rows, least=1)
    stacking = [c for c, stack in enumerate(letters) if stack]
    if len(stacking) != 1 or len(letters[stacking[0]]) < len(rows):
        return None
    col, spelled = stacking[0], letters[stacking[0]]
    while end < len(lines) and not is_framed(lines[end]) and (letter := letter_line(lines[end])) is not None:
        spelled += letter
        end += 1
    label = stacked_label(spelled)
    if label is None:
        return None
    cells = pipe_header_joined(without_letters(rows, letters))
    found = _header([*cells[:col], label, *cells[col:]], pipe=True)
    if found is None or found.fields[found.pipe_fields[col]] != "no":
        return None
    where = (*found.pipe_fields[:col], *found.pipe_fields[col + 1 :])
    return replace(found, pipe_width=len(cells), pipe_fields=where), end


def _broken_over_pipe_rows(lines: Sequence[str], start: int) -> bool:
    """A pipe header row whose labels' broken words end on the next pipe row ("PENANGGUN" over
    "G JAWAB"; a `| --- |` separator may stand between them)."""
    nxt = start + 1
    while nxt < len(lines) and LOOSE_SEPARATOR.match(lines[nxt]):
        nxt += 1
    first = pipe_cells(lines[start])
    if nxt >= len(lines) or not is_framed(lines[nxt]) or not any(first):
        return False  # an empty row over a header is no part of it
    return continues_pipe_header([first], pipe_cells(lines[nxt]))


def _text_header_unwrapped(lines: Sequence[str], start: int) -> Header | None:
    """The header of a text header line whose labels' broken words end on the line under it."""
    if is_framed(lines[start]) or start + 1 >= len(lines) or is_framed(lines[start + 1]):
        return None
    joined = text_header_unwrapped(lines[start], lines[start + 1])
    return read_header(joined) if joined is not None else None


def _text_over_pipe_header(lines: Sequence[str], start: int) -> list[str] | None:
    """A header line of run-together labels over a pipe header row with as many empty cells
    ("TUJUAN DAN SASARAN  INDIKATOR KINERJA  PENJELASAN/  PENANGGUNG" over
    "| NO | | | | SUMBER DATA | |"): the labels are the tops of the empty cells, in order, so
    the pipe row with them filled in; None when the counts differ."""
    line = lines[start]
    if is_framed(line) or start + 1 >= len(lines) or read_header(line) is None:
        return None
    below = lines[start + 1]
    if not is_framed(below) or LOOSE_SEPARATOR.match(below) or not _is_header_line(below):
        return None
    cells = pipe_cells(below)
    empty = [k for k, c in enumerate(cells) if not c]
    tops = [line[a:b].strip() for a, b in chunks(line)]
    if len(tops) < 2 or len(tops) != len(empty):
        return None
    for k, top in zip(empty, tops, strict=True):
        cells[k] = top
    return cells


def _is_number_words(line: str) -> bool:
    return is_number_line([w for w in line.split() if w != "|"])


def _is_header_line(line: str) -> bool:
    """A wrapped header line (only header words: "JAWAB", "| KINERJA | INDIVIDU |") or the
    column-number line under it."""
    texts = pipe_cells(line) if is_framed(line) else [line[a:b] for a, b in chunks(line)]
    if is_number_line([t for t in texts if t]) or _is_number_words(line):
        return True
    words = _fold_words(line)
    return bool(words) and all(w in header_words() for w in words)


def _stops_table(line: str) -> bool:
    text = line.strip()
    if any(p.search(text) for p in _stops()):
        return True
    letters = [w for w in text.split() if any(ch.isalpha() for ch in w)]
    title = (
        not is_framed(text)
        and len(letters) >= 2
        and sum(len(w) for w in letters) >= int(_conf().title_min_letters)
        and text.upper() == text
        and len(chunks(text)) == 1
    )
    return title


@dataclass
class _Line:
    texts: list[str]
    sure: bool  # placed without doubt, and going on from a line that was too
    blank_before: bool
    placed: bool = True  # one placement was best (whatever the line above was)
    confidence: float = 1.0  # the cell-boundary model's least sure decision on the line


def _score(
    place: tuple[int, ...],
    parts: list[str],
    active: set[int],
    fields: tuple[str, ...],
    widths: Sequence[float],
    items: dict[int, str] | None = None,
    tails: Sequence[str] = (),
    over_multiplier: bool = False,
) -> float:
    score = 0.0
    if not active:  # a row's first line: its first and last chunks are its outer columns
        named = [c for c in range(len(fields)) if fields[c] != "no"]
        score += (place[-1] == named[-1]) + (place[0] in (0, named[0]))
    for col, part in zip(place, parts, strict=True):
        if col in active:
            score += 2
            if col < len(tails) and tails[col]:
                score += _goes_on(tails[col], part)
        if widths and widths[col]:  # a chunk about as long as the column's lines read for sure
            score -= min(1.0, abs(len(part) - widths[col]) / widths[col])
        if fields[col] == "formula" and (
            MULTIPLIER_LINE.match(part) or (over_multiplier and len(parts) == 1)
        ):
            score += 3  # "x 100%" closes a formula; the line over it is the formula's last term
        score += _vocab_fit(fields[col], part)
        label = ITEM_LABEL.match(part)
        if label and items and items.get(col) == label.group(1):
            score += 3  # "b. ..." goes on the list whose "a." the column holds
        elif not label and items and items.get(col) == _OPEN:
            score += 1.5  # the rest of an item left open on the line above ("b. Uang Persediaan" / "(UP);")
        if fields[col] == "no" and _NUMBER.match(part):
            score += 3
        elif fields[col] == "no":
            score -= 3
    return score


_OPEN = "open"


def _next_items(body: list[_Line]) -> dict[int, str]:
    """Per column, the label the next item of the list it holds would have ("b" after "a. Ganti
    Uang (GU);"), from the column's latest item on the last lines read; `_OPEN` for a column
    whose item opened on the lines above and was left open there (no closing ";", "." or ":")."""
    found: dict[int, str] = {}
    recent = body[-int(_conf().item_lookback_lines) :]
    for c in range(len(body[-1].texts) if body else 0):
        for line in reversed(recent):  # up the column's lines until its item's label or an end
            text = line.texts[c].rstrip()
            if not text or text.endswith((";", ".", ":")):
                break
            if ITEM_LABEL.match(text):
                found[c] = _OPEN  # "a. Catatan Akhir" / "Laporan Keuangan": the item goes on
                break
    for line in reversed(recent):
        for c, text in enumerate(line.texts):
            m = ITEM_LABEL.match(text)
            if m and c not in found:
                found[c] = following_label(m.group(1))
    return found


def _goes_on(tail: str, part: str) -> float:
    """A column whose text on the line above was left open ("Sub Bagian Umum," / "Keuangan dan":
    a comma, a function word, a slash or dash at its end, a parenthesis not closed) takes the
    chunk that goes on with it: continuation_weight more for placing it there."""
    words = tail.split()
    if not words or not part.strip():
        return 0.0
    last = words[-1]
    open_end = (
        last.lower() in function_words()
        or last.endswith((",", "-", "/", "(", "&"))
        or tail.count("(") > tail.count(")")  # "(KK, KTP, KIA, Akta" / "Kelahiran, Akta"
    )
    return float(_conf().continuation_weight) if open_end else 0.0


def _vocab_fit(field: str, part: str) -> float:
    """A chunk opening with a word of its column's own vocabulary: a sumber-data word ("Data IKM",
    "Dokumen ..."), a unit head in the penanggung-jawab column ("Seksi Pemerintahan"); written
    capitalised, as a cell starts."""
    first = part.split()[0] if part.split() else ""
    if not first[:1].isupper():
        return 0.0
    bonus = float(_conf().column_vocab_bonus)
    if field == "sumber_data" and re.sub(r"[^a-z0-9%]+", "", first.lower()) in _source_words():
        return bonus
    if field == "penanggung_jawab" and starts_with_unit(part):
        return bonus
    if field == "sasaran" and first.lower().strip(",.:;") in _measure_words():
        # "Jumlah ...", "Persentase ...": how an indicator is measured, no sasaran
        return -float(_conf().sasaran_measure_malus)
    return 0.0


@lru_cache(maxsize=1)
def _source_words() -> frozenset[str]:
    return frozenset(re.sub(r"[^a-z0-9%]+", "", w.lower()) for w in _conf_cells().source_words)


def place_chunks(
    parts: list[str],
    fields: tuple[str, ...],
    active: set[int],
    widths: Sequence[float] = (),
    recut: bool = True,
    items: dict[int, str] | None = None,
    tails: Sequence[str] = (),
    need_active: bool = True,
    going_on: Sequence[int] = (),
    over_multiplier: bool = False,
) -> tuple[list[str], bool]:
    """Chunks of one visual line given to the printed columns: (text per column, sure).

    As many chunks as columns: one each. Fewer: the placement that keeps the columns that had
    text on the line above (a cell going on), a number to the "no" column, a chunk as long as
    the column's lines (`widths`, from the lines read for sure); sure only when one
    placement is best without the lengths (they only break ties) and every chunk goes on with
    a column above. More: the extra chunks join the last column, not sure. `recut` False: the
    cell-boundary model already decided the line's cuts, no chunk is cut again by length.
    """
    width = len(fields)
    out = [""] * width
    if not parts:
        return out, True
    if len(parts) > width:
        return [*parts[: width - 1], " ".join(parts[width - 1 :])], False
    if len(parts) == width:
        return list(parts), True
    scored = sorted(
        (
            (_score(p, parts, active, fields, widths, items, tails, over_multiplier), p)
            for p in itertools.combinations(range(width), len(parts))
        ),
        key=lambda sp: -sp[0],
    )
    place = scored[0][1]
    plain = sorted(
        (_score(p, parts, active, fields, (), items, (), over_multiplier) for _, p in scored), reverse=True
    )
    unique = len(plain) == 1 or plain[1] < plain[0]
    sure = unique and _score(place, parts, active, fields, (), items, (), over_multiplier) == plain[0]
    if recut and not sure and widths and len(parts) < len(active):
        decoded = _decode_to_active(parts, going_on, widths) if 2 <= len(parts) < len(going_on) else None
        cut = _split_to_active(parts, fields, active, widths, items, tails) if decoded is None else None
        if decoded is not None:
            parts, place = decoded, tuple(going_on)
        elif cut is not None and cut[0] > scored[0][0]:
            _, parts, place = cut
    for col, part in zip(place, parts, strict=True):
        out[col] = part
    sure = sure and (not need_active or all(c in active or fields[c] == "no" for c in place))
    return out, sure


def _decode_to_active(parts: list[str], cols: Sequence[int], widths: Sequence[float]) -> list[str] | None:
    """A line of fewer chunks (two or more) than the columns going on around it (a tall row's
    visual line next to a pipe row of the same row): the line cut into exactly one cell per such
    column, at the gaps where the cell-boundary model's odds of a cell start and the columns'
    usual lengths agree best (every gap of two or more spaces stays a cut). A guess: the line
    stays unsure."""
    words, gaps = line_gaps("  ".join(parts))
    if len(words) < len(cols) or len(words) > int(_conf().decode_max_words):
        return None
    fixed = {g.index for g in gaps if g.wide}
    if len(fixed) > len(cols) - 1:
        return None
    free = [g.index for g in gaps if g.index not in fixed]
    p = {g.index: min(1 - 1e-6, max(1e-6, g.p_cut)) for g in gaps}
    weight = float(_conf().decode_length_weight)
    best: tuple[float, list[str]] | None = None
    for extra in itertools.combinations(free, len(cols) - 1 - len(fixed)):
        chosen = fixed | set(extra)
        score = sum(math.log(p[i]) if i in chosen else math.log(1 - p[i]) for i in p)
        bounds = [0, *sorted(chosen), len(words)]
        cells = [" ".join(words[a:b]) for a, b in itertools.pairwise(bounds)]
        score -= weight * sum(
            abs(len(cell) - widths[col]) / widths[col]
            for col, cell in zip(cols, cells, strict=True)
            if widths[col]
        )
        if best is None or score > best[0]:
            best = (score, cells)
    return best[1] if best is not None else None


def _split_to_active(
    parts: list[str],
    fields: tuple[str, ...],
    active: set[int],
    widths: Sequence[float],
    items: dict[int, str] | None = None,
    tails: Sequence[str] = (),
) -> tuple[float, list[str], tuple[int, ...]] | None:
    """Fewer chunks than columns going on from the line above: two cells whose text met with a
    single space. Each chunk is tried cut at each of its spaces; the cut whose pieces best fit
    the columns' lengths is kept (a guess: the line stays unsure). Only where the cell-boundary
    model does not rule a cell start out (parsers/cell_boundaries.py): "247 hari" after "tahun"
    is no cell of its own."""
    best: tuple[float, list[str], tuple[int, ...]] | None = None
    floor = float(_conf_cells().recut_floor)
    for i, part in enumerate(parts):
        words, gaps = line_gaps(part)
        for j in (g.index for g in gaps if g.p_cut >= floor):
            cut = [*parts[:i], " ".join(words[:j]), " ".join(words[j:]), *parts[i + 1 :]]
            for place in itertools.combinations(range(len(fields)), len(cut)):
                score = _score(place, cut, active, fields, widths, items, tails)
                if best is None or score > best[0]:
                    best = (score, cut, place)
    return best


def _line_parts(line: str, header: Header, pipe_ok: bool) -> tuple[list[str], list[str] | None]:
    """(chunks of the line, its texts per printed column when the page's pipe columns say it)."""
    if is_framed(line):
        cells = pipe_cells(line)
        if pipe_ok and len(cells) == header.pipe_width:
            per = [""] * len(header.fields)
            for cell, col in zip(cells, header.pipe_fields, strict=True):
                if cell:
                    per[col] = f"{per[col]} {cell}".strip()
            return [], _unpiped_number(per, header)
        return [c for c in cells if c], None
    parts = _bullets_joined([line.expandtabs()[a:b].strip() for a, b in chunks(line)])
    single = sum(1 for p in parts if " " not in p)
    if len(parts) > len(header.fields) and single >= float(_conf().justified_single_word_share) * len(parts):
        return [" ".join(parts)], None  # a justified line of one cell: its gaps are no cell borders
    return parts, None


def _unpiped_number(per: list[str], header: Header) -> list[str]:
    """A pipe row's texts per column with the row number put in the "no" column when no pipe column
    is that column's own (a stacked "NOMOR" label over the next column): the number opening the
    next column's text ("1 Meningkatnya ...")."""
    if "no" not in header.fields:
        return per
    no = header.fields.index("no")
    if no in header.pipe_fields or no + 1 >= len(per):
        return per
    m = _NUMBER.match(per[no + 1])
    if m is None or per[no]:
        return per
    out = list(per)
    out[no], out[no + 1] = m.group(1), per[no + 1][m.end() :].strip()
    return out


def _bullets_joined(parts: list[str]) -> list[str]:
    """A chunk that is only a list bullet ("-", "•") marks the chunk after it: one cell's item
    ("-  Camat"), not a cell of its own."""
    bullets = {str(b) for b in _conf().bullets}
    out: list[str] = []
    for part in parts:
        if out and out[-1] in bullets:
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return out


_Read = tuple[list[str], list[str] | None, bool]


def _known(line: _Read, width: int) -> list[str] | None:
    """A line's texts per column when they are known for sure (pipe columns, or one chunk each)."""
    parts, per, _ = line
    return per if per is not None else (list(parts) if len(parts) == width else None)


def _widths(read: list[_Read], width: int) -> list[float]:
    """Median length of each column's lines among the lines known for sure (0: none known)."""
    lengths: list[list[int]] = [[] for _ in range(width)]
    for line in read:
        for c, t in enumerate(_known(line, width) or []):
            if t:
                lengths[c].append(len(t))
    return [float(sorted(ls)[len(ls) // 2]) if ls else 0.0 for ls in lengths]


def _longest(read: list[_Read], width: int) -> list[int]:
    """Per column, the longest of its lines among the lines known for sure, when at least
    overlong_min_known of them are known (0: too few to tell)."""
    lengths: list[list[int]] = [[] for _ in range(width)]
    for line in read:
        for c, t in enumerate(_known(line, width) or []):
            if t:
                lengths[c].append(len(t))
    least = int(_conf().overlong_min_known)
    return [max(ls) if len(ls) >= least else 0 for ls in lengths]


def _overlong(texts: list[str], longest: list[int]) -> bool:
    """A text wider than its column was ever printed (overlong_factor times the column's longest
    known line): several cells run together into one chunk, whatever column it was given to."""
    factor = float(_conf().overlong_factor)
    return any(t and longest[c] and len(t) > factor * longest[c] for c, t in enumerate(texts))


def _is_multiplier_line(line: _Read) -> bool:
    """A text line that is only a multiplier ("x 100"): it closes a stacked fraction."""
    parts, per, _ = line
    return per is None and len(parts) == 1 and bool(MULTIPLIER_LINE.match(parts[0]))


def _split_number(parts: list[str], fields: tuple[str, ...]) -> list[str]:
    """ "1. Meningkatnya" in a table with a "no" column: the number is a chunk of its own."""
    if not parts or "no" not in fields:
        return parts
    m = _NUMBER.match(parts[0])
    if m and m.end() < len(parts[0]):
        return [m.group(1), parts[0][m.end() :].strip(), *parts[1:]]
    return parts


def read_runtogether_table(lines: Sequence[str], start: int) -> TableRead | None:
    """An indicator table whose header is on lines[start] and whose rows are run together."""
    header, i = read_header_lines(lines, start)
    if header is None:
        return None
    pipe_ok = header.pipe_width > 0
    page_header = header
    read: list[_Read] = []  # (chunks, columns if known, blank before)
    learnt: list[tuple[list[str], float] | None] = []  # each line cut by the cell-boundary model
    offsets: list[int] = []
    blank = False
    while i < len(lines):
        line = lines[i]
        if not line.strip() or line == "\f":
            blank, pipe_ok = True, False  # a page break: the next page has pipe columns of its own
            i += 1
            continue
        if LOOSE_SEPARATOR.match(line) or is_page_number(line):
            i += 1
            continue
        found, end = read_header_lines(lines, i)
        if found is not None and read and blank and set(found.fields) <= set(header.fields):
            # the same header after a page break (or one whose labels were read in part): the
            # table goes on under it, with the new page's pipe columns when its columns are the same
            same = found.fields == header.fields  # its pipe columns map to the table's own
            page_header = found if same else header
            pipe_ok, i = same and found.pipe_width > 0, end
            continue
        if found is not None or _stops_table(line):
            break
        if read and _is_header_line(line):  # a header repeated on the next page
            i += 1
            continue
        parts, per = _line_parts(line, page_header, pipe_ok)
        parts = _split_number(parts, header.fields)
        read.append((parts, per, blank))
        learnt.append(None if is_framed(line) or per is not None else _learnt_cells(parts, header.fields))
        offsets.append(i)
        blank = False
        i += 1
    widths = _widths(read, len(header.fields))
    longest = _longest(read, len(header.fields))
    body: list[_Line] = []
    for k, (parts, per, blank) in enumerate(read):
        if per is not None:
            body.append(_Line(per, True, blank, placed=True))
            continue
        # the columns with text on the line above, and on the line below when its columns are known
        active = {c for c, t in enumerate(body[-1].texts) if t} if body else set()
        below = _known(read[k + 1], len(header.fields)) if k + 1 < len(read) else None
        active |= {c for c, t in enumerate(below or []) if t}
        items = _next_items(body)
        tails = body[-1].texts if body else []
        # a text line next to a pipe row of the same tall row: its text goes on in every column
        # that has text above or below
        framed = (k > 0 and read[k - 1][1] is not None) or (k + 1 < len(read) and read[k + 1][1] is not None)
        going = sorted(active) if framed else []
        over = k + 1 < len(read) and _is_multiplier_line(read[k + 1])
        placed, sure = place_chunks(
            parts,
            header.fields,
            active,
            widths,
            items=items,
            tails=tails,
            going_on=going,
            over_multiplier=over,
        )
        confidence = 1.0
        model_cut = learnt[k]
        if not sure and model_cut is not None and model_cut[0] != parts:
            # the chunks left the placement in doubt: the model's cells, when they settle it
            cells, p = model_cut
            placed_m, sure_m = place_chunks(
                cells, header.fields, active, widths, recut=False, items=items, tails=tails, need_active=False
            )
            if sure_m and p >= float(_conf_cells().sure_probability):
                parts, placed, sure, confidence = cells, placed_m, True, p
        sharp = _sharp_cells(parts, header.fields) if learnt[k] is not None else None  # text lines only
        if sure and sharp is not None:
            # a cell start the model is all but certain of at a single space ("... tepat waktu DPA")
            cells, p = sharp
            placed_s, sure_s = place_chunks(
                cells, header.fields, active, widths, recut=False, items=items, tails=tails, need_active=False
            )
            if sure_s:
                parts, placed, confidence = cells, placed_s, min(confidence, p)
        if sure and len(parts) == 1 and _overlong(placed, longest):
            sure = False  # one chunk holding the text of several cells: its place proves nothing
        # going on from a line that was itself a guess (or from nothing) proves nothing
        anchored = (bool(body) and body[-1].sure) or below is not None or len(parts) == len(header.fields)
        body.append(_Line(placed, sure and anchored, blank, placed=sure, confidence=confidence))
    if not body or not _enough_read(body):
        return None  # mostly guesses: the lines stay running text (rendering-text-unsplit)
    return _table(header, body, offsets, start, i)


def _enough_read(body: list[_Line]) -> bool:
    """The table is read when most of its words are on lines with one best placement; or, with
    fewer such lines, when enough of its words are on lines placed for sure (its rows' first lines,
    cut into every column) whose cells are phrases, not the single words a justified paragraph's
    gaps leave (a paragraph is no table)."""
    conf = _conf()
    placed = _placed_share(body)
    if placed >= float(conf.min_sure_share):
        return True
    if placed < float(conf.anchored_min_placed_share):
        return False
    words = [sum(len(t.split()) for t in b.texts) for b in body]
    sure = sum(w for w, b in zip(words, body, strict=True) if b.sure) / max(1, sum(words))
    cells = [t for b in body if b.sure for t in b.texts if t]
    phrases = sum(1 for t in cells if len(t.split()) >= 2) / max(1, len(cells))
    return sure >= float(conf.anchored_sure_share) and phrases >= float(conf.anchored_phrase_share)


def _placed_share(body: list[_Line]) -> float:
    """Share of the table's words on lines with one best placement: a short line under a cell
    ("x 100", "Jumlah Desa") whose column cannot be told weighs as little as it holds."""
    words = [sum(len(t.split()) for t in b.texts) for b in body]
    return sum(w for w, b in zip(words, body, strict=True) if b.placed) / max(1, sum(words))


def _conf_cells() -> CellBoundaries:
    return load(Renderings).cell_boundaries


def _learnt_cells(parts: list[str], fields: tuple[str, ...]) -> tuple[list[str], float]:
    """Fewer chunks than columns: the line cut again where the cell-boundary model says a cell
    starts (parsers/cell_boundaries.py), with the model's least sure decision; a number already
    split off for the "no" column stays a chunk of its own."""
    width = len(fields)
    if not parts or len(parts) >= width:
        return parts, 1.0
    lead = parts[:1] if "no" in fields and _NUMBER.fullmatch(parts[0].strip()) else []
    rest = parts[len(lead) :]
    if not rest:
        return parts, 1.0
    conf = _conf_cells()
    split = split_cells("  ".join(rest), width - len(lead), float(conf.cut_probability))
    return [*lead, *split.cells], split.confidence


def _sharp_cells(parts: list[str], fields: tuple[str, ...]) -> tuple[list[str], float] | None:
    """Fewer chunks than columns, one of which the cell-boundary model cuts at a single space with
    at least sharp_cut_probability: the chunks with those cuts added (and the model's probability
    of the least sure cut added), or None."""
    if not parts or len(parts) >= len(fields):
        return None
    lead = parts[:1] if "no" in fields and _NUMBER.fullmatch(parts[0].strip()) else []
    rest = parts[len(lead) :]
    if not rest:
        return None
    cut = float(_conf_cells().sharp_cut_probability)
    text = "  ".join(rest)
    split = split_cells(text, len(fields) - len(lead), cut, keep_wide=True)
    if len(split.cells) <= len(rest):
        return None
    added = [g.p_cut for g in line_gaps(text)[1] if not g.wide and g.p_cut >= cut]
    return [*lead, *split.cells], min(added, default=cut)


def _measure_opens(data: list[list[str]], k: int, fields: tuple[str, ...]) -> bool:
    """An indikator cell opening with a capitalised measure word ("Jumlah Monitoring ...") under
    an indikator line (the column's latest) that left nothing open opens a new printed row:
    markitdown gives no other sign of where one indicator of a merged sasaran ends and the next
    begins."""
    if "indikator" not in fields or k == 0:
        return False
    col = fields.index("indikator")
    text = data[k][col].strip()
    above = next((line[col].strip() for line in reversed(data[:k]) if line[col].strip()), "")
    words = text.split()
    if not words or not above or not words[0][:1].isupper():
        return False
    if words[0].lower().strip(",.:;") not in _measure_words():
        return False
    last = above.split()[-1].lower()
    return not (last in function_words() or above.endswith((",", "-", "/", "(", "&", ":")))


@lru_cache(maxsize=1)
def _measure_words() -> frozenset[str]:
    return frozenset(w.lower() for w in measure_words())


def _tall_cells_up(cells: list[list[list[int]]], groups: list[list[int]]) -> list[list[list[int]]]:
    """A tall cell beside three or more rows: the lines each row gave back to the row above go on
    up to the row that holds the cell's start (row_lines gives them one row up only, and that
    row's own lines may have gone up already)."""
    for r in range(1, len(cells)):
        for c, idx in enumerate(cells[r]):
            own = set(groups[r])
            if not idx or any(i in own for i in idx):
                continue
            k = r - 1
            while k > 0 and not cells[k][c]:
                k -= 1
            cells[k][c] += idx
            cells[r][c] = []
    return cells


def _fraction_rows_up(
    data: list[list[str]], groups: list[list[int]], fields: tuple[str, ...]
) -> list[list[int]]:
    """A row of nothing but formula text ending in a multiplier line ("Jumlah SKPD" / "x 100") is the
    lower half of the fraction above: markitdown leaves the formula column blank on the visual line
    of the bar between, which reads as a new row; the lines go back to the row above."""
    if "formula" not in fields:
        return groups
    col = fields.index("formula")
    out: list[list[int]] = []
    for g in groups:
        texts = [(c, t) for i in g for c, t in enumerate(data[i]) if t.strip()]
        lower = (
            bool(out)
            and bool(texts)
            and all(c == col for c, _ in texts)
            and bool(MULTIPLIER_LINE.match(texts[-1][1].strip()))
        )
        if lower:
            out[-1] = [*out[-1], *g]
        else:
            out.append(list(g))
    return out


def _with_bar(cell: Cell, visual: list[str]) -> Cell:
    """A cell's numerator and denominator over its multiplier line with no bar between (markitdown
    drops drawn lines): the bar is put back from the cell's visual lines, before they were
    joined into paragraphs (markdown_rows.with_unbarred_fraction, which reads a cell's lines)."""
    if len(visual) >= 3:
        lined = with_unbarred_fraction(Cell(" ".join(visual), tuple(visual)))
        if lined.paragraphs != tuple(visual):
            return replace(cell, text=lined.text, paragraphs=lined.paragraphs)
    return with_unbarred_fraction(cell)


def _table(header: Header, body: list[_Line], offsets: list[int], start: int, end: int) -> TableRead:
    data = [b.texts for b in body]
    # a number in the "no" column opens a row, even when every column goes on from the line above
    no = header.fields.index("no") if "no" in header.fields else None
    numbered = [no is not None and bool(_NUMBER.fullmatch(line[no].strip())) for line in data]
    numbered = [n or _measure_opens(data, k, header.fields) for k, n in enumerate(numbered)]
    groups = _fraction_rows_up(data, group_rows(data, numbered, list(header.texts)), header.fields)
    continued = [[bool(data[g[0]][c]) for c in range(len(header.fields))] for g in groups]
    where = [[(0, len(t)) for t in line] for line in data]
    low = float(_conf().unsure_confidence)
    rows: list[list[Cell]] = [[raw_to_cell(t) for t in header.texts]]
    lines_of = _tall_cells_up(row_lines(data, groups), groups)
    for g, cells, cont in zip(groups, lines_of, continued, strict=True):
        built = [
            _with_bar(cell, [data[i][c] for i in cells[c] if data[i][c].strip()])
            for c, cell in enumerate(row_cells(data, where, cells, cont))
        ]
        learnt = min(body[k].confidence for k in g)
        if not all(body[k].sure for k in g):
            built = [replace(c, confidence=min(low, learnt)) if c.text else c for c in built]
        elif learnt < 1.0:  # cut by the cell-boundary model: its probability is the cell's confidence
            built = [replace(c, confidence=round(learnt, 3)) if c.text else c for c in built]
        rows.append(built)
    quality = sum(b.sure for b in body) / len(body)
    row_at = (0, *(offsets[g[0]] - start for g in groups))
    return TableRead(rows, end, ENGINE, quality, row_lines=row_at)
