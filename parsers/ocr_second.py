"""A second OCR engine where tesseract is unsure: RapidOCR (PP-OCR models in its wheel, onnxruntime).

Tesseract misreads what a second, differently built engine often reads right: on a ~70-dpi scan
each misreads other words, and a name printed over a stamp comes out of tesseract as noise while
PP-OCR's detector finds the line and its recogniser reads it. Nothing the second engine reads
stands on its own:
- on a low-resolution page its reading of the whole page is one more reading of each word's place
  (`joined`): a word the lexicon lacks gives way to a known word, spelt alike, that the second
  engine read there (as parsers/ocr_vote.combine does between tesseract's readings), and what it
  read there joins the word's `alts` for the word shapes and the acronym count
  (parsers/ocr_shapes.py, parsers/ocr_spell.py);
- on a sharper page a text line outside the tables that tesseract read unsurely is read again,
  and the second reading replaces it only when it is much surer (`reread_lines`).
Settings: parsers/data/ocr_second.yaml. Without RapidOCR installed, or with `enabled: false`,
the page is what tesseract read.
"""

from __future__ import annotations

import re
from functools import lru_cache
from statistics import fmean
from typing import Any

import numpy as np
from rapidfuzz import fuzz

from parsers.lazy import lazy
from parsers.ocr_vote import alike, known, same_place
from parsers.pdf_text import Obj, VLine, group_lines
from vocabulary import load
from vocabulary.schemas import OcrSecond

cv2 = lazy("cv2")

_DIGIT = re.compile(r"\d")
SAME_LINE = 80.0  # rapidfuzz ratio (0-100) from which two overlapping readings are one line read twice


def settings() -> OcrSecond:
    return load(OcrSecond)


@lru_cache(maxsize=1)
def engine() -> Any | None:
    """RapidOCR, built once per process (one thread: the pages are spread over processes);
    None when it is switched off or not installed."""
    if not settings().enabled:
        return None
    try:
        from rapidocr import RapidOCR
    except ImportError:
        return None
    return RapidOCR(
        params={
            "Global.log_level": "error",
            "Global.use_cls": False,  # pages are turned upright before they are read
            "EngineConfig.onnxruntime.intra_op_num_threads": 1,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
        }
    )


def available() -> bool:
    return engine() is not None


def read_second(grey: np.ndarray, scale: float, dx: float = 0.0, dy: float = 0.0) -> list[Obj]:
    """The second engine's words of a grey image at `scale` px per point, boxes in points moved by
    (dx, dy), `conf` its score (0-100); words scored below min_score are left out."""
    eng = engine()
    if eng is None or grey.size == 0:
        return []
    result = eng(cv2.cvtColor(grey, cv2.COLOR_GRAY2BGR), return_word_box=True)
    floor = settings().min_score
    words: list[Obj] = []
    for text, score, box in _word_boxes(getattr(result, "word_results", None)):
        text, conf = str(text).strip(), float(score) * 100
        if not text or conf < floor:
            continue
        xs, ys = [float(p[0]) for p in box], [float(p[1]) for p in box]
        words.append(
            {
                "text": text,
                "x0": min(xs) / scale + dx,
                "x1": max(xs) / scale + dx,
                "top": min(ys) / scale + dy,
                "bottom": max(ys) / scale + dy,
                "conf": conf,
            }
        )
    return words


def _word_boxes(results: Any) -> list[tuple[str, float, Any]]:
    """(text, score, box) of each word of RapidOCR's `word_results`: a tuple of lines, each a
    tuple of words, a line of one word sometimes given as the word itself, an empty one as ()."""
    out: list[tuple[str, float, Any]] = []
    for line in results or ():
        words = [line] if len(line) == 3 and isinstance(line[0], str) else line
        out += [(w[0], float(w[1]), w[2]) for w in words if len(w) == 3 and isinstance(w[0], str)]
    return out


