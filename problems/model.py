"""The one problem type every stage reports with, and the one place a status is decided."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from problems.catalogue import Severity, spec

# Set to a folder to append every problem code made, one line per code, to <folder>/<pid>.codes:
# a trace across worker processes (the test suite uses it to check every code is exercised).
TRACE_ENV = "LAMPIRAN_PROBLEM_TRACE"


class Status(StrEnum):
    SUCCESS = "SUCCESS"
    PARTIAL_SUCCESS = "PARTIAL_SUCCESS"
    FAILURE = "FAILURE"


@dataclass(frozen=True)
class Problem:
    """Something a stage noticed: a catalogued code, its severity and formatted message, and where."""

    code: str
    severity: Severity
    message: str
    stage: str
    source_file: str | None = None
    page: int | None = None
    field: str | None = None

    def at(self, source_file: str) -> Problem:
        """The same problem, located in `source_file` (stages below pipeline do not know it)."""
        return replace(self, source_file=source_file)


def _trace(code: str) -> None:
    folder = os.environ.get(TRACE_ENV)
    if folder:
        with open(Path(folder) / f"{os.getpid()}.codes", "a", encoding="utf-8") as fh:
            fh.write(code + "\n")


def problem(
    code: str,
    *,
    source_file: str | None = None,
    page: int | None = None,
    field: str | None = None,
    **params: Any,
) -> Problem:
    """The Problem of catalogued `code`, its message formatted from `params`.

    Raises KeyError for an uncatalogued code and TypeError when `params` do not match the
    template's placeholders exactly: a wrong call fails at once, not as a garbled message.
    """
    entry = spec(code)
    given, wanted = set(params), entry.placeholders
    if given != wanted:
        missing, extra = sorted(wanted - given), sorted(given - wanted)
        raise TypeError(f"problem {code!r}: missing placeholders {missing}, unexpected {extra}")
    _trace(code)
    message = entry.message.format(**params)
    return Problem(code, entry.severity, message, entry.stage, source_file, page, field)


def determine_status(severities: Iterable[Severity | str]) -> Status:
    """Any reject -> FAILURE, any issue -> PARTIAL_SUCCESS, else SUCCESS (review items do not count)."""
    found = {Severity(s) for s in severities}
    if Severity.REJECT in found:
        return Status.FAILURE
    if Severity.ISSUE in found:
        return Status.PARTIAL_SUCCESS
    return Status.SUCCESS


class ProblemError(Exception):
    """Control flow for a stage that must stop: carries the Problem that says why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(f"{problem.code}: {problem.message}")
        self.problem = problem

    @property
    def code(self) -> str:
        return self.problem.code

    @property
    def message(self) -> str:
        return self.problem.message
