"""Batch behaviour: incremental runs, determinism across workers and schedulers, limits, SIGKILL."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from pipeline.run import RunOptions, input_files, run_batch
from pipeline.schema import TABLES
from pipeline.warehouse import WAREHOUSE
from pipeline.worker import Limits
from tests.conftest import RAW, ROOT, SEEDS, read_table
from tests.snapshot import TIMINGS


def _state(out: Path) -> dict[str, list[dict[str, object]]]:
    """Every table, without the columns that differ run to run (timings)."""
    return {
        name: [{k: v for k, v in r.items() if k not in TIMINGS} for r in read_table(out, name)]
        for name in TABLES
    }


def _copy_seeds(dst: Path, names: list[str] = SEEDS) -> Path:
    dst.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(RAW / name, dst / name)
    return dst


def test_unchanged_rerun_converts_nothing_and_changes_nothing(tmp_path: Path) -> None:
    src, out = _copy_seeds(tmp_path / "in"), tmp_path / "out"
    first = run_batch(input_files(src), out)
    before = _state(out)
    second = run_batch(input_files(src), out)
    assert (first.converted, second.converted, second.unchanged) == (5, 0, True)
    assert _state(out) == before


def test_changed_document_is_reconverted_and_replaces_its_rows(tmp_path: Path) -> None:
    src, out = _copy_seeds(tmp_path / "in"), tmp_path / "out"
    run_batch(input_files(src), out)
    old = {d["source_file"]: d["doc_id"] for d in read_table(out, "documents")}
    target = src / SEEDS[1]
    target.write_text(
        target.read_text(encoding="utf-8").replace("TEMPURSARI", "TEMPUR SARI"), encoding="utf-8"
    )
    summary = run_batch(input_files(src), out)
    assert (summary.converted, summary.cached) == (1, 4)
    new = {d["source_file"]: d["doc_id"] for d in read_table(out, "documents")}
    assert new[SEEDS[1]] != old[SEEDS[1]] and all(new[s] == old[s] for s in SEEDS if s != SEEDS[1])
    assert not [r for r in read_table(out, "indicators") if r["doc_id"] == old[SEEDS[1]]]


def test_removed_document_leaves_parquet_warehouse_and_cache(tmp_path: Path) -> None:
    src, out = _copy_seeds(tmp_path / "in"), tmp_path / "out"
    run_batch(input_files(src), out)
    (src / SEEDS[0]).unlink()
    run_batch(input_files(src), out)
    assert SEEDS[0] not in {d["source_file"] for d in read_table(out, "documents")}
    with duckdb.connect(str(out / WAREHOUSE), read_only=True) as con:
        files = {r[0] for r in con.execute("SELECT source_file FROM documents").fetchall()}
    assert files == set(SEEDS[1:])
    assert len(list((out / ".cache" / "docs").glob("*/meta.json"))) == len(SEEDS) - 1


def test_full_rebuild_ignores_the_cache(tmp_path: Path) -> None:
    src, out = _copy_seeds(tmp_path / "in"), tmp_path / "out"
    run_batch(input_files(src), out)
    before = _state(out)
    summary = run_batch(input_files(src), out, options=RunOptions(full=True))
    assert summary.converted == len(SEEDS) and _state(out) == before


def test_same_rows_whatever_the_worker_count(tmp_path: Path) -> None:
    src = _copy_seeds(tmp_path / "in")
    run_batch(input_files(src), tmp_path / "w0", options=RunOptions(workers=0))
    run_batch(input_files(src), tmp_path / "w2", options=RunOptions(workers=2, recycle=2))
    assert _state(tmp_path / "w0") == _state(tmp_path / "w2")


def test_dask_local_cluster_gives_identical_output(tmp_path: Path) -> None:
    distributed = pytest.importorskip("dask.distributed")
    src = _copy_seeds(tmp_path / "in")
    run_batch(input_files(src), tmp_path / "local", options=RunOptions(workers=0))
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        run_batch(
            input_files(src), tmp_path / "dask", options=RunOptions(scheduler=cluster.scheduler_address)
        )
    assert _state(tmp_path / "dask") == _state(tmp_path / "local")


def test_document_over_the_time_limit_is_rejected_and_the_batch_goes_on(tmp_path: Path) -> None:
    src, out = _copy_seeds(tmp_path / "in"), tmp_path / "out"
    # 004 is the largest seed; a limit far below its conversion time rejects it alone
    limits = Limits(seconds=0.001)
    summary = run_batch(input_files(src), out, options=RunOptions(workers=1, limits=limits))
    codes = {r.code for r in summary.rejects}
    assert codes <= {"timeout"} and summary.total == len(SEEDS)
    assert all(r.message.startswith("conversion took longer than") for r in summary.rejects)


def test_document_over_the_memory_limit_is_rejected(tmp_path: Path) -> None:
    src, out = _copy_seeds(tmp_path / "in", [SEEDS[4]]), tmp_path / "out"
    summary = run_batch(input_files(src), out, options=RunOptions(workers=1, limits=Limits(memory_mb=64)))
    (reject,) = summary.rejects
    assert reject.code in {"memory-limit", "worker-crashed"}, reject


def test_sigkill_mid_run_leaves_the_previous_output_and_the_next_run_completes(tmp_path: Path) -> None:
    src, out = _copy_seeds(tmp_path / "in"), tmp_path / "out"
    run_batch(input_files(src), out)
    before = _state(out)
    with duckdb.connect(str(out / WAREHOUSE), read_only=True) as con:
        n_before = con.execute("SELECT count(*) FROM indicators").fetchone()
    for i in range(60):  # a bigger batch, so the kill lands while documents are converted
        shutil.copy(RAW / SEEDS[4], src / f"extra_{i:02d}.txt")
        with (src / f"extra_{i:02d}.txt").open("a", encoding="utf-8") as fh:
            fh.write(f"\n{i}\n")
    cached = len(list((out / ".cache" / "docs").glob("*/meta.json")))
    proc = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "extract", str(src), "--out", str(out), "--workers", "2"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:  # kill once conversion is under way
        if len(list((out / ".cache" / "docs").glob("*/meta.json"))) >= cached + 3:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the run ended before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert _state(out) == before  # every table still readable and as it was
    with duckdb.connect(str(out / WAREHOUSE), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM indicators").fetchone() == n_before
    summary = run_batch(input_files(src), out)
    assert summary.rejected == 0 and summary.total == len(SEEDS) + 60
    assert summary.cached >= len(SEEDS) + 3  # what the killed run converted was kept in the cache
    assert len(read_table(out, "documents")) == len(SEEDS) + 60
