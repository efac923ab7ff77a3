"""A table a rendering wrote column by column (markitdown, pdfminer underneath): recognised by its
header cells standing each on a line of their own, reported, and its rows not made up; the
document's header still comes out (parsers/column_dump.py, pipeline/convert.py)."""

from __future__ import annotations

from pathlib import Path

from parsers.bullet_column import bullets_to_items
from parsers.column_dump import label_lines
from parsers.model import Table
from pipeline.convert import convert

HEADER = """LAMPIRAN
KEPUTUSAN CAMAT SUKAMAJU
NOMOR : 050/12/KEP/2024
TENTANG
INDIKATOR KINERJA UTAMA KECAMATAN SUKAMAJU TAHUN 2024

"""

# The cells in pdfminer's order: the No column, then the sasaran cells, then a block of the
# indikator and sumber data cells, then the formula column.
BY_COLUMN = """No

1

2

Sasaran Strategis

Meningkatnya mutu
pelayanan umum

Meningkatnya tertib
administrasi

Indikator Kinerja
Utama
Nilai survei layanan

Sumber Data

Laporan survei

Persentase surat
selesai tepat waktu

Buku agenda surat

Penjelasan / Formulasi

Jumlah nilai dibagi
jumlah responden
Surat selesai dibagi
surat masuk x 100%
"""

ROW_BY_ROW = """No Sasaran Strategis Indikator Kinerja Sumber Data Penjelasan / Formulasi
1 Meningkatnya mutu pelayanan umum Nilai survei layanan Laporan survei Jumlah nilai dibagi jumlah responden
"""

LETTER = """Nomor : 005/77/2024
Perihal : Undangan rapat

Sasaran

Target

Kami mengundang Saudara hadir pada rapat evaluasi.
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_header_cells_one_per_line_are_labels() -> None:
    lines = [ln for ln in BY_COLUMN.splitlines() if ln.strip()]
    assert [(col, text) for _i, col, text in label_lines(lines)] == [
        ("no", "No"),
        ("sasaran", "Sasaran Strategis"),
        ("indikator", "Indikator Kinerja Utama"),
        ("sumber_data", "Sumber Data"),
        ("formula", "Penjelasan / Formulasi"),
    ]


def test_a_table_written_by_column_is_an_issue_and_the_header_comes_out(tmp_path: Path) -> None:
    res = convert(_write(tmp_path, "iku.md", HEADER + BY_COLUMN))
    assert res.reject is None and res.extracted is not None
    assert res.extracted.header.nomor == "050/12/KEP/2024"
    assert res.extracted.header.tahun == 2024
    assert res.extracted.doc_kind == "IKU"  # the kind its title names
    assert res.extracted.iku == [] and res.extracted.positions == []  # no rows made up
    found = [p for p in res.problems if p.code == "rendering-table-by-column"]
    assert [(p.page, p.message) for p in found] == [
        (
            1,
            "5 header cells of an indicator table stand each on a line of their own "
            "('No / Sasaran Strategis / Indikator Kinerja Utama / Sumber Data / Penjelasan / Fo'): "
            "the table was written column by column or in blocks, so its rows are not rebuilt from the text",
        )
    ]


def test_without_a_header_the_document_is_rejected_as_an_unread_table(tmp_path: Path) -> None:
    res = convert(_write(tmp_path, "iku.md", BY_COLUMN))
    assert res.reject is not None and res.reject.code == "table-text-unsplit"


def test_a_header_on_one_line_is_not_a_table_by_column(tmp_path: Path) -> None:
    res = convert(_write(tmp_path, "iku.md", HEADER + ROW_BY_ROW))
    assert "rendering-table-by-column" not in [p.code for p in res.problems]


def test_a_letter_with_a_few_label_lines_stays_rejected(tmp_path: Path) -> None:
    res = convert(_write(tmp_path, "surat.md", LETTER))
    assert res.reject is not None and res.reject.code == "not-a-lampiran"


# The profile of a page pdfminer grouped by column: the numbers, the labels, the page title, the
# colon-led values (the first one wrapped), then the fungsi list's bullets apart from its items.
PROFILE_BY_COLUMN = """1.
2.

Instansi
Tugas Pokok

3.

Fungsi

INDIKATOR KINERJA UTAMA
DINAS CONTOH

: Dinas Contoh Kabupaten
: melaksanakan urusan pemerintahan bidang
contoh berdasarkan asas otonomi.

:
•

•

penyusunan kebijakan teknis bidang
contoh;
pelaksanaan pembinaan UPTD.
"""


def test_bullets_printed_apart_from_their_items_are_put_back() -> None:
    lines = ["Fungsi :", "•", "", "•", "", "penyusunan kebijakan", "teknis;", "pelaksanaan pembinaan."]
    assert bullets_to_items(lines) == [
        "Fungsi :",
        "• penyusunan kebijakan teknis;",
        "• pelaksanaan pembinaan.",
    ]


def test_bullets_and_items_in_other_counts_are_left_alone() -> None:
    lines = ["•", "•", "penyusunan kebijakan teknis;", "pelaksanaan pembinaan;", "pengawasan."]
    assert bullets_to_items(lines) == lines


def test_profile_labels_printed_before_a_title_and_their_values(tmp_path: Path) -> None:
    res = convert(_write(tmp_path, "profil.md", PROFILE_BY_COLUMN))
    assert res.extracted is not None
    inst = res.extracted.institution
    assert inst.instansi == "Dinas Contoh Kabupaten"
    assert [i.text for i in inst.duties["tugas"]] == [
        "melaksanakan urusan pemerintahan bidang contoh berdasarkan asas otonomi."
    ]
    assert [i.text for i in inst.duties["fungsi"]] == [
        "penyusunan kebijakan teknis bidang contoh;",
        "pelaksanaan pembinaan UPTD.",
    ]


# Every column's cells in the same count and order, the No column numbering them: rows are sure.
NUMBERED_BY_COLUMN = """No

