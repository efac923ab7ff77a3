"""The learnt cell boundaries of run-together rows (parsers/cell_boundaries.py, tools/cell_model.py)."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest

from parsers.cell_boundaries import split_cells, words_and_gaps
from parsers.runtogether_tables import read_runtogether_table
from tools.cell_model import main as cell_model_main
from tools.cell_rows import Pools, generate_lines


def test_single_spaced_row_cut_at_cell_starts() -> None:
    split = split_cells(
        "Terwujudnya tata kelola arsip Persentase arsip yang tertata Jumlah arsip tertata BPS", 4
    )
    assert split.cells == (
        "Terwujudnya tata kelola arsip",
        "Persentase arsip yang tertata",
        "Jumlah arsip tertata",
        "BPS",
    )
    assert 0.5 <= split.confidence < 1.0


def test_one_cell_sentence_not_cut() -> None:
    split = split_cells("Pengelolaan arsip dinas dan tata naskah yang tertib dan rapi", 4)
    assert split.cells == ("Pengelolaan arsip dinas dan tata naskah yang tertib dan rapi",)


def test_cuts_capped_at_columns() -> None:
    assert len(split_cells("Meningkatnya mutu Persentase mutu Jumlah mutu Laporan mutu", 2).cells) == 2


def test_numbered_rows_split_by_model_with_its_confidence() -> None:
    lines = [
        "NO SASARAN INDIKATOR KINERJA FORMULA SUMBER DATA",
        "1. Terwujudnya tata kelola arsip Persentase arsip yang tertata Jumlah arsip tertata  BPS",
        "2. Meningkatnya mutu layanan  Jumlah layanan yang selesai  Jumlah layanan selesai  Laporan Tahunan",
    ]
    read = read_runtogether_table(lines, 0)
    assert read is not None
    rows = [[c.text for c in r] for r in read.rows[1:]]
    assert rows == [
        [
            "1",
            "Terwujudnya tata kelola arsip",
            "Persentase arsip yang tertata",
            "Jumlah arsip tertata",
            "BPS",
        ],
        [
            "2",
            "Meningkatnya mutu layanan",
            "Jumlah layanan yang selesai",
            "Jumlah layanan selesai",
            "Laporan Tahunan",
        ],
    ]
    first = read.rows[1]
    assert all(c.confidence is not None and 0.5 <= c.confidence < 1.0 for c in first)  # the model's
    assert all(c.confidence is None for c in read.rows[2])  # one chunk per column: read as printed


def test_generated_lines_label_cell_starts() -> None:
    pools = Pools(
        rows=[{"sasaran": "Meningkatnya mutu", "indikator": "Persentase mutu", "formula": "Jumlah mutu"}],
        cells={
            "sasaran": ["Meningkatnya mutu"],
            "indikator": ["Persentase mutu"],
            "formula": ["Jumlah mutu"],
        },
    )
    texts = ["Meningkatnya mutu", "Persentase mutu", "Jumlah mutu"]
    for line, cuts in generate_lines(pools, 30, random.Random(1), mix=False):
        words, _ = words_and_gaps(line)
        bounds = [0, *sorted(cuts), len(words)]
        pieces = [" ".join(words[a:b]) for a, b in itertools.pairwise(bounds)]
        assert all(any(p in t for t in texts) for p in pieces), (line, cuts)


def test_cell_model_refuses_measured_gold(tmp_path: Path) -> None:
    (tmp_path / "real_x.json").write_text("{}", encoding="utf-8")
    with pytest.raises(SystemExit, match="dev_"):
        cell_model_main(["--gold", str(tmp_path), "--glob", "*.json", "--model", str(tmp_path / "m.json")])
