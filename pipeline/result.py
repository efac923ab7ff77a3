"""The envelope every document yields: structure, problems, timings; its status follows from them."""

from __future__ import annotations

from dataclasses import dataclass, field

from parsers.model import RawDocument
from problems import Problem, Severity, Status, determine_status
from structure.model import Extracted

__all__ = ["ConversionResult", "Status"]


@dataclass
class ConversionResult:
    source_file: str
    source_sha256: str | None = None
    raw: RawDocument | None = None
    extracted: Extracted | None = None
    problems: list[Problem] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)  # stage -> seconds

    @property
    def status(self) -> Status:
        return determine_status(p.severity for p in self.problems)

    @property
    def reject(self) -> Problem | None:
        """The problem that rejected the file, if one did."""
        return next((p for p in self.problems if p.severity is Severity.REJECT), None)
