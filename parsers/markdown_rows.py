"""Pipe-table grids as converters that cut rows and columns at drawn lines and word gaps leave them.

pymupdf4llm (and others reading a PDF's drawing) cuts a table at every horizontal rule, so a
fraction bar drawn inside a formula cell ends the row there: the denominator arrives as a row of
its own with every other cell empty. It also guesses columns from word gaps in the header, so a
header word printed with wide letter spacing ("Su | mber", "D | ata") splits one column in two.
Both are put back here, before the grid becomes a `Table`, from the grid alone: a lone cell under
a filled cell that starts a new term is a fraction's lower half; two header cells whose lines only
join into header words are one column.
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import replace
from functools import lru_cache

from parsers.layout_fractions import MULTIPLIER_LINE, OPEN_END, TERM_START, bracket_open
from parsers.layout_rows import is_header_continuation
from parsers.markup import markup_to_paragraphs
from parsers.model import Cell, Paragraph, paragraph_text, paragraphs_text
from parsers.number_row import is_number_row
from parsers.pdf_text import BAR, VisualLine, cell_text, logical_paragraphs
from parsers.vocab import header_words
from vocabulary import load
from vocabulary.schemas import Language


def _lines(cell: Cell) -> list[str]:
    """A cell's visual lines (its `<br>` lines) as plain text."""
    return [t for t in (paragraph_text(p).strip() for p in cell.paragraphs) if t]


def _is_lower_half(above: Cell, cell: Cell) -> bool:
    """`cell` reads as what is printed under a bar in `above`: a new term after a closed line."""
    top, low = _lines(above), _lines(cell)
    if not top or not low or above.merged:
        return False
    return bool(TERM_START.match(low[0])) and not top[-1].endswith(OPEN_END)


def _with_bar(above: Cell, cell: Cell) -> Cell:
    """One cell: the lines of `above`, a fraction bar, the lines of `cell`."""
    visual: list[VisualLine] = [*_lines(above), BAR, *_lines(cell)]
    paragraphs = tuple(logical_paragraphs(visual))
    return replace(above, text=cell_text(paragraphs), paragraphs=paragraphs, raw=f"{above.raw}\n{cell.raw}")


def _fraction_beside_wraps(above: list[Cell], row: list[Cell]) -> int | None:
    """The column of a fraction's lower half in a row whose other cells only go on with the cells
    above (wrapped lines cut off with it): the half starts like its upper half did ("∑ ..." under
    "∑ ...", "Jumlah ..." under "Jumlah ...")."""
    filled = [c for c, cell in enumerate(row) if cell.text]
    if len(filled) < 2 or len(row) != len(above):
        return None
    if any(_CODE.match(row[c].text.split(" ", 1)[0]) for c in filled):
        return None  # a code ("S.3", "S.3.1") opens a row of its own
    halves = [
        c
        for c in filled
        if _is_lower_half(above[c], row[c]) and _head(_lines(row[c])[0]) == _head(_lines(above[c])[0])
    ]
    if len(halves) != 1:
        return None
    rest = [c for c in filled if c != halves[0]]
    # a cell the converter cut leaves its last line break behind ("Meningkatnya<br>")
    wraps = all(
        _lines(above[c]) and (_goes_on(_lines(above[c])[-1], _lines(row[c])[0]) or _cut_open(above[c]))
        for c in rest
    )
    return halves[0] if wraps else None


def _cut_open(cell: Cell) -> bool:
    """A cell whose raw text ends with a line break: the converter cut it with more to come."""
    return re.sub(r"[\s*_]+$", "", cell.raw).endswith("<br>")


def join_fraction_rows(rows: list[list[Cell]], first_body: int) -> tuple[list[list[Cell]], list[int]]:
    """Body rows whose one filled cell is the lower half of a fraction in the row above joined to
    it; return the rows and the indices (into `rows`) that were kept."""
    out: list[list[Cell]] = []
    kept: list[int] = []
    for i, row in enumerate(rows):
        filled = [c for c, cell in enumerate(row) if cell.text]
        if i > first_body and out and len(row) >= 3 and len(filled) == 1:
            c = filled[0]
            above = out[-1]
            # the row above must have more than this cell: a row of one cell under one is a list;
            # and be no column-number row ("1 | 2 | 3"): a number there is no numerator
            if (
                c < len(above)
                and sum(1 for x in above if x.text) > 1
                and not is_number_row([x.text for x in above])
                and _is_lower_half(above[c], row[c])
            ):
                above[c] = _with_bar(above[c], row[c])
                continue
        if i > first_body and out and (half := _fraction_beside_wraps(out[-1], row)) is not None:
            out[-1] = [
                _with_bar(a, x) if k == half else _appended(a, x)
                for k, (a, x) in enumerate(zip(out[-1], row, strict=True))
            ]
            continue
        out.append(list(row))
        kept.append(i)
    return out, kept


