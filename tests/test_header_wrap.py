"""Header labels a narrow cell wrapped, words broken at the cell's edge (parsers/header_wrap.py)."""

from __future__ import annotations

from parsers.header_wrap import (
    continues_pipe_header,
    letter_line,
    pipe_header_joined,
    stacked_label,
    stacked_letters,
    text_header_unwrapped,
)
from parsers.runtogether_tables import read_header_lines


def test_a_broken_words_piece_on_the_line_under_a_text_header_is_put_back() -> None:
    line = "NOM SASARAN KINERJA INDIKATOR SUMBER PENANGGUNG"
    assert text_header_unwrapped(line, "OR JAWAB") == "NOMOR SASARAN KINERJA INDIKATOR SUMBER PENANGGUNG"


def test_a_body_line_under_a_text_header_is_no_wrapped_line() -> None:
    line = "NOM SASARAN KINERJA INDIKATOR SUMBER PENANGGUNG"
    assert text_header_unwrapped(line, "1 Meningkatnya kualitas pelayanan") is None
    # header words alone put no piece back: nothing to rejoin
    assert text_header_unwrapped(line, "JAWAB") is None


def test_pipe_header_rows_join_a_word_broken_at_the_cells_edge() -> None:
    rows = [["SASARAN", "UNIT"], ["", "PENANG"], ["", "GUNG"], ["", "JAWAB"]]
    assert pipe_header_joined(rows) == ["SASARAN", "UNIT PENANGGUNG JAWAB"]
    assert pipe_header_joined([["PENANGGUN"], ["G JAWAB"]]) == ["PENANGGUNG JAWAB"]


def test_a_row_left_with_a_header_words_start_goes_on_with_the_header() -> None:
    rows = [["N SASARAN", "UNIT"]]
    assert continues_pipe_header(rows, ["O KINERJA", "PENANGGUN"])
    assert not continues_pipe_header(rows, ["1 Meningkatnya", "Camat"])


def test_letters_stacked_over_the_header_rows_spell_a_label() -> None:
    rows = [["N SASARAN", "INDIKATOR"], ["O KINERJA", ""], ["M", ""]]
    assert stacked_letters(rows) == ["NOM", ""]
    assert [letter_line(x) for x in ("O", "R", "O KINERJA", "Oleh karena itu")] == ["O", "R", "O", None]
    assert stacked_label("NOMOR") == "NOMOR"
    assert stacked_label("NOM") is None


def test_an_empty_pipe_row_over_a_header_opens_no_header() -> None:
    lines = [
        "|                    |      |     |                    |      |         |",
        "| ------------------ | ---- | --- | ------------------ | ---- | ------- |",
        "| SASARAN STRATEGIS  |      |     | INDIKATOR KINERJA  |      | TARGET  |",
    ]
    assert read_header_lines(lines, 0)[0] is None
    assert read_header_lines(lines, 2)[0] is not None
