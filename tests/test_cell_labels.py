"""In-cell labels, codes, definition columns, typed ratios and keputusan headings: one test per rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from normalizers.formula import parse_formula
from parsers.base import parser_for
from parsers.model import Cell, Fraction, Provenance, Row, Table
from structure.cells import sasaran_and_tujuan
from structure.columns import header_mapping
from structure.extract import merge_repeated
from structure.fields import (
    formula_inside,
    has_cell_label,
    is_code,
    labelled_parts,
    split_after_formulas,
    split_at_codes,
    strip_code,
)
from structure.header import is_pangkat, place_names, read_decree, read_header, read_signature
from structure.lists import lines_to_items, split_label
from structure.model import Indicator
from structure.sections import is_table_header_text
from tests.conftest import SHARED_REAL


def _row(*texts: str) -> Row:
    return Row(tuple(Cell(text=t) for t in texts), Provenance("t", 1, 1))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("S.1.1 Nilai Rata-rata Dimensi", "Nilai Rata-rata Dimensi"),
        ("T1. Indeks Kinerja Wilayah", "Indeks Kinerja Wilayah"),
        ("IKU 1 Persentase ASN", "Persentase ASN"),
        ("S1 pegawai bergelar", "S1 pegawai bergelar"),  # no dot: a degree, not a code
        ("per 1.000 penduduk", "per 1.000 penduduk"),
    ],
)
def test_leading_codes_are_labels(text: str, expected: str) -> None:
    assert strip_code(text) == expected


def test_a_cell_of_coded_indicators_splits_at_the_codes() -> None:
    assert split_at_codes("S1. Indeks Kepuasan Masyarakat S2. Persentase Kepuasan") == [
        "Indeks Kepuasan Masyarakat",
        "Persentase Kepuasan",
    ]
    assert split_at_codes("Indeks Kepuasan Masyarakat") == ["Indeks Kepuasan Masyarakat"]
    assert is_code("S.2.1 S.2.2") and not is_code("Total desa")


def test_sasaran_cell_labels() -> None:
    assert sasaran_and_tujuan("Tujuan : Meningkatnya Kualitas Kesehatan") == (
        None,
        "Meningkatnya Kualitas Kesehatan",
    )
    assert sasaran_and_tujuan("Sasaran : 1. Meningkatnya kesehatan keluarga") == (
        "Meningkatnya kesehatan keluarga",
        None,
    )
    assert sasaran_and_tujuan("Meningkatnya Kualitas Layanan (sasaran 1)") == (
        "Meningkatnya Kualitas Layanan",
        None,
    )


def test_formula_printed_inside_the_indikator_cell() -> None:
    assert formula_inside("Indeks Desa (ID) (Formula : Nilai Total dibagi Jumlah desa)") == (
        "Indeks Desa (ID)",
        "Nilai Total dibagi Jumlah desa",
    )
    assert formula_inside("Indeks Desa (ID)") == ("Indeks Desa (ID)", None)


def test_definition_column_beside_a_formula_column_is_catatan() -> None:
    mapping = header_mapping(
        _row("Sasaran RPJMD", "Tujuan/Sasaran", "Indikator", "Definisi Operasional", "Formula Perhitungan")
    )
    assert mapping == {0: "cascade", 1: "sasaran", 2: "indikator", 3: "catatan", 4: "formula"}
    alone = header_mapping(_row("Sasaran", "Indikator", "Definisi Operasional"))
    assert alone is not None and alone[2] == "formula"  # the only formula-kind column stays the formula


@pytest.mark.parametrize(
    ("text", "num", "den", "mult"),
    [
        ("UHH = (Lo/Lx) ×100%", "Lo", "Lx", 100),
        ("(Σ Balita stunting / Σ Balita ) ×100%", "Σ Balita stunting", "Σ Balita", 100),
        (
            "Σ Nilai persepsi responden / Σ unsur terisi) ×25",
            "Σ Nilai persepsi responden",
            "Σ unsur terisi",
            25,
        ),
        ("Jumlah desa di Kabupaten/Kota", None, None, None),
        ("(A/B + C/D)/2", None, None, None),  # an average of ratios is no ratio
    ],
)
def test_typed_slash_ratios(text: str, num: str | None, den: str | None, mult: int | None) -> None:
    parts = parse_formula([text])
    assert (parts.numerator, parts.denominator, parts.multiplier) == (num, den, mult)
    assert parts.formula == text


def test_abbreviated_ranks() -> None:
    assert is_pangkat("Pembina Tk. I") and is_pangkat("Pembina Utama Madya/ IVc")
    assert not is_pangkat("TRISETIA SUPRIYANTO, S.STP, M.Si")


def test_ranks_misread_by_ocr_are_ranks_and_names_never() -> None:
    # every word of three letters or more alike a rank word (accents folded), two or more of them
    assert is_pangkat("Pémbina Muda") and is_pangkat("WRembina Utama Muda") and is_pangkat("Penata Mda Tk. I")
    assert not is_pangkat("“-P nbn Utama Muda")  # a word no rank has: left for the name chooser
    assert not is_pangkat("Drs. Muda Pratama") and not is_pangkat("Muda") and not is_pangkat("Penata 1980")


def test_kecamatan_in_a_caption_before_tahun() -> None:
    assert place_names(["Tabel 4.2.A. Indikator Kinerja Utama/IKU Kecamatan Banyuwangi Tahun 2025"]) == (
        "Banyuwangi",
        None,
    )


def test_keputusan_nomor_from_its_heading_not_from_cited_laws() -> None:
    header = read_header(
        [
            "KEPUTUSAN KEPALA BADAN",
            "DAERAH KABUPATEN BANGKANOMOR :",
            "188.45/013 /BKPSDMD/2021",
            "Mengingat : 1. Undang-Undang Nomor 28 Tahun 1959",
            "Nomor 217, Tambahan Lembaran Negara",
        ]
    )
    assert (header.nomor, header.tahun) == ("188.45/013 /BKPSDMD/2021", 2021)
    cited = read_header(["Menimbang : a. bahwa", "Nomor 217, Tambahan Lembaran Negara"])
    assert cited.nomor is None


def test_an_indicator_printed_again_fills_the_first_printing() -> None:
    first = Indicator("Persentase ASN dengan nilai “baik” pada P2KP")
    again = Indicator('Persentase ASN dengan nilai " baik "pada P2KP', formula_paragraphs=("A / B",))
    other = Indicator("Indeks kepuasan ASN", formula_paragraphs=("X",))
    twice = Indicator("Indeks kepuasan ASN", formula_paragraphs=("Y",))
    merged = merge_repeated([first, other, again, twice])
    assert [m.indikator for m in merged] == [first.indikator, other.indikator, twice.indikator]
    assert merged[0].formula_paragraphs == ("A / B",)


def _table_rows(path: Path, word: str) -> list[Row]:
    doc = parser_for(path).parse(path)
    tables = [b for p in doc.pages for b in p.blocks if isinstance(b, Table)]
    table = next(t for t in tables if any(word in c.text for r in t.rows for c in r.cells))
    return table.rows


@pytest.mark.skipif(not SHARED_REAL.is_dir(), reason="../shared/real is absent")
def test_a_no_cell_of_several_numbers_is_several_rows() -> None:
    rows = _table_rows(SHARED_REAL / "dev_kec_muncar_iku.pdf", "S1.")
    numbered = [r.cells[0].text for r in rows if r.cells[0].text.strip().isdigit()]
    assert numbered == ["1", "2", "3"]
    last = rows[-1]
    assert last.cells[1].text.startswith("S2. Persentase") and last.cells[2].text == "%"


def test_tujuan_columns_are_their_own_level_beside_sasaran_columns() -> None:
    matrix = header_mapping(
        _row("", "Tujuan Renstra", "Indikator Tujuan", "", "Sasaran Renstra", "Indikator Sasaran")
    )
    assert matrix is not None
    assert [matrix.get(i) for i in range(6)] == [
        None,
        "tujuan",
        "indikator_tujuan",
        "indikator_tujuan",  # an unnamed column extends its left neighbour
        "sasaran",
        "indikator",
    ]
    alone = header_mapping(_row("Tujuan", "Indikator Tujuan", "Formula"))
    assert alone == {0: "sasaran", 1: "indikator", 2: "formula"}  # no sasaran column: tujuan plays it


def test_indicators_each_closed_by_a_bracketed_formula_split() -> None:
    text = "Nilai A (Formula : X : Total desa) Nilai B (Formula : Y (Z) dibagi W)"
    assert split_after_formulas(text) == [
        "Nilai A (Formula : X : Total desa)",
        "Nilai B (Formula : Y (Z) dibagi W)",
    ]
    assert split_after_formulas("Nilai A (Formula : X)") == ["Nilai A (Formula : X)"]


def test_worded_ratio_after_yakni() -> None:
    parts = parse_formula(["Rata-rata Nilai X seluruh Desa, yakni Jumlah Total Nilai X dibagi jumlah desa"])
    assert (parts.numerator, parts.denominator) == ("Jumlah Total Nilai X", "jumlah desa")


def test_kabupaten_name_ends_at_a_lower_case_word() -> None:
    assert place_names(["Desa Kabupaten Banyuwangi adalah sebagai berikut"]) == (None, "Banyuwangi")


@pytest.mark.skipif(not SHARED_REAL.is_dir(), reason="../shared/real is absent")
def test_a_header_box_over_every_column_is_cut_at_the_columns() -> None:
    rows = _table_rows(SHARED_REAL / "dev_dpmpd_banyuwangi_iku.pdf", "Indikator Tujuan")
    assert [c.text for c in rows[0].cells][1:3] == ["Tujuan Renstra DPMD", "Indikator Tujuan DPMD"]


@pytest.mark.skipif(not SHARED_REAL.is_dir(), reason="../shared/real is absent")
def test_a_formula_pasted_as_a_picture_is_read_as_a_fraction() -> None:
    rows = _table_rows(SHARED_REAL / "dev_bkpsdmd_bangka_kep_iku_2021.pdf", "RUMUSAN")
    picture = rows[1].cells[3]
    assert isinstance(picture.paragraphs[0], Fraction)
    frac = picture.paragraphs[0]
    assert (
        frac.numerator.startswith("Jumlah ASN dengan nilai P2KP") and frac.denominator == "Jumlah Total ASN"
    )
    assert parse_formula(picture.paragraphs).multiplier == 100
    assert picture.confidence is not None and 0 < picture.confidence <= 1


def test_plan_period_is_no_year_and_a_cited_keputusan_gives_the_nomor() -> None:
    assert read_header(["Matriks Indikator Tujuan dan Sasaran Tahun 2025 – 2029"]).tahun is None
    header = read_header(["x"])
    read_decree(
        [
            "Kecamatan X telah menetapkan Indikator Kinerja Utama melalui Keputusan",
            "Camat X Nomor : 188/16/KEP/429.501/2025 tentang Indikator Kinerja Utama",
        ],
        header,
    )
    assert (header.nomor, header.tahun) == ("188/16/KEP/429.501/2025", 2025)
    cited_law = read_header(["x"])
    read_decree(["Peraturan Menteri Nomor 86 Tahun 2017 tentang Tata Cara"], cited_law)
    assert cited_law.nomor is None


def test_web_print_labels_inside_a_formula_cell_go_to_their_fields() -> None:
    formula, notes, sumber = labelled_parts(
        [
            "Formulasi Perhitungan : Jumlah A dibagi Jumlah B dikalikan 100% "
            "Tipe Perhitungan : Non-kumulatif",
            "Sumber Data : Laporan X",
        ]
    )
    assert (formula, notes, sumber) == (
        ["Jumlah A dibagi Jumlah B dikalikan 100%"],
        ["Non-kumulatif"],
        ["Laporan X"],
    )
    assert not has_cell_label(["Jumlah A / Jumlah B x 100%"])


@pytest.mark.parametrize(
    ("lines", "name", "title"),
    [
        (
            ["KEPALA BKPSDMD KABUPATEN BANGKA", "BAHARITA", "Lampiran - Halaman 1"],
            "BAHARITA",
            "KEPALA BKPSDMD KABUPATEN BANGKA",
        ),
        (["KEPALA BKPSDMD", "KABUPATEN BANGKA,", "BAHARITA"], "BAHARITA", "KEPALA BKPSDMD KABUPATEN BANGKA"),
        (["KEPALA DINAS", "KABUPATEN BANGKA", "BAHARITA"], None, None),  # no comma: the place is no name
        (["CAMAT CONTOH", "Jalan Raya 12"], None, None),
        (["KEPALA DINAS PETERNAKAN", "PROVINSI JAWA BARAT"], None, None),
    ],
)
def test_a_signature_without_nip_takes_the_name_under_the_title(
    lines: list[str], name: str | None, title: str | None
) -> None:
    header = read_header([])
    read_signature(lines, header)
    assert (header.signer_name, header.signer_title) == (name, title)


def test_a_list_number_run_into_its_item_still_starts_an_item() -> None:
    """ "10)Melaksanakan": the two-digit number left less than a space before the text."""
    items = lines_to_items(
        ["9) Melaksanakan kewenangan yang dilimpahkan;", "10)Melaksanakan tugas lain", "dari Bupati."]
    )
    assert [(i.label, i.text) for i in items] == [
        ("9", "Melaksanakan kewenangan yang dilimpahkan;"),
        ("10", "Melaksanakan tugas lain dari Bupati."),
    ]
    assert split_label("S.Sos")[0] is None and split_label("a)menyusun")[0] is None


def test_a_place_wrapped_after_its_level_word_is_read_from_the_next_line() -> None:
    lines = ["BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA DAERAH KABUPATEN", "BANGKA"]
    assert place_names(lines) == (None, "Bangka")
    assert place_names(["Dinas Kesehatan Kabupaten", "Banyuwangi", "Tahun 2025"]) == (None, "Banyuwangi")


def test_a_kop_written_as_one_heading_ends_the_kabupaten_before_the_office() -> None:
    """pymupdf4llm writes a kop's two lines as one heading: the kabupaten's name ends where the
    office's name (a kecamatan, a sekretariat) begins."""
    assert place_names(["PEMERINTAH KABUPATEN BANYUWANGI KECAMATAN MUNCAR"]) == ("Muncar", "Banyuwangi")
    assert place_names(["PEMERINTAH KABUPATEN BANYUWANGI SEKRETARIAT DAERAH"]) == (None, "Banyuwangi")
    assert place_names(["KABUPATEN BANYUWANGI"]) == (None, "Banyuwangi")