def read_low_page(grey: np.ndarray, scale: float) -> list[Obj]:
    """The second engine's reading of a low-resolution page (`grey` at `scale` px per point),
    handed to it at low_dpi."""
    factor = settings().low_dpi / 72 / scale
    small = cv2.resize(grey, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    return read_second(small, scale * factor)


def joined(words: list[Obj], second: list[Obj]) -> list[Obj]:
    """Tesseract's words with the second engine's reading of the same page: a word the lexicon
    lacks takes the known word, spelt alike, that the second engine read in its place (its own
    confidence kept: the place was read unsurely), and every word gets what was read there in its
    `alts` (the replaced reading too)."""
    out: list[Obj] = []
    for word in words:
        text = str(word["text"])
        there = [s for s in second if same_place(s, word)]
        if known(text) is False:
            donors = [s for s in there if known(str(s["text"])) and alike(str(s["text"]), text)]
            if donors:
                best = max(donors, key=lambda s: float(s["conf"]))
                word = {**word, "text": best["text"]}
        alts = {*word.get("alts", ()), text, *(str(s["text"]) for s in there)} - {word["text"]}
        out.append({**word, "alts": tuple(sorted(alts))} if alts else word)
    return out


def reread_lines(lines: list[VLine], grey: np.ndarray, scale: float) -> list[VLine]:
    """The page's lines outside its tables, each one with a word tesseract read less than line_conf
    sure and less than line_mean on average (words with a letter or digit) read again by the
    second engine from `grey` (`scale` px per point). The line it reads there (the one nearest
    the line's middle, of those within its height: the crop's padding takes in the neighbours)
    replaces it when it is surer by its weakest word (a line is no better than its worst word) by
    line_margin and no less sure on average, unless it stands where a surely read line stands
    (that line read again). A reading that another unsure line was already replaced by is that
    printed line split in two by tesseract: the second half is dropped. Marks before the first
    word that only tesseract read (a list bullet) are kept."""
    c = settings()
    if not lines or not available():
        return lines
    unsure = [_unsure(line, c) for line in lines]
    sure = [line for line, u in zip(lines, unsure, strict=True) if not u]
    out: list[VLine] = []
    replaced: list[VLine] = []
    height, width = grey.shape[:2]
    for line, low in zip(lines, unsure, strict=True):
        again = _read_again(line, grey, scale, width, height) if low else None
        if again is None or not _surer(again, line, c.line_margin) or any(_overlap(again, s) for s in sure):
            out.append(line)
        elif not any(_overlap(again, r) and _alike(again, r) for r in replaced):
            again = _with_marks(again, line)
            out.append(again)
            replaced.append(again)
    return out


def _confs(line: VLine) -> list[float]:
    """Tesseract's confidences of the line's words that hold a letter or digit (it is unsure of
    every bullet and dash: they say nothing about the words)."""
    return [float(w["conf"]) for w in line.words if any(ch.isalnum() for ch in str(w["text"]))]


def _unsure(line: VLine, c: OcrSecond) -> bool:
    confs = _confs(line)
    return bool(confs) and min(confs) < c.line_conf and fmean(confs) < c.line_mean


def _with_marks(again: VLine, line: VLine) -> VLine:
    """The second reading with the marks tesseract read before its first word (a list bullet the
    second engine does not read: the structure of a list hangs on it)."""
    first = min(float(w["x0"]) for w in again.words)
    marks = [w for w in line.words if not any(ch.isalnum() for ch in str(w["text"])) and w["x1"] <= first]
    if not marks or marks[0] is not min(line.words, key=lambda w: float(w["x0"])):
        return again
    words = marks + list(again.words)
    text = " ".join(str(w["text"]) for w in words)
    return VLine(text, min(again.x0, line.x0), again.top, again.x1, again.bottom, words)


def _read_again(line: VLine, grey: np.ndarray, scale: float, width: int, height: int) -> VLine | None:
    c = settings()
    pad = c.line_pad_pt + c.line_context * (line.bottom - line.top)  # whole neighbours, not their edges
    x0, y0 = max(0, round((line.x0 - c.line_pad_pt) * scale)), max(0, round((line.top - pad) * scale))
    x1 = min(width, round((line.x1 + c.line_pad_pt) * scale))
    y1 = min(height, round((line.bottom + pad) * scale))
    found = group_lines(read_second(grey[y0:y1, x0:x1], scale, x0 / scale, y0 / scale))
    inside = [a for a in found if line.top <= a.mid <= line.bottom]
    return min(inside, key=lambda a: abs(a.mid - line.mid), default=None)


def _surer(again: VLine, line: VLine, margin: float) -> bool:
    """True when the second reading is surer, and keeps the numbers tesseract read apart apart
    (the recogniser runs a NIP's groups of digits together: 19570828 198903 1 004)."""
    new, old = _confs(again), _confs(line)
    numbers = sum(1 for w in again.words if _DIGIT.search(str(w["text"])))
    return (
        bool(new and old)
        and min(new) >= min(old) + margin
        and fmean(new) >= fmean(old)
        and numbers >= sum(1 for w in line.words if _DIGIT.search(str(w["text"])))
    )


def _overlap(a: VLine, b: VLine) -> bool:
    """True when two lines stand in one place: across each other and over half the lower one's height."""
    down = min(a.bottom, b.bottom) - max(a.top, b.top)
    across = min(a.x1, b.x1) - max(a.x0, b.x0)
    return across > 0 and down > 0.5 * min(a.bottom - a.top, b.bottom - b.top)


def _alike(a: VLine, b: VLine) -> bool:
    return fuzz.ratio(a.text.lower(), b.text.lower()) >= SAME_LINE
