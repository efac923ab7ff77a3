"""Image-only PDF pages -> text lines and ruled tables by OCR (tesseract), one page per worker process.

Each page is rendered with pypdfium2 at OCR_DPI (tesseract reads best near 300 dpi, so lower
resolution scans are scaled up; below 150 dpi from the scan's own pixels and read cell by cell,
parsers/ocr_resolution.py, their misreadings spelt against the lexicon, parsers/ocr_spell.py),
turned upright when its text runs vertically or stands on its head, deskewed and binarised, as
tesseract's "Improving the quality of the output" advises; orientation and skew come from cheap
projection tests, not from a second tesseract run (OSD).
Ruling lines are found in the image (parsers/ocr_grid.py) and erased before tesseract reads the
words (`image_to_data`, `ind+eng`), so table cells are filled from word boxes, never from one
flat text stream. Pages are spread over a process pool (OMP_THREAD_LIMIT=1 per process); every
worker renders its own page, so no page image crosses a process boundary or waits in memory.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import re
import shutil
import subprocess
import tempfile
import time
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from statistics import fmean
from typing import Any

import numpy as np

from parsers.errors import ParseError
from parsers.lazy import lazy
from parsers.ocr_correct import correct_words
from parsers.ocr_grid import (
    faint_line_masks,
    find_grids,
    grid_mask,
    grid_table,
    line_masks,
    paper_sided,
    segments,
)
from parsers.ocr_resolution import (
    LOW_DPI,
    darkened,
    paper_grey,
    read_by_cell,
    upscaled_scan,
)
from parsers.ocr_rowsplit import split_rows
from parsers.ocr_second import joined, read_low_page, reread_lines
from parsers.ocr_shade import unshaded
from parsers.ocr_shapes import reshaped
from parsers.ocr_spell import spell_words
from parsers.pdf_tables import PageData
from parsers.pdf_text import Obj, centre_in, group_lines, words_of
from parsers.text_layer import LayerQuality, layer_quality

cv2 = lazy("cv2")  # imported when OCR runs: a digital PDF never needs OpenCV

OCR_DPI = 300
LANGS = ("ind", "eng")
TESSERACT_CONFIG = os.environ.get("LK_PSM", "--psm 6")
MIN_TEXT_CHARS = 10  # a text layer with fewer readable characters is no text layer
MIN_READABLE_SHARE = 0.7  # ... or with a smaller share of readable characters (broken encodings)
MIN_BALANCE_INK = 500  # ink pixels (half resolution) in text lines needed to judge up from down
UPSIDE_DOWN_MARGIN = 0.1  # ascender balance below minus this: an upright-looking page is upside down
MIN_WORD_CONF = 10.0  # tesseract words below this confidence with no letter or digit are specks
_READABLE = re.compile(r"[\w\s.,;:()/%&+=\-'\"•–—]")


@dataclass
class OcrPage(PageData):
    """What OCR makes of one page: the same parts the digital reader yields, in points, plus figures."""

    rotation: int = 0  # degrees the image was turned clockwise to stand upright
    skew: float = 0.0  # degrees of skew removed
    words: int = 0
    seconds: float = 0.0
    confidence: float | None = None  # mean word confidence of the page (0..1)
    low_resolution: bool = False  # a scan sparser than LOW_DPI, scaled up before it was read


# ---------------------------------------------------------------------------------- text layer


def usable_text(chars: list[Obj]) -> bool:
    """True when the page's text layer is real text: enough characters, mostly readable ones."""
    texts = [str(c.get("text", "")) for c in chars]
    readable = sum(1 for t in texts if t and "(cid:" not in t and all(_READABLE.match(ch) for ch in t))
    return readable >= MIN_TEXT_CHARS and readable >= MIN_READABLE_SHARE * len(texts)


def page_layer_quality(page: Any) -> LayerQuality:
    """How much the pdfplumber page's text layer looks like text (parsers/text_layer.py)."""
    return layer_quality(w["text"] for w in words_of(page.chars))


def needs_ocr(page: Any, quality: LayerQuality | None = None) -> bool:
    """True for a pdfplumber page that still draws something (a scan) but whose text layer is
    missing, unreadable, or garbage (an earlier, poor OCR's words the language does not have)."""
    if usable_text(page.chars) and not (quality or page_layer_quality(page)).garbage():
        return False
    return bool(page.images or page.chars or page.curves or page.rects)


# ---------------------------------------------------------------------------------- tesseract


@functools.lru_cache(maxsize=8)
def _languages(cmd: str) -> tuple[str, ...]:
    import pytesseract

    pytesseract.pytesseract.tesseract_cmd = cmd
    return tuple(pytesseract.get_languages(config=""))


