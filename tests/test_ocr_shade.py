"""Scanned tables ruled only around their frame, their header on a grey fill (parsers/ocr_shade.py,
parsers/ocr_rowsplit.py): drawn pages, real binarisation, real tesseract."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import ImageDraw

from parsers.model import RawDocument, Table
from parsers.ocr import binarise
from parsers.pdf import parse_pdf
from tests.test_ocr import _px, blank, needs_tesseract, rule, save_pdf, similar, write

XS = [50, 80, 230, 400, 545]
TOP, HEAD, BOTTOM = 100, 140, 330
PAPER, FILL = 225, 150
HEADER = ["No", "Sasaran", "Indikator", "Sumber Data"]
ROWS = [
    ["1.", "Meningkatnya pelayanan", "Persentase surat selesai", "Agenda surat"],
    ["2.", "Tertibnya arsip", "Jumlah arsip tertata", "Daftar arsip"],
    ["3.", "Meningkatnya kinerja", "Nilai evaluasi kinerja", "Laporan evaluasi"],
]


def shaded_table_page() -> tuple[object, np.ndarray]:
    """Frame and column rules only; the header on a grey fill, no line under it; rows apart."""
    page = blank()
    draw = ImageDraw.Draw(page)
    draw.rectangle([(0, 0), page.size], fill=PAPER)
    draw.rectangle([(_px(XS[0]), _px(TOP)), (_px(XS[-1]), _px(HEAD))], fill=FILL)
    rule(page, XS[0], TOP, XS[-1], TOP)
    rule(page, XS[0], BOTTOM, XS[-1], BOTTOM)
    for x in XS:
        rule(page, x, TOP, x, BOTTOM)
    for x, text in zip(XS, HEADER, strict=False):
        write(page, x + 4, TOP + 12, text)
    for i, row in enumerate(ROWS):
        for x, text in zip(XS, row, strict=False):
            write(page, x + 4, HEAD + 10 + 60 * i, text)
    return page, np.asarray(page)


def test_a_grey_fill_is_ink_to_one_global_threshold() -> None:
    # the failure the step mends: Otsu over the page takes the whole header fill for ink
    _, pixels = shaded_table_page()
    ink = binarise(pixels)
    fill = ink[_px(TOP) + 4 : _px(HEAD) - 4, _px(XS[1]) + 4 : _px(XS[2]) - 4]
    assert (fill > 0).mean() > 0.9


@needs_tesseract
def test_shaded_header_is_read_and_unruled_rows_are_cut_by_their_numbers(tmp_path: Path) -> None:
    page, _ = shaded_table_page()
    doc: RawDocument = parse_pdf(save_pdf(page, tmp_path / "shaded.pdf"))
    (table,) = [b for b in doc.blocks() if isinstance(b, Table)]
    assert table.engine == "ocr-grid"
    texts = [[c.text for c in row.cells] for row in table.rows]
    assert len(texts) == 1 + len(ROWS), texts
    for got, want in zip(texts, [HEADER, *ROWS], strict=True):
        assert all(similar(g, w) for g, w in zip(got, want, strict=True)), got
