"""A formula pasted into a table cell as a picture: the stacked fraction in it is read by OCR."""

from __future__ import annotations

import shutil

import numpy as np
import pdfplumber
import pytest
from PIL import Image, ImageDraw, ImageFont

from parsers.model import Fraction
from parsers.ocr import tesseract_lang
from parsers.pdf_image_cells import RESOLUTION, _grey, open_renderer, picture_paragraphs
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
