"""Word shapes on a low-resolution scan: each read word checked against drawings of what it may be.

At ~70 dpi tesseract misreads one word in two, and a misreading is often as near to a wrong word as
to the right one in spelling ('evaluasi' and 'evakuasi'), or too far from any for spelling alone to
say ('urtatiltas' for akuntabilitas). The word's pixels still hold its shape: its length, where its
ascenders and descenders stand. Each candidate (the reading, its nearest lexicon words, its
nearest rare words and the words the page read surely) is drawn in the page's font, scaled to the
word's box, blurred like the scan and compared with the word's pixels by normalised
cross-correlation; a candidate replaces the reading when that match, with the word's frequency
and its OCR edit cost from the reading (parsers/ocr_spell.py), puts it clearly ahead (settings:
parsers/data/ocr_spell.yaml `shapes`). The page's font is the configured one that draws the page's
surely-read words most alike. With no configured font on the machine the words stay as read.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from parsers.lazy import lazy
from parsers.ocr_spell import WORD_CORE, edit_cost, page_words, speller
from parsers.ocr_vote import lexicon
from parsers.pdf_text import Obj

if TYPE_CHECKING:
    from PIL.ImageFont import FreeTypeFont

cv2 = lazy("cv2")


@lru_cache(maxsize=1)
def font_files() -> tuple[str, ...]:
    """The configured fonts found on this machine, in their configured order."""
    c = speller().conf.shapes
    found = []
    for name in c.fonts:
        for folder in c.font_dirs:
            hit = next(iter(sorted(Path(folder).rglob(name))), None) if Path(folder).is_dir() else None
            if hit is not None:
                found.append(str(hit))
                break
    return tuple(found)


@lru_cache(maxsize=8)
def _font(path: str) -> FreeTypeFont:
    from PIL import ImageFont

    return ImageFont.truetype(path, speller().conf.shapes.render_px)


def tight(ink: np.ndarray) -> np.ndarray | None:
    """The part of an ink image (0 paper .. 1 black) that holds ink above the shapes' ink level."""
    ys, xs = np.nonzero(ink > speller().conf.shapes.ink)
    if len(xs) == 0:
        return None
    return ink[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]


