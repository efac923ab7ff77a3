"""Words a narrow cell broke over two lines without a hyphen, joined back with the shipped word list."""

from __future__ import annotations

import pytest

from parsers.pdf_text import VLine
from parsers.pdf_wordbreak import is_broken_word, join_broken_words


@pytest.mark.parametrize(
    ("head", "tail", "broken"),
    [
        ("penyelenggara", "an", True),  # "penyelenggaraan": "an" is no word
        ("Umum,Kepegawaian,Keu", "angan", True),  # the head follows other text without a space
        ("PENANGGUN", "G", True),  # a header in capitals
        ("pelayanan", "publik", False),  # two words: a wrapped line
        ("di", "wilayah", False),  # "diwilayah" is listed, but "di" is a word of its own
        ("Kecamatan", "Baru", False),  # a capital after a lower-case head starts a word
    ],
)
def test_broken_words(head: str, tail: str, broken: bool) -> None:
    assert is_broken_word(head, tail) is broken


def _line(text: str, x1: float, top: float) -> VLine:
    return VLine(text, 50.0, top, x1, top + 10.0)


def test_a_word_broken_at_the_cells_edge_is_joined_and_a_wrapped_line_is_not() -> None:
    lines = [
        _line("yang menghasilka", 150.0, 100),  # ends at the cell text's right edge
        _line("n output aktivitas", 140.0, 112),
        _line("sesuai se-", 150.0, 124),  # a compound broken at its hyphen
        _line("Kecamatan pelayanan", 150.0, 136),
        _line("publik", 80.0, 148),
    ]
    texts = [ln.text for ln in join_broken_words(lines)]
    assert texts == ["yang menghasilkan", "output aktivitas", "sesuai se-Kecamatan", "pelayanan", "publik"]