_SUM_OVER_COUNT = re.compile(r"^\d{1,2}$")
_DIVIDED = re.compile(r"\s[/:÷]\s|\bdibagi\b", re.I)


def _head(line: str) -> str:
    """How a term starts: its sum sign, else its first word."""
    m = re.match(r"[∑Σ]|\w+", line.lstrip("(["))
    return m.group(0).lower() if m else ""


def _bar_at(lines: list[str]) -> int | None:
    """Where a fraction printed without its bar starts its denominator: the one line that starts
    a new term after a closed line; of several, the one that starts like the numerator did."""
    splits = [
        k
        for k in range(1, len(lines))
        if TERM_START.match(lines[k]) and not lines[k - 1].endswith(OPEN_END) and not bracket_open(lines[:k])
    ]
    if len(splits) > 1:
        splits = [k for k in splits if _head(lines[k]) == _head(lines[0])]
    return splits[0] if len(splits) == 1 else None


def with_unbarred_fraction(cell: Cell) -> Cell:
    """A cell that ends in a multiplier line ("x 100%") over a numerator and a denominator with
    no bar between (a converter that drops drawn lines keeps only the lines of text): the bar is
    put back where one term ends and the next starts, when there is one such place."""
    if not all(isinstance(p, str) for p in cell.paragraphs):
        return cell
    lines = _lines(cell)
    if len(lines) >= 2 and _SUM_OVER_COUNT.match(lines[-1]) and " + " in " ".join(lines[:-1]):
        # a sum over a count with no bar between ("A + B" over "2"): an average
        averaged = tuple(logical_paragraphs([" ".join(lines[:-1]), BAR, lines[-1]]))
        return replace(cell, text=cell_text(averaged), paragraphs=averaged)
    if len(lines) < 3 or not MULTIPLIER_LINE.match(lines[-1]) or _DIVIDED.search(cell.text):
        return cell  # a division already written out needs no bar
    at = _bar_at(lines[:-1])
    if at is None:
        return cell
    visual: list[VisualLine] = [" ".join(lines[:at]), BAR, " ".join(lines[at:-1]), lines[-1]]
    paragraphs = tuple(logical_paragraphs(visual))
    return replace(cell, text=cell_text(paragraphs), paragraphs=paragraphs)


def _words(lines: list[str]) -> list[str]:
    return [w for ln in lines for w in re.findall(r"[a-z]+", ln.lower())]


def _pad(a: list[str], b: list[str]) -> tuple[list[str], list[str]]:
    n = max(len(a), len(b))
    return a + [""] * (n - len(a)), b + [""] * (n - len(b))


def _split_header_pair(left: Cell, right: Cell) -> bool:
    """Two header cells that are one header cut at a word gap: joined line by line their texts
    make header words of pieces that were none ("Su" + "mber" -> "Sumber") and leave fewer
    words outside the header vocabulary than the pieces did."""
    a, b = _pad(_lines(left), _lines(right))
    if not any(a) or not any(b):
        return False
    vocab = header_words()
    whole = _words([x + y for x, y in zip(a, b, strict=True)])
    alone = _words(a) + _words(b)
    made = [w for w in whole if w in vocab and w not in alone]
    outside = sum(1 for w in whole if w not in vocab)
    return bool(made) and outside < sum(1 for w in alone if w not in vocab)


def _joined_header(left: Cell, right: Cell) -> Cell:
    a, b = _pad(_lines(left), _lines(right))
    paragraphs: tuple[Paragraph, ...] = tuple(x + y for x, y in zip(a, b, strict=True) if x + y)
    return replace(left, text=paragraphs_text(paragraphs), paragraphs=paragraphs, raw=left.raw + right.raw)


