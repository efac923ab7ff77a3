"""The parser contract and the registry that picks one parser per input kind."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from parsers.errors import ParseError
from parsers.model import RawDocument


class Parser(Protocol):
    @property
    def kind(self) -> str: ...

    @property
    def suffixes(self) -> tuple[str, ...]: ...

    def parse(self, path: Path) -> RawDocument: ...


class TextRenderingParser(Parser, Protocol):
    """A parser of one kind of text rendering: it says how much a decoded text looks like its kind."""

    def sniff(self, text: str) -> float: ...

    def parse_text(self, text: str, source_file: str, sha256: str) -> RawDocument: ...


def text_parsers() -> list[TextRenderingParser]:
    """The text-rendering parsers, the plain (tab-separated) fallback last."""
    from parsers.html_doc import HtmlParser
    from parsers.layout import LayoutParser
    from parsers.markdown import MarkdownParser
    from parsers.runtogether_doc import RunTogetherParser
    from parsers.text import TextParser

    return [HtmlParser(), RunTogetherParser(), MarkdownParser(), LayoutParser(), TextParser()]


def sniff_text_parser(text: str) -> TextRenderingParser:
    """The text parser whose kind the content looks most like (the first one on a tie)."""
    candidates = text_parsers()
    scores = [p.sniff(text) for p in candidates]
    return candidates[scores.index(max(scores))]


def _pdf_parser() -> Parser | None:
    """The PDF parser, or None where the PDF stack is not installed (text-only installs). Only a
    PDF asks for it, and a PDF asks for nothing else: a batch of PDFs never imports the text
    parsers (lxml and their vocabularies), a batch of texts never the PDF stack."""
    try:
        from parsers.pdf import PdfParser
    except ImportError:
        return None
    return PdfParser()


_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (e.g. a .docx or .xlsx)"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (.doc/.xls)"),
    (b"{\\rtf", "an RTF document"),
)


def _sniff(head: bytes) -> str:
    """What the leading bytes say a file really is."""
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what
    low = head.lstrip().lower()
    if low.startswith((b"<!doctype html", b"<html")) or b"<html" in low[:200]:
        return "an HTML page"
    return "not a PDF"


def parser_for(path: Path) -> Parser:
    """The parser for a file, by its leading bytes first and its suffix second."""
    with path.open("rb") as fh:
        head = fh.read(1024)
    if not head.strip():
        raise ParseError("empty-file")
    if head.lstrip().startswith(b"%PDF"):
        pdf = _pdf_parser()
        if pdf is not None:
            return pdf
        raise ParseError("unsupported-format", reason="a PDF, but no PDF parser is installed")
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        raise ParseError("not-a-pdf", what=_sniff(head))
    text_suffix = any(suffix in p.suffixes for p in text_parsers())
    what = _sniff(head)
    if not text_suffix and what not in ("not a PDF", "an HTML page"):
        raise ParseError("unsupported-format", reason=f"'{suffix or 'no suffix'}' file is {what}")
    return _SniffingTextParser()


class _SniffingTextParser:
    """Decodes a text rendering once and hands it to the parser its content looks like."""

    kind = "text"
    suffixes: tuple[str, ...] = ()

    def parse(self, path: Path) -> RawDocument:
        from parsers.text import decode_file

        text, sha = decode_file(path)
        return sniff_text_parser(text).parse_text(text, path.name, sha)
