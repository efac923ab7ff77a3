"""An indicator table of one column in a text rendering (parsers/list_table.py): a line that only
names the indikator column over a list of indicator names is read as that table's rows, end to
end (pipeline.convert on a written file); lists that are not indicator names are left alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from parsers.list_table import list_item, names_only_indikator, read_list_table
from pipeline.convert import convert

SIGNATURE = """
Sukamaju, Januari 2024
CAMAT SUKAMAJU

BUDI SANTOSO, S.STP
Pembina
NIP. 19760901 199603 1 002
"""

# pdftotext -layout: the header centred over the column, the names at the margin
LAYOUT = """                      INDIKATOR KINERJA UTAMA
                        KECAMATAN SUKAMAJU


                            INDIKATOR
Indeks Kinerja Wilayah (IKW)
Indeks Kepuasan Masyarakat (IKM) Kecamatan
Persentase Kepuasan Masyarakat terhadap Pelayanan Administrasi Terpadu
"""

# markitdown: a blank line under the header, numbered names
PLAIN = """INDIKATOR KINERJA UTAMA
KECAMATAN SUKAMAJU

Indikator Kinerja

1. Indeks Kinerja Wilayah (IKW)
2. Indeks Kepuasan Masyarakat (IKM) Kecamatan
"""

NAMES = [
    "Indeks Kinerja Wilayah (IKW)",
    "Indeks Kepuasan Masyarakat (IKM) Kecamatan",
    "Persentase Kepuasan Masyarakat terhadap Pelayanan Administrasi Terpadu",
]


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("text", "names"), [(LAYOUT, NAMES), (PLAIN, NAMES[:2])], ids=["layout", "plain"])
def test_a_one_column_list_under_an_indikator_header_is_read_as_indicators(
    tmp_path: Path, text: str, names: list[str]
) -> None:
    res = convert(_write(tmp_path, "iku.txt", text + SIGNATURE))
    assert res.reject is None and res.extracted is not None
    assert [i.indikator for i in res.extracted.iku] == names
    assert all(i.sasaran is None and not i.formula_paragraphs for i in res.extracted.iku)
    assert "indicator-table-not-found" not in [p.code for p in res.problems]


def test_a_tugas_list_under_an_indikator_title_is_not_read_as_indicators() -> None:
    lines = [
        "INDIKATOR KINERJA INDIVIDU",
        "menyusun rencana kegiatan seksi pemerintahan;",
        "melaksanakan pembinaan perangkat desa;",
    ]
    assert read_list_table(lines, 0) is None


def test_label_lines_under_an_indikator_title_are_not_read_as_indicators() -> None:
    lines = [
        "INDIKATOR KINERJA INDIVIDU",
        "",
        "1. Jabatan : PENGOLAH DATA SEKSI PEMERINTAHAN",
        "2. Tugas : Melakukan kegiatan penyusunan laporan",
    ]
    assert read_list_table(lines, 0) is None


def test_a_header_row_of_several_cells_or_a_sentence_is_not_a_one_column_header() -> None:
    assert names_only_indikator("INDIKATOR KINERJA")
    assert not names_only_indikator("SASARAN\tINDIKATOR KINERJA")
    assert not names_only_indikator("NO      INDIKATOR")
    assert not names_only_indikator("Indikator kinerja Kecamatan Sukamaju secara langsung menunjukkan")


def test_titles_and_place_lines_are_not_indicator_names() -> None:
    assert list_item("KECAMATAN SUKAMAJU KABUPATEN MALANG") is None  # all capitals: a title
    assert list_item("Kecamatan Sukamaju") is None  # too short for a name
    assert list_item("- Indeks Kinerja Wilayah (IKW)") == "Indeks Kinerja Wilayah (IKW)"


def test_the_wrapped_lines_of_a_cell_written_column_by_column_are_not_names() -> None:
    lines = [
        "INDIKATOR KINERJA",
        "Persentase Rumah Tangga",
        "yang berprilaku Hidup Bersih",
        "dan Sehat (PHBS)",
    ]
    assert read_list_table(lines, 0) is None
    assert list_item("kependudukan (KK, KTP, KIA, Akta") is None  # starts in lower case
    assert list_item("Jumlah pelayanan kependudukan (KK, KTP, KIA, Akta") is None  # bracket left open
