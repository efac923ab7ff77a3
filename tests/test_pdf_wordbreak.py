"""Words a narrow cell broke over two lines without a hyphen, joined back with the shipped word list."""

from __future__ import annotations

import pytest

from parsers.pdf_text import VLine
from parsers.pdf_wordbreak import is_broken_word, join_broken_words
from tests.fixtures.word_boxes import row


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


def _worded(text: str, x0: float, top: float) -> VLine:
    """A line of 5-point letters, its words one space (3 points) apart."""
    words = row(top, [(x0, text)])
    return VLine(text, x0, top, words[-1]["x1"], top + 10.0, words)


def test_a_piece_ending_less_than_a_letter_short_of_the_widest_line_is_joined() -> None:
    """A narrow cell: its widest line is another broken piece, one letter longer."""
    lines = [
        _worded("Meningkatn", 50.0, 100),  # ends at 100: the "y" (5 points) would have reached 105
        _worded("ya kualitas", 50.0, 112),
        _worded("Pemberdayaa", 50.0, 124),  # the widest line: ends at 105
        _worded("n warga", 50.0, 136),
        _worded("Publik", 50.0, 148),
    ]
    texts = [ln.text for ln in join_broken_words(lines)]
    assert texts == ["Meningkatnya", "kualitas", "Pemberdayaan", "warga", "Publik"]


def test_a_piece_ending_more_than_a_letter_short_of_the_widest_line_is_not_joined() -> None:
    """The first letter of the next line would have fitted: the word processor did not break there."""
    lines = [
        _worded("Meningka", 50.0, 100),
        _worded("tnya kualitas", 50.0, 112),
        _worded("Pemberdayaa", 50.0, 124),
    ]
    assert join_broken_words(lines)[0].text == "Meningka"
