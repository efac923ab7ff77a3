"""Markdown renderings (pymupdf4llm, docling, Marker): pipe tables, HTML table fragments, tab rows.

A pipe table is a header row, the `|---|` separator and body rows; `<br>` inside a cell is a line
break (kept as a paragraph), `\\|` is a literal pipe. Lines starting and ending with a pipe with no
separator (a table continued after a page break without its header) are a table too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from parsers.footer_cut import footer_out_of_rows
from parsers.html_tables import read_html_table
from parsers.layout_rows import is_header_continuation
from parsers.list_table import read_list_table
from parsers.markdown_list_rows import join_list_rows
from parsers.markdown_parted import join_parted_words
from parsers.markdown_rows import (
    join_coded_rows,
    join_coded_text_cells,
    join_fraction_rows,
    join_header_rows,
    join_headerless_columns,
    join_split_columns,
    join_tall_cells,
    join_wrapped_rows,
    with_unbarred_fraction,
)
from parsers.md_syntax import BR, SEPARATOR
from parsers.model import Cell, RawDocument, Table
from parsers.number_cut import headerless_cut_columns_joined, numbers_cut_back
from parsers.profile_cut import cut_profile_rows_to_lines
from parsers.runtogether import unrun_lines
from parsers.text import (
    DecodedTextParser,
    TableRead,
    TableReader,
    raw_to_cell,
    read_tab_table,
    text_to_document,
)
from parsers.text_wordbreak import join_broken_texts
from parsers.unsplit import unsplit_problems
from parsers.vocab import page_number_patterns, renderings

_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def is_separator(line: str) -> bool:
    """The `|---|:---:|` line under a pipe table's header."""
    return "|" in line and bool(SEPARATOR.match(line))


def _is_framed(line: str) -> bool:
    """A line that starts and ends with a pipe: a pipe-table row even without a separator."""
    s = line.strip()
    return len(s) >= 2 and s.startswith("|") and s.endswith("|") and not s.endswith("\\|")


def split_pipe_row(line: str) -> list[str]:
    """Raw cell texts of one pipe row (outer pipes dropped, escaped pipes made literal)."""
    s = line.strip()
    parts = _UNESCAPED_PIPE.split(s)
    if s.startswith("|"):
        parts = parts[1:]
    if s.endswith("|") and not s.endswith("\\|"):
        parts = parts[:-1]
    return [p.replace("\\|", "|") for p in parts]


def _is_page_label(part: str) -> bool:
    """A cell line that is a page label ("Halaman 3", "Hal. 2 dari 5"): the converter put the
    page's footer into the table's last cell. A bare number may be a value: it stays."""
    text = re.sub(r"[*_]", "", part).strip()
    return any(ch.isalpha() for ch in text) and any(p.fullmatch(text) for p in page_number_patterns())


def without_page_labels(raw: str) -> str:
    """A raw pipe cell with its page-label lines left out."""
    parts = BR.split(raw)
    kept = [p for p in parts if not _is_page_label(p)]
    return raw if len(kept) == len(parts) else "<br>".join(kept)


def _equals_up(raw: str) -> str:
    """A cell line that is only "=" (a converter cut "UHH = (Lo/Lx)" at each word gap) put back
    at the end of the line above, as the PDF prints it: the formula reads "UHH = ..."."""
    parts = BR.split(raw)
    out: list[str] = []
    for part in parts:
        if part.strip() == "=" and out and out[-1].strip():
            out[-1] = f"{out[-1].rstrip()} ="
        else:
            out.append(part)
    return "<br>".join(out) if len(out) < len(parts) else raw


def _broken_words_joined(raw: str) -> str:
    """A raw pipe cell with the words its column broke at a `<br>` joined (parsers/text_wordbreak.py)."""
    parts = BR.split(raw)
    if len(parts) < 2:
        return raw
    joined = join_broken_texts(parts)
    return raw if joined == parts else "<br>".join(joined)


def _row_cells(raws: list[str], width: int) -> list[Cell]:
    return [
        raw_to_cell(_broken_words_joined(without_page_labels(_equals_up(r))))
        for r in raws + [""] * (width - len(raws))
    ]


_BOLD = re.compile(r"^\s*\*\*.*\*\*\s*$")


def header_body_split(header: list[str]) -> list[list[str]] | None:
    """A header row that also holds a body row (a converter's table continued on a new page, its
    only row written into the repeated header): every cell's bold lines first, and plain lines after
    them in some cell -> the bold lines as the header and the plain ones as the first body row."""
    heads: list[str] = []
    body: list[str] = []
    for raw in header:
        parts = BR.split(raw)
        bold = 0
        while bold < len(parts) and _BOLD.match(parts[bold]):
            bold += 1
        if raw.strip() and not bold:
            return None
        heads.append("<br>".join(parts[:bold]))
        body.append("<br>".join(parts[bold:]))
    return [heads, body] if any(b.strip() for b in body) else None


def is_body_row_as_header(raws: list[str]) -> bool:
    """A pipe table's header row that is a body row: a converter (pymupdf4llm) made the first row
    of a table continued on a new page without its header the header. A header's cells are bold
    (pymupdf4llm) or header text (`is_header_continuation`: header words, capitals); none of this
    row's is either, so its table is read as rows going on under the header of the table before."""
    if any(_BOLD.match(p) for raw in raws for p in BR.split(raw) if p.strip()):
        return False
    texts = [t for t in (raw_to_cell(r).text for r in raws) if t]
    return bool(texts) and not any(is_header_continuation([t]) for t in texts)


