"""How sharp a scanned page really is, and a low-resolution scan brought to OCR resolution.

A page rendered at 300 dpi is only as sharp as the scan inside it: a ~70-dpi scan rendered by
pdfium at 300 dpi gives glyphs whose strokes blur into one another, and Otsu's threshold then
closes the letters of a line into runs that pass for ruling lines. The effective resolution of a
page is the pixel density of the image that covers it (its pixel size against the size it is drawn
at). Below LOW_DPI the page's own image pixels are scaled up with bicubic interpolation and
sharpened by an unsharp mask (word read rate on the ~70-dpi dev scan 0.10 -> 0.50 with the steps
below, before the unsharp mask), only ruling that has paper on both sides is erased
(parsers/ocr_grid.paper_sided), and the table cells are read one at a time, each from the Otsu
mask, the grey and the darkened grey: a very blurred scan reads better from the grey, a sharper
one from the mask, and each misreads other words, so the readings are combined word by word
against the lexicon (parsers/ocr_vote.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from statistics import fmean

import numpy as np

from parsers.lazy import lazy
from parsers.ocr_grid import Grid
from parsers.ocr_vote import combine, has_unknown, numbers_taken, surest, with_alternatives
from parsers.pdf_text import BBox, Obj

cv2 = lazy("cv2")  # imported when a low-resolution scan is read: a digital PDF never needs OpenCV

Reader = Callable[[np.ndarray], list[Obj]]  # tesseract words of an image, in points of that image

LOW_DPI = 150.0  # a page image sparser than this is a low-resolution scan
MIN_COVER = 0.8  # share of the page area the image must cover to be the page's scan
CELL_INSET_PT = 1.5  # a cell is read this far inside its ruling (a blurred line is wider than erased)
CELL_PAD_PT = 3.0  # paper put around a cell read on its own (tesseract wants a margin)
SURE_CONF = 90.0  # a reading this sure (mean tesseract word confidence) is not read again otherwise
INK_LEVEL = 128  # a cell whose darkest pixel is lighter than this holds no print
DARKEN_GAMMA = 2.0  # the third preparation of a low-resolution page: the grey with darker mid tones
UNSHARP_SIGMA_PT = 0.72  # unsharp mask of the upscaled scan: the blur taken off (gaussian sigma, points)
UNSHARP_AMOUNT = 0.8  # ... and how much of the difference is added back


@dataclass(frozen=True)
class PageImage:
    """The scan of one page: its pixel density and where it is drawn (points, top-left origin)."""

    dpi: float
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def low(self) -> bool:
        return self.dpi < LOW_DPI


def _scan_image(page: object, width: float, height: float) -> tuple[object, PageImage] | None:
    """The image object drawn over most of an unrotated page, upright and unflipped, with its density."""
    import pypdfium2.raw as pdfium_c

    best: tuple[object, PageImage] | None = None
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=3):  # type: ignore[attr-defined]
        a, b, c, d, _, _ = obj.get_matrix().get()
        if b or c or a <= 0 or d <= 0:  # turned or mirrored: left to pdfium's render
            continue
        left, bottom, right, top = obj.get_bounds()
        px_w, px_h = obj.get_px_size()
        drawn_w, drawn_h = right - left, top - bottom
        if drawn_w <= 0 or drawn_h <= 0 or drawn_w * drawn_h < MIN_COVER * width * height:
            continue
        dpi = min(px_w / drawn_w, px_h / drawn_h) * 72
        image = PageImage(dpi, left, height - top, right, height - bottom)
        if best is None or drawn_w * drawn_h > (best[1].x1 - best[1].x0) * (best[1].bottom - best[1].top):
            best = (obj, image)
    return best


def page_image(path: Path, index: int) -> PageImage | None:
    """The scan covering the page (0-based index), or None (vector page, rotated page, small pictures)."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        page = doc[index]
        width, height = page.get_size()
        found = _scan_image(page, width, height) if page.get_rotation() == 0 else None
        page.close()
    finally:
        doc.close()
    return found[1] if found else None


def upscaled_scan(path: Path, index: int, dpi: int) -> np.ndarray | None:
    """A low-resolution scan's own pixels scaled up bicubically onto paper at dpi (grey); None when
    the page (0-based index) holds no scan sparser than LOW_DPI, or pdfium cannot hand its pixels."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        page = doc[index]
        width, height = page.get_size()
        found = _scan_image(page, width, height) if page.get_rotation() == 0 else None
        pixels = None
        if found is not None and found[1].low:
            try:
                pixels = found[0].get_bitmap(render=False).to_numpy()  # type: ignore[attr-defined]
            except (pdfium.PdfiumError, ValueError):  # an image format pdfium will not hand out raw
                pixels = None
        page.close()
    finally:
        doc.close()
    if found is None or pixels is None:
        return None
    return sharpened(_on_paper(_grey(pixels), found[1], width, height, dpi / 72), dpi / 72)


def _grey(pixels: np.ndarray) -> np.ndarray:
    """An image's pixels (grey, BGR or BGRA from pdfium) as one grey channel."""
    if pixels.ndim == 2:
        return pixels.astype(np.uint8)
    if pixels.shape[2] == 1:
        return pixels[:, :, 0].astype(np.uint8)
    return cv2.cvtColor(pixels[:, :, :3].astype(np.uint8), cv2.COLOR_BGR2GRAY)


