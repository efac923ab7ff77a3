"""Table rows -> logical rows.

Text renderings break a multi-line cell into one row per visual line, merged cells leave
blank cells below, and page breaks split tables. Each physical row votes, column by column,
on whether it starts a new logical row; sasaran fragments are grouped the same way and
carried down to every row they cover.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from parsers.model import Cell, Fraction, Paragraph, Row, Table, paragraph_text, paragraphs_text
from structure.column_align import column_placement, placed_mapping
from structure.columns import continued_header, exact_headers, header_mapping, is_header_like, is_number_row
from structure.evidence import RowEvidence
from structure.fields import is_code
from structure.junk import is_junk
from structure.language import conjunctions, function_words, measure_words, starts_with_note
from structure.lists import FIRST_LABELS, split_label, starts_with_marker

RULED_ENGINES = frozenset({"pdfplumber", "camelot-lattice", "ocr-grid", "docx"})
# engines whose rows are printed rows (cut at rules or where cells start), not visual lines: also
# layout text (its lines grouped into printed rows) and pipe tables (a converter's rows): a row
# such a table starts a page with may be the rest of the row the page before ended in
GRIDDED_ENGINES = RULED_ENGINES | {"gutters", "layout", "markdown"}
# the table readers of text renderings (parsers/text.py and its readers), by the engine name their
# tables carry, with the short name the confidence evidence gives each: a cell confidence they give
# is their own certainty about the cell, not an OCR word confidence
TEXT_READERS = {
    "text": "tab",  # tab-separated rows
    "markdown": "pipe",  # pipe tables
    "run-together": "runtogether",  # cells run together on a line, cut by rules and a fitted model
    "layout": "layout",  # columns from whitespace (pdftotext -layout)
    "html": "html",
}
TEXT_ENGINES = frozenset(TEXT_READERS)


@dataclass
class TableRef:
    """A table met in the document, with the MISI/TUJUAN context it sits under."""

    table: Table
    misi: str | None = None
    tujuan: str | None = None
    text_before: bool = False  # running text between this table and the previous one
    caption: tuple[str, ...] = ()  # the last lines printed above the table ("Tabel 4.2 IKU Kecamatan X")


@dataclass
class PhysRow:
    cols: dict[str, list[Cell]]
    page: int
    boundary: bool  # first data row after a table break
    misi: str | None
    tujuan: str | None
    ruled: bool = False  # from a ruled grid: one physical row is one printed row
    merged: frozenset[str] = frozenset()  # columns whose cell is covered by a merged cell above
    line: int = 0  # the row's line (text rendering) or row number (PDF table) on its page
    engine: str = "text"  # evidence for the confidence model: its table's engine and quality,
    quality: float = 1.0  # and the columns whose header matched exactly
    exact: frozenset[str] = frozenset()
    gridded: bool = False  # ruled, or rule-less rows cut where cells start (pdf_gutters)
    restarts: int = 0  # header rows after running text met in its block's tables before it


@dataclass
class LogicalRow:
    cols: dict[str, list[Paragraph]] = field(default_factory=dict)  # column -> paragraphs
    sasaran_group: int | None = None
    page: int = 1
    fragments: int = 0
    misi: str | None = None
    tujuan: str | None = None
    ocr_confidence: list[float] = field(default_factory=list)  # word confidence of OCR'd cells
    column_ocr: dict[str, float] = field(default_factory=dict)  # column -> lowest OCR word confidence
    reader_confidence: list[float] = field(default_factory=list)  # a text reader's confidence of its cells
    column_reader: dict[str, float] = field(default_factory=dict)  # column -> lowest such confidence
    lines: list[tuple[int, int]] = field(default_factory=list)  # (page, line) of each physical row
    votes: list[int] = field(default_factory=list)  # |vote| of each visual line that cut or joined it
    phys: list[PhysRow] = field(default_factory=list)  # the physical rows it was made of
    sasaran_joined: bool = False  # its sasaran joined fragments beside several rows (a guess)

    def evidence(self, split: bool = False) -> RowEvidence:
        """How this row was read, for the confidence model."""
        return RowEvidence(
            engine=self.phys[0].engine if self.phys else "text",
            table_quality=min((p.quality for p in self.phys), default=1.0),
            exact_headers=frozenset.intersection(*(p.exact for p in self.phys)) if self.phys else frozenset(),
            ruled=all(p.ruled for p in self.phys),
            vote_margin=min(self.votes) if self.votes else None,
            fragments=self.fragments,
            split=split,
            ocr_confidence=min(self.ocr_confidence) if self.ocr_confidence else None,
            column_ocr=tuple(sorted(self.column_ocr.items())),
            across_break=any(p.boundary for p in self.phys[1:]),
            break_columns=self.break_columns(),
            sasaran_joined=self.sasaran_joined,
            reader_confidence=min(self.reader_confidence) if self.reader_confidence else None,
            column_reader=tuple(sorted(self.column_reader.items())),
            restarts=max((p.restarts for p in self.phys), default=0),
        )

    def break_columns(self) -> frozenset[str]:
        """The columns whose cell was continued across a page / table break: text in the physical
        rows before a break and in the first one after it (a cell the break cut in two)."""
        out: set[str] = set()
        before: set[str] = set()  # the columns with text in the physical rows so far
        for i, phys in enumerate(self.phys):
            filled = {c for c, cells in phys.cols.items() if _has_text(cells)}
            if i and phys.boundary:
                out |= filled & before
            before |= filled
        return frozenset(out)

    def text(self, column: str) -> str:
        return paragraphs_text(self.cols.get(column, []))


def _has_text(cells: list[Cell]) -> bool:
    return any(c.text.strip() for c in cells)


def _merged_cols(row: Row, mapping: dict[int, str]) -> frozenset[str]:
    return frozenset(mapping[i] for i, c in enumerate(row.cells) if c.merged and i in mapping)


def _row_cols(row: Row, mapping: dict[int, str]) -> dict[str, list[Cell]]:
    cols: dict[str, list[Cell]] = {}
    for i, cell in enumerate(row.cells):
        column = mapping.get(i)
        # a cell of codes only ("S.1.1") is the code half of a code + text column pair: a label
        if column and cell.text and not is_junk(cell.text) and not is_code(cell.text):
            cols.setdefault(column, []).append(cell)
    return cols


def _placed_mapping(
    ref: TableRef, mapping: dict[int, str] | None, under: list[Row], width: int
) -> dict[int, str] | None:
    """The mapping of a pipe table that goes on under the header of a table above with fewer
    columns (the converter left out a column empty on this page: structure/column_align.py); None
    when the table is read by position. Only a converter that leaves such columns out
    (`Table.columns_left_out`): a reader of the page's own geometry keeps every column."""
    rows = ref.table.rows
    if mapping is None or not ref.table.columns_left_out or not rows or header_mapping(rows[0]):
        return None
    at = column_placement(under, rows, width)
    return placed_mapping(mapping, at) if at is not None else None


