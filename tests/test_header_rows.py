"""Header rows: a header printed over two lines and cut into two rows is read as one."""

from __future__ import annotations

from parsers.model import Cell, Provenance, Row, Table
from structure.columns import continued_header, header_mapping
from structure.rows import TableRef, physical_rows


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