def test_a_tables_headers_run_into_a_line_are_no_list_item() -> None:
    """A rule-less table a converter ran into text starts with its column headers: that line ends
    the tugas/fungsi list above; a running footer or a title naming one column does not."""
    assert is_table_header_text("NOM SASARAN KINERJA INDIKATOR CARA PERHITUNGAN SUMBER OR 1 Situasi keamanan")
    assert is_table_header_text(
        "Sasaran Strategis Indikator Kinerja Utama Penjelasan / Formulasi Sumber Data"
    )
    assert not is_table_header_text("Lampiran INDIKATOR KINERJA INDIVIDU KECAMATAN NGANTANG - Halaman 1")
    assert not is_table_header_text("Sasaran Kinerja Pegawai (SKP) disusun tepat waktu")


def test_a_fungsi_list_goes_on_over_a_page_label_and_ends_at_a_bold_column_header() -> None:
    from parsers.markdown import MarkdownParser
    from structure.sections import split_sections

    text = "\n\n".join(
        [
            "1. Jabatan : KASI PEMERINTAHAN",
            "3. Fungsi :",
            "- a. menyusun rencana kegiatan;",
            "Halaman 2",
            "- b. melaksanakan pembinaan desa;",
            "**Sasaran Strategis** Tertib administrasi data kependudukan",
        ]
    )
    doc = MarkdownParser().parse_text(text, "case.md", "0" * 64)
    fungsi = [item.text for item in split_sections(doc).positions[0].fungsi]
    assert fungsi == ["menyusun rencana kegiatan;", "melaksanakan pembinaan desa;"]
