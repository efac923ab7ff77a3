"""parsers.pdf_text.words_of builds the words pdfplumber's extract_words builds, word for word.

words_of is a direct copy of pdfplumber's steps for upright characters (every table cell builds
its words, and pdfplumber's generic extractor was the costliest step of reading a page); these
tests hold it to pdfplumber itself on generated characters and on the characters of the real PDFs,
whole pages and table cells alike, and check the per-box lines kept for a list of characters.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pdfplumber.utils import extract_words

from parsers.pdf_text import box_lines, centred_in, group_lines, words_of
from tests.conftest import SHARED_REAL

TEXTS = ["a", "b", "1", " ", "\t", "", "ﬁ", "ﬂ", "x", "-"]


def _plumber(chars: list[dict[str, Any]]) -> list[list[tuple[str, Any]]]:
    return [list(w.items()) for w in extract_words(chars, x_tolerance=2.5, y_tolerance=3)]


def _ours(chars: list[dict[str, Any]]) -> list[list[tuple[str, Any]]]:
    return [list(w.items()) for w in words_of(chars)]


@st.composite
def _chars(draw: st.DrawFn) -> list[dict[str, Any]]:
    out = []
    for _ in range(draw(st.integers(0, 30))):
        top = draw(st.sampled_from([10.0, 10.5, 12.0, 13.1, 16.2, 20.0])) + draw(st.floats(0, 4))
        x0 = draw(st.floats(0, 60))
        out.append(
            {
                "text": draw(st.sampled_from(TEXTS)),
                "x0": x0,
                "x1": x0 + draw(st.floats(0, 6)),
                "top": top,
                "bottom": top + draw(st.floats(0, 9)),
                "doctop": top + 842.0,
                "upright": draw(st.sampled_from([True, True, True, False])),
            }
        )
    return out


@settings(max_examples=300, deadline=None)
@given(_chars())
def test_words_equal_pdfplumbers_on_generated_characters(chars: list[dict[str, Any]]) -> None:
    assert _ours(chars) == _plumber(chars)


def _real_digital() -> list[Path]:
    return sorted(p for p in SHARED_REAL.glob("*.pdf") if "scan" not in p.name)


@pytest.mark.skipif(not SHARED_REAL.is_dir(), reason="../shared/real is absent")
def test_words_equal_pdfplumbers_on_real_pages_and_cells() -> None:
    compared = 0
    for path in _real_digital():
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages[:1]:
                chars = page.chars
                assert _ours(chars) == _plumber(chars)
                for table in page.find_tables():
                    for box in table.cells:
                        inside = centred_in(chars, box)
                        assert _ours(inside) == _plumber(inside)
                        compared += 1
    assert compared > 50


def test_box_lines_are_the_lines_of_the_box_and_follow_the_list_asked_about() -> None:
    def char(text: str, x0: float, top: float) -> dict[str, Any]:
        return {
            "text": text,
            "x0": x0,
            "x1": x0 + 5,
            "top": top,
            "bottom": top + 10,
            "doctop": top,
            "upright": True,
        }

    page = [char("a", 10, 10), char("b", 15, 10), char("c", 10, 30), char("d", 60, 10)]
    box = (0.0, 0.0, 40.0, 50.0)
    first = box_lines(page, box)
    assert [ln.text for ln in first] == [ln.text for ln in group_lines(words_of(centred_in(page, box)))]
    assert [ln.text for ln in first] == ["ab", "c"]
    first.clear()  # a caller's list is its own
    assert [ln.text for ln in box_lines(page, box)] == ["ab", "c"]
    other = [char("z", 10, 10)]
    assert [ln.text for ln in box_lines(other, box)] == ["z"]
