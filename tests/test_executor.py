"""The local process pool: workers replaced by document count or by memory, light to start."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq

from pipeline.executor import Recycle, Task, run_pool
from pipeline.run import RunOptions, input_files, run_batch
from pipeline.worker import DocOutput, Limits, file_sha256
from tests.conftest import RAW, ROOT, SEEDS


def _tasks(names: list[str]) -> list[Task]:
    return [Task(i, RAW / name, file_sha256(RAW / name)) for i, name in enumerate(names)]


def test_a_worker_past_its_memory_budget_is_replaced_and_nothing_is_lost() -> None:
    done: list[DocOutput] = []
    # 1 MB: every worker is past it after its first document, so every document ends a pool
    results = run_pool(_tasks(SEEDS), Limits(), 2, Recycle(documents=500, rss_mb=1), done.append)
    assert sorted(results) == list(range(len(SEEDS)))
    assert sorted(o.source_file for o in done) == sorted(SEEDS)
    assert all(o.reject is None and o.rows for o in results.values())


def test_same_tables_when_workers_are_replaced_after_every_document(tmp_path: Path) -> None:
    src = input_files(RAW)
    run_batch(src, tmp_path / "w0", options=RunOptions(workers=0))
    run_batch(src, tmp_path / "w2", options=RunOptions(workers=2, recycle=1, recycle_mb=1))
    for name in ("documents", "indicators", "positions"):
        a, b = (tmp_path / d / f"{name}.parquet" for d in ("w0", "w2"))
        drop = [c for c in pq.read_schema(a).names if c.endswith("_seconds")]
        assert pq.read_table(a).drop(drop).equals(pq.read_table(b).drop(drop))


def test_workers_start_without_pandas_and_duckdb() -> None:
    """What the forkserver preloads is what every worker holds: no frame or SQL library."""
    heavy = "('pandas', 'pandera', 'duckdb')"
    code = f"import sys, pipeline.preload; print(sorted(m for m in {heavy} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_forkserver_ends_with_the_conversion() -> None:
    """The batch stage after conversion runs without the forkserver's preloaded memory; a later
    pool starts a new one. In a fresh interpreter: no stray worker of another test holds it."""
    code = (
        "import multiprocessing.forkserver as fs\n"
        "from pipeline.executor import Recycle, run_pool\n"
        "from pipeline.worker import Limits\n"
        "from tests.test_executor import _tasks\n"
        "from tests.conftest import SEEDS\n"
        "for _ in range(2):\n"
        "    results = run_pool(_tasks(SEEDS[:2]), Limits(), 2, Recycle(), lambda _: None)\n"
        "    print(sorted(results), fs._forkserver._forkserver_pid)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.splitlines() == ["[0, 1] None", "[0, 1] None"]
