"""Rule-less tables, one rule per test on word boxes: footers, row starts, merged cells, bars."""

from __future__ import annotations

from typing import Any

from parsers.pdf_gutters import band_edges, continued_band, find_bands, gutter_edges, row_starts
from parsers.pdf_text import line_edge
from tests.fixtures.word_boxes import Word
from tests.fixtures.word_boxes import row as _row


def _table(lines: list[list[tuple[float, str]]], top: float = 100.0) -> list[Word]:
    """Lines 12 points apart (tight: one line slot each)."""
    return [w for i, cells in enumerate(lines) for w in _row(top + 12 * i, cells)]


# three columns at x 50, 200, 350, each at most 100 points of text (20 characters)
COLS = (50.0, 200.0, 350.0)


def _cells(*texts: str) -> list[tuple[float, str]]:
    return [(x, t) for x, t in zip(COLS, texts, strict=True) if t]


def test_a_footer_close_under_the_table_does_not_hide_its_columns() -> None:
    words = _table(
        [
            _cells("SASARAN", "INDIKATOR", "SUMBER"),
            _cells("Meningkatnya", "Jumlah desa", "Data desa"),
            _cells("kinerja", "mandiri", "BPS"),
            [(60.0, "Lampiran Indikator Kinerja Utama Kecamatan Contoh Halaman 1")],
        ]
    )
    (band,) = find_bands(words)
    assert len(band.bounds) == 4
    assert [ln.text for ln in band.lines][-1] == "kinerja mandiri BPS"


def test_a_row_starts_where_the_line_above_left_room_for_its_first_word() -> None:
    """No blank slot between the rows of a borderless table; the lines above were short."""
    words = _table(
        [
            _cells("SASARAN", "INDIKATOR", "SUMBER"),
            _cells("Meningkatnya kinerja", "Jumlah desa yang", "Data desa terpadu"),
            _cells("aparatur", "tertib", "BPS"),
            _cells("Meningkatnya mutu", "Nilai IKM", "Survei"),
        ]
    )
    (band,) = find_bands(words)
    assert row_starts(band, []) == [0, 1, 3]


def test_a_list_item_starts_a_paragraph_not_a_row() -> None:
    words = _table(
        [
            _cells("SASARAN", "INDIKATOR KINERJA UTAMA", "SUMBER DATA UTAMA"),
            _cells("Tertib administrasi", "Jumlah pelayanan:", "- Data desa"),
            _cells("", "a. Pengantar KK", "- Data kasi"),
            _cells("Tertib arsip", "Jumlah arsip", "Register"),
        ]
    )
    (band,) = find_bands(words)
    starts = row_starts(band, [])  # (a bold header would start row 1: these words carry no font)
    assert 2 not in starts and 3 in starts


def test_a_cell_merged_over_rows_wraps_on_beside_the_new_row() -> None:
    """The sasaran cell's next line ("dan tata kelola") goes on beside the second indicator."""
    words = _table(
        [
            _cells("SASARAN", "INDIKATOR KINERJA", "SUMBER DATA UTAMA"),
            _cells("Peningkatan kinerja", "Jumlah desa", "Data desa"),
            _cells("dan tata kelola", "Nilai IKM", "Survei"),
        ]
    )
    (band,) = find_bands(words)
    assert 2 in row_starts(band, [])
    _, horizontal = band_edges(band, [], [])
    second = [e for e in horizontal if 120 < e["top"] < 130]
    assert [(e["x0"] > band.bounds[1] - 1) for e in second] == [True]  # no rule under the sasaran cell


def test_a_colon_starting_a_cell_is_a_table_line_not_a_label() -> None:
    words = _table(
        [
            _cells("SASARAN", "INDIKATOR", "FORMULA"),
            _cells("Meningkatnya", "Nilai dimensi", "Total nilai"),
            _cells("keberdayaan", "sosial desa", ": Total desa"),
            _cells("Meningkatnya", "Nilai SAKIP", "Hasil evaluasi"),
        ]
    )
    (band,) = find_bands(words)
    assert len(band.lines) == 4


def test_rows_at_the_top_of_a_page_take_the_columns_of_the_table_they_continue() -> None:
    """Only the indikator column goes on here: its own gutters would show no table at all."""
    carried = (48.0, 180.0, 330.0, 452.0)
    words = _table([_cells("", "Kematian dari", ""), _cells("", "Kelurahan", "")], top=50)
    words += _row(100, [(50, "1. Jabatan"), (150, ": KASUBAG UMUM")])
    assert find_bands(words) == []
    band = continued_band(words, carried)
    assert band is not None
    assert [ln.text for ln in band.lines] == ["Kematian dari", "Kelurahan"]
    assert band.bounds[1:-1] == list(carried[1:-1])


def _rule(x0: float, y: float, x1: float) -> dict[str, Any]:
    return line_edge(x0, y, x1, y, "h")