def physical_rows(refs: list[TableRef]) -> list[PhysRow]:
    """Data rows of consecutive tables with one header mapping (repeated headers dropped)."""
    out: list[PhysRow] = []
    mapping: dict[int, str] | None = None
    exact: frozenset[str] = frozenset()
    restarts = 0  # a table with its own header after running text, once rows were read (or rows
    # went unread for want of a header): the heading of another block (a jabatan) may have gone
    # unread between them
    unread = False
    under: list[Row] = []  # the rows read under the current header, and the header's width
    width = 0
    for ref in refs:
        boundary = bool(out)
        restarted = False
        rows, skip = ref.table.rows, -1
        placed = _placed_mapping(ref, mapping, under, width)
        for k, row in enumerate(rows):
            if k == skip:
                continue  # the rest of the header's wrapped cells, read with it
            found = header_mapping(row)
            if found is not None:
                joined = continued_header(row, rows[k + 1], found) if k + 1 < len(rows) else None
                if joined is not None:
                    (row, found), skip = joined, k + 1
                mapping, exact = found, exact_headers(row, found)
                under, width, placed = [], len(row.cells), None
                if ref.text_before and (out or unread) and not restarted:
                    restarts, restarted = restarts + 1, True
                continue
            if mapping is None:
                unread = unread or any(c.text.strip() for c in row.cells)
                continue
            if is_header_like(row) or is_number_row(row):
                continue
            cols = _row_cols(row, placed or mapping)
            if not cols:
                continue
            if placed is None:
                under.append(row)
            ruled = ref.table.engine in RULED_ENGINES or ref.table.rows_ruled
            merged = _merged_cols(row, placed or mapping)
            phys = PhysRow(cols, row.prov.page, boundary, ref.misi, ref.tujuan, ruled, merged, row.prov.line)
            phys.engine, phys.quality, phys.exact = ref.table.engine, ref.table.quality, exact
            phys.gridded = ref.table.engine in GRIDDED_ENGINES
            phys.restarts = restarts
            out.append(phys)
            boundary = False
    return out


