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


def _registry() -> list[Parser]:
    from parsers.text import TextParser

    parsers: list[Parser] = [TextParser()]
    try:
        from parsers.pdf import PdfParser
    except ImportError:  # the PDF stack is optional for text-only installs
        return parsers
    parsers.append(PdfParser())
    return parsers


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
    registry = _registry()
    by_kind = {p.kind: p for p in registry}
    if head.lstrip().startswith(b"%PDF"):
        if "pdf" in by_kind:
            return by_kind["pdf"]
        raise ParseError("unsupported-format", reason="a PDF, but no PDF parser is installed")
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        raise ParseError("not-a-pdf", what=_sniff(head))
    for parser in registry:
        if suffix in parser.suffixes:
            return parser
    what = _sniff(head)
    if what != "not a PDF":
        raise ParseError("unsupported-format", reason=f"'{suffix or 'no suffix'}' file is {what}")
    return by_kind["text"]
