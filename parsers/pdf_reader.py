"""What a digital PDF page draws, read by pdfium: characters, ruling lines, rects, curves, pictures.

pdfminer (under pdfplumber) interprets every content stream in Python, most of a page's reading
time; pdfium does it in C. `PdfiumPage` offers the attributes the table and line readers take from a
pdfplumber page (`chars`, `lines`, `rects`, `curves`, `images`, `find_tables`, `crop`), as the same
dicts in the same top-left coordinates, so the readers do not know which library read the page.
Character boxes are pdfium's "loose" boxes: from the origin over the advance width, one font size
high (pdfminer's boxes, built the same way from the font's ascent and descent).
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfminer.fontmetrics import FONT_METRICS
from pdfplumber.table import Table as PlumberTable
from pdfplumber.table import TableFinder, TableSettings

from parsers.pdf_text import Obj

Matrix = tuple[float, float, float, float, float, float]
Point = tuple[float, float]
Descents = dict[str, float | None]  # base font name -> descent per em (None: ask pdfium)
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_LINE, _BEZIER, _MOVE = (
    pdfium_c.FPDF_SEGMENT_LINETO,
    pdfium_c.FPDF_SEGMENT_BEZIERTO,
    pdfium_c.FPDF_SEGMENT_MOVETO,
)
_SKIP_TEXT = frozenset("\r\n\x00")
_LINE_END_HYPHEN = frozenset("\x02\ufffe")  # pdfium's mark of a "-" ending a line (GetUnicode, GetText)
HIDDEN_SPACE_GAP = 0.15  # points: a gap between letters wider than pdfium's measuring noise is kerning
WORD_GAP = 2.5  # what pdf_text.words_of takes for a word break anyway (x_tolerance)


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


@dataclass
class PdfiumPage:
    """One page's drawn objects as pdfplumber dicts; `plumber` (the same page by pdfplumber) renders crops."""

    page_number: int
    width: float
    height: float
    chars: list[Obj]
    lines: list[Obj]
    rects: list[Obj]
    curves: list[Obj]
    images: list[Obj]
    plumber: Any = field(repr=False, default=None)

    def find_tables(self, settings: dict[str, Any]) -> list[PlumberTable]:
        """pdfplumber's table finder; with explicit edges it reads nothing else of the page."""
        return TableFinder(self, TableSettings.resolve(settings)).tables  # type: ignore[arg-type]

    def crop(self, bbox: tuple[float, float, float, float]) -> Any:
        """The pdfplumber crop of the page (for rendering a picture cell)."""
        return self.plumber.crop(bbox)


@dataclass(frozen=True)
class _Frame:
    """Maps PDF user space to pdfplumber's top-left page coordinates."""

    device: Matrix
    height: float
    mb_x0: float
    mb_top: float

    def point(self, pt: Point) -> Point:
        """(x, top) of a user-space point."""
        x, y = apply(self.device, pt)
        return (x + self.mb_x0, self.height - y + self.mb_top)

    def rect(self, x0: float, y0: float, x1: float, y1: float) -> Obj:
        """`box` of two opposite corners (a rotation by a multiple of 90 degrees keeps boxes boxes)."""
        m = self.device
        ax, ay = m[0] * x0 + m[2] * y0 + m[4], m[1] * x0 + m[3] * y0 + m[5]
        bx, by = m[0] * x1 + m[2] * y1 + m[4], m[1] * x1 + m[3] * y1 + m[5]
        left, right = (ax, bx) if ax <= bx else (bx, ax)
        low, high = (ay, by) if ay <= by else (by, ay)
        top, bottom = self.height - high + self.mb_top, self.height - low + self.mb_top
        return {
            "x0": left + self.mb_x0,
            "x1": right + self.mb_x0,
            "top": top,
            "bottom": bottom,
            "doctop": top,
            "y0": low,
            "y1": high,
            "width": right - left,
            "height": bottom - top,
        }

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


