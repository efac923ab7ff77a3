"""One file -> ConversionResult. Never raises: every failure becomes a reject Problem with a code."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

from parsers.base import parser_for
from pipeline.result import ConversionResult
from problems import Problem, ProblemError, problem
from structure.extract import extract


def _sha(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _rejected(path: Path, reject: Problem, timings: dict[str, float]) -> ConversionResult:
    return ConversionResult(path.name, _sha(path), problems=[reject.at(path.name)], timings=timings)


def convert(path: Path) -> ConversionResult:
    """Parse, then extract structure; a file that is not a lampiran is rejected."""
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    try:
        raw = parser_for(path).parse(path)
    except ProblemError as err:
        return _rejected(path, err.problem, timings)
    except OSError as err:
        return _rejected(path, problem("unreadable-file", reason=str(err.strerror or err)), timings)
    timings["parse"] = time.perf_counter() - t0
    t1 = time.perf_counter()
    try:
        ex = extract(raw)
    except Exception as err:  # a bug must cost one document, never the batch
        return _rejected(path, problem("extraction-failed", error=f"{type(err).__name__}: {err}"), timings)
    timings["structure"] = time.perf_counter() - t1
    if not ex.positions and not ex.iku:
        return _rejected(path, problem("not-a-lampiran"), timings)
    found = [p.at(path.name) for p in ex.problems]
    return ConversionResult(path.name, raw.source_sha256, raw, ex, found, timings)