def test_a_fraction_bar_inside_one_column_is_no_row_rule_but_a_cell_border_is() -> None:
    words = _table(
        [
            _cells("SASARAN", "INDIKATOR", "FORMULA"),
            _cells("Meningkatnya", "Nilai IKM", "Jumlah A"),
            _cells("kinerja", "kecamatan", "Jumlah B"),
            _cells("Meningkatnya", "Nilai SAKIP", "Jumlah C"),
        ]
    )
    rules = [_rule(45, 98, 460), _rule(45, 111, 460), _rule(45, 147, 460)]
    bar = _rule(350, 122.5, 390)  # between "Jumlah A" and "Jumlah B"
    borders = [_rule(45, 135, 195), _rule(195, 135, 340), _rule(340, 135, 460)]  # one per cell
    ((_, horizontal),) = gutter_edges(words, [*rules, bar, *borders], [])
    ys = sorted({round(e["top"], 1) for e in horizontal})
    assert 122.5 not in ys
    assert 135.0 in ys


def test_a_one_column_table_ruled_off_line_by_line() -> None:
    words = _row(100, [(100, "INDIKATOR KINERJA")])
    words += _row(115, [(50, "Indeks Kinerja Wilayah")])
    words += _row(130, [(50, "Indeks Kepuasan Masyarakat")])
    rules = [_rule(45, y, 460) for y in (98, 113, 128, 143)]
    (edges,) = gutter_edges(words, rules, [])
    assert len(edges[0]) == 2  # one column: its left and right edges
    assert find_bands(words, 2) == []


def test_a_merged_cell_under_a_merged_no_cell_wraps_on_in_capitals() -> None:
    """A numbered table: the second indicator of sasaran 1 has no number, so "Perangkat Daerah" goes on.

    The sasaran's line would not have fitted on the line above (no fresh start), and the No cell
    is merged over the group: the row rule leaves out the sasaran column, whatever its case.
    The next numbered row ("2") is a new group: its rule runs across every column.
    """
    cols = (50.0, 80.0, 220.0, 360.0)

    def cells(*texts: str) -> list[tuple[float, str]]:
        return [(x, t) for x, t in zip(cols, texts, strict=True) if t]

    words = _table(
        [
            cells("NO", "SASARAN", "INDIKATOR", "FORMULA"),
            cells("1", "Meningkatnya", "Nilai SAKIP", "Hasil evaluasi"),
            cells("", "Akuntabilitas dan", "", "Inspektorat"),
            cells("", "Kualitas Pelayanan", "", "tahun N"),
            cells("", "Perangkat Daerah", "IKM terhadap", "Hasil survei IKM"),
            cells("", "", "layanan OPD", "tahun N"),
            cells("2", "Meningkatnya mutu", "Nilai IKM", "Survei"),
        ]
    )
    (band,) = find_bands(words)
    assert row_starts(band, []) == [0, 1, 4, 6]
    _, horizontal = band_edges(band, [], [])
    under_group = [e for e in horizontal if 145 < e["top"] < 149]
    sasaran = (band.bounds[1], band.bounds[2])
    assert under_group and not any(e["x0"] < sasaran[1] and e["x1"] > sasaran[0] for e in under_group)
    new_group = [e for e in horizontal if 169 < e["top"] < 173]
    assert [(e["x0"], e["x1"]) for e in new_group] == [(band.x0, band.x1)]


def test_a_fraction_bar_reaching_past_the_text_of_the_last_column_is_inside_its_cell() -> None:
    """No rules: the bar spans its cell's full width, past where the column's text ends."""
    words = _table(
        [
            _cells("SASARAN", "INDIKATOR", "FORMULA"),
            _cells("Meningkatnya", "Nilai IKM", "Jumlah A"),
            _cells("kinerja", "kecamatan", "Jumlah B"),
            _cells("Meningkatnya", "Nilai SAKIP", "Hasil evaluasi"),
        ]
    )
    bar = _rule(348, 122.5, 445)  # between "Jumlah A" and "Jumlah B"; the text ends at 428
    ((vertical, _),) = gutter_edges(words, [bar], [])
    assert max(e["x0"] for e in vertical) >= 445


def test_rows_of_like_indicators_start_where_cells_repeat_their_first_words() -> None:
    """Lines of the same length leave no room to tell rows by; the repeated openings do."""
    words = _table(
        [
            _cells("SASARAN", "INDIKATOR", "SUMBER"),
            _cells("Tertib laporan", "Draf laporan desa", "Seksi pemerintahan"),
            _cells("pemerintahan", "Draf laporan dana", "Seksi pemerintahan"),
            _cells("", "Draf laporan arsip", "Seksi pemerintahan"),
        ]
    )
    (band,) = find_bands(words)
    assert row_starts(band, []) == [0, 1, 2, 3]


