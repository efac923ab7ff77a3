"""One file -> ConversionResult, through the stages of the pipeline. Never raises on a bad file.

    parse      path          -> RawDocument   (parsers/: one parser per input kind)
    structure  RawDocument   -> Extracted     (structure/: blocks, lists, indicator rows as printed)
    normalize  Extracted     -> Normalized    (normalizers/: formula parts, jabatan, org terms, wilayah)
    rows       the envelope  -> output rows   (pipeline/tables.py, a pure mapping run by the worker)

Each stage is a pure function of the previous one's output; a stage that cannot go on raises
`Rejected`, which becomes the document's Reject with its stage and code.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from normalizers.document import Normalized, normalize
from parsers.base import parser_for
from parsers.errors import ParseError
from parsers.model import RawDocument
from pipeline.result import ConversionResult, Reject, Status, status_of
from structure.extract import extract
from structure.model import Extracted

In = TypeVar("In")
Out = TypeVar("Out")


class Rejected(Exception):
    """A stage could not turn its input into a document."""

    def __init__(self, stage: str, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.stage, self.code, self.message = stage, code, message


def parse(path: Path) -> RawDocument:
    try:
        return parser_for(path).parse(path)
    except ParseError as err:
        raise Rejected("parse", err.code, err.message) from err
    except OSError as err:
        raise Rejected("read", "unreadable-file", f"cannot read the file: {err.strerror or err}") from err


def structure(raw: RawDocument) -> Extracted:
    """Structure of the document; one that is not a lampiran is rejected."""
    try:
        ex = extract(raw)
    except Exception as err:  # a bug must cost one document, never the batch
        raise Rejected("structure", "extraction-failed", f"{type(err).__name__}: {err}") from err
    if not ex.positions and not ex.iku:
        message = "no jabatan block and no indicator table (IKI/IKU) was found in the document"
        raise Rejected("structure", "not-a-lampiran", message)
    return ex


def _timed(timings: dict[str, float], name: str, stage: Callable[[In], Out], data: In) -> Out:
    t0 = time.perf_counter()
    try:
        return stage(data)
    finally:
        timings[name] = time.perf_counter() - t0


def convert(path: Path) -> ConversionResult:
    """Run the stages on one file: parse -> structure -> normalize."""
    timings: dict[str, float] = {}
    try:
        raw = _timed(timings, "parse", parse, path)
        extracted = _timed(timings, "structure", structure, raw)
        normalized: Normalized = _timed(timings, "normalize", normalize, extracted)
    except Rejected as r:
        reject = Reject(path.name, _sha(path), r.stage, r.code, r.message)
        return ConversionResult(path.name, Status.FAILURE, reject=reject, timings=timings)
    issues = normalized.problems
    return ConversionResult(path.name, status_of(issues), raw, extracted, normalized, issues, timings=timings)


def _sha(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None
