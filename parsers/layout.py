"""Layout text (placeholder, filled in below)."""

from __future__ import annotations

from pathlib import Path

from parsers.model import RawDocument
from parsers.text import decode_file, text_to_document


class LayoutParser:
    kind = "layout"
    suffixes = (".txt",)

    def sniff(self, text: str) -> float:
        return 0.0

    def parse(self, path: Path) -> RawDocument:
        text, sha = decode_file(path)
        return self.parse_text(text, path.name, sha)

    def parse_text(self, text: str, source_file: str, sha256: str) -> RawDocument:
        return text_to_document(text, source_file, sha256)