@lru_cache(maxsize=4096)  # a page's candidates repeat across its words; a drawing is ~40 KB
def drawn(text: str, font: str) -> np.ndarray | None:
    """`text` drawn in `font` as ink (0..1), cut to its ink."""
    from PIL import Image, ImageDraw

    f = _font(font)
    px = speller().conf.shapes.render_px
    left, _, right, _ = (round(v) for v in f.getbbox(text))
    image = Image.new("L", (max(1, right - left + 8), px * 2), 0)
    ImageDraw.Draw(image).text((4 - left, px // 2), text, font=f, fill=255)
    return tight(np.asarray(image, dtype=np.float32) / 255)


def match(crop: np.ndarray, text: str, font: str, blur_px: float) -> float:
    """Normalised cross-correlation of a word's ink with `text` drawn, scaled to it and blurred."""
    ink = drawn(text, font)
    if ink is None:
        return -1.0
    made = cv2.GaussianBlur(
        cv2.resize(ink, (crop.shape[1], crop.shape[0]), interpolation=cv2.INTER_AREA), (0, 0), blur_px
    )
    a, b = crop - crop.mean(), made - made.mean()
    den = float(np.sqrt((a * a).sum() * (b * b).sum()))
    return float((a * b).sum() / den) if den > 0 else -1.0


def word_ink(ink_page: np.ndarray, word: Obj, scale: float) -> np.ndarray | None:
    """A word's pixels as ink (0..1), cut to its ink, from its box (points) and a little paper."""
    pad = speller().conf.shapes.pad_pt
    y0, y1 = max(0, round((word["top"] - pad) * scale)), round((word["bottom"] + pad) * scale)
    x0, x1 = max(0, round((word["x0"] - pad) * scale)), round((word["x1"] + pad) * scale)
    crop = ink_page[y0:y1, x0:x1]
    if not crop.size:
        return None
    cut = tight(crop)
    if cut is None or min(cut.shape) < 3:
        return None
    blur = speller().conf.shapes.crop_blur_pt * scale
    return cv2.GaussianBlur(cut, (0, 0), blur) if blur > 0 else cut


@dataclass(frozen=True)
class ReadWord:
    index: int
    core: str  # the letter run of the token as read
    ink: np.ndarray
    reads: tuple[str, ...]  # lower-case letter runs of it and of the other readings in its place
    lead: str = ""  # the token's marks before and after its letter run, kept on a replacement
    trail: str = ""


def _cased(word: str, like: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


def page_font(words: list[ReadWord], sure: set[int], blur_px: float) -> str | None:
    """The configured font whose drawings of the page's surely-read lexicon words match them best."""
    fonts = font_files()
    picked = [w for w in words if w.index in sure][: speller().conf.shapes.font_words]
    if not fonts or not picked:
        return fonts[0] if fonts else None
    return max(fonts, key=lambda f: sum(match(w.ink, w.core, f, blur_px) for w in picked))


def _score(word: ReadWord, cand: str, font: str, blur_px: float) -> float:
    s = speller()
    c = s.conf.shapes
    zipf = s.zipf.get(cand, s.conf.vocabulary_zipf if cand in lexicon() else 0.0)
    cost = min(edit_cost(r, cand, s) for r in word.reads) / max(len(cand), 1)
    return (
        match(word.ink, _cased(cand, word.core), font, blur_px)
        + c.frequency_weight * zipf
        - c.edit_weight * cost
    )


def _best(word: ReadWord, pools: tuple[tuple[str, ...], ...], font: str, blur_px: float) -> str | None:
    """The candidate clearly ahead of the reading, or None. Candidates: the readings the lexicon
    knows and the nearest words of each pool (the lexicon, the rare words, the page's surely-read
    words) to each."""
    s = speller()
    c = s.conf.shapes
    low = word.core.lower()
    found = {r for r in word.reads if r in lexicon() or r in s.zipf} | {
        w
        for pool in pools
        for r in word.reads
        for w, _, _ in process.extract(
            r, pool, scorer=Levenshtein.normalized_distance, limit=c.candidates, score_cutoff=c.max_distance
        )
    }
    found.discard(low)
    if not found:
        return None
    if low in lexicon() and match(word.ink, word.core, font, blur_px) < c.known_min_match:
        return None  # a known word whose pixels do not look like it: the box is not the word's alone
    own = _score(word, low, font, blur_px)
    score, best = max((_score(word, w, font, blur_px), w) for w in found)
    best_match = match(word.ink, _cased(best, word.core), font, blur_px)
    if score - own < c.margin or best_match < c.min_match:
        return None
    if low in lexicon() and best not in word.reads:
        return None  # a known word gives way only to a word another reading read in its place
    return best


def reshaped(words: list[Obj], grey: np.ndarray, scale: float) -> list[Obj]:
    """A low-resolution page's words (boxes in points of `grey`, the page image at `scale` px/pt),
    each replaced by the candidate its pixels and spelling clearly favour (`read` keeps the reading)."""
    c = speller().conf.shapes
    if not font_files():
        return words
    ink_page = 1.0 - grey.astype(np.float32) / 255
    blur_px = c.blur_pt * scale
    found: list[ReadWord] = []
    sure: set[int] = set()
    for i, w in enumerate(words):
        m = WORD_CORE.match(str(w["text"]))
        if m is None or len(m.group("core")) < c.min_length or m.group("core").isupper():
            continue
        ink = word_ink(ink_page, w, scale)
        if ink is None:
            continue
        alts = (a.group("core").lower() for t in w.get("alts", ()) if (a := WORD_CORE.match(str(t))))
        reads = tuple(dict.fromkeys([m.group("core").lower(), *(a for a in alts if len(a) >= c.min_length)]))
        found.append(ReadWord(i, m.group("core"), ink, reads, m.group("lead"), m.group("trail")))
        if float(w.get("conf", 0.0)) >= c.sure_conf and m.group("core").lower() in lexicon():
            sure.add(i)
    font = page_font(found, sure, blur_px)
    if font is None:
        return words
    pools = (speller().words, speller().rare, tuple(sorted(page_words(words))))
    out = list(words)
    for word in found:
        if float(words[word.index].get("conf", 0.0)) >= c.sure_conf:
            continue  # read surely: a known word, or a name or derived form the lexicon lacks
        best = _best(word, pools, font, blur_px)
        if best is None:
            continue
        w = words[word.index]
        text = word.lead + _cased(best, word.core) + word.trail
        out[word.index] = {**w, "text": text, "read": w.get("read", w["text"])}
    return out
