"""Table cells whose content is a picture (an equation pasted from an equation editor) are OCR'd.

A digital table cell with no text but an embedded image over most of its area is read with
tesseract. A stacked fraction in the picture — a long ink bar with text above and below it — becomes
a drawn `Fraction`: the text above the bar, the text below it, and what stands right of the bar
("x 100%") after it.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from statistics import fmean
from typing import Any

import numpy as np

from parsers.model import Cell, Fraction, Paragraph
from parsers.ocr import binarise, read_words, tesseract_lang
from parsers.pdf_text import BBox, Obj, cell_text, group_lines
from problems import Problem, guard

RESOLUTION = 300  # dpi the picture is rendered at
LINE_CONFIG = "--psm 7"  # a picture without a bar: one text line
BLOCK_CONFIG = "--psm 11"  # a fraction picture, its bar whited out: sparse words, cut by their boxes
BAR_MARGIN = 2  # pixels whited out above and below a bar: its anti-aliased edge rows
PAD = 20  # white pixels around a picture: tesseract reads glyphs touching the edge badly
QUOTES = re.compile(r"['\"‘’“”`]")  # no quote mark belongs in what multiplies a fraction
MIN_BAR_SHARE = 0.5  # an ink row this share of the picture wide is a fraction bar
MIN_IMAGE_SHARE = 0.3  # a picture covering this share of the cell is the cell's content
MIN_CONFIDENCE = 0.6  # below this mean word confidence the picture is no text (a logo, a stamp)


def _inside(box: BBox, outer: BBox, pad: float = 1.0) -> bool:
    """True when the centre of `box` lies inside `outer` (grown by pad)."""
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return outer[0] - pad <= cx <= outer[2] + pad and outer[1] - pad <= cy <= outer[3] + pad


def _covers(image: Obj, box: BBox) -> bool:
    x0, top = max(image["x0"], box[0]), max(image["top"], box[1])
    x1, bottom = min(image["x1"], box[2]), min(image["bottom"], box[3])
    inside = max(0.0, x1 - x0) * max(0.0, bottom - top)
    cell = (box[2] - box[0]) * (box[3] - box[1])
    return inside > 0.9 * (image["x1"] - image["x0"]) * (image["bottom"] - image["top"]) and (
        inside >= MIN_IMAGE_SHARE * cell
    )


def open_renderer(pdf: Any) -> Any:
    """The file of a pdfplumber PDF opened by pdfium, to render picture regions from (close it)."""
    import pypdfium2

    if pdf.path is None:
        pdf.stream.seek(0)
    return pypdfium2.PdfDocument(pdf.path or pdf.stream, password=pdf.password)


def _grey(page: Any, image: Obj, renderer: Callable[[Any], Any]) -> np.ndarray:
    """The picture's region of the page rendered grey at RESOLUTION: the pixels pdfplumber's
    `page.crop(bbox).to_image(resolution=RESOLUTION)` gives, without rendering the whole page first
    (pdfium renders the region alone, the page shifted by the crop's whole pixels). `renderer`: a
    pdfplumber PDF -> its file opened by pdfium (`open_renderer`; PictureCells opens it once)."""
    bbox = (image["x0"], image["top"], image["x1"], image["bottom"])
    cropped = page.crop(bbox)
    pixels = _crop_pixels(cropped)
    if pixels is None:
        return np.asarray(cropped.to_image(resolution=RESOLUTION).original.convert("L"))
    scale = RESOLUTION / 72
    crop = tuple((px - 0.5) / scale for px in pixels)  # pypdfium2 takes ceil(points * scale)
    pdf_page = renderer(cropped.pdf)[cropped.page_number - 1]
    try:
        bitmap = pdf_page.render(
            scale=scale,
            crop=crop,
            no_smoothtext=True,
            no_smoothpath=True,
            no_smoothimage=True,
            prefer_bgrx=True,
        )
        return np.asarray(bitmap.to_pil().convert("RGB").convert("L"))
    finally:
        pdf_page.close()


def _crop_pixels(cropped: Any) -> tuple[int, int, int, int] | None:
    """The pixels (left, bottom, right, top) pdfplumber's to_image cuts off the whole page's
    rendering for this crop (its own arithmetic), or None when the crop is no plain inner region."""
    scale = RESOLUTION / 72
    x0, top, x1, bottom = cropped.cropbox
    width, height = math.ceil((x1 - x0) * scale), math.ceil((bottom - top) * scale)
    image_scale = width / (x1 - x0)
    b0, b1, b2, b3 = cropped.bbox
    left, upper = int((x0 - b0) * image_scale), int((top - b1) * image_scale)
    right, lower = int((b2 - b0) * image_scale) - left, int((b3 - b1) * image_scale) - upper
    left, upper = -left, -upper
    if cropped.rotation or not (0 < left < right < width and 0 < upper < lower < height):
        return None
    return left, height - lower, width - right, upper


def _read(grey: np.ndarray, lang: str, cmd: str) -> tuple[str, list[float]]:
    """Text of one region (one line) and its word confidences."""
    if grey.size == 0 or grey.shape[0] < 8 or grey.shape[1] < 8:
        return "", []
    padded = np.pad(grey, PAD, constant_values=255)
    words = read_words(padded, lang, cmd, 1.0, LINE_CONFIG)
    return " ".join(w["text"] for w in words), [float(w["conf"]) for w in words]


def _bar(ink: np.ndarray) -> tuple[int, int, int, int] | None:
    """(first row, last row, left, right) of the widest thin horizontal ink run, if it is a bar."""
    rows = np.flatnonzero((ink > 0).sum(axis=1) >= MIN_BAR_SHARE * ink.shape[1])
    if rows.size == 0 or rows[0] == 0 or rows[-1] >= ink.shape[0] - 1:
        return None
    first = last = int(rows[0])
    while last + 1 < ink.shape[0] and last + 1 in rows:
        last += 1
    # the bar is the longest unbroken ink run of its rows ("x 100%" beside it stands apart)
    runs = np.diff(np.concatenate(([0], (ink[first : last + 1].min(axis=0) > 0).astype(int), [0])))
    starts, ends = np.flatnonzero(runs == 1), np.flatnonzero(runs == -1)
    if starts.size == 0:
        return None
    widest = int(np.argmax(ends - starts))
    return first, last, int(starts[widest]), int(ends[widest]) - 1


def _read_around_bar(
    grey: np.ndarray, bar: tuple[int, int, int, int], lang: str, cmd: str
) -> tuple[str, str, str, list[float]]:
    """Numerator, denominator, the part right of the bar and the word confidences, from one
    tesseract pass over the picture with its bar whited out.

    A word stands right of the bar when it starts past the bar's end, or when its box spans the
    bar's rows and reaches past the bar's end: nothing above or below a bar reaches through its
    line, so such a word is on that line — the italic "x" of "x 100%" leans back over the bar's
    end. The right part is
    one line, read left to right, without the quote marks tesseract reads into an italic "x".
    Every other word goes above or below the bar's middle, in reading order."""
    first, last, left, right = bar
    blank = grey.copy()
    rows = slice(max(0, first - BAR_MARGIN), last + 1 + BAR_MARGIN)
    blank[rows, max(0, left - BAR_MARGIN) : right + 1 + BAR_MARGIN] = 255  # with its grey edges
    padded = np.pad(blank, PAD, constant_values=255)
    words = read_words(padded, lang, cmd, 1.0, BLOCK_CONFIG)
    top, bottom, middle = first + PAD, last + PAD, (first + last) / 2 + PAD
    num: list[Obj] = []
    den: list[Obj] = []
    after: list[Obj] = []
    for w in words:
        crosses = w["top"] <= top and w["bottom"] >= bottom and w["x1"] > right + PAD
        if w["x0"] >= right + 2 + PAD or crosses:
            after.append(w)
        else:
            (num if (w["top"] + w["bottom"]) / 2 < middle else den).append(w)

    def text(ws: list[Obj]) -> str:
        """Words in reading order: visual lines top to bottom, each left to right."""
        return " ".join(line.text for line in group_lines(ws))

    right_part = " ".join(w["text"] for w in sorted(after, key=lambda w: w["x0"]))
    right_part = " ".join(QUOTES.sub("", right_part).split())
    return text(num), text(den), right_part, [float(w["conf"]) for w in words]


def picture_paragraphs(grey: np.ndarray, lang: str, cmd: str) -> tuple[list[Paragraph], list[float]]:
    """A grey picture -> its paragraphs (a stacked fraction as one drawn Fraction), word confidences."""
    bar = _bar(binarise(grey))
    if bar is None:
        text, confs = _read(grey, lang, cmd)
        return ([text] if text else []), confs
    num, den, after, confs = _read_around_bar(grey, bar, lang, cmd)
    if re.fullmatch(r"\d[\d.]*\s*%?", after):
        # tesseract drops a lone italic math "x" before the constant; a bare constant right of a
        # fraction bar is what the fraction is multiplied by
        after = f"x {after}"
    if not (num and den):
        return [x for x in (num, den, after) if x], confs
    return [Fraction(num, den, "", after, drawn=True)], confs


@contextmanager
def _one_thread() -> Iterator[None]:
    """Tesseract on one thread while the block runs: on a picture this small its OpenMP threads
    spend more CPU waiting on each other than they save (0.9 -> 0.5 s per fraction picture)."""
    before = os.environ.get("OMP_THREAD_LIMIT")
    os.environ["OMP_THREAD_LIMIT"] = "1"
    try:
        yield
    finally:
        if before is None:
            del os.environ["OMP_THREAD_LIMIT"]
        else:
            os.environ["OMP_THREAD_LIMIT"] = before


def image_cell(page: Any, box: BBox, renderer: Callable[[Any], Any]) -> Cell | None:
    """The OCR'd content of a text-less cell that holds a picture; None when it holds none.
    `renderer`: see `_grey`."""
    images = [im for im in page.images if _covers(im, box)]
    if not images:
        return None
    import pytesseract

    cmd = pytesseract.pytesseract.tesseract_cmd
    lang = tesseract_lang(cmd)
    paragraphs: list[Paragraph] = []
    confs: list[float] = []
    with _one_thread():
        for image in sorted(images, key=lambda im: (im["top"], im["x0"])):
            found, c = picture_paragraphs(_grey(page, image, renderer), lang, cmd)
            paragraphs += found
            confs += c
    confidence = fmean(confs) / 100 if confs else 0.0
    if not paragraphs or confidence < MIN_CONFIDENCE:
        return None
    text = cell_text(tuple(paragraphs))
    return Cell(text=text, paragraphs=tuple(paragraphs), raw=text, confidence=confidence)


class PictureCells:
    """The picture cells of one page, read one by one (`image_cell`) with the file opened by pdfium
    once for all of them, on the first picture that needs it; `close()` closes it.

    A cell whose picture cannot be read costs that cell only: it keeps what the PDF has for it
    (None here). Its `cell-failed` issue is kept apart, once per cell however often the page's
    table finders ask for it, until `report` says which tables the page kept: a failed cell of a
    table candidate the finders dropped is no loss, so no issue.
    """

    def __init__(self, page: Any) -> None:
        self._page = page
        self._failed: dict[BBox, list[Problem]] = {}
        self._renderer: Any = None

    def _open(self, pdf: Any) -> Any:
        if self._renderer is None:
            self._renderer = open_renderer(pdf)
        return self._renderer

    def __call__(self, box: BBox) -> Cell | None:
        if box in self._failed:
            return None
        where = f"the picture in the table cell at x {box[0]:.0f}, y {box[1]:.0f} pt"
        issues: list[Problem] = []
        read = lambda: image_cell(self._page, box, self._open)  # noqa: E731
        cell = guard.cell(where, read, None, issues, self._page.page_number)
        if issues:
            self._failed[box] = issues
        return cell

    def report(self, kept: list[BBox]) -> list[Problem]:
        """The `cell-failed` issues of the cells inside the tables the page kept (`kept`: their boxes)."""
        return [
            issue
            for box, issues in self._failed.items()
            if any(_inside(box, table) for table in kept)
            for issue in issues
        ]

    def close(self) -> None:
        if self._renderer is not None:
            self._renderer.close()
            self._renderer = None