1

2

Sasaran Strategis

Meningkatnya mutu
pelayanan umum

Meningkatnya tertib
administrasi

Indikator Kinerja

Nilai survei layanan

Persentase surat
selesai tepat waktu

Sumber Data

Laporan survei

Buku agenda surat

Muncul, Januari 2024
"""


def test_a_table_by_column_numbered_in_its_no_column_is_rebuilt(tmp_path: Path) -> None:
    res = convert(_write(tmp_path, "iku.md", HEADER + NUMBERED_BY_COLUMN))
    assert res.extracted is not None
    rows = [(i.sasaran, i.indikator, i.sumber_data) for i in res.extracted.iku]
    assert rows == [
        ("Meningkatnya mutu pelayanan umum", "Nilai survei layanan", "Laporan survei"),
        ("Meningkatnya tertib administrasi", "Persentase surat selesai tepat waktu", "Buku agenda surat"),
    ]
    assert "rendering-table-by-column" not in [p.code for p in res.problems]
    assert res.raw is not None
    tables = [b for page in res.raw.pages for b in page.blocks if isinstance(b, Table)]
    assert [(t.engine, t.quality) for t in tables] == [("column-dump", 0.8)]


def test_a_table_by_column_with_a_column_short_of_cells_is_not_rebuilt(tmp_path: Path) -> None:
    text = NUMBERED_BY_COLUMN.replace("Meningkatnya tertib\nadministrasi\n\n", "")
    res = convert(_write(tmp_path, "iku.md", HEADER + text))
    assert res.extracted is not None and res.extracted.iku == []
    assert "rendering-table-by-column" in [p.code for p in res.problems]


NUMBERED_LIST_BY_COLUMN = """NOMOR

INDIKATOR

1
2

Nilai survei layanan
Persentase surat selesai
tepat waktu
"""

AGREEMENT_HEADER = """PERJANJIAN KINERJA TAHUN 2024
KECAMATAN SUKAMAJU

"""

# A Perjanjian Kinerja's table by column: sasaran, indikator and target, no lampiran's columns.
AGREEMENT_BY_COLUMN = """No

Sasaran

Meningkatnya mutu pelayanan

Indikator Kinerja

Nilai survei layanan

Target

80
"""


def test_a_numbered_list_of_indicators_by_column_is_an_issue(tmp_path: Path) -> None:
    res = convert(_write(tmp_path, "iku.md", HEADER + NUMBERED_LIST_BY_COLUMN))
    assert res.reject is None and res.extracted is not None and res.extracted.iku == []
    found = [p for p in res.problems if p.code == "rendering-table-by-column"]
    assert [p.message for p in found] == [
        "2 header cells of an indicator table stand each on a line of their own ('NOMOR / INDIKATOR'): "
        "the table was written column by column or in blocks, so its rows are not rebuilt from the text"
    ]


def test_an_agreement_table_by_column_is_still_not_a_lampiran(tmp_path: Path) -> None:
    res = convert(_write(tmp_path, "pk.md", AGREEMENT_HEADER + AGREEMENT_BY_COLUMN))
    assert res.reject is not None and res.reject.code == "not-a-lampiran"


# A one-column indicator list under its heading (a rendering of a table of the indicators alone):
# no table is read from it, but the title names IKU and the document is signed.
# A list of names under no column header (a one-column table whose header the rendering lost;
# with its header line it is read as a table: tests/test_list_table.py).
ONE_COLUMN_SIGNED = """INDIKATOR KINERJA UTAMA
KECAMATAN SUKAMAJU

Indeks Kinerja Wilayah (IKW)
Indeks Kepuasan Masyarakat (IKM) Kecamatan

Sukamaju, Januari 2024
CAMAT SUKAMAJU

BUDI SANTOSO, S.STP
Pembina
NIP. 19760901 199603 1 002
"""


def test_a_signed_document_titled_iku_without_a_table_comes_out_with_its_header(tmp_path: Path) -> None:
    res = convert(_write(tmp_path, "iku.txt", ONE_COLUMN_SIGNED))
    assert res.reject is None and res.extracted is not None
    assert res.extracted.header.signer_name == "BUDI SANTOSO, S.STP" and res.extracted.iku == []
    found = [(p.code, p.message) for p in res.problems if p.code == "indicator-table-not-found"]
    assert found == [
        (
            "indicator-table-not-found",
            "the title names IKU indicators and the document is signed or numbered, but no indicator "
            "table was found",
        )
    ]


def test_the_same_list_unsigned_stays_not_a_lampiran(tmp_path: Path) -> None:
    unsigned = ONE_COLUMN_SIGNED.split("Sukamaju, Januari")[0]
    res = convert(_write(tmp_path, "iku.txt", unsigned))
    assert res.reject is not None and res.reject.code == "not-a-lampiran"
