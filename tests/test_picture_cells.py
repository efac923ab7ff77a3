"""A formula pasted into a table cell as a picture: the stacked fraction in it is read by OCR."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import numpy as np
import pdfplumber
import pymupdf
import pytest
from PIL import Image, ImageDraw, ImageFont

from parsers.model import Fraction, Table
from parsers.ocr import tesseract_lang
from parsers.pdf import parse_pdf
from parsers.pdf_image_cells import RESOLUTION, PictureCells, _grey, open_renderer, picture_paragraphs
from tests.conftest import SHARED_REAL

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

pytestmark = pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")


def _fraction_picture(numerator: str, denominator: str, after: str) -> np.ndarray:
    font = ImageFont.truetype(FONT, 40)
    image = Image.new("L", (900, 150), 255)
    draw = ImageDraw.Draw(image)
    draw.text((20, 10), numerator, font=font, fill=0)
    draw.rectangle((10, 72, 620, 76), fill=0)  # the fraction bar
    draw.text((60, 90), denominator, font=font, fill=0)
    draw.text((650, 50), after, font=font, fill=0)
    return np.asarray(image)


def test_stacked_fraction_picture_is_a_drawn_fraction() -> None:
    lang = tesseract_lang("tesseract")
    paragraphs, confs = picture_paragraphs(
        _fraction_picture("Jumlah pegawai hadir", "Jumlah pegawai", "x 100%"), lang, "tesseract"
    )
    assert len(paragraphs) == 1 and isinstance(paragraphs[0], Fraction)
    frac = paragraphs[0]
    assert (frac.numerator, frac.denominator, frac.after, frac.drawn) == (
        "Jumlah pegawai hadir",
        "Jumlah pegawai",
        "x 100%",
        True,
    )
    assert confs and min(confs) > 50


def test_picture_without_a_bar_is_its_text() -> None:
    image = Image.new("L", (700, 80), 255)
    ImageDraw.Draw(image).text((10, 15), "Nilai hasil survei", font=ImageFont.truetype(FONT, 40), fill=0)
    paragraphs, _ = picture_paragraphs(np.asarray(image), tesseract_lang("tesseract"), "tesseract")
    assert paragraphs == ["Nilai hasil survei"]


def test_an_italic_x_leaning_back_over_the_bar_end_is_read_after_the_fraction() -> None:
    """One tesseract pass over the whole picture: the "x" of "x 100%" starts left of the bar's end
    and crosses the bar's line, so it belongs to the part right of the bar, before the constant."""
    font = ImageFont.truetype(FONT, 40)
    image = Image.new("L", (900, 150), 255)
    draw = ImageDraw.Draw(image)
    draw.text((20, 10), "Jumlah pegawai hadir", font=font, fill=0)
    draw.rectangle((10, 72, 620, 76), fill=0)  # the fraction bar, ending at x 620
    draw.text((60, 90), "Jumlah pegawai", font=font, fill=0)
    italic = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf", 40)
    x_box = draw.textbbox((605, 46), "x", font=italic)
    assert x_box[0] < 620 < x_box[2] and x_box[1] < 72 and x_box[3] > 76  # over the bar's end
    draw.text((605, 46), "x", font=italic, fill=0)
    draw.text((645, 46), "100%", font=font, fill=0)
    paragraphs, _ = picture_paragraphs(np.asarray(image), tesseract_lang("tesseract"), "tesseract")
    assert paragraphs == [Fraction("Jumlah pegawai hadir", "Jumlah pegawai", "", "x 100%", drawn=True)]


