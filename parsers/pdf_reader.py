"""What a digital PDF page draws, read by pdfium: characters, ruling lines, rects, curves, pictures.

pdfminer (under pdfplumber) interprets every content stream in Python, most of a page's reading
time; pdfium does it in C. `PdfiumPage` offers the attributes the table and line readers take from a
pdfplumber page (`chars`, `lines`, `rects`, `curves`, `images`, `find_tables`, `crop`), as the same
dicts in the same top-left coordinates, so the readers do not know which library read the page.
Character boxes are pdfminer's: from the origin to the advance width (pdfium's loose box's right
edge), from the font's descriptor descent (pdf_fonts.py) up one font size. Coordinates: pdf_frame.py;
lines, rects, curves and pictures: pdf_paths.py. pdfium's text page leaves out blank text objects
(office exports write word spaces so): their spaces are read back from the page objects
(`_blank_spaces`). Where pdfium's reading may differ from pdfminer's (`Fallback`: a rotated page,
a left-out object that draws ink), the file is read by pdfminer as before; a page with a character
pdfium cannot map to Unicode is read by pdfminer (`PageFallback`); a file with an odd font
(pdf_fonts.odd_fonts) has one page read both ways (`check_page`, `same_words`).
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfplumber.table import Table as PlumberTable
from pdfplumber.table import TableFinder, TableSettings

from parsers.pdf_fonts import Descents
from parsers.pdf_frame import Frame, Matrix, multiply, page_frame
from parsers.pdf_guard import check_images
from parsers.pdf_paths import TextObjects, drawings, object_matrix
from parsers.pdf_text import Obj

_SKIP_TEXT = frozenset("\r\n\x00")
_LINE_END_HYPHEN = frozenset("\x02\ufffe")  # pdfium's mark of a "-" ending a line (GetUnicode, GetText)


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


def _run(matrix: Matrix, font_size: float, frame: Frame, font: Any, known: _Font) -> _Run:
    """A text object's font name and metrics and pdfminer's `upright`, from its text matrix (with the
    matrices of the forms around it) and its font size."""
    a, b, c, d = matrix[:4]
    scale = abs(d) if b == 0 and c == 0 else abs(a * d - b * c) ** 0.5
    size = font_size * scale
    if known.per_em is None:  # no descriptor value: pdfium's own (from the font program)
        descent = ctypes.c_float()
        pdfium_c.FPDFFont_GetDescent(font, ctypes.c_float(size), descent)
        low = min(descent.value, 0.0)
    else:
        low = known.per_em * size
    a, b, c, d = multiply((a, b, c, d, 0.0, 0.0), frame.device)[:4]
    return _Run(known.name, size, low, a * d > 0 and b * c <= 0)


def _char_run(textpage: Any, index: int, frame: Frame, font: Any, known: _Font) -> _Run:
    """The text object of character `index`, as `_run`."""
    m = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFText_GetMatrix(textpage, index, m)
    matrix = (m.a, m.b, m.c, m.d, m.e, m.f)
    return _run(matrix, pdfium_c.FPDFText_GetFontSize(textpage, index), frame, font, known)


# FPDFText_GetTextObject answering a plain address: the per-character key of its text object
# without building a pointer object per character (a third of the reading time)
_text_object = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)(
    ctypes.cast(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p).value or 0
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


class Fallback(Exception):
    """pdfium's reading of this page may differ from pdfminer's: the file is read by pdfminer."""


class PageFallback(Fallback):
    """pdfium cannot map a character of this page to Unicode (FPDFText_HasUnicodeMapError): this
    page's text is pdfminer's, the other pages stay pdfium's."""


class _Place:
    """Where a page's characters go: pdfium's page space -> pdfplumber's (read_page turns rotated
    pages away, so the frame only shifts: x + dx, top = dy - y)."""

    __slots__ = ("dx", "dy", "frame", "number")

    def __init__(self, frame: Frame, number: int) -> None:
        self.frame, self.number = frame, number
        self.dx = frame.device[4] + frame.mb_x0
        self.dy = frame.height + frame.mb_top - frame.device[5]

    def char(self, text: str, left: float, right: float, baseline: float, run: _Run) -> Obj:
        """pdfminer's box: from the origin to the advance width, from the descent up one size."""
        low = baseline + run.descent
        top = self.dy - low - run.size
        dx = self.dx
        return {
            "x0": left + dx,
            "x1": right + dx,
            "top": top,
            "bottom": top + run.size,
            "doctop": top,
            "y0": low + self.frame.device[5],
            "y1": low + run.size + self.frame.device[5],
            "width": right - left,
            "height": run.size,
            "object_type": "char",
            "page_number": self.number,
            "text": text,
            "fontname": run.fontname,
            "size": run.size,
            "upright": run.upright,
        }


def _address(obj: Any) -> int:
    return ctypes.cast(obj, ctypes.c_void_p).value or 0


class _Fonts:
    """A page's fonts by handle (`_font`, asked once per font)."""

    def __init__(self, descents: Descents) -> None:
        self.descents = descents
        self.known: dict[int, _Font] = {}

    def of(self, font: Any) -> _Font:
        key = _address(font)
        if key not in self.known:
            self.known[key] = _font(font, self.descents)
        return self.known[key]


