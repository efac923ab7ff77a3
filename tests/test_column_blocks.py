"""One-row tables written column by column, one per unit, several to a page (markitdown's
pdfminer order: each block opens with its No header cell): each put back as a table of one row
where the paragraphs between its header cells are one per column, left as text otherwise
(parsers/column_blocks.py)."""

from __future__ import annotations

from pathlib import Path

from parsers.model import Table
from pipeline.convert import convert
from pipeline.result import ConversionResult

HEADER = """LAMPIRAN
KEPUTUSAN CAMAT SUKAMAJU
NOMOR : 050/12/KEP/2024
TENTANG
INDIKATOR KINERJA UTAMA KECAMATAN SUKAMAJU TAHUN 2024

"""

# Two units, each a one-row table: the sasaran cell printed with its header cell, the indikator
# and formula cells after the formula header, the sumber data cell after its own.
BLOCKS = """Jabatan : Seksi Pelayanan Umum

No.

Sasaran Strategis
Meningkatnya mutu
pelayanan umum

Indikator Kinerja Utama

Penjelasan / Formulasi

Nilai survei layanan

Jumlah nilai dibagi
jumlah responden

Sumber Data

Laporan survei

Jabatan : Seksi Ketertiban

No.

Sasaran Strategis
Meningkatnya tertib
lingkungan

Indikator Kinerja Utama
Persentase gangguan
yang ditangani

Penjelasan / Formulasi

Gangguan ditangani dibagi
gangguan dilaporkan x 100%

Sumber Data

Buku laporan jaga
"""


def _convert(tmp_path: Path, text: str) -> ConversionResult:
    path = tmp_path / "iku.md"
    path.write_text(HEADER + text, encoding="utf-8")
    return convert(path)


def test_one_row_blocks_by_column_are_each_a_table(tmp_path: Path) -> None:
    res = _convert(tmp_path, BLOCKS)
    assert res.extracted is not None
    rows = [(i.sasaran, i.indikator, i.sumber_data) for p in res.extracted.positions for i in p.indicators]
    rows += [(i.sasaran, i.indikator, i.sumber_data) for i in res.extracted.iku]
    assert sorted(rows) == [
        ("Meningkatnya mutu pelayanan umum", "Nilai survei layanan", "Laporan survei"),
        ("Meningkatnya tertib lingkungan", "Persentase gangguan yang ditangani", "Buku laporan jaga"),
    ]
    assert res.raw is not None
    tables = [b for page in res.raw.pages for b in page.blocks if isinstance(b, Table)]
    assert [(t.engine, len(t.rows)) for t in tables] == [("column-dump", 2), ("column-dump", 2)]
    assert "rendering-table-by-column" not in [p.code for p in res.problems]


def test_a_block_holding_two_rows_is_left_as_text_and_reported(tmp_path: Path) -> None:
    two_rows = BLOCKS.replace("Laporan survei\n", "Laporan survei\n\nBuku tamu\n", 1).replace(
        "Nilai survei layanan\n\n", "Nilai survei layanan\n\nJumlah tamu dilayani\n\n", 1
    )
    res = _convert(tmp_path, two_rows)
    assert res.raw is not None
    tables = [b for page in res.raw.pages for b in page.blocks if isinstance(b, Table)]
    assert len(tables) == 1  # the second unit's block only
    assert "rendering-table-by-column" in [p.code for p in res.problems]
