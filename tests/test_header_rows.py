"""Header rows: a header printed over two lines and cut into two rows is read as one."""

from __future__ import annotations

from parsers.model import Cell, Provenance, Row, Table
from parsers.vocab import header_column
from structure.columns import continued_header, header_mapping
from structure.rows import TableRef, logical_rows, physical_rows


def _row(line: int, *texts: str) -> Row:
    return Row(tuple(Cell(text=t) for t in texts), Provenance("t", 1, line))


HEAD = _row(1, "N", "Sasaran", "Indikator Kinerja", "Sumber Data", "Penanggung")
DATA = _row(3, "1", "Meningkatnya mutu", "Nilai IKM", "Survei", "Sekcam")


def test_the_wrapped_rest_of_a_header_names_its_column() -> None:
    rows = [HEAD, _row(2, "O", "Strategis", "Utama", "", "Jawab"), DATA]
    (phys,) = physical_rows([TableRef(Table(rows, HEAD.prov, engine="gutters"))])
    assert [c.text for c in phys.cols["penanggung_jawab"]] == ["Sekcam"]
    assert [c.text for c in phys.cols["sasaran"]] == ["Meningkatnya mutu"]


def test_a_data_row_under_the_header_is_no_continuation() -> None:
    found = header_mapping(HEAD)
    assert found is not None
    assert continued_header(HEAD, DATA, found) is None  # names no new column
    long_cell = _row(2, "", "", "", "", "Jawab Kepala Seksi Pembibitan")
    assert continued_header(HEAD, long_cell, found) is None  # a cell's text, not a header's rest
    under_empty = _row(2, "", "", "", "", "")
    assert continued_header(HEAD, under_empty, found) is None


def test_a_header_word_broken_without_a_hyphen_names_its_column() -> None:
    """A narrow No cell prints "NOMOR" as "NOMO" over "R"; pieces of no keyword name nothing."""
    assert header_column("NOMO R") == "no"
    assert header_column("PENANGGUNG JAWA B") == "penanggung_jawab"
    assert header_column("R") is None
    assert header_column("Data Desa") is None


def test_rows_a_gutter_table_cut_at_the_page_s_rules_are_printed_rows() -> None:
    """No number column, a formula opening in lower case: the line vote would join the second row
    to the first; cut at drawn rules, it is a row of its own."""
    head = _row(1, "Sasaran", "Indikator Kinerja", "Formula")
    rows = [
        head,
        _row(2, "Meningkatnya mutu", "Nilai IKM", "Total nilai"),
        _row(3, "Meningkatnya tata", "Nilai SAKIP", "jumlah nilai"),
    ]
    for ruled, expected in ((True, 2), (False, 1)):
        table = Table(rows, head.prov, engine="gutters", rows_ruled=ruled)
        logical, _ = logical_rows(physical_rows([TableRef(table)]))
        assert len(logical) == expected
