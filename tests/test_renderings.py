"""Text renderings, one small case per construct: tests/renderings/<construct>/input.* -> expected.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parsers.base import parser_for, text_parsers
from parsers.layout import boundaries, chunks
from parsers.markdown import is_body_row_as_header, markdown_score, split_pipe_row
from parsers.model import Table
from parsers.number_cut import number_cut_back
from parsers.pdf_text import BAR
from parsers.profile_cut import cut_profile_rows_to_lines, join_cut
from parsers.runtogether import label_rows_to_lines, profile_rows_to_lines, split_run_together, unrun_lines
from parsers.runtogether_doc import runtogether_score
from parsers.runtogether_tables import place_chunks, read_header, text_header_cells
from parsers.text_wordbreak import join_broken_lines
from parsers.unsplit import is_unsplit_row
from tests.renderings.snapshot import case_blocks

CASES = sorted(p for p in (Path(__file__).parent / "renderings").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_rendering_case(case: Path) -> None:
    source = next(case.glob("input.*"))
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    assert case_blocks(source) == expected


def test_escaped_pipe_stays_in_its_cell() -> None:
    assert split_pipe_row(r"| a \| b | c |") == [" a | b ", " c "]


def test_layout_chunks_need_two_spaces() -> None:
    line = "Jumlah desa  yang dibina   Seksi Umum"
    assert [line[s:e] for s, e in chunks(line)] == ["Jumlah desa", "yang dibina", "Seksi Umum"]


def test_layout_columns_are_blank_in_every_line() -> None:
    lines = ["AAA   BBB", "AA    BBBB", "A      BB"]
    assert boundaries(lines) == [(0, 3), (6, 10)]


def test_run_together_keeps_a_plain_sentence_whole() -> None:
    text = "Melaksanakan koordinasi perencanaan, evaluasi dan pelaporan program 2022."
    assert split_run_together(text) == [text]


def test_run_together_list_items_split_only_in_sequence() -> None:
    got = split_run_together(
        ": 1. Menyelenggarakan urusan 2. Mengkoordinasikan kegiatan 3. Mengkoordinasikan upaya"
    )
    assert got == [
        ": 1. Menyelenggarakan urusan",
        "2. Mengkoordinasikan kegiatan",
        "3. Mengkoordinasikan upaya",
    ]
    assert split_run_together("UU No. 41 Tahun 2014 Pasal 13 ayat 5. Setiap") == [
        "UU No. 41 Tahun 2014 Pasal 13 ayat 5. Setiap"
    ]


def test_run_together_signature_block() -> None:
    assert split_run_together("Candipuro, 17 Mei 2023 CAMAT CANDIPURO") == [
        "Candipuro, 17 Mei 2023",
        "CAMAT CANDIPURO",
    ]
    assert split_run_together("Drs. A. HADI NIP. 19660228 199203 1 012") == [
        "Drs. A. HADI",
        "NIP. 19660228 199203 1 012",
    ]


def test_label_framed_as_a_table_row_is_a_line() -> None:
    lines = [
        "| 1. Jabatan | : SEKRETARIS KECAMATAN |     |     |",
        "| --- | --- | --- | --- |",
        "2. Tugas : a) x",
    ]
    assert label_rows_to_lines(lines) == ["1. Jabatan : SEKRETARIS KECAMATAN", "", "2. Tugas : a) x"]


def test_labels_laid_out_before_their_values_are_paired_in_order() -> None:
    lines = ["1. Jabatan", "", "2. Tugas", "", "   - : KASI PELAYANAN", "", "   - : a) membantu Camat;"]
    got = [ln for ln in unrun_lines(lines) if ln]
    assert got == ["1. Jabatan : KASI PELAYANAN", "2. Tugas : a) membantu Camat;"]


PIECES = st.lists(
    st.sampled_from(
        [
            "|",
            " | ",
            "|---|---|",
            "\n",
            "\f",
            "   ",
            "  ",
            "<table>",
            "</table>",
            "<tr>",
            "<td rowspan='2'>",
            "<td colspan=3>",
            "</td>",
            "<br>",
            "\\|",
            ": ",
            "1. Jabatan",
            "- : X",
            "a) ",
            "b) ",
            "x 100%",
            "Jumlah",
            "SASARAN",
            "1  2  3",
            "\t",
            "———",
            "∑",
        ]
    ),
    max_size=60,
).map("".join)


@settings(max_examples=150, deadline=None)
@given(PIECES)
def test_text_parsers_never_raise(text: str) -> None:
    for parser in text_parsers():
        doc = parser.parse_text(text, "x.txt", "0" * 64)
        assert doc.input_format == "text"


def test_field_label_after_a_value_starts_a_line() -> None:
    assert split_run_together("Nama Bidang : Bidang Pangan Tugas : menyelenggarakan kebijakan") == [
        "Nama Bidang : Bidang Pangan",
        "Tugas : menyelenggarakan kebijakan",
    ]
    assert split_run_together("VISI : Mewujudkan Pelayanan MISI 1 : Meningkatkan Kualitas") == [
        "VISI : Mewujudkan Pelayanan",
        "MISI 1 : Meningkatkan Kualitas",
    ]
    # a label after its list number, or the end of a longer label, stays where it is
    assert split_run_together("4. Tujuan : Meningkatkan kepuasan") == ["4. Tujuan : Meningkatkan kepuasan"]
    assert split_run_together("5. Indikator Tujuan : Indeks") == ["5. Indikator Tujuan : Indeks"]


def test_labels_printed_together_wait_for_their_values() -> None:
    lines = ["Nama Unit Tugas Pokok", "", "- : Kepala Seksi", "", "- : Melaksanakan tugas."]
    assert [ln for ln in unrun_lines(lines) if ln] == [
        "Nama Unit : Kepala Seksi",
        "Tugas Pokok : Melaksanakan tugas.",
    ]


def test_rank_run_onto_the_name_is_cut_off() -> None:
    assert split_run_together("Drs. HADI, M.Si Pembina Tk. I") == ["Drs. HADI, M.Si", "Pembina Tk. I"]
    assert split_run_together("Tim Pembina PKK Kecamatan") == ["Tim Pembina PKK Kecamatan"]


def test_a_value_joined_to_its_label_is_split_into_its_items() -> None:
    lines = ["3. Fungsi", "", "- : 1. Menyelenggarakan urusan 2. Mengkoordinasikan kegiatan"]
    assert [ln for ln in unrun_lines(lines) if ln] == [
        "3. Fungsi : 1. Menyelenggarakan urusan",
        "2. Mengkoordinasikan kegiatan",
    ]


def test_table_text_run_together_is_kept_as_text_with_an_issue() -> None:
    # a header names the columns, but no line of the table can be cut into them for sure
    case = Path(__file__).parent / "renderings" / "run-together-table-text-unsplit" / "input.md"
    doc = parser_for(case).parse(case)
    assert [(p.code, p.page, p.message) for p in doc.problems] == [
        (
            "rendering-text-unsplit",
            1,
            "1 line(s) of table text run together (first: '1. Meningkatnya pelayanan Persentase desa"
            " yang tertib Jumlah') kept as text, not cut into cells",
        )
    ]
    # a justified sentence (single words between its wide gaps) is no table row
    assert not is_unsplit_row("a.    penyelenggaraan  pengkajian  bahan  kebijakan  teknis  bidang")


def test_run_together_rows_placed_without_certainty_get_an_issue() -> None:
    case = Path(__file__).parent / "renderings" / "run-together-table-unsure-cells" / "input.md"
    doc = parser_for(case).parse(case)
    assert [(p.code, p.page, p.message) for p in doc.problems] == [
        (
            "rendering-cells-unsure",
            1,
            "1 table row(s) of run-together text (first: 'Meningkatkan produktifitas a."
            " penyelenggaraan pengkajian bah') cut into columns without certainty",
        )
    ]
    table = next(b for b in doc.pages[0].blocks if isinstance(b, Table))
    low = [r for r in table.rows if any(c.confidence is not None for c in r.cells)]
    assert len(low) == 1 and all(c.confidence == 0.3 for c in low[0].cells if c.text)


def test_a_single_spaced_header_is_cut_before_each_column_label() -> None:
    line = "No. Sasaran Strategi Indikator Kinerja Utama Rumus / Formula Sumber Data Penanggung Jawab"
    assert text_header_cells(line) == [
        "No.",
        "Sasaran Strategi",
        "Indikator Kinerja Utama",
        "Rumus / Formula",
        "Sumber Data",
        "Penanggung Jawab",
    ]
    header = read_header(line)
    assert header is not None
    assert header.fields == ("no", "sasaran", "indikator", "formula", "sumber_data", "penanggung_jawab")


def test_fewer_chunks_go_to_the_columns_that_go_on_from_the_line_above() -> None:
    fields = ("sasaran", "indikator", "formula", "sumber_data")
    # one chunk per column: sure
    assert place_chunks(["a", "b", "c", "d"], fields, set()) == (["a", "b", "c", "d"], True)
    # two chunks, only two columns had text above: sure
    assert place_chunks(["desa", "Pemerintahan"], fields, {0, 3}) == (["desa", "", "", "Pemerintahan"], True)
    # one chunk under two columns that go on: a guess, not sure
    assert place_chunks(["ADD/DD"], fields, {1, 3})[1] is False
    # "x 100%" closes a formula
    assert place_chunks(["x 100%"], fields, {1, 2}) == (["", "", "x 100%", ""], True)


def test_markitdown_padding_picks_the_run_together_parser() -> None:
    markitdown = "| A | B |\n| --- | --- |\nJumlah desa  yang dibina  Seksi Umum\n"
    pymupdf = "|A|B|\n|---|---|\n|Jumlah desa|Seksi Umum|\n"
    assert runtogether_score(markitdown) > markdown_score(markitdown)
    assert runtogether_score(pymupdf) == 0.0


def test_a_label_printed_with_a_dot_after_a_word_is_a_label() -> None:
    lines = [
        "Nama Sub. Bidang",
        "",
        "Tugas",
        "",
        "- : Sub. Bidang Ketersediaan Pangan",
        "",
        "- : Melaksanakan X.",
    ]
    assert [ln for ln in unrun_lines(lines) if ln] == [
        "Nama Sub. Bidang : Sub. Bidang Ketersediaan Pangan",
        "Tugas : Melaksanakan X.",
    ]


def test_a_labels_number_in_a_box_of_its_own_keeps_the_labels_waiting() -> None:
    lines = ["Instansi", "1.", "2. Tugas Pokok", "", ": KECAMATAN X", ": Melaksanakan kewenangan."]
    assert [ln for ln in unrun_lines(lines) if ln] == [
        "Instansi : KECAMATAN X",
        "2. Tugas Pokok : Melaksanakan kewenangan.",
    ]


PROFILE_WITHOUT_TABLE = """Instansi
1.
2. Tugas Pokok

