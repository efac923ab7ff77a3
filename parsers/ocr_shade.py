"""Shaded table cells binarised again against their own fill.

A header row printed on a grey fill comes out of the scanner a little darker than the paper; one
global threshold can take the whole fill for ink (a black block: its words unread, its edges taken
for ruling lines). Inside the page's grids (found from the grey, parsers/ocr_grid.py), where the
ink mask is solid over an area larger than any letter, the page is binarised again after dividing
it by its local paper: the grey with its print closed over (a morphological closing wider than
any stroke), which keeps a fill's own grey up to its edge. The fill becomes paper, its print ink;
everywhere else the mask stays as the page's threshold made it.
"""

from __future__ import annotations

import cv2
import numpy as np

from parsers.ocr_grid import Grid

SOLID_SHARE = 0.6  # share of ink over a SOLID_PT square (at a quarter of the resolution): a fill
SOLID_PT = 6.0
PAPER_PT = 4.0  # print thinner than this is closed over: what is left is the paper or the fill


def _odd(n: float) -> int:
    return max(3, int(n) // 2 * 2 + 1)


def unshaded(grey: np.ndarray, ink: np.ndarray, grids: list[Grid], scale: float) -> np.ndarray | None:
    """The ink mask with the tables' solid fills binarised again; None when no table has one."""
    if not grids:
        return None
    inside = np.zeros(ink.shape, np.uint8)
    for g in grids:
        x0, y0, x1, y1 = (round(v * scale) for v in g.bbox)
        inside[y0:y1, x0:x1] = 1
    k = _odd(SOLID_PT * scale / 4)
    small = cv2.resize(ink, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    dense = (cv2.blur(small.astype(np.float32) / 255, (k, k)) > SOLID_SHARE).astype(np.uint8)
    solid = cv2.resize(dense, (ink.shape[1], ink.shape[0]), interpolation=cv2.INTER_NEAREST) * inside
    if not solid.any():
        return None
    grow = _odd(SOLID_PT * scale)
    solid = cv2.dilate(solid, np.ones((grow, grow), np.uint8)) * inside
    smooth = cv2.medianBlur(grey, 3)
    p = _odd(PAPER_PT * scale / 4)
    tiny = cv2.resize(smooth, None, fx=1 / 4, fy=1 / 4, interpolation=cv2.INTER_AREA)
    closed = cv2.morphologyEx(tiny, cv2.MORPH_CLOSE, np.ones((p, p), np.uint8))
    paper = cv2.resize(closed, (grey.shape[1], grey.shape[0]), interpolation=cv2.INTER_LINEAR)
    norm = cv2.divide(smooth, paper, scale=255)
    _, again = cv2.threshold(norm, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    out = ink.copy()
    out[solid > 0] = again[solid > 0]
    return out
