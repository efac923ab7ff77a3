"""Several OCR readings of one region (the same pixels prepared apart) combined word by word.

A low-resolution scan is read from more than one preparation (Otsu mask, grey, darkened grey):
each misreads other words. The reading tesseract is surest of (mean word confidence) among the
base preparations is the base; a word of it the lexicon does not know is replaced by the word
another reading (of a base or a donor preparation) made in the same place when the lexicon knows
that one. Donor preparations never give the base: a darkened grey turns faint paper texture into
noise words, and a base chosen by lexicon letters counts noise read as short words for it.
Where one base reading read a number (digits, a multiplication sign, '%') surer than the base read
letters in that place ('x 100 %' read as 'data' from the grey, '+100 %' from the mask), the number
is taken: the lexicon cannot judge a number, the confidence can. Nothing is invented: every word
comes from one of the readings. The lexicon is the public
Indonesian word list (parsers/data/wordlist_id.txt) and the post-correction vocabulary
(parsers/ocr_correct.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from statistics import fmean

from rapidfuzz import fuzz

from parsers.ocr_correct import corrector
from parsers.pdf_text import Obj
from vocabulary import load
from vocabulary.schemas import OcrSpell

_LETTERS = re.compile(r"[^\W\d_]+")
_DIGIT = re.compile(r"\d")
MIN_OVERLAP = 0.6  # share of the narrower word's width two words must share to stand in one place
MAX_WIDTH_CHANGE = 0.3  # ... and how far their widths may differ (a word is not two words)
MIN_LIKENESS = 50.0  # rapidfuzz ratio (0-100) a replacement must have with the word it replaces


@lru_cache(maxsize=1)
def lexicon() -> frozenset[str]:
    """Lower-case words the readings are judged by: the word list and the correction vocabulary."""
    text = resources.files("parsers").joinpath("data/wordlist_id.txt").read_text(encoding="utf-8")
    return frozenset(text.split()) | corrector().words


def known(text: str) -> bool | None:
    """True for a token the lexicon has (its one run of letters), False for a letter run it lacks,
    None for what it cannot judge: numbers, marks, several runs, capitals (acronyms)."""
    runs = _LETTERS.findall(text)
    if len(runs) != 1 or (runs[0].isupper() and len(runs[0]) > 1):
        return None
    return runs[0].lower() in lexicon()


def _mean_conf(words: Sequence[Obj]) -> float:
    return fmean(float(w["conf"]) for w in words) if words else -1.0


def same_place(a: Obj, b: Obj) -> bool:
    """True when two word boxes of different readings cover the same printed word."""
    wa, wb = a["x1"] - a["x0"], b["x1"] - b["x0"]
    across = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
    down = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    high = min(a["bottom"] - a["top"], b["bottom"] - b["top"])
    return (
        across > MIN_OVERLAP * min(wa, wb)
        and down > 0.5 * high
        and abs(wa - wb) <= MAX_WIDTH_CHANGE * max(wa, wb)
    )


def alike(a: str, b: str) -> bool:
    """True when two readings of one word are spelt alike: a misreading, not noise read as a word."""
    return fuzz.ratio(a.lower(), b.lower()) >= MIN_LIKENESS


def surest(readings: Sequence[list[Obj]]) -> list[Obj]:
    """The reading with the highest mean word confidence (the first on a tie; [] if none has words)."""
    return max(readings, key=_mean_conf, default=[])


def has_unknown(words: Sequence[Obj]) -> bool:
    """True when some word of the reading is a letter run the lexicon lacks."""
    return any(known(str(w["text"])) is False for w in words)


def combine(base: list[Obj], others: Sequence[list[Obj]]) -> list[Obj]:
    """The base reading with its unknown words replaced by known words, spelt alike, that the other
    readings made in their place (the surest of them). No word is added or dropped: noise the base
    read as letters is not turned into words."""
    donors = [w for r in others if r is not base for w in r if known(str(w["text"]))]
    out: list[Obj] = []
    for word in base:
        if known(str(word["text"])) is False:
            there = [w for w in donors if same_place(w, word) and alike(str(w["text"]), str(word["text"]))]
            if there:
                best = max(there, key=lambda w: float(w["conf"]))
                word = {**word, "text": best["text"], "conf": best["conf"]}
        out.append(word)
    return out


def _covering(word: Obj, reading: Sequence[Obj]) -> list[Obj]:
    """The words of a reading whose centres lie inside the word's span on its line, left to right,
    when together they stand in its place (parsers/ocr_vote.same_place of their joint box); else []."""

    def on_line(w: Obj) -> bool:
        down = min(w["bottom"], word["bottom"]) - max(w["top"], word["top"])
        return bool(down > 0.5 * min(word["bottom"] - word["top"], w["bottom"] - w["top"]))

    inside = (w for w in reading if word["x0"] <= (w["x0"] + w["x1"]) / 2 <= word["x1"] and on_line(w))
    run = sorted(inside, key=lambda w: float(w["x0"]))
    if not run:
        return []
    joint = {
        "x0": min(w["x0"] for w in run),
        "x1": max(w["x1"] for w in run),
        "top": min(w["top"] for w in run),
        "bottom": max(w["bottom"] for w in run),
    }
    return run if same_place(joint, word) else []


def numbers_taken(base: list[Obj], readings: Sequence[list[Obj]]) -> list[Obj]:
    """The base reading with each word that holds no digit replaced by the words another reading
    made in its place when those hold a digit, no letter run the lexicon lacks, and a mean
    confidence at least ocr_spell.yaml's number_margin above the word's (the surest such run)."""
    margin = load(OcrSpell).number_margin
    out: list[Obj] = []
    changed = False
    for word in base:
        if not _DIGIT.search(str(word["text"])):
            runs: list[list[Obj]] = [
                run
                for r in readings
                if r is not base
                for run in (_covering(word, r),)
                if run
                and any(_DIGIT.search(str(w["text"])) for w in run)
                and all(known(str(w["text"])) is not False for w in run)
                and _mean_conf(run) >= float(word["conf"]) + margin
            ]
            if runs:
                surest_run: list[Obj] = max(runs, key=_mean_conf)
                out += surest_run
                changed = True
                continue
        out.append(word)
    return out if changed else base


def with_alternatives(words: list[Obj], readings: Sequence[list[Obj]]) -> list[Obj]:
    """The words, each with `alts`: what the other readings read in its place (their letter words,
    as read, its own text left out), for a later judge of the word's pixels (parsers/ocr_shapes.py)."""
    out: list[Obj] = []
    for word in words:
        alts = sorted(
            {
                str(w["text"])
                for r in readings
                for w in r
                if w["text"] != word["text"] and _LETTERS.search(str(w["text"])) and same_place(w, word)
            }
        )
        out.append({**word, "alts": tuple(alts)} if alts else word)
    return out
