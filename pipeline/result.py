"""The envelope every document yields: status, structure, issues, timings, or the reject."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

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


@dataclass
class ConversionResult:
    source_file: str
    status: Status
    raw: RawDocument | None = None
    extracted: Extracted | None = None
    issues: list[Issue] = field(default_factory=list)
    reject: Reject | None = None
    timings: dict[str, float] = field(default_factory=dict)
