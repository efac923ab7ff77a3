"""Run the per-document stage (`convert_part`) over many files: in this process, a local process
pool, or Dask. Each worker writes its document's Parquet part into the cache itself and returns the
envelope without rows, so nothing of the batch's size travels back to the parent.

Results come back keyed by input position, so the output order (and every id) is the same
whatever the worker count or the scheduler.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.forkserver
import resource
from collections import deque
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

import psutil

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


@dataclass(frozen=True)
class Recycle:
    """When a pool's workers are replaced: after `documents` each, or as soon as one of them has
    grown past `rss_mb` (a leak in a C library shows as RSS growth, whatever the document count)."""

    documents: int = 500
    rss_mb: int = 1024


def convert_measured(
    path_text: str, limits: Limits, sha: str | None, entry: str | None
) -> tuple[DocOutput, int]:
    """`convert_part` in a pool worker, with the worker's peak RSS (MB) after it."""
    out = convert_part(path_text, limits, sha, entry)
    return out, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024  # KB on Linux


def _pool(workers: int, limits: Limits) -> ProcessPoolExecutor:
    # Workers are recycled by ending the pool (see _round), not with max_tasks_per_child, which
    # deadlocks on Python 3.11-3.13 (CPython gh-115634). The forkserver loads the code and the
    # vocabulary once (pipeline.preload), so a replaced worker starts warm.
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["pipeline.preload"])
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=ctx, initializer=init_worker, initargs=(limits,)
    )


def _round(
    queue: deque[Task],
    limits: Limits,
    workers: int,
    recycle: Recycle,
    on_done: OnDone,
    results: dict[int, DocOutput],
) -> list[Task]:
    """One pool, fed from `queue` until its workers are due for replacement; returns the tasks lost
    when a worker process died. A few tasks per worker are in flight, so stopping is prompt."""
    broken: list[Task] = []
    running: dict[Future[tuple[DocOutput, int]], Task] = {}
    submitted, due = 0, False
    with _pool(workers, limits) as pool:
        while running or (queue and not due):
            while queue and not due and len(running) < 2 * workers:
                task = queue.popleft()
                args = (str(task.path), limits, task.sha256, task.entry)
                try:
                    running[pool.submit(convert_measured, *args)] = task
                except BrokenProcessPool:  # a worker died since the last result: the next pool takes it
                    queue.appendleft(task)
                    due = True
                    break
                submitted += 1
                due = submitted >= workers * recycle.documents
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for fut in finished:
                task = running.pop(fut)
                try:
                    out, rss_mb = fut.result()
                except BrokenProcessPool:
                    broken.append(task)
                    due = True
                    continue
                except Exception as err:  # an error the worker could not turn into a reject
                    out, rss_mb = _crashed(task, f"{type(err).__name__}: {err}"), 0
                due = due or rss_mb > recycle.rss_mb
                results[task.index] = out
                on_done(out)
    return broken


def run_pool(
    tasks: list[Task], limits: Limits, workers: int, recycle: Recycle, on_done: OnDone
) -> dict[int, DocOutput]:
    """A local process pool whose workers are replaced as `recycle` says. A document whose worker
    dies (killed for memory, crashed in a C library) is retried alone once, then rejected."""
    results: dict[int, DocOutput] = {}
    # largest files first: the long documents do not end up alone at the tail of the run
    queue = deque(sorted(tasks, key=lambda t: -_size(t.path)))
    lost: list[Task] = []
    while queue:
        lost += _round(queue, limits, workers, recycle, on_done, results)
    for task in sorted(lost, key=lambda t: t.index):
        if _round(deque([task]), limits, 1, recycle, on_done, results):
            results[task.index] = out = _crashed(
                task, "the worker process died while converting it, also when retried alone"
            )
            on_done(out)
    _stop_forkserver()
    return results


def _stop_forkserver() -> None:
    """End the forkserver once conversion is over: it holds the preloaded code and vocabulary
    (~110 MB) that the batch stage after it does not need, and would count in the run's peak.
    `ForkServer._stop` is private (CPython uses it in its own tests; stable since 3.8); the next
    pool starts a new forkserver on demand. It waits until every process forked by the server has
    closed its end of the server's "alive" pipe, so it is called only when none is left (a stray
    worker of another pool in this process would make it wait forever)."""
    server = getattr(multiprocessing.forkserver, "_forkserver", None)
    pid, stop = getattr(server, "_forkserver_pid", None), getattr(server, "_stop", None)
    if pid is None or not callable(stop):
        return
    try:
        if psutil.Process(pid).children():
            return
    except psutil.NoSuchProcess:
        pass
    stop()


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
