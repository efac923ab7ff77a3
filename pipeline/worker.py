"""One document in a worker process: convert, build its output rows, within time and memory limits.

Everything returned is plain data (picklable, JSON-able), so the same function serves the local
process pool, a Dask cluster and the content-hash cache.
"""

from __future__ import annotations

import hashlib
import os
import resource
import signal
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from parsers import limits as parser_limits
from pipeline.convert import convert
from pipeline.problem_rows import reject_row
from pipeline.tables import result_rows
from problems import Problem, determine_status, problem

Rows = dict[str, list[dict[str, Any]]]


@dataclass(frozen=True)
class Limits:
    """Per-document limits; exceeding one rejects that document, never the batch."""

    seconds: float = 300.0
    memory_mb: int = 3072
    max_pages: int = 1000


@dataclass
class DocOutput:
    source_file: str
    source_path: str
    sha256: str
    status: str
    n_pages: int = 0
    rows: Rows = field(default_factory=dict)
    reject: dict[str, Any] | None = None
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DocOutput:
        return cls(**data)


class DocumentTimeout(BaseException):
    """The document took longer than Limits.seconds.

    A BaseException, like KeyboardInterrupt: the parsers' `except Exception` guards (a page that
    cannot be read is `pdf-corrupt`) must not turn a timeout into a cached, wrong reject.
    """


def _alarm(_signum: int, _frame: FrameType | None) -> None:
    raise DocumentTimeout


def init_worker(limits: Limits) -> None:
    """Process initializer: one OCR thread, the address-space cap and the parser limits."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    parser_limits.configure(max_pages=limits.max_pages)
    cap = limits.memory_mb * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard == resource.RLIM_INFINITY or cap < hard:
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def rejected_output(path: Path, sha: str | None, reject: Problem, seconds: float = 0.0) -> DocOutput:
    """The output of a file that could not be turned into a document."""
    row = reject_row(reject.at(path.name), sha)
    status = determine_status([reject.severity]).value  # FAILURE
    return DocOutput(path.name, str(path), sha or "", status, reject=row, seconds=seconds)


def convert_document(path_text: str, limits: Limits, sha: str | None = None) -> DocOutput:
    """Convert one file into its output rows (or its reject), enforcing the limits."""
    path = Path(path_text)
    t0 = time.perf_counter()
    sha = sha or file_sha256(path)
    parser_limits.configure(max_pages=limits.max_pages)
    # SIGALRM needs the main thread; a Dask worker runs tasks on threads and enforces its own limits
    use_alarm = (
        hasattr(signal, "setitimer")
        and limits.seconds > 0
        and threading.current_thread() is threading.main_thread()
    )
    if use_alarm:
        previous = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, limits.seconds)
    try:
        res = convert(path)
        if res.reject is not None:
            out = rejected_output(path, sha, res.reject)
        else:
            assert res.raw is not None
            rows = result_rows(res)
            status = rows["documents"][0]["status"]
            out = DocOutput(path.name, str(path), sha, status, res.raw.n_pages, rows)
            rows["documents"][0]["convert_seconds"] = round(time.perf_counter() - t0, 4)
    except DocumentTimeout:
        return rejected_output(
            path, sha, problem("timeout", seconds=limits.seconds), time.perf_counter() - t0
        )
    except MemoryError:
        too_big = problem("memory-limit", memory_mb=limits.memory_mb)
        return rejected_output(path, sha, too_big, time.perf_counter() - t0)
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    out.seconds = time.perf_counter() - t0
    return out