def _frame(page: pdfium.PdfPage) -> tuple[_Frame, float, float]:
    """The page's coordinate frame and its displayed width and height (pdfplumber's mediabox rules)."""
    rotation = page.get_rotation() % 360
    left, bottom, right, top = page.get_mediabox()
    x0, x1 = sorted((left, right))
    y0, y1 = sorted((bottom, top))
    width, height = (y1 - y0, x1 - x0) if rotation in (90, 270) else (x1 - x0, y1 - y0)
    # pdfplumber normalises a rotated box by swapping its axes, then flips it on its own height
    nx0, ny0, _nx1, ny1 = (y0, x0, y1, x1) if rotation in (90, 270) else (x0, y0, x1, y1)
    mb_top = (ny1 - ny0) - ny1
    frame = _Frame(page_matrix((x0, y0, x1, y1), rotation), height, nx0, mb_top)
    return frame, width, height


def _matrix(obj: Any) -> Matrix:
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, m):
        return IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _walk(
    parent: Any, count: Callable[[Any], int], get: Callable[[Any, int], Any], ctm: Matrix, depth: int = 0
) -> Iterator[tuple[Any, int, Matrix]]:
    """Every page object with its type and the matrix of the form XObjects around it."""
    for i in range(count(parent)):
        obj = get(parent, i)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < 15:
            inner = multiply(_matrix(obj), ctm)
            yield from _walk(
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


def _path_objects(shape: str, pts: list[Point], stroke: bool, frame: _Frame) -> tuple[str, Obj] | None:
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


def _drawings(page: pdfium.PdfPage, frame: _Frame) -> dict[str, list[Obj]]:
    """Lines, rects, curves and images the page paints (in form XObjects too)."""
    out: dict[str, list[Obj]] = {"line": [], "rect": [], "curve": [], "image": []}
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    for obj, kind, ctm in _walk(page, pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject, IDENTITY):
        m = multiply(_matrix(obj), ctm)
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
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
    return out


@dataclass(frozen=True)
class _Run:
    """What every character of one text object shares: font name, size, descent, direction."""

    fontname: str
    size: float  # the font size through the text matrix: pdfminer's char height
    descent: float  # below the baseline (negative), in the same units as size
    upright: bool


@dataclass(frozen=True)
class _Font:
    """A font's base name (pdfium drops the subset tag "ABCDEF+") and descent per em, if known."""

    name: str
    per_em: float | None


def _font(font: Any, descents: Descents) -> _Font:
    buf = ctypes.create_string_buffer(256)
    n = pdfium_c.FPDFFont_GetBaseFontName(font, buf, len(buf))
    name = buf.raw[: max(n - 1, 0)].decode("utf-8", "replace") if n else ""
    return _Font(name, descents.get(name))


def _run(textpage: Any, index: int, frame: _Frame, font: Any, known: _Font) -> _Run:
    """The text object of character `index`: its font's name and metrics, and pdfminer's `upright`."""
    m = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFText_GetMatrix(textpage, index, m)
    a, b, c, d = m.a, m.b, m.c, m.d
    scale = abs(d) if b == 0 and c == 0 else abs(a * d - b * c) ** 0.5
    size = pdfium_c.FPDFText_GetFontSize(textpage, index) * scale
    if known.per_em is None:  # no descriptor value: pdfium's own (from the font program)
        descent = ctypes.c_float()
        pdfium_c.FPDFFont_GetDescent(font, ctypes.c_float(size), descent)
        low = min(descent.value, 0.0)
    else:
        low = known.per_em * size
    a, b, c, d = multiply((a, b, c, d, 0.0, 0.0), frame.device)[:4]
    return _Run(known.name, size, low, a * d > 0 and b * c <= 0)


# FPDFText_GetTextObject answering a plain address: the per-character key of its text object
# without building a pointer object per character (a third of the reading time)
_text_object = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)(
    ctypes.cast(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p).value
)


