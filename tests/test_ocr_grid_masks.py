"""Line masks and segments of parsers/ocr_grid.py on small drawn masks (real OpenCV)."""

from __future__ import annotations

import cv2
import numpy as np

from parsers.model import Fraction
from parsers.ocr_grid import Grid, Segment, faint_line_masks, grid_table, segments

SCALE = 300 / 72


def test_segments_include_a_line_inside_a_cell() -> None:
    """A hollow table border and a fraction bar inside it: both are segments (nested contours count)."""
    mask = np.zeros((200, 300), np.uint8)
    cv2.rectangle(mask, (10, 10), (290, 190), 255, 1)
    cv2.line(mask, (100, 100), (200, 100), 255, 1)
    assert segments(mask) == [Segment(10, 10, 290, 190), Segment(100, 100, 200, 100)]
    assert segments(np.zeros((5, 5), np.uint8)) == []


def test_faint_line_masks_treat_both_directions_alike() -> None:
    """The page turned a quarter: its vertical lines are the horizontal lines of the original."""
    grey = np.full((600, 800), 255, np.uint8)
    cv2.line(grey, (50, 100), (700, 100), 150, 2)  # a faint grey rule
    cv2.line(grey, (300, 50), (300, 500), 150, 2)
    cv2.putText(grey, "Jumlah Pegawai", (60, 300), cv2.FONT_HERSHEY_SIMPLEX, 2, 0, 4)  # text, no rule
    hmask, vmask = faint_line_masks(grey, SCALE)
    turned_h, turned_v = faint_line_masks(np.ascontiguousarray(grey.T), SCALE)
    assert np.array_equal(hmask, turned_v.T) and np.array_equal(vmask, turned_h.T)
    (rule,) = segments(hmask)  # the rule only: the closed-up letters have ink beside them
    assert (rule.x0, rule.y0, rule.y1) == (50, 99, 101) and abs(rule.x1 - 700) <= 3
    (column,) = segments(vmask)
    assert (column.y0, column.x0, column.x1) == (50, 299, 301) and abs(column.y1 - 500) <= 3


def test_a_scanned_fraction_with_loose_word_boxes_and_its_multiplier_beside_the_bar() -> None:
    """Tesseract's boxes of blurred print reach over a fraction bar, and "x 100 %" printed at the
    bar's height overlaps the numerator's line: the cell is still a fraction, the multiplier after it."""

    def word(text: str, x0: float, top: float, x1: float, bottom: float) -> dict[str, object]:
        return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "conf": 60.0}

    grid = Grid([230.0, 510.0], [140.0, 220.0], [[0]])
    words = [
        word("Jumlah", 238, 166, 266, 179),
        word("aparatur", 270, 166, 305, 179),
        word("x", 470, 177, 474, 183),
        word("100", 477, 175, 491, 183),
        word("%", 494, 175, 501, 184),
        word("Jumlah", 267, 181, 298, 192),
        word("seluruh", 301, 176, 331, 194),  # its box starts above the bar
        word("aparatur", 336, 176, 371, 194),
    ]
    bar = (237.1, 178.1, 466.3, 180.5)
    found = grid_table(grid, words, [bar], "x.pdf", 1)
    assert found is not None
    (cell,) = found.table.rows[0].cells
    assert any(isinstance(p, Fraction) for p in cell.paragraphs), cell.paragraphs
    assert cell.text.startswith("Jumlah aparatur") and cell.text.endswith("x 100 %"), cell.text