@pytest.mark.skipif(not SHARED_REAL.is_dir(), reason="../shared/real is absent")
def test_a_picture_is_rendered_as_pdfplumbers_page_crop_renders_it() -> None:
    """The picture's region is rendered alone: pixel for pixel what pdfplumber's crop of the whole
    page's rendering gives (the OCR reads the same pixels)."""
    compared = 0
    with pdfplumber.open(SHARED_REAL / "dev_bkpsdmd_bangka_kep_iku_2021.pdf") as pdf:
        renderer = open_renderer(pdf)  # one pdfium document for every picture
        try:
            for page in pdf.pages:
                for image in page.images:
                    box = (image["x0"], image["top"], image["x1"], image["bottom"])
                    whole = page.crop(box).to_image(resolution=RESOLUTION).original.convert("L")
                    assert np.array_equal(_grey(page, image, lambda _pdf: renderer), np.asarray(whole))
                    compared += 1
        finally:
            renderer.close()
    assert compared >= 2


def _picture_png(text: str) -> bytes:
    image = Image.new("L", (600, 80), 255)
    ImageDraw.Draw(image).text((10, 15), text, font=ImageFont.truetype(FONT, 40), fill=0)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _table_with_pictures(path: Path) -> None:
    """A ruled table (built by PyMuPDF) whose last column runs to the paper's right edge, a formula
    pasted as a picture in two of its cells: row 1's inside the page, row 2's reaching past the edge
    (pdfplumber refuses to crop a region off the page, so that picture cannot be read)."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    xs, ys = (50, 90, 300, 595), (100, 130, 180, 230)
    for x in xs:
        page.draw_line((x, ys[0]), (x, ys[-1]))
    for y in ys:
        page.draw_line((xs[0], y), (xs[-1], y))
    for x, header in zip(xs, ("No", "Indikator", "Formula"), strict=False):
        page.insert_text((x + 3, ys[0] + 18), header, fontsize=10)
    for row in (1, 2):
        page.insert_text((xs[0] + 3, ys[row] + 18), str(row), fontsize=10)
        page.insert_text((xs[1] + 3, ys[row] + 18), f"Persentase kegiatan {row}", fontsize=10)
    page.insert_image(pymupdf.Rect(304, 135, 590, 175), stream=_picture_png("Nilai hasil survei"))
    page.insert_image(pymupdf.Rect(304, 185, 620, 225), stream=_picture_png("Jumlah peserta"))
    doc.save(path)
    doc.close()


def test_a_picture_that_cannot_be_read_costs_its_cell_not_the_page(tmp_path: Path) -> None:
    path = tmp_path / "gambar.pdf"
    _table_with_pictures(path)
    doc = parse_pdf(path)
    (table,) = [b for page in doc.pages for b in page.blocks if isinstance(b, Table)]
    assert [r.texts() for r in table.rows] == [
        ["No", "Indikator", "Formula"],
        ["1", "Persentase kegiatan 1", "Nilai hasil survei"],  # the other picture is still read
        ["2", "Persentase kegiatan 2", ""],  # kept as the PDF has it: no text
    ]
    (issue,) = doc.problems
    assert (issue.code, issue.severity.value, issue.stage, issue.page) == ("cell-failed", "issue", "parse", 1)
    assert issue.message.startswith(
        "the picture in the table cell at x 300, y 180 pt could not be read (ValueError: "
    )
    assert issue.message.endswith("); the cell is kept as the file has it")


def test_a_failed_picture_cell_is_an_issue_only_inside_a_table_the_page_kept(tmp_path: Path) -> None:
    path = tmp_path / "gambar.pdf"
    _table_with_pictures(path)
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        reader = PictureCells(page)
        failing = (300.0, 180.0, 595.0, 230.0)  # row 2's formula cell: its picture runs off the page
        try:
            assert reader(failing) is None
            assert reader(failing) is None  # asked twice by two table finders: one issue
        finally:
            reader.close()
        assert reader.report([]) == []  # the candidate table was dropped: its cell is no loss
        (issue,) = reader.report([(50.0, 100.0, 595.0, 230.0)])
    assert (issue.code, issue.page) == ("cell-failed", 1)
    assert issue.message.startswith("the picture in the table cell at x 300, y 180 pt could not be read")
