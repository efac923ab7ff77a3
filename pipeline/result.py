"""The envelope every document yields: each stage's output, the problems, timings; its status
follows from the problems (`problems.determine_status`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from normalizers.document import Normalized
from parsers.model import RawDocument
from problems import Problem, Severity, Status, determine_status
from structure.model import Extracted

__all__ = ["ConversionResult", "Status"]


@dataclass(frozen=True)
class ConversionResult:
    source_file: str
    source_sha256: str | None = None
    raw: RawDocument | None = None  # parse
    extracted: Extracted | None = None  # structure
    normalized: Normalized | None = None  # normalize
    problems: tuple[Problem, ...] = ()  # every stage's, in stage order; a reject ends the list
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage

    @property
    def status(self) -> Status:
        return determine_status(p.severity for p in self.problems)

    @property
    def reject(self) -> Problem | None:
        """The problem that rejected the file, if one did."""
        return next((p for p in self.problems if p.severity is Severity.REJECT), None)