def _placement(a: list[str], b: list[str], known: frozenset[tuple[str, str]]) -> tuple[int, ...]:
    """Beside which of the left part's lines each of the right part's lines sits, when the right
    part has fewer lines (the converter drops the blank ends of lines that did not reach the cut):
    the top-aligned placement unless another one reads more of the word pairs that the column's
    cells whose parts pair up line for line hold (a value repeated down the column)."""
    top = tuple(range(len(b)))
    if len(b) >= len(a) or not known or math.comb(len(a), len(b)) > _MAX_PLACEMENTS:
        return top

    def agrees(at: tuple[int, ...]) -> int:
        return len(_pairs(_placed(a, b, at)) & known)

    best = max(itertools.combinations(range(len(a)), len(b)), key=agrees)
    return best if agrees(best) > agrees(top) else top


_MAX_PLACEMENTS = 256


def _placed(a: list[str], b: list[str], at: tuple[int, ...]) -> list[str]:
    """The lines of a split cell with right line k beside left line at[k]."""
    beside = dict(zip(at, b, strict=True))
    rest = [y for k, y in enumerate(b) if k >= len(a)]
    lines = [" ".join(x for x in (line, beside.get(k, "")) if x) for k, line in enumerate(a)]
    return lines + rest


def _pairs(lines: list[str]) -> frozenset[tuple[str, str]]:
    """The neighbouring word pairs of a cell's text read line after line."""
    words = _words(lines)
    return frozenset(itertools.pairwise(words))


def _joined_cell(left: Cell, right: Cell, known: frozenset[tuple[str, str]] = frozenset()) -> Cell:
    """A data cell of a split column: line beside line from the top (cells are top-aligned), or
    where the column's other cells say (`_placement`); which part of a word went to which side is
    not known, so a space goes between."""
    a, b = _lines(left), _lines(right)
    if not b:
        return left
    if not a:
        return replace(right, merged=left.merged and right.merged)
    paragraphs: tuple[Paragraph, ...] = tuple(_placed(a, b, _placement(a, b, known)))
    return replace(
        left, text=paragraphs_text(paragraphs), paragraphs=paragraphs, raw=f"{left.raw} {right.raw}"
    )


def _paired_words(rows: list[list[Cell]], c: int) -> frozenset[tuple[str, str]]:
    """Word pairs of the cells of split column c whose two parts have as many lines."""
    known: set[tuple[str, str]] = set()
    for r in rows[1:]:
        a, b = _lines(r[c]), _lines(r[c + 1])
        if a and len(a) == len(b):
            known |= _pairs(_placed(a, b, tuple(range(len(b)))))
    return frozenset(known)


def join_split_columns(rows: list[list[Cell]]) -> list[list[Cell]]:
    """Columns whose header cells are one header word cut in two joined into one column."""
    if not rows:
        return rows
    c = 0
    while c + 1 < len(rows[0]):
        numbered = [r for r in rows[1:] if is_number_row([x.text for x in r])]
        # a column-number row ("1 2 3 4") numbering both columns says they are two
        apart = any(r[c].text and r[c + 1].text for r in numbered)
        if apart or not _split_header_pair(rows[0][c], rows[0][c + 1]):
            c += 1
            continue
        known = _paired_words(rows, c)
        rows = [
            [
                *r[:c],
                _joined_header(r[c], r[c + 1]) if k == 0 else _joined_cell(r[c], r[c + 1], known),
                *r[c + 2 :],
            ]
            for k, r in enumerate(rows)
        ]
    return rows


def _no_clash(rows: list[list[Cell]], a: int, b: int) -> bool:
    """No body row has text in both columns a and b."""
    return not any(r[a].text and r[b].text for r in rows[1:])


def join_headerless_columns(rows: list[list[Cell]]) -> list[list[Cell]]:
    """A column with no header text whose cells sit in rows where a headed neighbour column has
    none (a converter that put the header one column off: "PENJELASAN | (blank) | SUMBER DATA"
    over "... | DPA | (blank)") joined into that neighbour: the values under no header are the
    neighbour's. The neighbour whose cells are all empty is taken first."""
    if len(rows) < 2:
        return rows
    c = 0
    while c < len(rows[0]) and len(rows[0]) > 2:
        filled = any(r[c].text for r in rows[1:] if not is_number_row([x.text for x in r]))
        if rows[0][c].text or not filled:
            c += 1
            continue
        sides = [
            d for d in (c - 1, c + 1) if 0 <= d < len(rows[0]) and rows[0][d].text and _no_clash(rows, c, d)
        ]
        sides.sort(key=lambda d: sum(1 for r in rows[1:] if r[d].text))
        if not sides:
            c += 1
            continue
        d = sides[0]
        keep, drop = (d, c)
        rows = [
            [
                (r[drop] if k > 0 and r[drop].text and not r[keep].text else x) if i == keep else x
                for i, x in enumerate(r)
                if i != drop
            ]
            for k, r in enumerate(rows)
        ]
        c = min(c, d)
    return rows