def _on_paper(grey: np.ndarray, image: PageImage, width: float, height: float, scale: float) -> np.ndarray:
    """The scan resized bicubically to where it is drawn, on a white page of the page's size."""
    page = np.full((round(height * scale), round(width * scale)), 255, np.uint8)
    x0, y0 = max(0, round(image.x0 * scale)), max(0, round(image.top * scale))
    x1, y1 = min(page.shape[1], round(image.x1 * scale)), min(page.shape[0], round(image.bottom * scale))
    if x1 > x0 and y1 > y0:
        page[y0:y1, x0:x1] = cv2.resize(grey, (x1 - x0, y1 - y0), interpolation=cv2.INTER_CUBIC)
    return page


def sharpened(grey: np.ndarray, scale: float) -> np.ndarray:
    """The upscaled grey with an unsharp mask: interpolation leaves a small glyph's strokes as soft
    ramps that run into each other; taking off some of the blur gives tesseract edges again (word
    read rate on 60-dpi fixture scans 0.73 -> 0.79 with the spelling of parsers/ocr_spell.py)."""
    blur = cv2.GaussianBlur(grey, (0, 0), UNSHARP_SIGMA_PT * scale)
    return cv2.addWeighted(grey, 1 + UNSHARP_AMOUNT, blur, -UNSHARP_AMOUNT, 0)


def darkened(grey: np.ndarray) -> np.ndarray:
    """The grey page with its mid tones pushed to ink (gamma DARKEN_GAMMA): thin blurred strokes
    tesseract's own threshold loses in the plain grey come out, paper stays paper."""
    table = (np.linspace(0.0, 1.0, 256) ** DARKEN_GAMMA * 255).round().astype(np.uint8)
    return cv2.LUT(grey, table)


def paper_grey(grey: np.ndarray, erase: np.ndarray) -> np.ndarray:
    """The grey page with its erased ruling made paper: a blurred scan's strokes as tesseract sees them.

    Otsu's mask of a very blurred scan fattens faint strokes into blots; tesseract's own threshold
    of the grey keeps them apart. A sharper low-resolution scan reads better from the mask.
    """
    clean = grey.copy()
    clean[erase > 0] = 255
    return clean


def read_by_cell(
    images: tuple[np.ndarray, ...],
    donors: tuple[np.ndarray, ...],
    grids: list[Grid],
    scale: float,
    read: Reader,
) -> list[Obj]:
    """Words of a page read cell by cell inside its ruled tables, and once for the rest of the page;
    each region from whichever of the images (same page, prepared apart) tesseract is surer of,
    its words the lexicon lacks replaced by known words the other images and the donors read there.

    Tesseract's single-block mode over a whole page runs narrow columns of small, blurred print
    into one another and drops words; one cell at a time it reads each column as its own block.
    """
    boxes = [g.box_of(cell) for g in grids for cell in sorted({c for row in g.groups for c in row})]
    words = _voted(read, [_outside(image, boxes, scale) for image in images + donors], len(images))
    pad, inset = round(CELL_PAD_PT * scale), round(CELL_INSET_PT * scale)
    for x0, y0, x1, y1 in boxes:
        left, top = round(x0 * scale) + inset, round(y0 * scale) + inset
        crops = [
            i[top : round(y1 * scale) - inset, left : round(x1 * scale) - inset] for i in images + donors
        ]
        if any(c.size == 0 for c in crops) or all(int(c.min()) > INK_LEVEL for c in crops):
            continue  # an empty cell: nothing to read
        dx, dy = left / scale - CELL_PAD_PT, top / scale - CELL_PAD_PT
        framed = [_framed(c, pad) for c in crops]
        words += [_moved(w, dx, dy) for w in _voted(read, framed, len(images))]
    return words


def _voted(read: Reader, images: list[np.ndarray], bases: int) -> list[Obj]:
    """One region read from its first `bases` images, one at a time (one SURE_CONF sure ends it),
    the surest reading combined word by word with the others (parsers/ocr_vote.py); the donor
    images after them are read only when that reading still holds a word the lexicon lacks."""
    made: list[list[Obj]] = []
    for image in images[:bases]:
        made.append(read(image))
        if made[-1] and fmean(float(w["conf"]) for w in made[-1]) >= SURE_CONF:
            break
    surer = surest(made)
    base = numbers_taken(surer, made)
    if not has_unknown(base):
        return with_alternatives(base, made)
    made += [read(image) for image in images[bases:]]
    return with_alternatives(combine(base, [m for m in made if m is not surer]), made)


def _outside(image: np.ndarray, boxes: list[BBox], scale: float) -> np.ndarray:
    """The page image with the cells made paper: what is left to read outside the tables."""
    rest = image.copy()
    for x0, y0, x1, y1 in boxes:
        rest[round(y0 * scale) : round(y1 * scale), round(x0 * scale) : round(x1 * scale)] = 255
    return rest


def _framed(crop: np.ndarray, pad: int) -> np.ndarray:
    """A cell crop with a margin of its own paper: white around a shaded cell makes the shading ink."""
    return cv2.copyMakeBorder(crop, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=int(np.median(crop)))


def _moved(word: Obj, dx: float, dy: float) -> Obj:
    """A word box read in a crop, moved to page points."""
    return {
        **word,
        "x0": word["x0"] + dx,
        "x1": word["x1"] + dx,
        "top": word["top"] + dy,
        "bottom": word["bottom"] + dy,
    }