def test_a_wrapped_title_case_line_is_no_parallel_row() -> None:
    words = _table(
        [
            _cells("SASARAN", "INDIKATOR", "SUMBER"),
            _cells("Tertib laporan", "Indeks Kepuasan", "Hasil Survei"),
            _cells("pemerintahan", "Masyarakat Desa", "Kepuasan Desa"),
        ]
    )
    (band,) = find_bands(words)
    assert row_starts(band, []) == [0, 1]


def test_no_cell_goes_on_from_a_bold_header_into_the_rows_under_it() -> None:
    """A row broken at a page break goes on under the repeated header: the header's rule runs across."""
    cols = (50.0, 80.0, 220.0, 360.0)

    def cells(*texts: str) -> list[tuple[float, str]]:
        return [(x, t) for x, t in zip(cols, texts, strict=True) if t]

    words = _table(
        [
            cells("NO", "SASARAN STRATEGIS", "INDIKATOR", "PENANGGUNG"),
            cells("", "Peternakan Desa", "", "Dinas Peternakan"),
            cells("2", "Meningkatnya mutu", "Nilai IKM", "Seksi Umum"),
            cells("3", "Meningkatnya kinerja", "Nilai SAKIP", "Seksi Umum"),
        ]
    )
    bold = [{"top": 100.0, "bottom": 110.0, "fontname": "Sans-Bold"}] * 9  # the header line's characters
    (band,) = find_bands(words)
    _, horizontal = band_edges(band, [], bold)
    under_header = [e for e in horizontal if 110 < e["top"] < 113]
    assert [(e["x0"], e["x1"]) for e in under_header] == [(band.x0, band.x1)]


def test_a_denominator_under_its_fraction_bar_starts_no_row() -> None:
    """ "Jumlah Desa" under the bar opens with a measure word beside a sasaran wrapping in capitals:
    without the bar it would start a new indicator (a cell merged over rows going on beside it)."""
    words = _table(
        [
            _cells("KOLOM A", "KOLOM B", "KOLOM C"),  # no header vocabulary: any column may open one
            _cells("Meningkatnya", "Persentase desa", "Jumlah desa yang"),
            _cells("Pelayanan", "", "Jumlah Desa"),
            _cells("Publik", "", "x 100"),
        ]
    )
    (band,) = find_bands(words)
    assert row_starts(band, []) == [0, 1, 2]  # without the bar: a measure-word start
    bar = _rule(350, 122.5, 430)  # between "Jumlah desa yang" and "Jumlah Desa"
    assert row_starts(band, [], [bar]) == [0, 1]


def test_a_measure_word_starts_an_indicator_only_in_the_header_s_indikator_column() -> None:
    """ "Indeks Kepuasan" opens a wrapped formula line beside a sasaran and an indikator going on
    in capitals: the header names the indikator column, and the measure word is not in it."""
    lines = [
        _cells("SASARAN", "INDIKATOR", "FORMULA"),
        _cells("Meningkatnya", "Survey Kepuasan", "Hasil survey"),
        _cells("Kualitas", "Masyarakat", "Indeks Kepuasan"),
    ]
    (band,) = find_bands(_table(lines))
    assert 2 not in row_starts(band, [])
    lines[0] = _cells("KOLOM A", "KOLOM B", "KOLOM C")  # no header vocabulary: any column may open one
    (band,) = find_bands(_table(lines))
    assert 2 in row_starts(band, [])


def test_a_measure_word_beside_an_indikator_cell_starting_after_a_lower_case_sasaran_starts_a_row() -> None:
    """The sasaran wraps on in lower case and the indikator cell is the first in capitals: a new
    indicator ("Monitoring ...") whose formula opens with the measure word ("Jumlah Laporan ...")."""
    lines = [
        _cells("SASARAN", "INDIKATOR", "FORMULA"),
        _cells("Fasilitasi program", "Jumlah laporan", "Jumlah Laporan"),
        _cells("bagi masyarakat", "Monitoring dan", "Jumlah Laporan Monitoring"),
    ]
    (band,) = find_bands(_table(lines))
    assert 2 in row_starts(band, [])


def test_a_page_showing_every_column_takes_its_own_gutters_not_the_carried_ones() -> None:
    """The page before ended in shorter indikator lines: its boundary (145) lies inside this page's
    indikator text. This page repeats the header and shows all its columns: its gutters win."""
    carried = (48.0, 145.0, 330.0, 452.0)
    words = _table(
        [
            _cells("SASARAN", "INDIKATOR", "SUMBER"),
            _cells("Meningkatnya", "Jumlah desa mandiri", "Data desa"),
            _cells("kinerja", "yang dibina", "BPS"),
        ],
        top=50,
    )
    (own,) = find_bands(words)
    assert continued_band(words, carried) is not None
    ((vertical, _),) = gutter_edges(words, [], [], carried)
    assert sorted(e["x0"] for e in vertical) == sorted(own.bounds)


