"""Golden tests: each shipped seed through the real pipeline, against its snapshot and its gold."""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluation.evaluate import evaluate
from tests.conftest import GOLD, GOLDEN, SEEDS, load_json
from tests.snapshot import snapshot


@pytest.mark.parametrize("seed", SEEDS)
def test_seed_matches_its_golden_snapshot(seeds_out: Path, seed: str) -> None:
    expected = load_json(GOLDEN / f"{Path(seed).stem}.json")
    assert snapshot(seeds_out, seed) == expected


@pytest.mark.parametrize("seed", SEEDS)
def test_seed_scores_against_gold(seeds_out: Path, seed: str) -> None:
    result = evaluate(seeds_out, GOLD, only=seed)
    (doc,) = result.documents
    assert doc.totals.f1 >= 0.95, f"{seed}: F1 {doc.totals.f1:.3f}"


def test_overall_f1_on_seeds(seeds_out: Path) -> None:
    assert evaluate(seeds_out, GOLD).overall.f1 >= 0.97


def test_every_seed_is_extracted_without_rejects(seeds_out: Path) -> None:
    from tests.conftest import read_table

    docs = read_table(seeds_out, "documents")
    assert sorted(d["source_file"] for d in docs) == SEEDS
    assert read_table(seeds_out, "rejects") == []
    assert all(d["schema_version"] and d["input_format"] == "text" for d in docs)
