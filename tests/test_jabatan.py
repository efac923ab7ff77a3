"""Tests of the jabatan normaliser: gold positions, unseen variants, org terms, robustness."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from normalizers.jabatan import FAMILIES, JabatanMatch, normalize_jabatan, normalize_org_term

GOLD_DIRS = [Path(__file__).parent / "gold", Path("/work/shared/real")]


def _gold_positions() -> list[Any]:
    cases: list[Any] = []
    for directory in GOLD_DIRS:
        if not directory.is_dir():
            continue
        for path in sorted(directory.glob("*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(data, dict):
                continue  # manifest.json and other non-gold files
            for pos in data.get("positions") or []:
                case_id = f"{path.stem}#{pos.get('seq')}"
                cases.append(pytest.param(pos["jabatan"], pos["canonical"], pos["family"], id=case_id))
    return cases


GOLD = _gold_positions()


@pytest.mark.skipif(not GOLD, reason="no gold positions found")
@pytest.mark.parametrize(("printed", "canonical", "family"), GOLD)
def test_gold_positions(printed: str, canonical: str, family: str) -> None:
    match = normalize_jabatan(printed)
    assert (match.canonical, match.family) == (canonical, family)


@pytest.mark.parametrize(
    ("printed", "canonical", "family"),
    [
        ("Kasubbag Umum", "Kepala Subbagian Umum", "KASUBAG_UMUM"),
        ("Ka. Subbag Keuangan", "Kepala Subbagian Keuangan", "KASUBAG_UMUM"),
        ("Kepala Sub Bagian Perencanaan", "Kepala Subbagian Perencanaan", "KASUBAG_PERENCANAAN"),
        ("Kasubang Perencanaan & Program", "Kepala Subbagian Perencanaan dan Program", "KASUBAG_PERENCANAAN"),
        ("KASUBAG KEUANGAN DAN PROGRAM", "Kepala Subbagian Keuangan dan Program", "KASUBAG_UMUM"),
        ("Sekcam", "Sekretaris Kecamatan", "SEKRETARIS"),
        ("Sekretaris Camat Kepanjen", "Sekretaris Kecamatan", "SEKRETARIS"),
        ("Kasi Trantib", "Kepala Seksi Ketentraman dan Ketertiban", "KASI_TRANTIB"),
        ("Kasi PMD", "Kepala Seksi Pemberdayaan Masyarakat Desa", "KASI_PEMBERDAYAAN"),
        ("KASI KESRA", "Kepala Seksi Kesejahteraan Rakyat", "KASI_KESEJAHTERAAN"),
        ("Ka. Si Pelayanan Umum", "Kepala Seksi Pelayanan Umum", "KASI_PELAYANAN"),
        ("Kasi Pemerintahn", "Kepala Seksi Pemerintahn", "KASI_PEMERINTAHAN"),
        ("KASUBAG UMUM KEPEGAWAIN", "Kepala Subbagian Umum Kepegawain", "KASUBAG_UMUM"),
        ("Kepala Bidang Pengembangan Usaha", "Kepala Bidang Pengembangan Usaha", "LAINNYA"),
        ("Kabid Produksi", "Kepala Bidang Produksi", "LAINNYA"),
        ("Sub Bidang Distribusi Pangan", "Subbidang Distribusi Pangan", "LAINNYA"),
        ("Kepala Seksi Pembibitan Ternak", "Kepala Seksi Pembibitan Ternak", "LAINNYA"),
        ("Pengemudi", "Pengemudi", "PELAKSANA"),
        (
            "PENGADMINISTRASI UMUM SEKSI KESRA",
            "Pengadministrasi Umum Seksi Kesejahteraan Rakyat",
            "PELAKSANA",
        ),
        ("Bendahara Pengeluaran", "Bendahara Pengeluaran", "BENDAHARA"),
        ("Camat Kepanjen", "Camat", "CAMAT"),
        ("**KASI PEMERINTAHAN**", "Kepala Seksi Pemerintahan", "KASI_PEMERINTAHAN"),
        ("Kepala UPTD Puskesmas", "Kepala UPTD Puskesmas", "LAINNYA"),
        ("Kasi PEMERINTAHAN", "Kepala Seksi Pemerintahan", "KASI_PEMERINTAHAN"),
        (
            "Kepala Seksi Ketentraman dan Ketertiban Umum (Trantibum)",
            "Kepala Seksi Ketentraman dan Ketertiban Umum",
            "KASI_TRANTIB",
        ),
        ("Badan Ketahanan Pangan Daerah (BKPD)", "Badan Ketahanan Pangan Daerah", "LAINNYA"),
    ],
)
def test_unseen_variants(printed: str, canonical: str, family: str) -> None:
    match = normalize_jabatan(printed)
    assert (match.canonical, match.family) == (canonical, family)


def test_typo_lowers_score_but_not_below_review() -> None:
    exact = normalize_jabatan("Kasi Pemerintahan")
    typo = normalize_jabatan("Kasi Pemerintahn")
    assert exact.score == 100.0 and not exact.needs_review
    assert exact.score > typo.score and not typo.needs_review


def test_unknown_name_needs_review() -> None:
    match = normalize_jabatan("xq zzv 123")
    assert match.family == "LAINNYA" and match.needs_review


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SKPD terkait", "Perangkat Daerah terkait"),
        ("Seluruh OPD", "Seluruh Perangkat Daerah"),
        ("Data PD", "Data Perangkat Daerah"),
        ("Subag Umum, Kepegawaian, Keuangan dan Aset", "Subbagian Umum, Kepegawaian, Keuangan dan Aset"),
        ("Sub Bagian Program dan Keuangan", "Subbagian Program dan Keuangan"),
        ("Data Kasi Pemerintahan", "Data Kepala Seksi Pemerintahan"),
        ("Kasubbag Umum dan Kepegawaian", "Kepala Subbagian Umum dan Kepegawaian"),
        ("Seksi Pemerintahan dan Kependudukan", "Seksi Pemerintahan dan Kependudukan"),
        ("Seluruh Seksi dan Subbagian", "Seluruh Seksi dan Subbagian"),
        ("BKPD Prov. Jabar", "BKPD Prov. Jabar"),
    ],
)
def test_normalize_org_term(text: str, expected: str) -> None:
    assert normalize_org_term(text) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_never_raises_and_family_known(text: str) -> None:
    match = normalize_jabatan(text)
    assert isinstance(match, JabatanMatch)
    assert match.family in FAMILIES
    assert 0.0 <= match.score <= 100.0
    assert isinstance(normalize_org_term(text), str)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["Kasi", "Kasubag", "Sub.", "Bagian", "(KESRA)", "&", "dan", "Camat", "Sekcam", ".", ","]
        ),
        max_size=8,
    )
)
def test_vocabulary_words_never_raise(words: list[str]) -> None:
    match = normalize_jabatan(" ".join(words))
    assert match.family in FAMILIES