def _first(cells: list[Cell]) -> Paragraph:
    return cells[0].paragraphs[0] if cells and cells[0].paragraphs else (cells[0].text if cells else "")


def _last(paragraphs: list[Paragraph]) -> Paragraph:
    return paragraphs[-1] if paragraphs else ""


def _head(p: Paragraph) -> str:
    """How a paragraph starts, for the voting rules: a drawn fraction's first line is its numerator."""
    if isinstance(p, Fraction):
        return p.numerator if p.drawn and not p.before else p.text
    return p


def _tail(p: Paragraph) -> str:
    """How a paragraph ends, for the voting rules: a drawn fraction's last line is its denominator."""
    if isinstance(p, Fraction):
        return p.denominator if p.drawn and not p.after else p.text
    return p


def _opens_with_fraction(p: Paragraph) -> bool:
    """A typeset fraction with nothing but "=" before it: it never continues the line above."""
    return isinstance(p, Fraction) and not p.drawn and not p.before.strip(" =")


def _continues(prev: str, text: str) -> bool:
    """True when `text` reads as the next visual line of `prev`."""
    if not prev:
        return False
    words = re.findall(r"\w+", prev.lower())
    return (
        text[:1].islower()
        or bool(words and words[-1] in function_words())
        or prev.rstrip().endswith((",", "(", "/", "-", "+", ":", "=", "—", "–"))
        or bool(re.search(r"[—_]{3,}\s*$", prev))
    )


def _vote(row: PhysRow, current: LogicalRow, bullets_in_table: bool) -> int:
    """Does this visual line start a new logical row (> 0) or go on with `current` (<= 0)?

    Only for rows that are visual lines (text renderings, stream tables), where a multi-line cell
    is printed one line per row. Each cell votes; the weights say how sure a sign is:
    - +3 a number in the No column, +3 a list marker ("-", "a.", "2)") starting the indikator: a
      printed row number or a new bullet is the strongest sign, and outweighs the two continuation
      signs a wrapped line usually shows (seed 000: "- Persentase ..." rows whose other cells wrap);
    - indikator without a marker: -1 when it starts in lower case (the rest of a sentence) or the
      table's indicators are bulleted (>= 2 bulleted rows: an unbulleted line there is a wrapped
      one), else only +1: a wrapped line may start with a capital ("Kecamatan ...");
    - formula, sumber data, penanggung jawab: +1 for a formula opening with a typeset fraction (a
      `Fraction` paragraph is complete: it never goes on from the line above), -1 for a "Catatan"
      note or a line that reads as the next line of the same cell (lower case, or the line above
      ends in a function word or open punctuation), +1 for a line starting with a capital, digit,
      "∑" or "(", or a typeset fraction after nothing but symbols;
    - a tie (0) continues: without evidence a line of a rendering is more often a wrapped line
      than a new row, and a wrongly joined line loses less than a row cut in two.
    """
    score = 0
    no = _head(_first(row.cols.get("no", [])))
    if re.match(r"^\d+\.?$", no.strip()):
        score += 3
    ind = _head(_first(row.cols.get("indikator", [])))
    if ind:
        if starts_with_marker(ind):
            score += 3
        elif bullets_in_table or ind[:1].islower():
            score -= 1
        else:
            score += 1
    for column in ("formula", "sumber_data", "penanggung_jawab"):
        para = _first(row.cols.get(column, []))
        text, above = _head(para), _tail(_last(current.cols.get(column, [])))
        if not text:
            continue
        if column == "formula" and _opens_with_fraction(para):
            score += 1  # a complete LaTeX fraction never continues the line above
        elif starts_with_note(text) or _continues(above, text):
            score -= 1
        elif re.match(r"^[\W\d]*[A-Z0-9∑Σ(]", text) or _typeset_after_symbols(para):
            score += 1
    return score


def _typeset_after_symbols(p: Paragraph) -> bool:
    """A typeset fraction after nothing but symbols and digits ("1) ", "= "): it starts a row."""
    return isinstance(p, Fraction) and not p.drawn and re.fullmatch(r"[\W\d]*", p.before) is not None


def _starts_like_indicator(p: Paragraph) -> bool:
    first = re.match(r"[\w-]+", _head(p).strip().lower())
    return bool(first and first.group(0) in measure_words()) or _opens_with_fraction(p)