: KECAMATAN SUKAMAJU
: Melaksanakan kewenangan pemerintahan yang dilimpahkan oleh Bupati.

3. Fungsi

:
a. Menyelenggarakan urusan pemerintahan umum;
b. Mengkoordinasikan kegiatan pemberdayaan masyarakat;

No
1
Sasaran Strategis
2
Meningkatnya kualitas
pelayanan
"""


def test_a_profile_with_no_indicator_table_comes_out_with_an_issue(tmp_path: Path) -> None:
    """markitdown's text of a page whose table it did not see: no tabs, no pipes; the label column
    printed before the value column. The profile comes out; the lost table is an issue."""
    from pipeline.convert import convert

    source = tmp_path / "profil.md"
    source.write_text(PROFILE_WITHOUT_TABLE, encoding="utf-8")
    res = convert(source)
    assert res.reject is None and res.extracted is not None
    inst = res.extracted.institution
    assert inst.instansi == "KECAMATAN SUKAMAJU"
    assert [i.text for i in inst.duties["tugas"]] == [
        "Melaksanakan kewenangan pemerintahan yang dilimpahkan oleh Bupati."
    ]
    assert [i.label for i in inst.duties["fungsi"]][:2] == ["a", "b"]
    assert "profile-without-table" in [p.code for p in res.problems]


JUSTIFIED_TABLE_ONLY = """Tujuan  Renstra  Indikator  Sasaran Renstra  Indikator Sasaran
| DINAS  | Tujuan  |     | DINAS  |     |
| ------ | ------- | --- | ------ | --- |
T.1  Meningkatkan  mutu  layanan  pasar  rakyat  yang  tertib  bersih  dan  aman  bagi  warga  kota
yang  berkunjung  setiap  hari  ke  pasar  kota  sehingga  jumlah  pengunjung  pasar  bertambah
dan  pendapatan  asli  daerah  dari  retribusi  pasar  naik  setiap  tahun  anggaran  berjalan
"""


def test_a_table_whose_rows_ran_together_and_nothing_else_is_rejected_as_unsplit(tmp_path: Path) -> None:
    """markitdown's text of a table whose justified cells leave one word between gaps, with no
    profile or jabatan around it: the table is there but cannot be cut, so the reject says that,
    not that the document is no lampiran."""
    from pipeline.convert import convert

    source = tmp_path / "tabel.md"
    source.write_text(JUSTIFIED_TABLE_ONLY, encoding="utf-8")
    res = convert(source)
    assert res.reject is not None
    assert (res.reject.stage, res.reject.code) == ("structure", "table-text-unsplit")
    assert res.reject.message.startswith("an indicator table was found as text on page(s) 1, but none")


def test_a_label_row_with_its_colon_in_a_cell_and_its_label_wrapped_is_a_line() -> None:
    lines = [
        "| Nama  | :   | Badan Sukamaju   |     |",
        "| ----- | --- | ---------- | --- |",
        "Organisasi",
        "Tugas : X",
    ]
    assert [ln for ln in label_rows_to_lines(lines) if ln] == [
        "Nama Organisasi : Badan Sukamaju",
        "Tugas : X",
    ]


def test_one_label_framed_as_a_row_is_left_to_label_rows() -> None:
    lines = ["| 3. Fungsi | :   |     |", "| --------- | --- | --- |", "❖ merencanakan kegiatan;"]
    assert profile_rows_to_lines(lines) == lines
    assert [ln for ln in unrun_lines(lines) if ln] == ["3. Fungsi :", "❖ merencanakan kegiatan;"]


def test_word_broken_at_a_line_end_is_joined_a_wrapped_line_is_not() -> None:
    assert join_broken_lines(["Meningkatnya", "penyelenggara", "an pelayanan"]) == [
        "Meningkatnya",
        "penyelenggaraan",
        "pelayanan",
    ]
    assert join_broken_lines(["**PENANGGUN**", "**G JAWAB**"]) == ["**PENANGGUNG**", "**JAWAB**"]
    assert join_broken_lines(["pelayanan", "publik di"]) == ["pelayanan", "publik di"]
    assert join_broken_lines(["Jumlah kegiat", BAR, "an desa"]) == ["Jumlah kegiat", BAR, "an desa"]


def test_a_continued_tables_first_row_written_as_its_header_is_a_body_row() -> None:
    """pymupdf4llm made the first row of a table continued on a new page without its header the
    header (`|row|` + `|---|`): not bold, not header words, so it is a body row going on under the
    header of the table before, and its wrapped line below is joined into it."""
    head = (
        "|**SASARAN**|**INDIKATOR KINERJA**|**FORMULA**|\n|---|---|---|\n"
        "|Meningkatnya mutu|Persentase A|A dibagi B|\n"
    )
    rest = (
        "\n|Meningkatnya kinerja|Persentase dokumen yang|Dokumen tepat waktu dibagi|\n|---|---|---|\n"
        "|aparatur|disusun tepat waktu|dokumen wajib x 100%|\n"
    )
    doc = text_parsers()[2].parse_text(head + "\nHalaman 1\n\f" + rest, "x.md", "0" * 64)
    tables = [b for p in doc.pages for b in p.blocks if isinstance(b, Table)]
    assert [r.texts() for r in tables[-1].rows] == [
        [
            "Meningkatnya kinerja aparatur",
            "Persentase dokumen yang disusun tepat waktu",
            "Dokumen tepat waktu dibagi dokumen wajib x 100%",
        ]
    ]
    assert is_body_row_as_header(["1", "Meningkatnya kinerja", "Persentase A"])
    assert not is_body_row_as_header(["**NO**", "**SASARAN**", "**INDIKATOR**"])
    assert not is_body_row_as_header(["No", "Sasaran Strategis", "Indikator Kinerja"])


def test_a_column_line_cutting_a_word_joins_it_two_words_stay_apart() -> None:
    assert join_cut("1. Jab", "atan : KASI") == "1. Jabatan : KASI"
    assert join_cut("kebijakan, peren", "canaan dan") == "kebijakan, perencanaan dan"
    assert join_cut("wilayah Kecamatan", "sesuai tugas") == "wilayah Kecamatan sesuai tugas"
    assert join_cut("tugas-", "tugas lain") == "tugas-tugas lain"


def test_a_table_row_that_is_no_profile_is_left_alone() -> None:
    lines = ["|**NO**|**SASARAN**|**INDIKATOR**|", "|---|---|---|", "|1.<br>Jum|lah desa|Seksi|"]
    assert cut_profile_rows_to_lines(lines) == lines


def test_word_pieces_under_a_row_number_go_back_to_the_cell_beside() -> None:
    row = ["1<br>Terti<br>ekon", "b administrasi data<br>omi kelembagaan", "Jumlah dokumen"]
    assert number_cut_back(row) == ["1", "Tertib administrasi data<br>ekonomi kelembagaan", "Jumlah dokumen"]
    # a number over a word that makes no known word with the cell beside is left alone
    assert number_cut_back(["2<br>Jumlah", "desa yang dibina"]) == ["2<br>Jumlah", "desa yang dibina"]


def test_a_cell_of_list_numbers_beside_a_cell_of_labels_numbers_the_labels() -> None:
    labels = "Jabatan<br>: P<br>Tugas<br>: M<br><br>Fungsi<br>: -"
    row = f"|1.<br>2.<br>3.|{labels}|ENGELOLA DATA<br>elakukan kegiatan|||"
    assert cut_profile_rows_to_lines([row]) == [
        "",
        "1. Jabatan : PENGELOLA DATA",
        "2. Tugas : Melakukan kegiatan",
        "3. Fungsi : -",
        "",
    ]
