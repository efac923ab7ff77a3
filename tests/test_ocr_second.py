"""The second OCR engine (parsers/ocr_second.py): real RapidOCR on drawn pages."""

from __future__ import annotations

import numpy as np
import pytest

from parsers.ocr_second import available, joined, read_second, reread_lines
from parsers.pdf_text import VLine
from tests.test_ocr import DPI, _px, blank, write

needs_engine = pytest.mark.skipif(not available(), reason="RapidOCR is not installed")
SCALE = DPI / 72
NAME = "Dr. H. Anton Gustoni, M.Si."


def word(
    text: str, x0: float, x1: float, conf: float, top: float = 100.0, **more: object
) -> dict[str, object]:
    return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": top + 10, "conf": conf, **more}


@needs_engine
def test_the_second_engine_reads_a_drawn_line_with_its_word_boxes() -> None:
    page = blank(300, 120)
    write(page, 40, 50, NAME, size_pt=12)
    words = read_second(np.asarray(page), SCALE)
    texts = [str(w["text"]) for w in words]
    assert "Anton" in texts and "Gustoni," in texts, texts
    anton = words[texts.index("Anton")]
    assert 50 < anton["x0"] < anton["x1"] < 150 and 45 < anton["top"] < anton["bottom"] < 70
    assert all(0 <= float(w["conf"]) <= 100 for w in words)


def test_unknown_words_take_a_known_word_the_second_engine_read_in_their_place() -> None:
    tesseract = [word("Meningkatnya", 0, 60, 80.0), word("kuaitas", 62, 100, 30.0, alts=("kualtas",)),
                 word("layanan", 102, 140, 70.0)]  # fmt: skip
    second = [
        word("Meningkatmya", 0, 61, 93.0),
        word("kualitas", 62, 101, 60.0),
        word("lyanan", 102, 139, 88.0),
    ]
    out = joined(tesseract, second)
    assert [w["text"] for w in out] == ["Meningkatnya", "kualitas", "layanan"]
    assert out[1]["conf"] == 30.0  # the place was read unsurely: tesseract's confidence stays
    assert set(out[1]["alts"]) == {"kuaitas", "kualtas"}  # the replaced reading joins the others
    assert out[0]["alts"] == ("Meningkatmya",) and out[2]["alts"] == ("lyanan",)  # known words stay


def test_a_second_reading_elsewhere_or_far_in_spelling_changes_nothing() -> None:
    tesseract = [word("kuaitas", 62, 100, 30.0)]
    assert joined(tesseract, [word("kualitas", 200, 240, 90.0)]) == tesseract  # not in its place
    out = joined(tesseract, [word("anggaran", 62, 100, 90.0)])  # known, but not spelt alike
    assert out[0]["text"] == "kuaitas" and out[0]["alts"] == ("anggaran",)


def _line(texts: list[str], confs: list[float], top: float, x0: float = 40.0) -> VLine:
    words, x = [], x0
    for text, conf in zip(texts, confs, strict=True):
        words.append(
            {"text": text, "x0": x, "x1": x + 6 * len(text), "top": top, "bottom": top + 12, "conf": conf}
        )
        x += 6 * len(text) + 4
    return VLine(" ".join(texts), words[0]["x0"], top, words[-1]["x1"], top + 12, words)


@needs_engine
def test_a_line_read_unsurely_is_read_again_and_the_surer_reading_kept() -> None:
    page = blank(300, 160)
    write(page, 40, 50, NAME, size_pt=12)
    write(page, 40, 100, "Pembina Utama Muda", size_pt=12)
    grey = np.asarray(page)
    garbled = _line(["ad,", "anto(alisToni,", "M.Si."], [38.0, 0.0, 95.0], 50)  # a stamp over the name
    sure = _line(["Pembina", "Utama", "Muda"], [96.0, 96.0, 96.0], 100)
    out = reread_lines([garbled, sure], grey, SCALE)
    assert out[1] is sure  # read surely: never read again
    assert "Anton Gustoni" in out[0].text, out[0].text
    assert all(float(w["top"]) > 50 - 6 and float(w["bottom"]) < 50 + 20 for w in out[0].words)


@needs_engine
def test_a_second_reading_of_nothing_or_of_a_neighbour_leaves_the_line() -> None:
    empty = _line(["~~"], [10.0], 50, x0=250)  # paper only where it stands: nothing read there
    assert reread_lines([empty], np.full((_px(120), _px(300)), 255, np.uint8), SCALE)[0] is empty
    page = blank(300, 160)
    write(page, 40, 100, "Pembina Utama Muda", size_pt=12)
    sure = _line(["Pembina", "Utama", "Muda"], [96.0, 96.0, 96.0], 100)
    speck = _line(["~-"], [5.0], 98)  # noise read over the rank's line: its re-reading is that line
    out = reread_lines([speck, sure], np.asarray(page), SCALE)
    assert out[0] is speck and out[1] is sure
