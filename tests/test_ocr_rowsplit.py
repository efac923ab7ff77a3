"""Grid bands cut at the row numbers of their first column (parsers/ocr_rowsplit.py)."""

from __future__ import annotations

from parsers.ocr_grid import Grid
from parsers.ocr_rowsplit import split_rows


def word(text: str, x: float, top: float) -> dict[str, object]:
    return {"text": text, "x0": x, "x1": x + 20.0, "top": top, "bottom": top + 8.0, "conf": 95.0}


def test_a_band_holding_the_header_and_three_numbered_rows_is_cut_into_four() -> None:
    grid = Grid([0.0, 30.0, 200.0], [0.0, 200.0], [[0, 1]])
    words = [word("No", 2, 4), word("Sasaran", 40, 4)]
    words += [
        w
        for i, top in enumerate((40.0, 90.0, 140.0))
        for w in (word(f"{i + 1}.", 2, top), word("Teks", 40, top))
    ]
    cut = split_rows(grid, words)
    assert len(cut.ys) == 5 and cut.ys[0] == 0.0 and cut.ys[-1] == 200.0
    assert 30.0 < cut.ys[1] < 40.0 and 80.0 < cut.ys[2] < 90.0  # a little above each number
    assert len({g for row in cut.groups for g in row}) == 8  # every piece its own cells


def test_numbers_that_do_not_count_up_or_a_single_number_at_the_top_leave_the_band() -> None:
    grid = Grid([0.0, 30.0, 200.0], [0.0, 100.0], [[0, 1]])
    assert split_rows(grid, [word("1.", 2, 4), word("Teks", 40, 4), word("Teks", 40, 40)]) is grid
    assert split_rows(grid, [word("1.", 2, 4), word("3.", 2, 50)]) is grid
    assert split_rows(grid, [word("2026", 2, 4), word("2027", 2, 50)]) is grid  # years, not row numbers