_CODE = re.compile(r"^[A-Za-z]{0,3}\.?\d+(?:\.\d+)+\.?$|^[A-Z]{1,3}\.\d+\.?$")


def _key_column(rows: list[list[Cell]]) -> int | None:
    """The rightmost column whose filled cells are all indicator codes ("S.1.1", "1.2.3"), in two
    rows or more: each printed row has its own code there."""
    found = None
    for c in range(len(rows[0]) if rows else 0):
        texts = [r[c].text for r in rows if r[c].text]
        if len(texts) >= 2 and all(_CODE.match(t) for t in texts) and len(set(texts)) == len(texts):
            found = c
    return found


def _code_columns(rows: list[list[Cell]]) -> list[int]:
    """Columns whose filled cells are all distinct codes ("S.1", "S.1.2"), in two rows or more."""
    out = []
    for c in range(len(rows[0]) if rows else 0):
        texts = [r[c].text for r in rows if r[c].text]
        if len(texts) >= 2 and all(_CODE.match(t) for t in texts) and len(set(texts)) == len(texts):
            out.append(c)
    return out


def join_coded_text_cells(rows: list[list[Cell]], first_body: int) -> list[list[Cell]]:
    """A coded text cell ("S.2 Meningkatnya ... Masyarakat", or its code in the column on its
    left) that a converter cut at the rows beside it: in a column where half the filled cells or
    more carry a code, a cell without one goes on with the coded cell above ("Perdesaan"),
    which is then merged over the row."""
    body = rows[first_body:]
    codes = _code_columns(body)
    out = [list(r) for r in rows]

    def coded(i: int, t: int) -> bool:
        first = out[i][t].text.split(" ", 1)[0]
        return bool(_CODE.match(first)) or (t - 1 in codes and bool(out[i][t - 1].text))

    for t in range(len(out[0]) if out else 0):
        filled = [i for i in range(first_body, len(out)) if out[i][t].text]
        marked = [i for i in filled if coded(i, t)]
        if t in codes or len(marked) < 2 or 2 * len(marked) < len(filled):
            continue
        for i in filled:
            if i <= marked[0] or coded(i, t):
                continue
            k = i - 1
            while k > marked[0] and not coded(k, t):
                k -= 1
            out[k][t] = _appended(out[k][t], out[i][t])
            out[i][t] = Cell(text="", merged=True)
    return out


def _appended(above: Cell, cell: Cell) -> Cell:
    if not cell.text:
        return above
    if not above.text:
        return replace(cell, merged=False)
    paragraphs = (*above.paragraphs, *cell.paragraphs)
    return replace(
        above, text=paragraphs_text(paragraphs), paragraphs=paragraphs, raw=f"{above.raw}\n{cell.raw}"
    )


def join_header_rows(rows: list[list[Cell]], first_body: int) -> tuple[list[list[Cell]], list[int]]:
    """A header printed over several lines that the converter cut into rows ("Sasaran" over
    "RPJMD", "Target" over the years): the rows under the header whose every filled cell is
    header text (`is_header_continuation`) are joined into it, line by line."""
    if first_body == 0 or not rows:
        return rows, list(range(len(rows)))
    n = 1
    while n < min(len(rows), 6) and is_header_continuation([c.text for c in rows[n]]):
        n += 1
    if n == 1:
        return rows, list(range(len(rows)))
    header = []
    for c in range(len(rows[0])):
        raw = "<br>".join(r[c].raw for r in rows[:n] if r[c].text)
        paragraphs = tuple(markup_to_paragraphs(raw))
        header.append(Cell(text=paragraphs_text(paragraphs), paragraphs=paragraphs, raw=raw))
    return [header, *rows[n:]], [0, *range(n, len(rows))]


