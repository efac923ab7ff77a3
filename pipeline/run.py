"""A batch: every file of an input folder -> the canonical tables in an output folder."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline import ids
from pipeline.convert import convert
from pipeline.identity import assign_identity
from pipeline.result import ConversionResult, Reject, Status
from pipeline.tables import reject_row, result_rows
from pipeline.validate import DOC_TABLES, validate_rows
from pipeline.warehouse import WAREHOUSE, load_warehouse
from pipeline.writer import write_tables


@dataclass
class Summary:
    ok: int = 0
    with_issues: int = 0
    rejected: int = 0
    rejects: list[Reject] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.ok + self.with_issues + self.rejected


def input_files(folder: Path) -> list[Path]:
    """Regular, non-hidden files below `folder`, in a stable order."""
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def _duplicate(res: ConversionResult, seen: dict[str, str]) -> ConversionResult:
    assert res.raw is not None
    doc = ids.doc_id(res.raw.source_sha256)
    if doc in seen:
        reject = Reject(
            res.source_file,
            res.raw.source_sha256,
            "validate",
            "duplicate-document",
            f"same content as '{seen[doc]}' already in this batch",
        )
        return ConversionResult(res.source_file, Status.FAILURE, reject=reject)
    seen[doc] = res.source_file
    return res


def _summary(rows: dict[str, list[dict[str, Any]]]) -> Summary:
    """Counts of the batch as written (validation may have rejected documents or added issues)."""
    statuses = [d["status"] for d in rows.get("documents", [])]
    rejects = [Reject(**r) for r in rows.get("rejects", [])]
    ok = statuses.count(Status.SUCCESS.value)
    return Summary(ok=ok, with_issues=len(statuses) - ok, rejected=len(rejects), rejects=rejects)


def run_batch(
    files: Iterable[Path], out_dir: Path, progress: Callable[[ConversionResult], None] | None = None
) -> Summary:
    """Convert every file; then, over the whole batch: validate, assign indicator identity, validate
    again, write all tables atomically and load them into the warehouse. One bad file never stops
    the batch."""
    rows: dict[str, list[dict[str, Any]]] = {}
    seen: dict[str, str] = {}
    for path in files:
        res = convert(path)
        if res.reject is None:
            res = _duplicate(res, seen)
        if res.reject is not None:
            rows.setdefault("rejects", []).append(reject_row(res.reject))
        else:
            for name, table_rows in result_rows(res).items():
                rows.setdefault(name, []).extend(table_rows)
        if progress:
            progress(res)
    rows = validate_rows(assign_identity(validate_rows(rows, DOC_TABLES)))
    write_tables(rows, out_dir)
    load_warehouse(rows, out_dir / WAREHOUSE)
    return _summary(rows)
