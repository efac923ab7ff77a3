"""Header facts printed away from the header: a year under a title repeated on a later page, and
penanggung-jawab units a unit-head word opens."""

from __future__ import annotations

import pytest

from structure.header import heading_year
from structure.language import split_units


@pytest.mark.parametrize(
    ("lines", "year"),
    [
        (["DINAS PETERNAKAN PROVINSI JAWA BARAT", "TAHUN 2015"], 2015),
        (["Tahun 2015"], None),  # running text, not a heading line
        (["TAHUN 2025 - 2029"], None),  # a plan period
        (["RENSTRA TAHUN 2020"], None),  # more than the year on the line
    ],
)
def test_year_of_a_repeated_title(lines: list[str], year: int | None) -> None:
    assert heading_year(lines) == year


def test_a_balai_after_a_bidang_is_its_own_unit() -> None:
    balai = "Balai Pengujian Penyakit Hewan (BP3HK) Cikole"
    assert split_units(f"Bidang Keswan dan Kesmavet, {balai}") == ["Bidang Keswan dan Kesmavet", balai]
    # the office a unit belongs to stays with it
    office = "Bidang Pengembangan Usaha, Dinas Peternakan"
    assert split_units(office) == [office]
