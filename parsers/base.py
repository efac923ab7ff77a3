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


def parser_for(path: Path) -> Parser:
    """The parser for a file, by its leading bytes first and its suffix second."""
    with path.open("rb") as fh:
        head = fh.read(1024)
    registry = _registry()
    by_kind = {p.kind: p for p in registry}
    if head.lstrip().startswith(b"%PDF"):
        if "pdf" in by_kind:
            return by_kind["pdf"]
        raise ParseError("unsupported-format", "a PDF, but no PDF parser is installed")
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        raise ParseError("pdf-corrupt", "named .pdf but does not start with a PDF header (%PDF)")
    for parser in registry:
        if suffix in parser.suffixes:
            return parser
    if head[:8] in (b"\x89PNG\r\n\x1a\n",) or head[:3] == b"\xff\xd8\xff" or head[:4] == b"PK\x03\x04":
        raise ParseError("unsupported-format", f"'{suffix or 'no suffix'}' file is an image or archive")
    return by_kind["text"]
