"""The envelope every document yields: status, each stage's output, issues, timings, or the reject."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from normalizers.document import Normalized
from parsers.model import RawDocument
from structure.model import Extracted, Issue


class Status(StrEnum):
    SUCCESS = "SUCCESS"
    PARTIAL_SUCCESS = "PARTIAL_SUCCESS"
    FAILURE = "FAILURE"


@dataclass
class Reject:
    source_file: str
    source_sha256: str | None
    stage: str
    code: str
    message: str


@dataclass(frozen=True)
class ConversionResult:
    source_file: str
    status: Status
    raw: RawDocument | None = None  # parse
    extracted: Extracted | None = None  # structure
    normalized: Normalized | None = None  # normalize
    issues: tuple[Issue, ...] = ()  # every stage's, in stage order
    reject: Reject | None = None
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage


def status_of(issues: tuple[Issue, ...]) -> Status:
    """SUCCESS is never reported next to issues."""
    return Status.PARTIAL_SUCCESS if issues else Status.SUCCESS
