"""Is a PDF page's text layer real text? A score from known words, short tokens and character mixes.

A scan with an earlier, poor OCR layer reads as words the language does not have; such a page is
OCR'd as if it had no layer. The word list is wordfreq's Indonesian list (parsers/data/WORDLIST.md)
plus the project's own vocabulary (every word of its reviewed data files, via the OCR corrector).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from vocabulary import load
from vocabulary.schemas import TextLayer

_TOKEN_CORE = re.compile(r"^[\W_]*(.*?)[\W_]*$", re.S)
_LETTER = re.compile(r"[^\W\d_]")
_MIXED = re.compile(r"[^\W\d_][\d{}\[\]<>|\\^~]+[^\W\d_]|\d[^\W\d_]+\d|[{}\[\]<>\\^~]")
_NUMBERISH = re.compile(r"^[\d.,:/%()\-–+x]+$", re.I)


@dataclass(frozen=True)
class LayerQuality:
    """How much a text layer looks like text: the score and what it was made of."""

    score: float  # 0..1; below the threshold the layer is garbage
    tokens: int  # word tokens judged (numbers and punctuation left out)
    known: int
    mixed: int
    short: int

    def garbage(self) -> bool:
        settings = load(TextLayer)
        return self.tokens >= settings.min_tokens and self.score < settings.min_score


@lru_cache(maxsize=1)
def known_words() -> frozenset[str]:
    """The shipped Indonesian word list and the project vocabulary, lower case."""
    from parsers.ocr_correct import corrector

    text = resources.files("parsers").joinpath("data/wordlist_id.txt").read_text(encoding="utf-8")
    listed = (w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))
    return frozenset(listed) | corrector().words


def _is_known(core: str, words: frozenset[str]) -> bool:
    low = core.lower()
    if low in words:
        return True
    # words joined by a hyphen or slash (sub-bagian, dan/atau)
    parts = [p for p in re.split(r"[-/]", low) if p]
    return len(parts) > 1 and all(p in words or p.isdigit() for p in parts)


def _acronym(text: str) -> bool:
    """Upper-case letters that read as an acronym: short, or nearly without vowels (BKPSDMD)."""
    if not (text.isalpha() and text.isupper()):
        return False
    return len(text) <= 5 or sum(ch in "AEIOU" for ch in text) <= 0.3 * len(text)


def layer_quality(tokens: Iterable[str]) -> LayerQuality:
    """Score of the word tokens of one page's text layer."""
    words = known_words()
    n = known = mixed = short = 0
    for token in tokens:
        core = _TOKEN_CORE.match(token)
        text = core.group(1) if core else token
        if not text or _NUMBERISH.match(text) or not _LETTER.search(text):
            continue  # numbers, dates, codes and punctuation say nothing about the language
        n += 1
        if _acronym(text) and text.lower() not in words:
            n -= 1  # an acronym (SKPD, BKPSDMD) or not: neither evidence of text nor of garbage
        elif _MIXED.search(text):
            mixed += 1
        elif len(text) <= 2:
            short += 1
        elif _is_known(text, words):
            known += 1
    if n == 0:
        return LayerQuality(1.0, 0, 0, 0, 0)
    allowed = load(TextLayer).short_share_allowed * n
    penalty = max(0.0, short - allowed)
    judged = max(1.0, n - min(short, allowed))  # allowed short tokens are neither good nor bad
    return LayerQuality(round(max(0.0, known - penalty) / judged, 3), n, known, mixed, short)
