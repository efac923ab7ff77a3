"""Organisation terms in sumber data and penanggung jawab: canonical forms, review of unknown names."""

from __future__ import annotations

from pathlib import Path

import pytest

from normalizers.org import (
    best_candidates,
    canonical_penanggung_jawab,
    canonical_sumber_data,
    known_units,
    match_unit,
    unknown_acronyms,
)
from tests.conftest import read_table


@pytest.mark.parametrize(
    ("printed", "canonical"),
    [
        ("SKPD terkait", "Perangkat Daerah terkait"),
        ("Seluruh OPD", "Seluruh Perangkat Daerah"),
        ("Persentase PD", "Persentase Perangkat Daerah"),
        ("Subag Umum,Kepegawaian,Keuangan dan Aset", "Subbagian Umum, Kepegawaian, Keuangan dan Aset"),
        ("Sub Bagian Program dan Keuangan", "Subbagian Program dan Keuangan"),
        ("Data Kasi Kesos dan Kepemudaan", "Data Kepala Seksi Kesejahteraan Sosial dan Kepemudaan"),
        (
            "Data Kasubag Perencanaan, Evaluasi dan Pelaporan",
            "Data Kepala Subbagian Perencanaan, Evaluasi dan Pelaporan",
        ),
        ("Dinas Pariwisata, Kesbangpol", "Dinas Pariwisata, Badan Kesatuan Bangsa dan Politik"),
        ("DPA", "DPA"),
        ("18 desa/kelurahan se-Kecamatan Kepanjen", "18 desa/kelurahan se-Kecamatan Kepanjen"),
    ],
)
def test_sumber_data_canonical(printed: str, canonical: str) -> None:
    assert canonical_sumber_data(printed) == canonical


def test_sumber_data_none_stays_none() -> None:
    assert canonical_sumber_data(None) is None


@pytest.mark.parametrize(
    ("printed", "canonical"),
    [
        ("Kasi Pemerintahan", "Seksi Pemerintahan"),
        ("Seksi pemerintahan", "Seksi Pemerintahan"),
        ("Kasubbag Umum dan Kepegawaian", "Subbagian Umum dan Kepegawaian"),
        ("Sub Bagian Umum dan Kepegawaian", "Subbagian Umum dan Kepegawaian"),
        ("Kasubag TU", "Subbagian Tata Usaha"),
        ("Sie. Trantib", "Seksi Ketentraman dan Ketertiban"),
        ("Camat", "Camat"),
        ("Sekretaris Kecamatan", "Sekretaris Kecamatan"),
    ],
)
def test_penanggung_jawab_canonical_names_the_unit(printed: str, canonical: str) -> None:
    assert canonical_penanggung_jawab([printed]) == [canonical]


def test_head_and_unit_spellings_collapse_to_one_entry() -> None:
    assert canonical_penanggung_jawab(["Kasi Pemerintahan", "Seksi Pemerintahan", "Camat"]) == [
        "Seksi Pemerintahan",
        "Camat",
    ]


def test_unknown_unit_needs_review_with_candidates() -> None:
    unit = match_unit("Seluruh Kasi")
    assert unit.needs_review and unit.family == "LAINNYA"
    candidates = best_candidates(unit.canonical, known_units())
    assert len(candidates) == 3 and all(name.startswith("Seksi") for name, _ in candidates)
    assert not match_unit("Kasi Pemerintahan").needs_review


def test_unknown_acronyms_skip_the_known_vocabulary() -> None:
    assert unknown_acronyms("DPA Kecamatan; data PATEN dan IKM") == []
    assert unknown_acronyms("Data SIMDA dan SKPD dari BKPSDM") == ["SIMDA", "BKPSDM"]


def test_seed_indicators_carry_canonical_columns(seeds_out: Path) -> None:
    rows = read_table(seeds_out, "indicators")
    pj = {p for r in rows for p in r["penanggung_jawab_canonical"]}
    assert {"Seksi Pemerintahan", "Subbagian Umum dan Kepegawaian", "Camat"} <= pj
    assert not any(p.startswith(("Kasi ", "Kasubag", "Kasubbag", "Sub Bagian")) for p in pj)
    sumber = {r["sumber_data_canonical"] for r in rows if r["sumber_data_canonical"]}
    assert not any("Kasi " in s or "Subag " in s or "Sub Bagian" in s for s in sumber)
    assert all((r["sumber_data"] is None) == (r["sumber_data_canonical"] is None) for r in rows)


def test_review_lists_the_unknown_penanggung_jawab_of_the_seeds(seeds_out: Path) -> None:
    review = [r for r in read_table(seeds_out, "review") if r["kind"] == "penanggung-jawab-unknown"]
    assert [r["value"] for r in review] == ["Seluruh Kasi"]
    assert review[0]["candidates"] and len(review[0]["candidates"]) == len(review[0]["candidate_scores"])