def _page_text(handle: Any) -> str | list[str]:
    """Every character of the text page in one call (one per character when the text holds
    characters outside the Basic Multilingual Plane: their surrogate pairs break the indexing)."""
    n = pdfium_c.FPDFText_CountChars(handle)
    if n <= 0:
        return ""
    buf = ctypes.create_string_buffer((n + 1) * 2)
    got = pdfium_c.FPDFText_GetText(handle, 0, n, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
    text = buf.raw[: max(got - 1, 0) * 2].decode("utf-16-le", "replace")
    if len(text) == n:
        return text
    return [chr(pdfium_c.FPDFText_GetUnicode(handle, i)) for i in range(n)]


class HiddenSpace(Exception):
    """pdfium may have dropped a drawn space on this page (see `_hidden_space`)."""


def _hidden_space(prev: tuple[float, float], cur: tuple[float, float]) -> bool:
    """True when two characters on one baseline stand apart by a kerned gap.

    pdfium drops a drawn space that the next character, kerned back, overlaps ("b. P" -> "b.P",
    "penyelenggaraan pengkajian" with 0.2pt left between the words): what is left looks like
    kerning. Office exports place letters edge to edge; a file whose letters stand kerned apart is
    read by pdfminer, which keeps every drawn character.
    """
    gap = cur[1] - prev[1]
    return abs(prev[0] - cur[0]) < 0.01 and HIDDEN_SPACE_GAP < gap <= WORD_GAP


def _chars(page: pdfium.PdfPage, frame: _Frame, number: int, descents: Descents) -> list[Obj]:
    """The page's characters; of pdfium's generated ones only spaces, as zero-width separators."""
    textpage = page.get_textpage()
    try:
        handle = textpage.raw
        rect = pdfium_c.FS_RECTF()
        ox, oy = ctypes.c_double(), ctypes.c_double()
        runs: dict[int, _Run] = {}  # by text object
        fonts: dict[int, _Font] = {}  # by font handle
        run: _Run | None = None
        out: list[Obj] = []
        last: tuple[float, float] | None = None  # baseline and right edge of the last drawn char
        raw_handle = ctypes.cast(handle, ctypes.c_void_p).value
        for i, text in enumerate(_page_text(handle)):
            if text in _SKIP_TEXT or not pdfium_c.FPDFText_GetLooseCharBox(handle, i, rect):
                continue
            if text == " " and pdfium_c.FPDFText_IsGenerated(
                handle, i
            ):  # pdfium generates only spaces and line breaks
                # pdfium takes some drawn spaces for its own word breaks: keep the break, or words
                # a narrow space parts would run together
                if text != " " or run is None:
                    continue
                left = right = rect.left
            else:
                if text in _LINE_END_HYPHEN:  # the "-" is drawn: pdfminer reads it as such
                    text = "-"
                key = _text_object(raw_handle, i) or 0
                run = runs.get(key)
                if run is None:
                    font = pdfium_c.FPDFTextObj_GetFont(pdfium_c.FPDFText_GetTextObject(handle, i))
                    font_key = ctypes.cast(font, ctypes.c_void_p).value or 0
                    if font_key not in fonts:
                        fonts[font_key] = _font(font, descents)
                    run = runs[key] = _run(handle, i, frame, font, fonts[font_key])
                # pdfminer's box: from the origin to the advance width (the loose box's right edge;
                # its left takes in a glyph reaching back, "j"), from the font's descent up one size
                pdfium_c.FPDFText_GetCharOrigin(handle, i, ox, oy)
                left, right, low = ox.value, rect.right, oy.value + run.descent
                if last is not None and text != " " and _hidden_space(last, (oy.value, left)):
                    raise HiddenSpace(number)
                last = None if text == " " else (oy.value, right)
            box = frame.rect(left, low, right, low + run.size)
            box.update(
                object_type="char",
                page_number=number,
                text=text,
                fontname=run.fontname,
                size=box["height"],
                upright=run.upright,
            )
            out.append(box)
        return out
    finally:
        textpage.close()


def read_page(page: pdfium.PdfPage, number: int, descents: Descents, plumber: Any = None) -> PdfiumPage:
    """One pdfium page -> its drawn objects in pdfplumber's form."""
    frame, width, height = _frame(page)
    drawn = _drawings(page, frame)
    chars = _chars(page, frame, number, descents)
    return PdfiumPage(
        number, width, height, chars, drawn["line"], drawn["rect"], drawn["curve"], drawn["image"], plumber
    )


MIN_CHECK_CHARS = 400  # the page checked against pdfminer has at least this many characters, if any has


def check_page(pages: list[Any]) -> int | None:
    """Index of the page to read with pdfminer too: the smallest page read by pdfium that still holds
    MIN_CHECK_CHARS characters (pdfminer's time grows with the page), else the fullest; None if none."""
    read = [(len(p.chars), i) for i, p in enumerate(pages) if isinstance(p, PdfiumPage)]
    if not read:
        return None
    enough = [r for r in read if r[0] >= MIN_CHECK_CHARS]
    return min(enough)[1] if enough else max(read)[1]


def same_words(fast: Any, reference: Any, words: Callable[[Any], list[Obj]]) -> bool:
    """True when the two readings of a page give the same words at the same places (within 0.5pt).

    One page of each file (`check_page`) is read both ways: a producer whose spaces pdfium drops (a
    space kerned back under the next word) mostly shows there, and the file is then read by pdfminer.
    """
    if fast is reference:
        return True
    a, b = words(fast), words(reference)
    if len(a) != len(b):
        return False
    key = lambda w: (round(w["top"]), w["x0"])  # noqa: E731
    return all(
        x["text"] == y["text"] and abs(x["x0"] - y["x0"]) <= 0.5 and abs(x["top"] - y["top"]) <= 0.5
        for x, y in zip(sorted(a, key=key), sorted(b, key=key), strict=True)
    )


def _font_descent(font: Any) -> tuple[str, float | None]:
    """A font resource's base name (subset tag dropped) and its descriptor's Descent per em."""
    name = str(font.get("/BaseFont", "")).lstrip("/").split("+")[-1]
    if "/FontDescriptor" not in font and "/DescendantFonts" in font:
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font.get("/FontDescriptor")
    if font.get("/Subtype") == "/Type3":
        return name, None
    if descriptor is None:  # a standard 14 font: pdfminer takes its AFM metrics
        metrics: Any = FONT_METRICS.get(name)
        return name, (float(metrics[0]["Descent"]) / 1000.0 if metrics else None)
    descent = float(descriptor.get_object().get("/Descent", 0))
    return name, -abs(descent) / 1000.0  # pdfminer forces it negative (PScript5 writes it positive)


def _resource_fonts(resources: Any, depth: int = 0) -> Iterator[Any]:
    """Font dictionaries of a resource dictionary and of the form XObjects it names."""
    if resources is None or depth > 3:
        return
    resources = resources.get_object()
    for font in (resources.get("/Font") or {}).values():
        yield font.get_object()
    for xobject in (resources.get("/XObject") or {}).values():
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Form":
            yield from _resource_fonts(xobject.get("/Resources"), depth + 1)


def font_descents(reader: Any) -> Descents:
    """Descent per em of every font the pages use, as pdfminer takes it: the descriptor's /Descent
    (0 when absent). pdfium measures it in the font program instead; boxes must not move."""
    found: dict[str, set[float | None]] = {}
    for page in reader.pages:
        for font in _resource_fonts(page.get("/Resources")):
            name, descent = _font_descent(font)
            found.setdefault(name, set()).add(descent)
    return {name: next(iter(v)) for name, v in found.items() if len(v) == 1}


def read_pages(data: bytes, plumber_pages: list[Any], descents: Descents) -> list[Any] | None:
    """Every page of the PDF read by pdfium, or None when pdfium cannot open the file, counts other
    pages, or may have dropped a space on one of them (`_hidden_space`)."""
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return None
    try:
        if len(pdf) != len(plumber_pages):
            return None
        out = []
        for i, plumber in enumerate(plumber_pages):
            page = pdf[i]
            try:
                out.append(read_page(page, i + 1, descents, plumber))
            except HiddenSpace:
                return None  # the producer kerns spaces away: pdfium may drop them on any page
            finally:
                page.close()
        return out
    finally:
        pdf.close()
