"""Rows a rule-less table left under it: lines in its columns are reported, running text is not."""

from __future__ import annotations

from parsers.model import Provenance, Table
from parsers.pdf_tables import FoundTable, PageData
from parsers.pdf_text import group_lines
from parsers.pdf_unread import unread_rows
from tests.fixtures.word_boxes import row

COLUMNS = (48.0, 180.0, 330.0, 452.0)  # three columns at x 50, 200, 350 (see test_pdf_gutter_rows)


def _page(lines: list[list[tuple[float, str]]], top: float = 200.0) -> PageData:
    """A page whose rule-less table ends at y 190, with these lines under it (12 points apart)."""
    words = [w for i, cells in enumerate(lines) for w in row(top + 12 * i, cells)]
    table = FoundTable(
        (48.0, 100.0, 452.0, 190.0), Table([], Provenance("t", 2, 1), engine="gutters"), COLUMNS
    )
    return PageData(2, 595.0, 842.0, [table], group_lines(words), [])


def test_lines_in_the_table_s_columns_under_it_are_rows_left_unread() -> None:
    page = _page(
        [
            [(50.0, "3 Meningkatnya"), (200.0, "Jumlah unit usaha"), (350.0, "Kabupaten/Kota")],
            [(50.0, "Kualitas"), (200.0, "yang mendapat"), (350.0, "Jawa Barat")],
        ]
    )
    (issue,) = unread_rows(page)
    assert (issue.code, issue.page) == ("table-rows-unread", 2)
    assert issue.message.startswith("2 line(s) under a table on page 2 fall into its columns")
    assert "'3 Meningkatnya Jumlah unit usaha Kabupaten/Kota'" in issue.message


def test_running_text_and_a_signature_under_the_table_are_no_rows() -> None:
    page = _page(
        [
            [(60.0, "Demikian indikator kinerja ini disusun untuk dipergunakan sebagaimana mestinya")],
            [(300.0, "CAMAT CONTOH")],
            [(300.0, "NIP. 19700101 199001 1 001")],
        ]
    )
    assert unread_rows(page) == []


def test_lines_far_below_the_table_are_not_its_rows() -> None:
    page = _page(
        [
            [(50.0, "1. Jabatan"), (200.0, "Kepala Seksi"), (350.0, "Umum")],
            [(50.0, "2. Tugas"), (200.0, "Melaksanakan"), (350.0, "tugas")],
        ],
        top=400.0,
    )
    assert unread_rows(page) == []


def test_a_profile_under_the_table_ends_what_could_be_its_rows() -> None:
    page = _page(
        [
            [(50.0, "1. Jabatan"), (200.0, ": KEPALA SEKSI")],
            [(50.0, "b."), (200.0, "Pelaksanaan koordinasi"), (350.0, "adat")],
            [(50.0, "c."), (200.0, "Pelaksanaan pembinaan"), (350.0, "desa")],
        ]
    )
    assert unread_rows(page) == []