def _blank_spaces(texts: TextObjects, place: _Place, seen: set[int], fonts: _Fonts) -> list[Obj]:
    """The spaces of the text objects pdfium's text page leaves out, which pdfminer reads.

    pdfium skips a text object whose glyphs have no ink (its box has no width, or its spaces follow
    a space): office exports write the space between two words as a text object of its own, often
    kerned back under the next word ("DAERAH KABUPATEN" with "K" 0.2pt after "H"), and without it
    the two words run together. Each such object gives one zero-width space at its origin, as
    pdfium's generated spaces (the words break there as at pdfminer's spaces). A left-out object
    that draws ink is something else pdfium drops (an overprint): the file is read by pdfminer.
    """
    out: list[Obj] = []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    size = ctypes.c_float()
    for obj, ctm in texts:
        if _address(obj) in seen:
            continue
        pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
        if abs(top.value - bottom.value) > 0.01:
            raise Fallback(f"page {place.number}: pdfium leaves out a text object that draws ink")
        font = pdfium_c.FPDFTextObj_GetFont(obj)
        if not font or not pdfium_c.FPDFTextObj_GetFontSize(obj, size):
            continue
        matrix = multiply(object_matrix(obj), ctm)
        run = _run(matrix, size.value, place.frame, font, fonts.of(font))
        x, y = matrix[4], matrix[5]
        out.append(place.char(" ", x, x, y, run))
    return out


def _chars(
    page: pdfium.PdfPage, frame: Frame, number: int, descents: Descents, texts: TextObjects
) -> list[Obj]:
    """The page's characters; of pdfium's generated ones only spaces, as zero-width separators; and
    a zero-width space for each blank text object pdfium's text page leaves out (`_blank_spaces`)."""
    textpage = page.get_textpage()
    try:
        handle = textpage.raw
        rect = pdfium_c.FS_RECTF()
        ox, oy = ctypes.c_double(), ctypes.c_double()
        place = _Place(frame, number)
        fonts = _Fonts(descents)
        runs: dict[int, _Run] = {}  # by text object
        run: _Run | None = None
        baseline = 0.0  # of the last drawn character (a generated space stands on it)
        out: list[Obj] = []
        raw_handle = ctypes.cast(handle, ctypes.c_void_p).value
        for i, text in enumerate(_page_text(handle)):
            if text in _SKIP_TEXT or not pdfium_c.FPDFText_GetLooseCharBox(handle, i, rect):
                continue
            # pdfium generates only spaces and line breaks; it takes some drawn spaces for its own
            # word breaks: keep those as breaks, or words a narrow space parts would run together
            if text == " " and pdfium_c.FPDFText_IsGenerated(handle, i):
                if run is None:
                    continue
                out.append(place.char(text, rect.left, rect.left, baseline, run))
                continue
            if text in _LINE_END_HYPHEN:  # the "-" is drawn: pdfminer reads it as such
                text = "-"
            elif pdfium_c.FPDFText_HasUnicodeMapError(handle, i):
                raise PageFallback(f"page {number}: character {i} has no Unicode mapping in pdfium")
            key = _text_object(raw_handle, i) or 0
            run = runs.get(key)
            if run is None:
                font = pdfium_c.FPDFTextObj_GetFont(pdfium_c.FPDFText_GetTextObject(handle, i))
                run = runs[key] = _char_run(handle, i, frame, font, fonts.of(font))
            # the advance width is the loose box's right edge; its left takes in a glyph reaching
            # back ("j"), so the box starts at the origin
            pdfium_c.FPDFText_GetCharOrigin(handle, i, ox, oy)
            baseline = oy.value
            out.append(place.char(text, ox.value, rect.right, baseline, run))
        return out + _blank_spaces(texts, place, set(runs), fonts)
    finally:
        textpage.close()


def read_page(page: pdfium.PdfPage, number: int, descents: Descents, plumber: Any = None) -> PdfiumPage:
    """One pdfium page -> its drawn objects in pdfplumber's form."""
    if page.get_rotation() % 360:
        # pdfminer turns a rotated page's text with the page; its words run as pdfplumber groups
        # them there, which pdfium's upright reading does not reproduce
        raise Fallback(f"page {number}: rotated")
    frame, width, height = page_frame(page)
    drawn, texts = drawings(page, frame, number)
    chars = _chars(page, frame, number, descents, texts)
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

    One page of each file (`check_page`) is read both ways: a producer whose text pdfium reads
    otherwise than pdfminer mostly shows there, and the file is then read by pdfminer. Each word is
    matched to one of the reference's with its text near its place (a sort by rounded position
    would part two readings 0.03pt apart that round to either side).
    """
    if fast is reference:
        return True
    a, b = words(fast), words(reference)
    if len(a) != len(b):
        return False
    left: dict[str, list[Obj]] = {}
    for w in b:
        left.setdefault(w["text"], []).append(w)
    near = lambda x, y: abs(x["x0"] - y["x0"]) <= 0.5 and abs(x["top"] - y["top"]) <= 0.5  # noqa: E731
    for w in a:
        same = left.get(w["text"], [])
        hit = next((i for i, y in enumerate(same) if near(w, y)), None)
        if hit is None:
            return False
        same.pop(hit)
    return True


def read_pages(pdf: pdfium.PdfDocument, plumber_pages: list[Any], descents: Descents) -> list[Any] | None:
    """Every page of the PDF (opened by pdfium, `pdf_guard.open_pdfium`) read by pdfium, or None when
    pdfium counts other pages, or may read one of them otherwise than pdfminer (`Fallback`: kerned
    letters, rotation); the pictures of every page are checked against the pixel cap either way."""
    if len(pdf) != len(plumber_pages):
        check_images(pdf)
        return None
    out = []
    for i, plumber in enumerate(plumber_pages):
        page = pdf[i]
        try:
            out.append(read_page(page, i + 1, descents, plumber))
        except PageFallback:
            out.append(plumber)
        except Fallback:
            check_images(pdf, i)
            return None  # one page pdfium may read otherwise: pdfminer reads the whole file
        finally:
            page.close()
    return out
