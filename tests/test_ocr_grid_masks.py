"""Line masks and segments of parsers/ocr_grid.py on small drawn masks (real OpenCV)."""

from __future__ import annotations

import cv2
import numpy as np

from parsers.ocr_grid import Segment, faint_line_masks, segments

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
