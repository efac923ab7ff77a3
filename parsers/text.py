"""Text renderings of lampiran -> RawDocument.

A page (split at form feeds) is read line by line. At each line the parser's table readers are
asked, in order, whether a table starts there; the first that claims it returns the table's rows
and where it ends. Every other line is a running-text line with its markup made plain. The plain
text parser has one reader: tab-separated lines are table rows.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from parsers.column_dump import column_dump_problems
from parsers.column_rows import rebuilt_page
from parsers.decode import bytes_to_text
from parsers.markup import markup_to_paragraphs
from parsers.model import Block, Cell, Line, Page, Provenance, RawDocument, Row, Table, paragraphs_text
from parsers.runtogether import unrun_lines
from parsers.vocab import is_page_number


def raw_to_cell(raw: str, merged: bool = False) -> Cell:
    """One cell as written in a text rendering -> Cell (its fractions as Fraction paragraphs)."""
    paragraphs = tuple(markup_to_paragraphs(raw))
    return Cell(text=paragraphs_text(paragraphs), paragraphs=paragraphs, raw=raw, merged=merged)


@dataclass(frozen=True)
class TableRead:
    """A table a reader found: its rows of cells, the index after its last line, how sure it is."""

    rows: list[list[Cell]]
    end: int
    engine: str
    quality: float = 1.0
    row_lines: tuple[int, ...] = ()  # line offset of each row (default: consecutive from the start)


# (lines of the page, index) -> the table starting at lines[index], or None.
TableReader = Callable[[Sequence[str], int], TableRead | None]


def read_tab_table(lines: Sequence[str], start: int) -> TableRead | None:
    """Consecutive tab-separated lines."""
    end = start
    while end < len(lines) and "\t" in lines[end]:
        end += 1
    if end == start:
        return None
    rows = [[raw_to_cell(c) for c in raw.rstrip("\r\n").split("\t")] for raw in lines[start:end]]
    return TableRead(rows, end, "text")


def line_block(raw: str, prov: Provenance) -> Line | None:
    """A running-text line, or None when nothing is left once markup is made plain."""
    paragraphs = markup_to_paragraphs(raw)
    return Line(text=paragraphs_text(paragraphs), prov=prov, raw=raw) if paragraphs else None


PAGE_BREAK = "\f"  # the line that stands for a page break when tables are read across pages


def located_blocks(
    source: str, lines: Sequence[str], locate: Sequence[tuple[int, int]], readers: Sequence[TableReader]
) -> list[Block]:
    """Blocks of a run of lines, each line at its (page, line number): tables where a reader
    claims lines, text lines elsewhere."""
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        read = next((r for r in (reader(lines, i) for reader in readers) if r is not None), None)
        if read is None:
            line = line_block(lines[i], Provenance(source, *locate[i])) if lines[i] != PAGE_BREAK else None
            if line is not None:
                blocks.append(line)
            i += 1
            continue
        offsets = read.row_lines or tuple(min(k, read.end - i - 1) for k in range(len(read.rows)))
        rows = [
            Row(tuple(cells), Provenance(source, *locate[i + off]))
            for cells, off in zip(read.rows, offsets, strict=True)
        ]
        if rows:
            blocks.append(Table(rows, rows[0].prov, engine=read.engine, quality=read.quality))
        i = max(read.end, i + 1)
    return blocks


def lines_to_blocks(
    source: str, page_no: int, lines: Sequence[str], first_line: int, readers: Sequence[TableReader]
) -> list[Block]:
    """Blocks of one page."""
    return located_blocks(source, lines, [(page_no, first_line + i) for i in range(len(lines))], readers)


def paginate(blocks: list[Block], n_pages: int) -> list[Page]:
    """Blocks sorted into their pages; a table read across a page break becomes one table per
    page (structure stitches them back, as it does for a PDF)."""
    pages = [Page(n) for n in range(1, n_pages + 1)]
    for block in blocks:
        if isinstance(block, Line):
            pages[block.prov.page - 1].blocks.append(block)
            continue
        for page_no, rows in itertools.groupby(block.rows, key=lambda r: r.prov.page):
            part = list(rows)
            pages[page_no - 1].blocks.append(Table(part, part[0].prov, block.engine, block.quality))
    return pages


def blank_page_numbers(lines: list[str], edge: int = 3) -> list[str]:
    """A page's lines with page-number lines ("Halaman 3", "- 3 -") among its first and last few
    non-blank lines blanked (kept as empty lines so line numbers stay right)."""
    filled = [i for i, ln in enumerate(lines) if ln.strip()]
    out = list(lines)
    for i in {*filled[:edge], *filled[-edge:]}:
        if is_page_number(lines[i]) and not _wrapped_number(lines, i):
            out[i] = ""
    return out


def _wrapped_number(lines: list[str], i: int) -> bool:
    """A bare number right under a line of text, with text above it in its own columns (a cell's
    last line, "... di kali" / "100", printed at the top of a page): no page number, which
    stands apart from the text around it."""
    text = lines[i].expandtabs()
    if not lines[i].strip().isdigit() or i == 0 or not lines[i - 1].strip():
        return False
    above = lines[i - 1].expandtabs()
    start = len(text) - len(text.lstrip())
    return start < len(above) and bool(above[start : len(text.rstrip())].strip())


def split_pages(text: str) -> list[tuple[int, int, list[str]]]:
    """(page number, number of its first line, its lines): pages split at form feeds; on a text
    of several pages, page numbers at a page's top or bottom are dropped."""
    pages = []
    line_no = 1
    chunks = text.replace("\r\n", "\n").replace("\r", "\n").split("\f")
    for number, chunk in enumerate(chunks, 1):
        lines = chunk.split("\n")
        pages.append((number, line_no, blank_page_numbers(lines) if len(chunks) > 1 else lines))
        line_no += len(lines) - 1
    return pages