def _repeated_headers_split(raws: list[list[str]], row_lines: list[int]) -> tuple[list[list[str]], list[int]]:
    """Body rows that repeat the table's header with a body row written into it (a converter's
    table going on under its header again: "**NO**<br>3", "**SASARAN**<br>Meningkatnya ...") cut,
    as the first row is, into the repeated header and the body row."""
    out, lines = raws[:1], row_lines[:1]
    for raw, line in zip(raws[1:], row_lines[1:], strict=True):
        split = header_body_split(raw)
        if split is not None and split[0] == raws[0][: len(split[0])] and len(split[0]) == len(raws[0]):
            out += split
            lines += [line, line]
        else:
            out.append(raw)
            lines.append(line)
    return out, lines


def read_pipe_table(lines: Sequence[str], start: int) -> TableRead | None:
    """A pipe table starting at lines[start] (header + separator, or framed rows only)."""
    first = lines[start]
    with_header = (
        start + 1 < len(lines)
        and _UNESCAPED_PIPE.search(first) is not None
        and is_separator(lines[start + 1])
    )
    if not with_header and not (_is_framed(first) and not is_separator(first)):
        return None
    body_start = start + 2 if with_header else start
    end = body_start
    while end < len(lines) and lines[end].strip() and _UNESCAPED_PIPE.search(lines[end]):
        end += 1
    if not with_header and end - start < 1:
        return None
    row_lines = ([start] if with_header else []) + [
        i for i in range(body_start, end) if not is_separator(lines[i])
    ]
    width = max(len(split_pipe_row(lines[i])) for i in row_lines)
    raws = [split_pipe_row(lines[i]) for i in row_lines]
    if with_header and (body := header_body_split(raws[0])) is not None:
        raws[0:1] = body
        row_lines.insert(0, start)
    if with_header:
        raws, row_lines = _repeated_headers_split(raws, row_lines)
    # a table continued on a new page without its header, its first row written as the header
    with_header = with_header and not is_body_row_as_header(raws[0])
    raws = numbers_cut_back(join_parted_words(raws, 1 if with_header else 0), 1 if with_header else 0)
    if with_header:
        raws = headerless_cut_columns_joined(raws)
        width = max(len(r) for r in raws)
    rows = [_row_cells(raw, width) for raw in raws]
    if with_header:
        rows = join_headerless_columns(join_split_columns(rows))
    # rows of a coded table first: there a row without a code is the rest of the row above,
    # whatever it starts with, so no lower half of a fraction is looked for in it
    for join in (join_header_rows, join_coded_rows, join_fraction_rows, join_wrapped_rows, join_list_rows):
        rows, kept = join(rows, 1 if with_header else 0)
        row_lines = [row_lines[k] for k in kept]
    rows = [rows[0], *([with_unbarred_fraction(c) for c in r] for r in rows[1:])] if rows else rows
    rows = join_coded_text_cells(rows, 1 if with_header else 0)
    rows = join_tall_cells(rows, 1 if with_header else 0)
    quality = grid_quality(rows)
    if quality < 1.0:  # the cells carry it, so rows read from them get a low-confidence issue
        rows = [[replace(c, confidence=quality) if c.text else c for c in r] for r in rows]
    return TableRead(rows, end, "markdown", quality, row_lines=tuple(i - start for i in row_lines))


def grid_quality(rows: list[list[Cell]]) -> float:
    """How much a pipe table's grid can be trusted. A converter that guessed columns from word
    gaps (markitdown) leaves a word per cell across many columns: such a grid is kept, with the
    confidence of parsers/data/renderings.yaml, rather than trusted or split again."""
    conf = renderings()["markdown"]
    cells = [c.text for r in rows for c in r if c.text]
    if not rows or len(rows[0]) < int(conf["fragment_min_columns"]) or not cells:
        return 1.0
    single = sum(1 for t in cells if " " not in t) / len(cells)
    return float(conf["fragment_confidence"]) if single >= float(conf["fragment_single_word_share"]) else 1.0


MARKDOWN_READERS: tuple[TableReader, ...] = (
    read_html_table,
    read_pipe_table,
    read_tab_table,
    read_list_table,
)


def markdown_lines(lines: list[str]) -> list[str]:
    """A page's lines with a running footer's pieces taken out of table rows (parsers/footer_cut.py)
    and profile blocks cut into a table's columns put back (parsers/profile_cut.py), then
    run-together labels split (parsers/runtogether.py)."""
    return unrun_lines(cut_profile_rows_to_lines(footer_out_of_rows(lines)))


def markdown_score(text: str) -> float:
    """Share of non-blank lines that are pipe-table rows (0 without a separator line)."""
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if not lines or not any(is_separator(ln) for ln in lines):
        return 0.0
    return 0.3 + sum(1 for ln in lines if _is_framed(ln)) / len(lines)


class MarkdownParser(DecodedTextParser):
    """Parser for markdown renderings with pipe tables."""

    kind = "markdown"
    suffixes = (".md", ".markdown")

    def sniff(self, text: str) -> float:
        return markdown_score(text)

    def parse_text(self, text: str, source_file: str, sha256: str) -> RawDocument:
        doc = text_to_document(text, source_file, sha256, MARKDOWN_READERS, markdown_lines)
        for page in doc.pages:  # markitdown's pipe tables (the run-together parser) keep every column
            for block in page.blocks:
                if isinstance(block, Table) and block.engine == "markdown":
                    block.columns_left_out = True
        doc.problems.extend(unsplit_problems(doc))
        return doc
