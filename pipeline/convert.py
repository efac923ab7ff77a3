"""One file -> ConversionResult, through the stages of the pipeline. Never raises on a bad file.

    parse      path          -> RawDocument   (parsers/: one parser per input kind)
    structure  RawDocument   -> Extracted     (structure/: blocks, lists, indicator rows as printed)
    normalize  Extracted     -> Normalized    (normalizers/: formula parts, jabatan, org terms, wilayah)
    rows       the envelope  -> output rows   (pipeline/tables.py, a pure mapping run by the worker)

Each stage is a pure function of the previous one's output; a stage that cannot go on raises
`ProblemError` carrying its reject Problem (parsers raise `ParseError`, one of them), which
becomes the document's only problem.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from normalizers.document import Normalized, normalize
from parsers.base import parser_for
from parsers.column_dump import CODE as COLUMN_DUMP
from parsers.model import RawDocument
from pipeline.result import ConversionResult
from problems import Problem, ProblemError, problem
from structure.extract import extract
from structure.model import Extracted
from structure.titles import title_kind

In = TypeVar("In")
Out = TypeVar("Out")


def parse(path: Path) -> RawDocument:
    try:
        return parser_for(path).parse(path)
    except OSError as err:
        raise ProblemError(problem("unreadable-file", reason=str(err.strerror or err))) from err


def structure(raw: RawDocument) -> Extracted:
    """Structure of the document; one that is not a lampiran is rejected."""
    try:
        ex = extract(raw)
    except Exception as err:  # a bug must cost one document, never the batch
        raise ProblemError(problem("extraction-failed", error=f"{type(err).__name__}: {err}")) from err
    if not ex.positions and not ex.iku:
        if has_profile(ex):
            ex.problems.append(problem("profile-without-table"))
        elif _table_by_column(raw) and has_identity(ex):
            pass  # its own issue (rendering-table-by-column) says why no rows came out
        elif (kind := title_kind(ex.header.title)) and signed_or_numbered(ex):
            ex.problems.append(problem("indicator-table-not-found", kind=kind))
        else:
            raise ProblemError(_no_table(raw))
    return ex


def signed_or_numbered(ex: Extracted) -> bool:
    """The decree's number or its signer: with a title that names indicators (IKU, IKI), the
    document is a lampiran whose table went unread, not something else."""
    return bool(ex.header.nomor or ex.header.signer_name)


_UNREAD_TABLE = ("rendering-text-unsplit", COLUMN_DUMP)


def _table_by_column(raw: RawDocument) -> bool:
    return any(p.code == COLUMN_DUMP for p in raw.problems)


def has_identity(ex: Extracted) -> bool:
    """The decree's number, its year, its signer or the kecamatan / kabupaten it is of: a document
    whose indicator table a rendering wrote column by column (`rendering-table-by-column`, itself
    the sign of a lampiran) still comes out with them."""
    head = ex.header
    return bool(head.nomor or head.tahun or head.signer_name or head.kecamatan or head.kabupaten)


def _no_table(raw: RawDocument) -> Problem:
    """The reject of a document with neither table nor profile: a table whose text ran together
    or was written column by column (the parser kept it as running text, with
    `rendering-text-unsplit` or `rendering-table-by-column`), or no lampiran at all."""
    pages = sorted({p.page for p in raw.problems if p.code in _UNREAD_TABLE and p.page})
    if pages:
        return problem("table-text-unsplit", pages=", ".join(map(str, pages)))
    return problem("not-a-lampiran")


def has_profile(ex: Extracted) -> bool:
    """An institution profile with both its tugas and its fungsi: what a lampiran opens with. A
    rendering that lost the indicator table's layout (markitdown's text of a table it did not see)
    still gives it, so the document comes out with an issue instead of being rejected."""
    duties = ex.institution.duties
    return bool(duties.get("tugas")) and bool(duties.get("fungsi"))


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
    except ProblemError as err:
        return ConversionResult(path.name, _sha(path), problems=(err.problem.at(path.name),), timings=timings)
    problems = tuple(p.at(path.name) for p in normalized.problems)
    return ConversionResult(path.name, raw.source_sha256, raw, extracted, normalized, problems, timings)


def _sha(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None