@functools.cache
def tesseract_identity(cmd: str = "tesseract") -> str:
    """`tesseract --version` and the installed languages (once per process); "absent" when it cannot run."""
    try:
        version = subprocess.run([cmd, "--version"], capture_output=True, text=True, timeout=30, check=True)
        langs = subprocess.run([cmd, "--list-langs"], capture_output=True, text=True, timeout=30, check=True)
    except (OSError, subprocess.SubprocessError):
        return "absent"
    first = (version.stdout or version.stderr).strip().splitlines()[:1]
    installed = sorted(line.strip() for line in langs.stdout.splitlines()[1:] if line.strip())
    return f"{first[0] if first else '?'} langs={'+'.join(installed)}"


def ocr_settings() -> dict[str, str]:
    """Every OCR setting and the tesseract build that shape what OCR reads (the cache fingerprint)."""
    return {
        "dpi": str(OCR_DPI),
        "low_dpi": str(LOW_DPI),
        "langs": "+".join(LANGS),
        "config": TESSERACT_CONFIG,
        "min_word_conf": str(MIN_WORD_CONF),
        "tesseract": tesseract_identity(),
    }


def tesseract_lang(cmd: str | None = None) -> str:
    """The `-l` value to use (ind+eng, or what of it is installed); ParseError ocr-unavailable if none."""
    import pytesseract

    cmd = cmd or pytesseract.pytesseract.tesseract_cmd
    if shutil.which(cmd) is None:
        raise ParseError(
            "ocr-unavailable",
            reason=f"tesseract is not installed: '{cmd}' was not found; install tesseract-ocr and "
            "tesseract-ocr-ind (make sysdeps)",
        )
    try:
        installed = _languages(cmd)
    except Exception as exc:
        raise ParseError("ocr-unavailable", reason=f"tesseract cannot be run: {exc}") from exc
    langs = [lang for lang in LANGS if lang in installed]
    if not langs:
        raise ParseError("ocr-unavailable", reason=f"tesseract has none of the languages {'+'.join(LANGS)}")
    return "+".join(langs)


def read_words(
    image: np.ndarray, lang: str, cmd: str, scale: float, config: str = TESSERACT_CONFIG
) -> list[Obj]:
    """Tesseract word boxes (image_to_data TSV) -> word dicts in points with a `conf` of 0..100."""
    import pytesseract

    pytesseract.pytesseract.tesseract_cmd = cmd
    # handed over as an uncompressed PGM file: pytesseract would encode a PNG, a third of a
    # second per 300-dpi page spent compressing pixels that tesseract decompresses again
    with tempfile.TemporaryDirectory(prefix="lk-ocr-") as tmp:
        image_path = os.path.join(tmp, "page.pgm")
        if not cv2.imwrite(image_path, image):
            raise OSError(f"could not write the page image to {image_path}")
        data = pytesseract.image_to_data(
            image_path, lang=lang, config=config, output_type=pytesseract.Output.DICT
        )
    words: list[Obj] = []
    for text, conf, left, top, width, height in zip(
        data["text"], data["conf"], data["left"], data["top"], data["width"], data["height"], strict=True
    ):
        text, conf = str(text).strip(), float(conf)
        if not text or conf < 0 or (conf < MIN_WORD_CONF and not any(ch.isalnum() for ch in text)):
            continue
        words.append(
            {
                "text": text,
                "x0": left / scale,
                "x1": (left + width) / scale,
                "top": top / scale,
                "bottom": (top + height) / scale,
                "conf": conf,
            }
        )
    return words


# ---------------------------------------------------------------------------------- image steps