def _continues_after_break(row: PhysRow, above: list[LogicalRow]) -> bool:
    """A ruled row cut by a page break: its cells go on with the sentences left open in the last
    of `above` (the logical rows so far).

    A row number of its own in the No column, the one after the last numbered row of `above`
    ("2" after 1), starts a row (see _next_number).
    """
    prev = above[-1]
    first = _first(row.cols.get("indikator", []))
    ind = _head(first)
    if starts_with_marker(ind) or _starts_like_indicator(first) or _next_number(row, above):
        return False
    if _starts_like_indicator(_first(row.cols.get("formula", []))):
        return False
    if ind[:1].islower():
        return True
    return not _tail(_last(prev.cols.get("indikator", []))).rstrip().endswith((".", ";", ":", "?", "!"))


def _is_list_continuation(row: PhysRow, prev: LogicalRow) -> bool:
    """A row after a page break whose indikator cell continues the previous row's list."""
    label, _, marker = split_label(_head(_first(row.cols.get("indikator", []))))
    prev_text = prev.text("indikator")
    if marker and label and label in FIRST_LABELS:  # a list opened by the line above ("... ternak:")
        return prev_text.rstrip().endswith(":")
    return bool(marker and label and re.search(r"(?:^|\s)[a-zA-Z1-9][.)]\s", prev_text))


def _add(
    logical: LogicalRow, column: str, cells: list[Cell], continuation: bool, by_text_reader: bool = False
) -> None:
    confs = [c.confidence for c in cells if c.confidence is not None]
    found, per_column = (
        (logical.reader_confidence, logical.column_reader)
        if by_text_reader
        else (logical.ocr_confidence, logical.column_ocr)
    )
    found += confs
    if confs:
        per_column[column] = min([*confs, per_column.get(column, 1.0)])
    paragraphs: list[Paragraph] = [p for c in cells for p in (c.paragraphs or (c.text,))]
    existing = logical.cols.setdefault(column, [])
    if continuation and existing and paragraphs and column != "formula":
        # only the formula's fractions matter past here: other columns join as plain text
        first, last = paragraph_text(paragraphs[0]), paragraph_text(existing[-1])
        if fuzz.ratio(first.lower(), last.lower()) >= 75 and len(paragraphs) == 1:
            return  # an OCR-garbled duplicate of the line above
        if not starts_with_marker(first):
            existing[-1] = f"{last} {first}"
            paragraphs = paragraphs[1:]
    existing.extend(paragraphs)


def _shares_merged_cells(rows: list[PhysRow]) -> bool:
    """True when some data row leaves sasaran empty: a sasaran cell spans several rows."""
    return any(not r.cols.get("sasaran") for r in rows)


def logical_rows(rows: list[PhysRow]) -> tuple[list[LogicalRow], list[str]]:
    """Group physical rows into logical rows; return them and the sasaran texts they point to."""
    bullets = sum(1 for r in rows if starts_with_marker(_head(_first(r.cols.get("indikator", []))))) >= 2
    merged_sasaran = _shares_merged_cells(rows)
    out: list[LogicalRow] = []
    sasaran: list[str] = []
    joined: set[int] = set()  # sasaran groups that took a fragment of another logical row
    for row in rows:
        current = out[-1] if out else None
        votes: list[int] = []  # the vote that started a new row goes to that row
        empty_lead = not any(row.cols.get(c) for c in ("indikator", "sasaran", "indikator_tujuan"))
        # Does this physical row start a new logical row? First match decides:
        if current is None:  # 1. the first data row always does
            new = True
        elif row.boundary and (empty_lead or _is_list_continuation(row, current)):
            # 2. first row after a table break with neither indikator (of sasaran or of tujuan) nor
            #    sasaran (only the rest of formula / sumber cells), or whose indikator goes on with the
            #    list above ("c. ..." after "a. ... b. ..."): the page break cut a row, in any table
            new = False
        elif row.gridded and row.boundary:
            # 3. a ruled (or gutter-cut) row at a page break: the printed row was cut in two when its
            #    indikator cell reads as the rest of the sentence above (lower case, or the cell above left
            #    open) and nothing in it looks like a new indicator (marker, measure word, fraction)
            new = bool(row.cols.get("indikator")) and not _continues_after_break(row, out)
        elif row.ruled:
            # 4. inside a ruled grid one physical row is one printed row; a row without indikator
            #    and sasaran only holds lines the grid put in a row of their own (a formula's
            #    second line under a merged indikator cell)
            new = not empty_lead
        else:
            # 5. rows that are visual lines (text renderings, stream tables): the cells vote
            vote = _vote(row, current, bullets)
            new = vote > 0
            (current.votes if not new else votes).append(abs(vote))
        if new or current is None:
            previous = current
            current = LogicalRow(page=row.page, misi=row.misi, tujuan=row.tujuan)
            if previous is not None:  # merged cells of a ruled grid keep the value printed above
                for column in row.merged - {"sasaran", "indikator", "indikator_tujuan", "no"}:
                    current.cols[column] = list(previous.cols.get(column, []))
            out.append(current)
        current.votes += votes
        current.phys.append(row)
        current.fragments += 1
        current.lines.append((row.page, row.line))
        s_text = " ".join(c.text for c in row.cols.get("sasaran", []))
        if s_text:
            # a sasaran fragment joins the previous sasaran inside one logical row, or across rows
            # when the table merges sasaran cells (some row leaves it empty) and the fragment reads
            # as its next line; otherwise it is a new sasaran (a repeated one stays separate)
            if sasaran and (
                not new or (merged_sasaran and _continues(sasaran[-1], s_text) and not _numbered(row))
            ):
                sasaran[-1] = f"{sasaran[-1]} {s_text}"
                if new:
                    joined.add(len(sasaran) - 1)
            else:
                sasaran.append(s_text)
        if sasaran and (new or current.sasaran_group is None):
            current.sasaran_group = len(sasaran) - 1
        for column, cells in row.cols.items():
            if column != "sasaran":
                _add(current, column, cells, continuation=not new, by_text_reader=row.engine in TEXT_ENGINES)
    for logical in out:
        logical.sasaran_joined = logical.sasaran_group in joined
    return share_merged_cells(out), sasaran


