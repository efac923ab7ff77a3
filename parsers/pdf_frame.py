"""Coordinates: PDF user space -> pdfplumber's top-left page coordinates, as pdfminer computes them."""

from __future__ import annotations

from dataclasses import dataclass

import pypdfium2 as pdfium

from parsers.pdf_text import Obj

Matrix = tuple[float, float, float, float, float, float]
Point = tuple[float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def multiply(m: Matrix, n: Matrix) -> Matrix:
    """The matrix applying m, then n (PDF row-vector convention, as pdfminer's mult_matrix)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def apply(m: Matrix, pt: Point) -> Point:
    """A point through the matrix."""
    x, y = pt
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def page_matrix(mediabox: tuple[float, float, float, float], rotation: int) -> Matrix:
    """PDF user space -> pdfminer's device space of the displayed page (pdfinterp.process_page)."""
    x0, y0, x1, y1 = mediabox
    return {
        90: (0.0, -1.0, 1.0, 0.0, -y0, x1),
        180: (-1.0, 0.0, 0.0, -1.0, x1, y1),
        270: (0.0, 1.0, -1.0, 0.0, y1, -x0),
    }.get(rotation, (1.0, 0.0, 0.0, 1.0, -x0, -y0))


@dataclass(frozen=True)
class Frame:
    """Maps PDF user space to pdfplumber's top-left page coordinates."""

    device: Matrix
    height: float
    mb_x0: float
    mb_top: float

    def point(self, pt: Point) -> Point:
        """(x, top) of a user-space point."""
        x, y = apply(self.device, pt)
        return (x + self.mb_x0, self.height - y + self.mb_top)

    def box(self, pts: list[Point]) -> Obj:
        """x0/x1/top/bottom (and pdfminer's y0/y1) of the points, with width and height."""
        mapped = [self.point(p) for p in pts]
        x0, x1 = min(p[0] for p in mapped), max(p[0] for p in mapped)
        top, bottom = min(p[1] for p in mapped), max(p[1] for p in mapped)
        return {
            "x0": x0,
            "x1": x1,
            "top": top,
            "bottom": bottom,
            "doctop": top,
            "y0": self.height - bottom + self.mb_top,
            "y1": self.height - top + self.mb_top,
            "width": x1 - x0,
            "height": bottom - top,
        }


def page_frame(page: pdfium.PdfPage) -> tuple[Frame, float, float]:
    """The page's coordinate frame and its displayed width and height (pdfplumber's mediabox rules)."""
    rotation = page.get_rotation() % 360
    left, bottom, right, top = page.get_mediabox()
    x0, x1 = sorted((left, right))
    y0, y1 = sorted((bottom, top))
    width, height = (y1 - y0, x1 - x0) if rotation in (90, 270) else (x1 - x0, y1 - y0)
    # pdfplumber normalises a rotated box by swapping its axes, then flips it on its own height
    nx0, ny0, _nx1, ny1 = (y0, x0, y1, x1) if rotation in (90, 270) else (x0, y0, x1, y1)
    mb_top = (ny1 - ny0) - ny1
    frame = Frame(page_matrix((x0, y0, x1, y1), rotation), height, nx0, mb_top)
    return frame, width, height
