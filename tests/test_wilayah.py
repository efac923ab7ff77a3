"""Kode wilayah: the five seeds linked through the real pipeline, and the linker's hard cases."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from normalizers.gazetteer import compact, gazetteer
from normalizers.wilayah import codes_in_nomor, link_wilayah
from tests.conftest import ROOT, read_table

SEED_CODES = {
    "Ngantang": ("35.07.27", "35.07", "Kabupaten Malang", "Jawa Timur"),
    "Kepanjen": ("35.07.13", "35.07", "Kabupaten Malang", "Jawa Timur"),
    "Longkali": ("64.01.08", "64.01", "Kabupaten Paser", "Kalimantan Timur"),
    "Candipuro": ("35.08.03", "35.08", "Kabupaten Lumajang", "Jawa Timur"),
    "Tempursari": ("35.08.01", "35.08", "Kabupaten Lumajang", "Jawa Timur"),
}


def test_every_seed_gets_its_official_codes(seeds_out: Path) -> None:
    docs = {d["kecamatan"]: d for d in read_table(seeds_out, "documents")}
    got = {
        k: (d["kode_kecamatan"], d["kode_kabupaten"], d["kabupaten_gazetteer"], d["provinsi"])
        for k, d in docs.items()
    }
    assert got == SEED_CODES
    assert all(d["wilayah_score"] == 100.0 for d in docs.values())


def test_printed_kabupaten_is_kept_and_gazetteer_fills_the_new_column(seeds_out: Path) -> None:
    docs = {d["kecamatan"]: d for d in read_table(seeds_out, "documents")}
    assert docs["Tempursari"]["kabupaten"] is None  # not printed: stays null (the gold says so)
    assert docs["Tempursari"]["kabupaten_gazetteer"] == "Kabupaten Lumajang"
    assert docs["Longkali"]["kecamatan_gazetteer"] == "Long Kali"


def test_codes_are_strings_in_parquet(seeds_out: Path) -> None:
    schema = pq.read_schema(seeds_out / "documents.parquet")
    assert str(schema.field("kode_kecamatan").type) == "string"
    assert str(schema.field("kode_kabupaten").type) == "string"


def test_nomor_code_confirms_the_name() -> None:
    link = link_wilayah("Ngantang", "Malang", "188.4/ /35.07.27/2022")
    assert link.kode_kecamatan == "35.07.27" and link.method == "name+kabupaten+nomor" and not link.problems


def test_codes_in_nomor_only_take_kecamatan_shaped_codes() -> None:
    assert codes_in_nomor("188.4/ /35.07.27/2022") == ["35.07.27"]
    assert codes_in_nomor("188.45/ /35.07.13/2020") == ["35.07.13"]
    assert codes_in_nomor("800/123.45.678/2021") == []
    assert codes_in_nomor(None) == []


def test_spacing_variant_links_without_fuzz() -> None:
    link = link_wilayah("Longkali", "Paser")
    assert (link.kode_kecamatan, link.kecamatan, link.score) == ("64.01.08", "Long Kali", 100.0)


def test_prefixes_are_not_part_of_the_name() -> None:
    assert link_wilayah("Kecamatan Long Kali").kode_kecamatan == "64.01.08"
    assert link_wilayah("Karanganyar", "Kab. Demak").kode_kecamatan == "33.21.09"


def test_typo_links_fuzzily_and_is_listed_for_review() -> None:
    link = link_wilayah("Ngantan", "Malang")
    assert link.kode_kecamatan == "35.07.27" and link.method == "fuzzy+kabupaten"
    assert link.needs_review and link.candidates[0].code == "35.07.27"


def test_name_in_two_kabupaten_is_decided_by_the_kabupaten() -> None:
    assert link_wilayah("Candipuro", "Lumajang").kode_kecamatan == "35.08.03"
    assert link_wilayah("Candipuro", "Lampung Selatan").kode_kecamatan == "18.01.17"


def test_name_in_two_kabupaten_without_kabupaten_is_ambiguous() -> None:
    link = link_wilayah("Candipuro")
    assert link.kode_kecamatan is None and link.kode_kabupaten is None
    assert [i.code for i in link.problems] == ["wilayah-ambiguous"]
    assert {c.code for c in link.candidates} == {"18.01.17", "35.08.03"}


def test_kabupaten_named_elsewhere_in_the_header_decides() -> None:
    link = link_wilayah("Candipuro", None, None, "KECAMATAN CANDIPURO KABUPATEN LUMAJANG")
    assert link.kode_kecamatan == "35.08.03" and link.method == "name+context"


def test_garbled_kabupaten_still_decides_but_lowers_the_score() -> None:
    assert link_wilayah("Candipuro", "Lumjang").kode_kecamatan == "35.08.03"  # fuzzy regency match
    link = link_wilayah("Candipuro", "Lurnajang")  # OCR "rn" for "m": only close to one candidate
    assert link.kode_kecamatan == "35.08.03" and link.method == "name+kabupaten-fuzzy" and link.needs_review


def test_wrong_kabupaten_is_an_issue_not_a_guess() -> None:
    link = link_wilayah("Candipuro", "Malang")
    assert link.kode_kecamatan is None
    assert {i.code for i in link.problems} == {"wilayah-kabupaten-mismatch", "wilayah-ambiguous"}


def test_unknown_name_has_candidates_and_keeps_the_kabupaten() -> None:
    link = link_wilayah("Xyzzy", "Malang")
    assert link.kode_kecamatan is None and [i.code for i in link.problems] == ["wilayah-unknown"]
    assert len(link.candidates) == 3
    assert link_wilayah("Xyzzy", "Paser").kode_kabupaten == "64.01"


def test_nomor_alone_links_when_no_name_is_printed() -> None:
    link = link_wilayah(None, None, "188.4/ /35.07.27/2022")
    assert (link.kode_kecamatan, link.method) == ("35.07.27", "nomor")


def test_nomor_disagreeing_with_the_name_is_reported() -> None:
    link = link_wilayah("Kepanjen", "Malang", "188.45/ /35.07.27/2020")
    assert link.kode_kecamatan == "35.07.13"
    assert [i.code for i in link.problems] == ["wilayah-nomor-conflict"]


def test_leading_zero_codes_stay_strings() -> None:
    link = link_wilayah("Bakongan", "Aceh Selatan")
    assert link.kode_kecamatan == "11.01.01" and link.kode_kabupaten == "11.01" and link.provinsi == "Aceh"


@pytest.mark.parametrize("name", ["", "   ", "-", "Kecamatan", "Kec."])
def test_names_without_letters_link_nothing(name: str) -> None:
    assert link_wilayah(name).kode_kecamatan is None


def test_gazetteer_is_vendored_package_data_with_its_licence() -> None:
    data = ROOT / "normalizers" / "data" / "wilayah"
    assert {p.name for p in data.iterdir()} >= {
        "districts.csv",
        "regencies.csv",
        "provinces.csv",
        "LICENSE.md",
        "SOURCE.md",
    }
    assert "Open Database License" in (data / "LICENSE.md").read_text(encoding="utf-8")
    assert len(gazetteer().districts) == 7285 and compact("Long Kali") == "longkali"
    code = [p for p in (ROOT / "normalizers").rglob("*.py")] + [p for p in (ROOT / "pipeline").rglob("*.py")]
    assert not [p for p in code if "shared/reference" in p.read_text(encoding="utf-8")]


def test_reviewed_alias_reaches_a_name_the_matcher_cannot() -> None:
    assert link_wilayah("Kota Lama Kepanjen").kode_kecamatan is None
    gaz = replace(gazetteer(), district_aliases={compact("Kota Lama Kepanjen"): "35.07.13"})
    link = link_wilayah("Kota Lama Kepanjen", "Malang", gaz=gaz)
    assert (link.kode_kecamatan, link.method, link.score) == ("35.07.13", "alias+kabupaten", 100.0)
