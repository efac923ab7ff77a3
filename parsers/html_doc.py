"""HTML renderings: whole HTML documents, or text holding HTML <table> fragments.

A whole document is flattened to lines with lxml (block elements and <br> end a line, each
outermost <table> kept as one line of HTML), then read like any text rendering, its tables by
`read_html_table`.
"""

from __future__ import annotations

import re

from lxml import etree, html

from parsers.html_tables import element_text
from parsers.markdown import MARKDOWN_READERS
from parsers.model import RawDocument
from parsers.runtogether import unrun_lines
from parsers.text import DecodedTextParser, text_to_document

_DOC_START = re.compile(r"^\s*(<\?xml[^>]*>\s*)?(<!doctype\s+html|<html\b)", re.I)
_TABLE = re.compile(r"<table\b", re.I)


def html_to_lines(text: str) -> list[str]:
    """Lines of an HTML document: running text by block, each outermost table as one HTML line."""
    root = html.document_fromstring(text)
    body = root.find("body")
    lines: list[str] = []
    for table in list((body if body is not None else root).iter("table")):
        if next(table.iterancestors("table"), None) is not None:
            continue
        marker = etree.Element("div")
        marker.text = (
            "\n" + etree.tostring(table, encoding="unicode", method="html").replace("\n", " ") + "\n"
        )
        marker.tail = table.tail
        table.getparent().replace(table, marker)
    lines = element_text(body if body is not None else root).split("\n")
    return lines


class HtmlParser(DecodedTextParser):
    """Parser for HTML renderings."""

    kind = "html"
    suffixes = (".html", ".htm", ".xhtml")

    def sniff(self, text: str) -> float:
        if _DOC_START.match(text[:2000]):
            return 1.0
        return 0.6 if _TABLE.search(text) else 0.0

    def parse_text(self, text: str, source_file: str, sha256: str) -> RawDocument:
        if _DOC_START.match(text[:2000]):
            text = "\n".join(html_to_lines(text))
        return text_to_document(text, source_file, sha256, MARKDOWN_READERS, unrun_lines)
