"""Choosing what to compare: kecamatan names or codes, kabupaten, provinsi, tahun (seeds)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.compare import main
from pipeline.selection import Selection, select_documents, split_values
from tests.conftest import read_table


def _kecamatan(seeds_out: Path, selection: Selection) -> list[str]:
    return sorted(d["kecamatan"] for d in select_documents(read_table(seeds_out, "documents"), selection))


@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        (Selection(), ["Candipuro", "Kepanjen", "Longkali", "Ngantang", "Tempursari"]),
        (Selection(kecamatan=("ngantang",)), ["Ngantang"]),
        (Selection(kecamatan=("Kecamatan Long Kali",)), ["Longkali"]),  # gazetteer spelling, prefix
        (Selection(kecamatan=("35.08.03", "Kepanjen")), ["Candipuro", "Kepanjen"]),
        (Selection(kabupaten=("Malang",)), ["Kepanjen", "Ngantang"]),
        (Selection(kabupaten=("Kab. Lumajang",)), ["Candipuro", "Tempursari"]),
        (Selection(kabupaten=("35.08",)), ["Candipuro", "Tempursari"]),
        (Selection(kabupaten=("Kota Malang",)), []),  # a kota is not the kabupaten of the same name
        (Selection(provinsi=("kalimantan timur",)), ["Longkali"]),
        (Selection(provinsi=("35",)), ["Candipuro", "Kepanjen", "Ngantang", "Tempursari"]),
        (Selection(tahun=(2022, 2023)), ["Candipuro", "Ngantang"]),
        (Selection(kabupaten=("Malang",), tahun=(2020,)), ["Kepanjen"]),
    ],
)
def test_selection_picks_documents(seeds_out: Path, selection: Selection, expected: list[str]) -> None:
    assert _kecamatan(seeds_out, selection) == expected


def test_values_repeat_or_comma_separate() -> None:
    assert split_values(["Ngantang, 35.07.13", " Candipuro ", ""]) == ("Ngantang", "35.07.13", "Candipuro")
    assert Selection(kabupaten=("Malang",), tahun=(2022,)).describe() == "kabupaten Malang; tahun 2022"


@pytest.fixture()
def out(seeds_out: Path, tmp_path: Path) -> Path:
    for p in seeds_out.glob("*.parquet"):
        shutil.copy(p, tmp_path / p.name)
    return tmp_path


def test_cli_compares_only_the_selection(out: Path) -> None:
    assert main([str(out), "--kabupaten", "Malang", "--tahun", "2020,2022"]) == 0
    grid = pq.read_table(out / "compare" / "family_kecamatan.parquet").to_pylist()
    assert sorted({r["kecamatan"] for r in grid}) == ["Kepanjen", "Ngantang"]
    by_kec = pq.read_table(out / "compare" / "indicator_kecamatan.parquet").to_pylist()
    assert {r["kecamatan"] for r in by_kec} == {"Kepanjen", "Ngantang"}
    html = (out / "compare" / "report.html").read_text(encoding="utf-8")
    assert '<p id="selection">Selection: kabupaten Malang; tahun 2020, 2022.</p>' in html
    assert "Longkali" not in html and "Candipuro" not in html


def test_cli_rejects_a_selection_that_matches_nothing(out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(out), "--kecamatan", "Atlantis"]) == 2
    assert "compare: no document matches the selection (kecamatan Atlantis)" in capsys.readouterr().err
    assert not (out / "compare").exists()
    assert main([str(out), "--tahun", "dua ribu"]) == 2
    assert "compare: tahun must be a year: dua ribu" in capsys.readouterr().err
