"""Lines, rects, curves and pictures a page paints, from pdfium's page objects, as pdfminer sorts them."""

from __future__ import annotations

import ctypes
from collections.abc import Callable, Iterator
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from parsers.pdf_frame import IDENTITY, Frame, Matrix, Point, apply, multiply
from parsers.pdf_guard import check_image
from parsers.pdf_text import Obj

_BEZIER, _MOVE = pdfium_c.FPDF_SEGMENT_BEZIERTO, pdfium_c.FPDF_SEGMENT_MOVETO


def object_matrix(obj: Any) -> Matrix:
    """A page object's own matrix (a text object's: its text matrix, at its origin)."""
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, m):
        return IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def walk(
    parent: Any, count: Callable[[Any], int], get: Callable[[Any, int], Any], ctm: Matrix, depth: int = 0
) -> Iterator[tuple[Any, int, Matrix]]:
    """Every page object with its type and the matrix of the form XObjects around it."""
    for i in range(count(parent)):
        obj = get(parent, i)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < 15:
            inner = multiply(object_matrix(obj), ctm)
            yield from walk(
                obj, pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject, inner, depth + 1
            )
        else:
            yield obj, kind, ctm


def _subpaths(path: Any, m: Matrix) -> Iterator[tuple[str, list[Point]]]:
    """A path object's subpaths as pdfminer sees them: shape ("mlllh") and one point per operator."""
    shape, pts = "", list[Point]()
    n = pdfium_c.FPDFPath_CountSegments(path)
    x, y = ctypes.c_float(), ctypes.c_float()
    bezier = 0
    for i in range(n):
        seg = pdfium_c.FPDFPath_GetPathSegment(path, i)
        kind = pdfium_c.FPDFPathSegment_GetType(seg)
        pdfium_c.FPDFPathSegment_GetPoint(seg, x, y)
        pt = apply(m, (x.value, y.value))
        if kind == _MOVE:
            if shape:
                yield shape, pts
            shape, pts, bezier = "m", [pt], 0
        elif kind == _BEZIER:  # pdfium gives a curve's two control points too; pdfminer keeps its end
            bezier += 1
            if bezier % 3 == 0:
                shape += "c"
                pts.append(pt)
        else:
            shape += "l"
            pts.append(pt)
        if pdfium_c.FPDFPathSegment_GetClose(seg) and shape:
            shape += "h"
            pts.append(pts[0])
    if shape:
        yield shape, pts


def _path_objects(shape: str, pts: list[Point], stroke: bool, frame: Frame) -> tuple[str, Obj] | None:
    """One painted subpath -> ("line" | "rect" | "curve", dict), classified as pdfminer does."""
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:  # a redundant "l" before "h"
        shape = shape[:-2] + "h"
        pts = pts[:-2] + pts[-1:]
    kind = "curve"
    if shape in {"mlh", "ml"}:
        kind, pts = "line", pts[:2]
    elif shape in {"mlllh", "mllll"}:
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
            y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
        )
        if pts[0] == pts[4] and square:
            kind, pts = "rect", [pts[0], pts[2]]
    obj = frame.box(pts)
    obj.update(object_type=kind, stroke=stroke)
    if kind != "rect":
        obj["pts"] = [frame.point(p) for p in pts]
    return kind, obj


TextObjects = list[tuple[Any, Matrix]]  # a page's text objects, each with the matrix of its forms


def drawings(page: pdfium.PdfPage, frame: Frame, number: int) -> tuple[dict[str, list[Obj]], TextObjects]:
    """Lines, rects, curves and images the page paints (in form XObjects too); and, from the same
    walk over the page objects, its text objects (pdf_reader reads their left-out spaces). A picture
    over the pixel cap stops the file (`pdf_guard.check_image`, page `number`)."""
    out: dict[str, list[Obj]] = {"line": [], "rect": [], "curve": [], "image": []}
    texts: TextObjects = []
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    for obj, kind, ctm in walk(page, pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject, IDENTITY):
        if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
            texts.append((obj, ctm))
            continue
        m = multiply(object_matrix(obj), ctm)
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            check_image(obj, number)
            box = frame.box([apply(m, p) for p in ((0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0))])
            out["image"].append({**box, "object_type": "image"})
        elif kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            pdfium_c.FPDFPath_GetDrawMode(obj, fill, stroke)
            if not (fill.value or stroke.value):
                continue  # a clipping path paints nothing
            for shape, pts in _subpaths(obj, m):
                found = _path_objects(shape, pts, bool(stroke.value), frame)
                if found is not None:
                    out[found[0]].append(found[1])
    return out, texts
