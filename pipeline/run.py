"""A batch: every file of an input folder -> the canonical tables in an output folder.

Stages: hash every file; take unchanged documents from the content-hash cache and convert the
rest (in this process, a local process pool or a Dask cluster); then, over the whole batch:
drop duplicates, validate, assign indicator identity, validate again, write all tables
atomically and mirror them into the warehouse. One bad file never stops the batch.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.cache import CACHE_DIR, DocCache, fingerprint, write_json_atomic
from pipeline.executor import Task, run_dask, run_in_process, run_pool
from pipeline.identity import assign_identity
from pipeline.problem_rows import problem_from_row, reject_row
from pipeline.schema import TABLES
from pipeline.validate import DOC_TABLES, validate_rows
from pipeline.warehouse import WAREHOUSE, load_warehouse
from pipeline.worker import DocOutput, Limits, file_sha256, rejected_output
from pipeline.writer import write_tables
from problems import Problem, Status, problem
from vocabulary import check_all

Rows = dict[str, list[dict[str, Any]]]
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class RunOptions:
    """How to run: workers=0 converts in this process; scheduler names a Dask cluster."""

    workers: int = 0
    scheduler: str | None = None
    full: bool = False
    limits: Limits = field(default_factory=Limits)
    recycle: int = 50  # documents per worker process before it is replaced


@dataclass
class Summary:
    ok: int = 0
    with_issues: int = 0
    rejected: int = 0
    rejects: list[Problem] = field(default_factory=list)
    pages: int = 0
    converted: int = 0
    cached: int = 0
    unchanged: bool = False  # nothing changed since the last run: the output was left as it was
    seconds: float = 0.0

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


def _hash_tasks(files: list[Path]) -> tuple[list[Task], dict[int, DocOutput]]:
    tasks: list[Task] = []
    failed: dict[int, DocOutput] = {}
    for i, path in enumerate(files):
        try:
            tasks.append(Task(i, path, file_sha256(path)))
        except OSError as err:
            unreadable = problem("unreadable-file", reason=str(err.strerror or err))
            failed[i] = rejected_output(path, None, unreadable)
    return tasks, failed


def _assemble(outputs: list[DocOutput]) -> Rows:
    """Rows of all documents in input order; a second file with the same content is rejected."""
    rows: Rows = {}
    seen: dict[str, str] = {}
    for out in outputs:
        reject = out.reject
        doc = out.rows.get("documents", [{}])[0].get("doc_id") if out.rows else None
        if reject is None and doc in seen:
            duplicate = problem("duplicate-document", source_file=out.source_file, other=seen[doc])
            reject = reject_row(duplicate, out.sha256)
        if reject is not None:
            rows.setdefault("rejects", []).append(reject)
            continue
        seen[str(doc)] = out.source_file
        for name, table_rows in out.rows.items():
            rows.setdefault(name, []).extend(table_rows)
    return rows


def _summary(rows: Rows) -> Summary:
    """Counts of the batch as written (validation may have rejected documents or added issues)."""
    statuses = [d["status"] for d in rows.get("documents", [])]
    rejects = [problem_from_row(r) for r in rows.get("rejects", [])]
    ok = statuses.count(Status.SUCCESS.value)
    pages = sum(d.get("n_pages") or 0 for d in rows.get("documents", []))
    return Summary(ok=ok, with_issues=len(statuses) - ok, rejected=len(rejects), rejects=rejects, pages=pages)


def _manifest_key(tasks: list[Task], limits: Limits) -> dict[str, Any]:
    return {"fingerprint": fingerprint(limits.max_pages), "files": [[t.path.name, t.sha256] for t in tasks]}


def _unchanged(out_dir: Path, key: dict[str, Any]) -> dict[str, Any] | None:
    try:
        manifest = json.loads((out_dir / CACHE_DIR / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    files_present = all((out_dir / f"{name}.parquet").is_file() for name in TABLES)
    if manifest.get("key") == key and files_present and (out_dir / WAREHOUSE).is_file():
        return dict(manifest["summary"])
    return None


def _convert(
    tasks: list[Task], options: RunOptions, on_done: Callable[[DocOutput], None]
) -> dict[int, DocOutput]:
    if not tasks:
        return {}
    if options.scheduler:
        return run_dask(tasks, options.limits, options.scheduler, on_done)
    if options.workers <= 0:
        return run_in_process(tasks, options.limits, on_done)
    return run_pool(tasks, options.limits, options.workers, options.recycle, on_done)


def run_batch(
    files: Iterable[Path],
    out_dir: Path,
    progress: Callable[[DocOutput], None] | None = None,
    options: RunOptions | None = None,
) -> Summary:
    """Convert every file and write the canonical tables and the warehouse into `out_dir`."""
    options = options or RunOptions()
    check_all()  # a broken vocabulary file stops the run here, not as a reject of every document
    t0 = time.perf_counter()
    files = list(files)
    tasks, outputs = _hash_tasks(files)
    key = _manifest_key(tasks, options.limits)
    if not options.full and not outputs and (previous := _unchanged(out_dir, key)) is not None:
        summary = Summary(**{**previous, "rejects": [problem_from_row(r) for r in previous["rejects"]]})
        summary.unchanged, summary.cached, summary.converted = True, len(tasks), 0
        summary.seconds = time.perf_counter() - t0
        return summary
    cache = DocCache(out_dir, options.limits.max_pages)
    misses: list[Task] = []
    for task in tasks:
        hit = None if options.full else cache.get(task.sha256, task.path.name)
        if hit is None:
            misses.append(task)
        else:
            outputs[task.index] = hit
            if progress:
                progress(hit)

    def done(out: DocOutput) -> None:
        cache.put(out)
        if progress:
            progress(out)

    outputs.update(_convert(misses, options, done))
    ordered = [outputs[i] for i in sorted(outputs)]
    rows = validate_rows(assign_identity(validate_rows(_assemble(ordered), DOC_TABLES)))
    write_tables(rows, out_dir)
    load_warehouse(rows, out_dir / WAREHOUSE, mirror=True)
    summary = _summary(rows)
    summary.converted, summary.cached = len(misses), len(tasks) - len(misses)
    summary.seconds = time.perf_counter() - t0
    record = {k: v for k, v in vars(summary).items() if k not in {"rejects", "unchanged", "seconds"}}
    record["rejects"] = [reject_row(r, None) for r in summary.rejects]
    write_json_atomic(out_dir / CACHE_DIR / MANIFEST, {"key": key, "summary": record})
    cache.prune({(t.sha256, t.path.name) for t in tasks})
    return summary