def render(path: Path, index: int, dpi: int) -> np.ndarray:
    """One page (0-based index) as a grey image at dpi, /Rotate applied."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        page = doc[index]
        bitmap = page.render(scale=dpi / 72, grayscale=True)
        grey = np.array(bitmap.to_numpy(), dtype=np.uint8)
        page.close()
    finally:
        doc.close()
    return grey.reshape(grey.shape[0], grey.shape[1], -1)[:, :, 0]


def binarise(grey: np.ndarray) -> np.ndarray:
    """Ink mask (255 = ink): speckle noise smoothed away, then Otsu's threshold."""
    smooth = cv2.medianBlur(grey, 3)
    _, ink = cv2.threshold(smooth, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return ink


def _text_blobs(ink: np.ndarray, kernel: tuple[int, int]) -> list[tuple[float, float, float]]:
    """(length, thickness, angle) of the blobs the ink forms when smeared along one axis."""
    smeared = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, kernel))
    contours, _ = cv2.findContours(smeared, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    out = []
    for c in contours:
        (_, _), (w, h), angle = cv2.minAreaRect(c)
        if w < h:
            w, h, angle = h, w, angle - 90
        out.append((w, h, (angle + 90) % 180 - 90))  # slope of the long side, in [-90, 90)
    return out


def is_sideways(ink: np.ndarray, scale: float) -> bool:
    """True when the text runs vertically: smearing along y makes more long thin blobs than along x."""
    small = cv2.resize(ink, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    small = cv2.threshold(small, 64, 255, cv2.THRESH_BINARY)[1]
    k = max(3, round(1.2 * scale))  # about the gap between words at a quarter of the resolution

    def lines(kernel: tuple[int, int], want: float) -> float:
        return sum(w for w, h, a in _text_blobs(small, kernel) if w >= 4 * h and abs(abs(a) - want) < 20)

    return lines((1, k), 90) > 1.5 * lines((k, 1), 0)


def _alignment(small: np.ndarray, angle: float) -> float:
    """How sharply the ink rows separate after turning by angle: sum of squared row-to-row changes."""
    h, w = small.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    rows = cv2.warpAffine(small, matrix, (w, h), flags=cv2.INTER_NEAREST).sum(axis=1, dtype=np.float64)
    return float(np.sum(np.diff(rows) ** 2))


def skew_angle(ink: np.ndarray, scale: float, limit: float = 3.0) -> float:
    """Skew in degrees (positive = the content is turned counter-clockwise), within +-limit.

    Projection-profile search, as Leptonica (tesseract's image library) does it: the angle at which
    text lines and ruling lines make the sharpest row profile; coarse steps, then 0.05 degrees.
    """
    factor = min(1.0, 100 / (72 * scale))  # about 100 dpi is plenty for the profile
    small = cv2.resize(ink, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    coarse = max(np.arange(-limit, limit + 1e-9, 0.25), key=lambda a: _alignment(small, float(a)))
    fine = np.arange(coarse - 0.25, coarse + 0.25 + 1e-9, 0.05)
    return -float(max(fine, key=lambda a: _alignment(small, float(a))))


def rotate(grey: np.ndarray, angle: float) -> np.ndarray:
    """Rotate the image by angle degrees (counter-clockwise positive), edges filled with paper."""
    h, w = grey.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    paper = int(np.percentile(grey[::8, ::8], 90))
    return cv2.warpAffine(grey, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=paper)


def ascender_balance(text_ink: np.ndarray, scale: float) -> float:
    """(ascender ink - descender ink) / both, over the text lines of the page (-1..1; 0 if no text).

    Latin script has far more ascenders (b d f h k l t, capitals) than descenders (g j p q y): ink
    above a line's x-height band outweighs ink below it, unless the page is upside down.
    """
    small = cv2.resize(text_ink, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA) > 64
    strip, tallest = max(50, round(75 * scale)), 20 * scale  # 150pt strips; a text line < 40pt
    asc = desc = 0.0
    for x0 in range(0, small.shape[1], strip):
        profile = small[:, x0 : x0 + strip].sum(axis=1, dtype=np.float64)
        edges = np.flatnonzero(np.diff(np.concatenate(([0], profile > 0, [0])).astype(np.int8)))
        for top, bottom in zip(edges[::2], edges[1::2], strict=True):
            band = profile[top:bottom]
            if 3 <= len(band) <= tallest:
                core = np.flatnonzero(band >= 0.5 * band.max())
                asc += band[: core[0]].sum()
                desc += band[core[-1] + 1 :].sum()
    return (asc - desc) / (asc + desc) if asc + desc >= MIN_BALANCE_INK else 0.0


def upside_down(text_ink: np.ndarray, scale: float, sideways: bool) -> bool:
    """True when the text stands on its head. A page turned sideways was turned clockwise on a
    guess, so the sign decides; an upright page is flipped only on a clear margin."""
    balance = ascender_balance(text_ink, scale)
    return balance < 0 if sideways else balance < -UPSIDE_DOWN_MARGIN


# ---------------------------------------------------------------------------------- one page


def ocr_page(path: Path, number: int, source: str, lang: str, cmd: str, dpi: int = OCR_DPI) -> OcrPage:
    """OCR one page (1-based number): upright, deskew, binarise, ruled grids, words, tables, lines."""
    t0 = time.perf_counter()
    scale = dpi / 72
    upscaled = upscaled_scan(path, number - 1, dpi)  # only a scan sparser than LOW_DPI
    low = upscaled is not None
    grey = upscaled if upscaled is not None else render(path, number - 1, dpi)
    ink = binarise(grey)
    sideways = is_sideways(ink, scale)
    if sideways:  # median filter and Otsu do not care for a quarter turn: turn the ink with the page
        grey, ink = cv2.rotate(grey, cv2.ROTATE_90_CLOCKWISE), cv2.rotate(ink, cv2.ROTATE_90_CLOCKWISE)
    skew = skew_angle(ink, scale)
    if abs(skew) >= 0.05:  # a turn by a fraction of a degree resamples the grey: binarise that again
        grey = rotate(grey, -skew)
        ink = binarise(grey)
    hmask, vmask = line_masks(ink, scale)
    if low:  # blurred letters close up into long runs: a ruling line has paper on both sides
        hmask, vmask = paper_sided(hmask, vmask, ink, scale)
    rotation = 90 if sideways else 0
    lines = cv2.dilate(cv2.bitwise_or(hmask, vmask), np.ones((5, 5), np.uint8))  # their blurred edges too
    text_ink = cv2.bitwise_and(ink, cv2.bitwise_not(lines))
    if upside_down(text_ink, scale, sideways):
        grey, ink, hmask, vmask = (cv2.rotate(a, cv2.ROTATE_180) for a in (grey, ink, hmask, vmask))
        rotation = (rotation + 180) % 360
    faint_h, faint_v = faint_line_masks(grey, scale)
    grids = find_grids(faint_h, faint_v, scale)
    # shaded cells binarised against their fill: their print read, the fill no ruling line (not
    # on a low-resolution page, whose blurred print closes up into solid areas of its own)
    if not low and (again := unshaded(grey, ink, grids, scale)) is not None:
        ink = again
        hmask, vmask = line_masks(ink, scale)
    ruling = cv2.bitwise_or(
        cv2.bitwise_or(hmask, vmask), grid_mask(grids, cv2.bitwise_or(faint_h, faint_v), scale)
    )
    erase = cv2.dilate(ruling, np.ones((3, 3), np.uint8))
    clean = cv2.bitwise_not(cv2.bitwise_and(ink, cv2.bitwise_not(erase)))
    if low:  # cell by cell, from the Otsu mask or the grey, unknown words from the others or the
        # darkened grey, then what is still unknown spelt against the lexicon (parsers/ocr_spell.py)
        reader = functools.partial(read_words, lang=lang, cmd=cmd, scale=scale)
        paper = paper_grey(grey, erase)
        voted = read_by_cell((clean, paper), (darkened(paper),), grids, scale, reader)
        voted = joined(voted, read_low_page(paper, scale))  # a second engine's reading (ocr_second.py)
        words = spell_words(reshaped(correct_words(voted), paper, scale))
    else:
        words = correct_words(read_words(clean, lang, cmd, scale))
    rules = [(s.x0 / scale, s.y0 / scale, (s.x1 + 1) / scale, (s.y1 + 1) / scale) for s in segments(hmask)]
    tables = [t for g in grids if (t := grid_table(split_rows(g, words), words, rules, source, number))]
    outside = [w for w in words if not any(centre_in(w, t.bbox, pad=1.0) for t in tables)]
    lines = group_lines(outside)
    if not low:  # lines tesseract is unsure of read again by the second engine (ocr_second.py)
        lines = reread_lines(lines, grey, scale)
    h, w = grey.shape
    confidence = round(fmean(float(word["conf"]) / 100 for word in words), 4) if words else None
    return OcrPage(
        number, w / scale, h / scale, tables, lines, rules,
        rotation, round(skew, 3), len(words), time.perf_counter() - t0, confidence, low,
    )  # fmt: skip


# ---------------------------------------------------------------------------------- the pool


def _worker_init() -> None:
    """One thread per process, for tesseract (OpenMP) and OpenCV alike: the pool spreads the pages."""
    os.environ["OMP_THREAD_LIMIT"] = "1"
    cv2.setNumThreads(1)


def _star_ocr_page(args: tuple[Path, int, str, str, str, int]) -> OcrPage:
    return ocr_page(*args)


@functools.lru_cache(maxsize=1)
def _pool(workers: int) -> Executor:
    """A process pool kept for the whole run (worker start-up is paid once).

    Workers come from a fork server, never from a fork of this process: OpenCV's thread pool,
    which camelot may already have started here, does not survive a fork.
    """
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_worker_init)


def cpu_count() -> int:
    """CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def ocr_pages(path: Path, numbers: list[int], source: str, dpi: int = OCR_DPI) -> list[OcrPage]:
    """OCR the given pages (1-based) of the PDF, across a process pool when there are several."""
    if not numbers:
        return []
    import pytesseract

    cmd = str(pytesseract.pytesseract.tesseract_cmd)
    lang = tesseract_lang(cmd)
    tasks = [(path, n, source, lang, cmd, dpi) for n in numbers]
    if multiprocessing.parent_process() is not None:  # a batch worker: documents already fill the cores
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")
        return [_star_ocr_page(t) for t in tasks]
    return list(_pool(cpu_count()).map(_star_ocr_page, tasks))
