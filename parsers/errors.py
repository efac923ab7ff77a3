"""Errors raised by input parsers."""

from __future__ import annotations


class ParseError(Exception):
    """A document that a parser cannot read; `code` is a stable kebab-case identifier."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
