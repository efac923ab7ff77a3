"""One file -> ConversionResult. Never raises: every failure becomes a Reject with a code."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

from parsers.base import parser_for
from parsers.errors import ParseError
from pipeline.result import ConversionResult, Reject, Status
from structure.extract import extract


def _sha(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _rejected(path: Path, stage: str, code: str, message: str) -> ConversionResult:
    reject = Reject(path.name, _sha(path), stage, code, message)
    return ConversionResult(path.name, Status.FAILURE, reject=reject)


def convert(path: Path) -> ConversionResult:
    """Parse, then extract structure; a file that is not a lampiran is rejected."""
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    try:
        raw = parser_for(path).parse(path)
    except ParseError as err:
        return _rejected(path, "parse", err.code, err.message)
    except OSError as err:
        return _rejected(path, "read", "unreadable-file", f"cannot read the file: {err.strerror or err}")
    timings["parse"] = time.perf_counter() - t0
    t1 = time.perf_counter()
    try:
        ex = extract(raw)
    except Exception as err:  # a bug must cost one document, never the batch
        return _rejected(path, "structure", "extraction-failed", f"{type(err).__name__}: {err}")
    timings["structure"] = time.perf_counter() - t1
    if not ex.positions and not ex.iku:
        return _rejected(
            path,
            "structure",
            "not-a-lampiran",
            "no jabatan block and no indicator table (IKI/IKU) was found in the document",
        )
    status = Status.PARTIAL_SUCCESS if ex.issues else Status.SUCCESS
    return ConversionResult(path.name, status, raw=raw, extracted=ex, issues=list(ex.issues), timings=timings)