def join_wrapped_rows(rows: list[list[Cell]], first_body: int) -> tuple[list[list[Cell]], list[int]]:
    """A row the converter cut at each visual line ("Tertib Administrasi | Jumlah surat yang" over
    "Perkantoran | terdistribusi"): a body row whose cells all sit under filled cells, two or
    more of them going on in lower case and none opening an item, a code or a number, is the
    rest of the row above."""
    out: list[list[Cell]] = []
    kept: list[int] = []
    for i, row in enumerate(rows):
        above = out[-1] if i > first_body and out and len(kept) > first_body else None
        if above is not None and _wraps_row(above, row):
            out[-1] = [_appended(a, c) for a, c in zip(above, row, strict=True)]
            continue
        out.append(list(row))
        kept.append(i)
    return out, kept


def _wraps_row(above: list[Cell], row: list[Cell]) -> bool:
    filled = [c for c, cell in enumerate(row) if cell.text]
    if len(row) != len(above) or len(filled) < 2:
        return False
    if is_number_row([x.text for x in row]) or is_number_row([x.text for x in above]):
        return False
    if any(not above[c].text or above[c].merged for c in filled):
        return False
    firsts = [_lines(row[c])[0] for c in filled]
    if any(_LIST_ITEM.match(t) or t[:1].isdigit() or _CODE.match(t.split(" ", 1)[0]) for t in firsts):
        return False
    return sum(1 for t in firsts if t[:1].islower()) >= 2


def join_coded_rows(rows: list[list[Cell]], first_body: int) -> tuple[list[list[Cell]], list[int]]:
    """In a table with an indicator-code column, a body row with no code goes on with the row
    above: a converter that cut a printed row at every visual line (or drawn line) left it."""
    key = _key_column(rows[first_body:])
    if key is None:
        return rows, list(range(len(rows)))
    out: list[list[Cell]] = []
    kept: list[int] = []
    for i, row in enumerate(rows):
        started = any(r[key].text for r in out[first_body:]) if i > first_body else False
        if i > first_body and started and not row[key].text:
            out[-1] = [_appended(a, c) for a, c in zip(out[-1], row, strict=True)]
            continue
        out.append(list(row))
        kept.append(i)
    return out, kept


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    return frozenset(load(Language).function_words)


_LIST_ITEM = re.compile(r"^\s*(?:[-–•●▪❖*]\s|\(?(?:[a-zA-Z]|\d{1,2}(?:\.\d{1,2})*)[.)]\s)")


def _goes_on(above: str, text: str) -> bool:
    """`text` reads as the next line of `above`: lower-case start, or `above` left open."""
    words = re.findall(r"\w+", above.lower())
    if _LIST_ITEM.match(text):
        return False  # "a. ...", "- ...": a new item, whatever its case
    return bool(above) and (
        text[:1].islower()
        or above.rstrip().endswith((",", "-", "/", "(", "&"))
        or bool(words and words[-1] in _function_words())
    )


def _starts_new(above: Cell | None, cell: Cell) -> bool:
    """A cell that begins new content under the cell above (capital start, the one above closed)."""
    low = _lines(cell)
    top = _lines(above) if above is not None else []
    return bool(low) and low[0][:1].isupper() and not (top and _goes_on(top[-1], low[0]))


def join_tall_cells(rows: list[list[Cell]], first_body: int) -> list[list[Cell]]:
    """A tall cell (a sasaran beside several indicators) that a converter cut at the row lines
    beside it: in a row where two cells or more begin new content, a cell that only goes on
    with the text above gives it back to the cell it continues and is left merged."""
    out = [list(r) for r in rows]
    for i in range(first_body + 1, len(out)):
        row, above = out[i], out[i - 1]
        if is_number_row([x.text for x in above]) or is_number_row([x.text for x in row]):
            continue
        if sum(1 for c, cell in enumerate(row) if _starts_new(above[c], cell)) < 2:
            continue
        for c, cell in enumerate(row):
            k = i - 1
            while k > first_body and out[k][c].merged:
                k -= 1
            top = _lines(out[k][c])
            # only a cell left open above ("... dan", "... yang,"): a lower-case start alone is
            # also how a typist begins a new item
            if not top or not _lines(cell) or not _goes_on(top[-1], "X" + _lines(cell)[0]):
                continue
            out[k][c] = _appended(out[k][c], cell)
            row[c] = Cell(text="", merged=True)
    return out