def test_carried_columns_are_refitted_to_this_page_s_gutters_above_a_running_footer() -> None:
    """The footer close under the rows crosses every gutter; it does not hide the page's own, so
    the carried boundaries (165, 320) move onto this page's gutter middles (155, 306.5)."""
    carried = (48.0, 165.0, 320.0, 452.0)
    words = _table(
        [
            _cells("Meningkatnya", "Kematian dari", "BPS"),
            _cells("kinerja", "Kelurahan", "Data desa"),
            _cells("desa", "Jumlah", "Survei"),
            [(60.0, "Lampiran Indikator Kinerja Utama Kecamatan Contoh Halaman 2")],
        ],
        top=50,
    )
    band = continued_band(words, carried)
    assert band is not None
    assert band.bounds[1:3] == [155.0, 306.5]
    assert len(band.lines) == 3


def test_two_columns_without_rules_are_a_table_when_the_header_names_them() -> None:
    """ "NOMOR | INDIKATOR": a numbered list of indicators under a header of the vocabulary."""
    lines = [
        [(50.0, "NOMOR"), (200.0, "INDIKATOR")],
        [(50.0, "1"), (200.0, "Indeks Kinerja Wilayah")],
        [(50.0, "2"), (200.0, "Indeks Kepuasan Masyarakat")],
    ]
    assert len(gutter_edges(_table(lines), [], [])) == 1
    lines[0] = [(50.0, "Tugas"), (200.0, "Melaksanakan")]  # a list with hanging labels
    assert gutter_edges(_table(lines), [], []) == []


def test_an_indikator_column_opening_again_after_a_blank_slot_starts_an_indicator() -> None:
    """Two indicators under one sasaran: the formula runs on while the first indikator cell ended."""
    words = _table(
        [
            _cells("SASARAN", "INDIKATOR", "FORMULA"),
            _cells("Meningkatnya", "Nilai dimensi", "Rata-rata nilai"),
            _cells("keberdayaan", "", "dimensi ekonomi desa"),
            _cells("", "Persentase desa", "Jumlah kontribusi"),
        ]
    )
    (band,) = find_bands(words)
    assert 3 in row_starts(band, [])


def test_a_numbered_row_owns_a_formula_opening_in_lower_case() -> None:
    """ "jumlah total ..." beside a new number and a new indikator cell starts row 2's formula;
    the sasaran merged over both rows still wraps on in lower case."""
    cols = (50.0, 80.0, 200.0, 350.0)
    lines = [
        ["NO", "SASARAN", "INDIKATOR", "FORMULA"],
        ["1", "Meningkatnya", "Nilai dimensi", "Total nilai desa"],
        ["2", "kualitas desa", "Nilai IKM", "jumlah total nilai"],
    ]
    words = _table([[(x, t) for x, t in zip(cols, ln, strict=True) if t] for ln in lines])
    (band,) = find_bands(words)
    _, horizontal = band_edges(band, [], [])
    second = [e for e in horizontal if 120 < e["top"] < 130]
    assert [(round(e["x0"]), round(e["x1"])) for e in second] == [
        (round(band.bounds[0]), round(band.bounds[1])),
        (round(band.bounds[2]), round(band.bounds[-1])),
    ]


def test_a_carried_boundary_beside_a_column_empty_on_this_page_moves_past_the_page_s_text() -> None:
    """The last column (penanggung jawab) is empty here; the sumber column's text reaches 13 points
    past the page before's boundary (405): the boundary moves just past this page's text."""
    carried = (48.0, 180.0, 330.0, 405.0, 452.0)
    words = _table(
        [
            _cells("Meningkatnya", "Kematian dari", "Data desa"),
            _cells("kinerja", "Kelurahan", "BPS"),
            _cells("desa", "Jumlah", "Data kelurahan"),  # ends at 418: past 405
        ],
        top=50,
    )
    band = continued_band(words, carried)
    assert band is not None
    assert [ln.text for ln in band.lines][-1] == "desa Jumlah Data kelurahan"


def test_a_named_header_over_one_row_at_the_foot_of_a_page_is_a_table() -> None:
    """The page breaks right under the first row: its columns must carry to the next page."""
    above = _row(60, [(50, "7) Pelaksanaan tugas lain yang diberikan oleh pimpinan")])
    lines = [
        _cells("SASARAN", "INDIKATOR", "SUMBER DATA"),
        _cells("Pengawasan Perda", "Jumlah kegiatan", "DPA"),
    ]
    (band,) = find_bands(above + _table(lines))
    assert len(band.bounds) == 4
    lines[0] = _cells("Demikian", "agar", "maklum")  # two lines of no header: no table
    assert find_bands(above + _table(lines)) == []
