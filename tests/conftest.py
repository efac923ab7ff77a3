"""Shared fixtures: the shipped seeds, the gold, and a helper that runs the real pipeline."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from pipeline.run import Summary, input_files, run_batch

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
GOLD = ROOT / "tests" / "gold"
GOLDEN = ROOT / "tests" / "golden"
SHARED_REAL = ROOT.parent / "shared" / "real"
SEEDS = sorted(p.name for p in RAW.glob("*.txt"))


def run_folder(src: Path, out: Path) -> Summary:
    return run_batch(input_files(src), out)


def read_table(out: Path, name: str) -> list[dict[str, Any]]:
    return pq.read_table(out / f"{name}.parquet").to_pylist()


def load_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seeds_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The pipeline run once on the shipped data/raw folder."""
    out = tmp_path_factory.mktemp("seeds_out")
    run_folder(RAW, out)
    return out