_ROW_NO = re.compile(r"^\s*(\d{1,2})\.?\s*$")


def _row_number(text: str) -> int | None:
    found = re.fullmatch(r"(\d{1,3})\.?", text.replace(" ", ""))
    return int(found.group(1)) if found else None


def _next_number(row: PhysRow, out: list[LogicalRow]) -> bool:
    """The No column numbers this row one after the last numbered logical row above.

    Digits that join the last number into the one after the number before it ("1" then "2" after
    11) are a number wrapped over the page break: row 12 goes on.
    """
    here = _row_number(" ".join(c.text for c in row.cols.get("no", [])))
    numbers = [n for n in (_row_number(r.text("no")) for r in out) if n is not None]
    if here is None or not numbers:
        return False
    if len(numbers) >= 2 and int(f"{numbers[-1]}{here}") == numbers[-2] + 1:
        return False
    return here == numbers[-1] + 1


def _numbered(row: PhysRow) -> bool:
    """The row's own number heads its indikator's code ("7" and "7.1 Jumlah ..."): the No column
    numbers the sasaran, so this row's sasaran is a new one, never the rest of the one above."""
    no = _ROW_NO.match(" ".join(c.text for c in row.cols.get("no", [])))
    indikator = " ".join(c.text for c in row.cols.get("indikator", []))
    return no is not None and re.match(rf"^\s*{no.group(1)}\.\d", indikator) is not None


def _split_on_head_word(text: str, parts: int) -> list[str] | None:
    """ "Jumlah A serta Jumlah B" -> ["Jumlah A", "Jumlah B"] when it yields `parts` pieces."""
    words = text.split()
    if not words:
        return None
    pieces = re.split(rf"\s+(?:{conjunctions()}|;)\s+(?={re.escape(words[0])}\b)", text, flags=re.I)
    return pieces if len(pieces) == parts else None


def share_merged_cells(rows: list[LogicalRow]) -> list[LogicalRow]:
    """A row holding only an indikator shares the merged formula / sumber cells of the row above."""
    for prev, row in itertools.pairwise(rows):
        if not row.cols.get("indikator") or any(row.cols.get(c) for c in ("formula", "sumber_data")):
            continue
        if row.sasaran_group != prev.sasaran_group or not prev.cols.get("sumber_data"):
            continue
        for column in ("sumber_data", "penanggung_jawab"):
            if prev.cols.get(column):
                row.cols[column] = list(prev.cols[column])
        typed = all(isinstance(p, str) for p in prev.cols.get("formula", []))
        split = _split_on_head_word(prev.text("formula"), 2) if typed else None  # a fraction is one formula
        if split:
            prev.cols["formula"], row.cols["formula"] = [split[0]], [split[1]]
    return rows