def text_to_document(
    text: str,
    source_file: str,
    sha256: str,
    readers: Sequence[TableReader] = (read_tab_table,),
    fix_lines: Callable[[list[str]], list[str]] | None = None,
    across_pages: bool = False,
) -> RawDocument:
    """Split decoded text into pages (form feed) and blocks; `fix_lines` may re-cut a page's lines.
    With `across_pages` the readers see the whole text, a page break as a `PAGE_BREAK` line, so
    a table continued on the next page is read with the same columns."""
    if across_pages:
        lines: list[str] = []
        locate: list[tuple[int, int]] = []
        split = split_pages(text)
        for number, first, page_lines in split:
            if lines:
                lines.append(PAGE_BREAK)
                locate.append((number, first))
            lines += page_lines
            locate += [(number, first + i) for i in range(len(page_lines))]
        blocks = located_blocks(source_file, lines, locate, readers)
        return RawDocument(source_file, sha256, "text", paginate(blocks, len(split)))
    pages = [
        Page(
            number,
            lines_to_blocks(source_file, number, fix_lines(lines) if fix_lines else lines, first, readers),
        )
        for number, first, lines in split_pages(text)
    ]
    return RawDocument(source_file, sha256, "text", pages)


def decode_file(path: Path) -> tuple[str, str]:
    """(text, sha256) of a text rendering."""
    data = path.read_bytes()
    text, _encoding = bytes_to_text(data)
    return text, hashlib.sha256(data).hexdigest()


class DecodedTextParser:
    """A text-rendering parser's file reading: decode the file, then `parse_text` on its text."""

    def parse(self, path: Path) -> RawDocument:
        text, sha = decode_file(path)
        return self.parse_text(text, path.name, sha)

    def parse_text(self, text: str, source_file: str, sha256: str) -> RawDocument:
        raise NotImplementedError


class TextParser(DecodedTextParser):
    """Parser for text renderings whose tables are tab-separated (and the fallback for any text)."""

    kind = "text"
    suffixes = (".txt", ".md", ".text")

    def sniff(self, text: str) -> float:
        """Tab-separated rows claim the text; without any the fallback still claims a little."""
        return 0.9 if "\t" in text else 0.1

    def parse_text(self, text: str, source_file: str, sha256: str) -> RawDocument:
        """A text with no tab-separated row is a converter's paragraphs (markitdown's text of a
        page whose table it did not see): its labels and their values are paired as there."""
        from parsers.list_table import read_list_table  # it reads TableRead from this module

        readers = (read_tab_table, read_list_table)
        if "\t" in text:
            return text_to_document(text, source_file, sha256, readers)
        doc = text_to_document(text, source_file, sha256, readers, fix_lines=unrun_lines)
        doc.pages = [rebuilt_page(page) for page in doc.pages]
        doc.problems.extend(column_dump_problems(doc))
        return doc
