"""Text renderings of lampiran -> RawDocument.

Tab-separated lines are table rows; consecutive rows form a table and a blank line or text line
ends it. A form feed starts a new page. Everything else is a running-text line.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from parsers.decode import bytes_to_text
from parsers.markup import markup_to_paragraphs
from parsers.model import Block, Cell, Line, Page, Provenance, RawDocument, Row, Table, paragraphs_text


def raw_to_cell(raw: str) -> Cell:
    """One cell as written in a text rendering -> Cell (its fractions as Fraction paragraphs)."""
    paragraphs = tuple(markup_to_paragraphs(raw))
    return Cell(text=paragraphs_text(paragraphs), paragraphs=paragraphs, raw=raw)


def _page_blocks(source: str, page_no: int, lines: list[str], first_line: int) -> list[Block]:
    blocks: list[Block] = []
    table: Table | None = None
    for offset, raw in enumerate(lines):
        prov = Provenance(source, page_no, first_line + offset)
        if "\t" in raw:
            row = Row(tuple(raw_to_cell(c) for c in raw.rstrip("\r\n").split("\t")), prov)
            if table is None:
                table = Table(rows=[], prov=prov, engine="text")
                blocks.append(table)
            table.rows.append(row)
            continue
        table = None
        paragraphs = markup_to_paragraphs(raw)
        if paragraphs:
            blocks.append(Line(text=paragraphs_text(paragraphs), prov=prov, raw=raw))
    return blocks


def text_to_document(text: str, source_file: str, sha256: str) -> RawDocument:
    """Split decoded text into pages (form feed) and blocks."""
    pages: list[Page] = []
    line_no = 1
    for number, chunk in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\f"), 1):
        lines = chunk.split("\n")
        pages.append(Page(number, _page_blocks(source_file, number, lines, line_no)))
        line_no += len(lines) - 1
    return RawDocument(source_file, sha256, "text", pages)


class TextParser:
    """Parser for text renderings (.txt, .md)."""

    kind = "text"
    suffixes = (".txt", ".md", ".text")

    def parse(self, path: Path) -> RawDocument:
        data = path.read_bytes()
        text, _encoding = bytes_to_text(data)
        return text_to_document(text, path.name, hashlib.sha256(data).hexdigest())
