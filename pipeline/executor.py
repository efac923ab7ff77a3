"""Run the per-document stage (`convert_part`) over many files: in this process, a local process
pool, or Dask. Each worker writes its document's Parquet part into the cache itself and returns the
envelope without rows, so nothing of the batch's size travels back to the parent.

Results come back keyed by input position, so the output order (and every id) is the same
whatever the worker count or the scheduler.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from pipeline.docstage import convert_part, init_worker
from pipeline.worker import DocOutput, Limits, rejected_output
from problems import problem

OnDone = Callable[[DocOutput], None]


@dataclass(frozen=True)
class Task:
    index: int
    path: Path
    sha256: str
    entry: str | None = None  # the part folder the worker writes (None: rows come back instead)


def _crashed(task: Task, reason: str) -> DocOutput:
    return rejected_output(task.path, task.sha256, problem("worker-crashed", reason=reason))


def run_in_process(tasks: list[Task], limits: Limits, on_done: OnDone) -> dict[int, DocOutput]:
    results = {}
    for t in tasks:
        results[t.index] = out = convert_part(str(t.path), limits, t.sha256, t.entry)
        on_done(out)
    return results


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _pool(workers: int, limits: Limits) -> ProcessPoolExecutor:
    # Workers are recycled by giving each pool a bounded chunk of work (see run_pool), not with
    # max_tasks_per_child, which deadlocks on Python 3.11-3.13 (CPython gh-115634).
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["pipeline.docstage"])
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=ctx, initializer=init_worker, initargs=(limits,)
    )


def _round(
    tasks: list[Task],
    limits: Limits,
    workers: int,
    on_done: OnDone,
    results: dict[int, DocOutput],
) -> list[Task]:
    """One pool over `tasks`; returns the tasks lost when a worker process died."""
    broken: list[Task] = []
    with _pool(workers, limits) as pool:
        # largest files first: the long documents do not end up alone at the tail of the run
        ordered = sorted(tasks, key=lambda t: -_size(t.path))
        futures: dict[Future[DocOutput], Task] = {
            pool.submit(convert_part, str(t.path), limits, t.sha256, t.entry): t for t in ordered
        }
        for fut in as_completed(futures):
            task = futures[fut]
            try:
                out = fut.result()
            except BrokenProcessPool:
                broken.append(task)
                continue
            except Exception as err:  # an error the worker could not turn into a reject
                out = _crashed(task, f"{type(err).__name__}: {err}")
            results[task.index] = out
            on_done(out)
    return broken


def run_pool(
    tasks: list[Task], limits: Limits, workers: int, recycle: int, on_done: OnDone
) -> dict[int, DocOutput]:
    """A local process pool; workers are recycled after `recycle` documents. A document whose
    worker dies (killed for memory, crashed in a C library) is retried alone once, then rejected."""
    results: dict[int, DocOutput] = {}
    chunk = max(1, workers * recycle)
    lost: list[Task] = []
    for start in range(0, len(tasks), chunk):  # a fresh pool per chunk: each worker serves ~recycle docs
        lost += _round(tasks[start : start + chunk], limits, workers, on_done, results)
    for task in sorted(lost, key=lambda t: t.index):
        if _round([task], limits, 1, on_done, results):
            results[task.index] = out = _crashed(
                task, "the worker process died while converting it, also when retried alone"
            )
            on_done(out)
    return results


def run_dask(tasks: list[Task], limits: Limits, scheduler: str, on_done: OnDone) -> dict[int, DocOutput]:
    """The same work on a Dask distributed cluster (its workers must read the input files and write
    the output folder's cache)."""
    from dask.distributed import Client
    from dask.distributed import as_completed as dask_completed

    results: dict[int, DocOutput] = {}
    with Client(scheduler) as client:
        futures = {
            client.submit(
                convert_part,
                str(t.path),
                limits,
                t.sha256,
                t.entry,
                key=f"doc-{t.index}-{t.sha256}",
                pure=False,
            ): t
            for t in tasks
        }
        for fut in dask_completed(list(futures)):
            task = futures[fut]
            try:
                out = fut.result()
            except Exception as err:
                out = _crashed(task, f"{type(err).__name__}: {err}")
            results[task.index] = out
            on_done(out)
    return results
