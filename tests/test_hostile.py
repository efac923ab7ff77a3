"""Every hostile input in one batch with the seeds: each bad file is rejected with its own code,
the seeds (and cp1252 / UTF-16 copies of one) come out, and no traceback reaches the user."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import RAW, ROOT, SEEDS, read_table
from tests.fixtures.hostile import write_hostile

SEED_FOR_COPIES = "002_39dbc4c731527464.txt"  # representable in cp1252


@pytest.fixture(scope="module")
def hostile_batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str | None], str]:
    src = tmp_path_factory.mktemp("hostile_in")
    for seed in SEEDS:
        shutil.copy(RAW / seed, src / seed)
    expected = write_hostile(src, (RAW / SEED_FOR_COPIES).read_text(encoding="utf-8"))
    out = tmp_path_factory.mktemp("hostile_out")
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline", "extract", str(src), "--out", str(out), "--workers", "2"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    return out, expected, proc.stderr + proc.stdout + f"\nexit={proc.returncode}"


def test_each_bad_file_is_rejected_with_its_code(
    hostile_batch: tuple[Path, dict[str, str | None], str],
) -> None:
    out, expected, _ = hostile_batch
    got = {r["source_file"]: r["code"] for r in read_table(out, "rejects")}
    assert got == {name: code for name, code in expected.items() if code is not None}
    messages = [r["message"] for r in read_table(out, "rejects")]
    assert all(m and "Traceback" not in m for m in messages)


def test_seeds_and_encoded_copies_come_out(hostile_batch: tuple[Path, dict[str, str | None], str]) -> None:
    out, expected, _ = hostile_batch
    docs = sorted(d["source_file"] for d in read_table(out, "documents"))
    copies = sorted(name for name, code in expected.items() if code is None)
    assert docs == sorted([*SEEDS, *copies])
    by_name = {d["source_file"]: d for d in read_table(out, "documents")}
    indicators = read_table(out, "indicators")
    counts = {name: sum(1 for i in indicators if i["doc_id"] == d["doc_id"]) for name, d in by_name.items()}
    assert all(counts[c] == counts[SEED_FOR_COPIES] for c in copies)


def test_no_traceback_reaches_the_user(hostile_batch: tuple[Path, dict[str, str | None], str]) -> None:
    _, expected, output = hostile_batch
    assert "Traceback" not in output
    assert "exit=3" in output  # completed, with rejects
    rejected = sum(1 for code in expected.values() if code is not None)
    assert f"{rejected} rejected" in output
