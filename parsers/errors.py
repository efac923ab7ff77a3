"""Errors raised by input parsers."""

from __future__ import annotations

from typing import Any

from problems import ProblemError, problem


class ParseError(ProblemError):
    """A document that a parser cannot read: carries the catalogued reject Problem (`.code`, `.message`)."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(problem(code, **params))
