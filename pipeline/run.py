"""A batch: every file of an input folder -> the canonical tables in an output folder.

Stages, under the output folder's lock (pipeline/lock.py): hash every file; take unchanged documents
from the content-hash cache and convert the rest (in this process, a local process pool or a Dask
cluster), each worker validating its document and writing it once as a Parquet part; drop
duplicates; then, by DuckDB over the parts: assemble the batch tables, assign indicator identity,
write all tables atomically and load the warehouse from them. The parent holds one small envelope
per document, never the batch's rows. One bad file never stops the batch.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.assemble import BATCH_ROWS, assemble, connect, register_order, schema_of, write_stream
from pipeline.cache import CACHE_DIR, DocCache, fingerprint, write_json_atomic
from pipeline.datapackage import write_datapackage
from pipeline.executor import Recycle, Task, run_dask, run_in_process, run_pool
from pipeline.identity import assign_identity
from pipeline.ids import doc_id
from pipeline.lock import output_lock
from pipeline.problem_rows import problem_from_row, reject_row
from pipeline.schema import TABLES
from pipeline.warehouse import WAREHOUSE, load_warehouse_parquet
from pipeline.worker import DocOutput, Limits, file_sha256, rejected_output
from pipeline.writer import table_from_rows
from problems import Problem, Status, problem
from vocabulary import check_all

Rows = dict[str, list[dict[str, Any]]]
MANIFEST = "manifest.json"
# Every table comes from the documents' parts but the clusters, which identity builds; of those,
# indicators (keys), review (near misses) and rejects (the batch's own) are reworked, the rest copied.
DOC_PARTS = tuple(name for name in TABLES if name != "indicator_clusters")
_REWORKED = frozenset({"indicators", "review", "rejects"})


@dataclass(frozen=True)
class RunOptions:
    """How to run: workers=0 converts in this process; scheduler names a Dask cluster."""

    workers: int = 0
    scheduler: str | None = None
    full: bool = False
    limits: Limits = field(default_factory=Limits)
    recycle: int = Recycle.documents  # documents per worker process before it is replaced
    recycle_mb: int = Recycle.rss_mb  # ...or as soon as a worker's peak RSS passes this (MB)


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


def _dedupe(outputs: list[DocOutput]) -> tuple[list[DocOutput], list[dict[str, Any]]]:
    """Documents in input order and the rejects; a second file with the same content is rejected."""
    kept: list[DocOutput] = []
    rejects: list[dict[str, Any]] = []
    seen: dict[str, str] = {}
    for out in outputs:
        reject = out.reject
        doc = doc_id(out.sha256) if reject is None else None
        if doc is not None and doc in seen:
            duplicate = problem("duplicate-document", source_file=out.source_file, other=seen[doc])
            reject = reject_row(duplicate, out.sha256)
        if reject is not None:
            rejects.append(reject)
            continue
        seen[str(doc)] = out.source_file
        kept.append(out)
    return kept, rejects


def _summary(tables: dict[str, Path]) -> Summary:
    """Counts of the batch as written (validation may have rejected documents or added issues)."""
    docs = pq.read_table(tables["documents"], columns=["status", "n_pages"]).to_pydict()
    ok = docs["status"].count(Status.SUCCESS.value)
    pages = sum(n or 0 for n in docs["n_pages"])
    rejects = [problem_from_row(r) for r in pq.read_table(tables["rejects"]).to_pylist()]
    total = len(docs["status"])
    return Summary(ok=ok, with_issues=total - ok, rejected=len(rejects), rejects=rejects, pages=pages)


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
    recycle = Recycle(options.recycle, options.recycle_mb)
    return run_pool(tasks, options.limits, options.workers, recycle, on_done)


def _stage_tables(
    con: duckdb.DuckDBPyConnection, entries: list[Path], rejects: list[dict[str, Any]], staging: Path
) -> dict[str, Path]:
    """Every table of the batch written into `staging`: assembled from the parts, identity assigned."""
    register_order(con, entries)
    raw = {name: staging / f"{name}.raw.parquet" for name in DOC_PARTS}
    for name in DOC_PARTS:
        assemble(con, name, entries, raw[name])
    staged = {name: staging / f"{name}.parquet" for name in TABLES}
    for name in DOC_PARTS:
        if name not in _REWORKED:
            os.replace(raw[name], staged[name])
    near = staging / "near_misses.parquet"
    outputs = {"indicators": staged["indicators"], "indicator_clusters": staged["indicator_clusters"]}
    assign_identity(con, raw["indicators"], staged["documents"], {**outputs, "near_misses": near})
    _concat("review", [_file_batches(raw["review"]), _file_batches(near)], staged["review"])
    batch_rejects = iter(table_from_rows("rejects", rejects).to_batches())
    _concat("rejects", [batch_rejects, _file_batches(raw["rejects"])], staged["rejects"])
    return staged


def _file_batches(path: Path) -> Iterator[pa.RecordBatch]:
    return pq.ParquetFile(path).iter_batches(BATCH_ROWS)


def _concat(name: str, parts: list[Iterator[pa.RecordBatch]], path: Path) -> None:
    write_stream(name, [pa.RecordBatchReader.from_batches(schema_of(name), p) for p in parts], path)


def _write_batch(out_dir: Path, entries: list[Path], rejects: list[dict[str, Any]], staging: Path) -> Summary:
    """Stage every table, move them into place together, then load the warehouse from them."""
    con = connect(staging / "duckdb")
    try:
        staged = _stage_tables(con, entries, rejects, staging)
    finally:
        con.close()  # its memory is freed before the warehouse connection takes its own
    final = {name: out_dir / f"{name}.parquet" for name in TABLES}
    for name in TABLES:  # every table written: now they replace the previous set together
        os.replace(staged[name], final[name])
    write_datapackage(out_dir)
    load_warehouse_parquet(final, out_dir / WAREHOUSE, mirror=True)
    return _summary(final)


def run_batch(
    files: Iterable[Path],
    out_dir: Path,
    progress: Callable[[DocOutput], None] | None = None,
    options: RunOptions | None = None,
) -> Summary:
    """Convert every file and write the canonical tables and the warehouse into `out_dir`.

    Raises VocabularyError for a broken vocabulary file and OutputLocked when another run holds
    `out_dir`."""
    check_all()  # a broken vocabulary file stops the run here, not as a reject of every document
    with output_lock(out_dir):
        return _run_locked(list(files), out_dir, progress, options or RunOptions())


def _run_locked(
    files: list[Path], out_dir: Path, progress: Callable[[DocOutput], None] | None, options: RunOptions
) -> Summary:
    t0 = time.perf_counter()
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
            misses.append(replace(task, entry=str(cache.entry(task.sha256, task.path.name))))
        else:
            outputs[task.index] = hit
            if progress:
                progress(hit)
    outputs.update(_convert(misses, options, progress or (lambda _out: None)))
    kept, rejects = _dedupe([outputs[i] for i in sorted(outputs)])
    entries = [cache.entry(out.sha256, out.source_file) for out in kept]
    (out_dir / CACHE_DIR).mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=out_dir / CACHE_DIR))
    try:
        summary = _write_batch(out_dir, entries, rejects, staging)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    summary.converted, summary.cached = len(misses), len(tasks) - len(misses)
    summary.seconds = time.perf_counter() - t0
    record = {k: v for k, v in vars(summary).items() if k not in {"rejects", "unchanged", "seconds"}}
    record["rejects"] = [reject_row(r, None) for r in summary.rejects]
    write_json_atomic(out_dir / CACHE_DIR / MANIFEST, {"key": key, "summary": record})
    cache.prune({(t.sha256, t.path.name) for t in tasks})
    return summary
