"""Text renderings, one small case per construct: tests/renderings/<construct>/input.* -> expected.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parsers.base import parser_for, text_parsers
from parsers.layout import boundaries, chunks
from parsers.markdown import split_pipe_row
from parsers.runtogether import label_rows_to_lines, profile_rows_to_lines, split_run_together, unrun_lines
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
    case = Path(__file__).parent / "renderings" / "run-together-table-text-unsplit" / "input.md"
    doc = parser_for(case).parse(case)
    assert [(p.code, p.page, p.message) for p in doc.problems] == [
        (
            "rendering-text-unsplit",
            1,
            "2 line(s) of table text run together (first: 'Meningkatkan Persentase Tingkat"
            " ∑ Pegawai x (∑ Hari kerja Su') kept as text, not cut into cells",
        )
    ]
    # a justified sentence (single words between its wide gaps) is no table row
    assert not is_unsplit_row("a.    penyelenggaraan  pengkajian  bahan  kebijakan  teknis  bidang")


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


def test_one_label_framed_as_a_row_is_left_to_label_rows() -> None:
    lines = ["| 3. Fungsi | :   |     |", "| --------- | --- | --- |", "❖ merencanakan kegiatan;"]
    assert profile_rows_to_lines(lines) == lines
    assert [ln for ln in unrun_lines(lines) if ln] == ["3. Fungsi :", "❖ merencanakan kegiatan;"]
