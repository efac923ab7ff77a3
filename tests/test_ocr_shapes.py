"""Word shapes on a low-resolution scan (parsers/ocr_shapes.py): a misread word is checked against
drawings of its candidates in the page's font, blurred like the scan.

The pages here are drawn small (as a ~70-dpi scan holds 10-point print), scaled up as
parsers/ocr_resolution.upscaled_scan does, and given to the judge with the misreadings tesseract
made of the same words on a real ~70-dpi scan.
"""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from parsers.ocr_resolution import sharpened
from parsers.ocr_shapes import ReadWord, font_files, page_font, reshaped, word_ink
from parsers.pdf_text import Obj

cv2 = pytest.importorskip("cv2")
LOW, DPI = 70, 300  # the scan's density and the density it is read at
SIZE_PT = 10.0
needs_fonts = pytest.mark.skipif(not font_files(), reason="no configured font installed (make rundeps)")


def _font_named(part: str) -> str:
    return next(f for f in font_files() if part in f)


def scanned_line(words: list[tuple[str, str, float]], font: str) -> tuple[np.ndarray, list[Obj]]:
    """Printed words (as printed, as read, tesseract confidence) drawn on one line at LOW dpi, then
    scaled up to DPI and sharpened: the grey page and the word boxes (points) as tesseract gave them."""
    px = SIZE_PT * LOW / 72
    f = ImageFont.truetype(font, round(px))
    page = Image.new("L", (round(8.27 * LOW), round(1.0 * LOW)), 255)
    draw = ImageDraw.Draw(page)
    x, y = 10.0, 20.0
    boxes: list[Obj] = []
    for printed, read, conf in words:
        left, top, right, bottom = draw.textbbox((x, y), printed, font=f)
        draw.text((x, y), printed, font=f, fill=0)
        boxes.append(
            {"text": read, "conf": conf, "x0": left * 72 / LOW, "x1": right * 72 / LOW,
             "top": top * 72 / LOW, "bottom": bottom * 72 / LOW}
        )  # fmt: skip
        x = right + px * 0.6
    scale = DPI / 72
    grey = np.asarray(page, dtype=np.uint8)
    big = cv2.resize(
        grey,
        (round(grey.shape[1] * DPI / LOW), round(grey.shape[0] * DPI / LOW)),
        interpolation=cv2.INTER_CUBIC,
    )
    return sharpened(big, scale), boxes


@needs_fonts
def test_misreadings_become_the_words_their_pixels_show() -> None:
    # misreadings tesseract made of these words on a real ~70-dpi scan; the sure ones choose the font
    grey, words = scanned_line(
        [("Meningkatnya", "Meningkatnya", 95.0), ("akuntabilitas", "urtatiltas", 20.0),
         ("kinerja", "kinerja", 93.0), ("kepegawaian", "kopeganatan", 23.0),
         ("berkualitas", "borkusitaa", 7.0)],
        _font_named("LiberationSans"),
    )  # fmt: skip
    out = reshaped(words, grey, DPI / 72)
    assert [w["text"] for w in out] == [
        "Meningkatnya",
        "akuntabilitas",
        "kinerja",
        "kepegawaian",
        "berkualitas",
    ]
    assert [w.get("read") for w in out] == [None, "urtatiltas", None, "kopeganatan", "borkusitaa"]


@needs_fonts
def test_sure_words_acronyms_and_short_words_are_left_as_read() -> None:
    grey, words = scanned_line(
        [("Pengukuran", "Pengukuran", 92.0), ("BKPSDMD", "BKPSOMO", 30.0), ("dan", "dau", 40.0),
         ("dilakukan", "dilakukan", 96.0)],
        _font_named("LiberationSans"),
    )  # fmt: skip
    out = reshaped(words, grey, DPI / 72)
    assert [w["text"] for w in out] == ["Pengukuran", "BKPSOMO", "dau", "dilakukan"]


@needs_fonts
def test_the_page_font_is_the_one_that_draws_its_sure_words_alike() -> None:
    serif = next((f for f in font_files() if "Serif" in f), None)
    if serif is None:
        pytest.skip("Liberation Serif not installed")
    printed = ["Pelaksanaan", "kegiatan", "pemerintahan", "kecamatan", "pelayanan"]
    grey, words = scanned_line([(w, w, 95.0) for w in printed], serif)
    ink = 1.0 - grey.astype(np.float32) / 255
    found = [
        ReadWord(i, str(w["text"]), c, (str(w["text"]).lower(),))
        for i, w in enumerate(words)
        if (c := word_ink(ink, w, DPI / 72)) is not None
    ]
    assert page_font(found, {w.index for w in found}, 0.5 * DPI / 72) == serif
