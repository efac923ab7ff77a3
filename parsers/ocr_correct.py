"""OCR post-correction: low-confidence words matched against the project's own vocabulary.

The vocabulary is data: the words of the reviewed YAML files (table headers, field labels, jabatan
abbreviations and families) plus the frequent-word list of parsers/data/ocr_vocab.yaml. Both sides
are folded over look-alike glyphs ("l"/"i"/"1", "rn"/"m", "K"/"R" ...); a low-confidence word is
replaced only by the one vocabulary word whose folded form is as long and scores above the
threshold, so nothing is ever invented. Marks get the same care: line-initial symbol soup where
a bullet was printed becomes "•", a lone "|" after "Tingkat" or "tahap" the roman "I" it was,
"Fungsi 1-" the "Fungsi :-" of an empty field, "x1009" the "x 100%" it was and the ":" read
before "100 %" the blurred "x" it was.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process

from parsers.pdf_text import Obj, group_lines
from vocabulary import load, read_yaml
from vocabulary.schemas import Labels, OcrVocab

BULLET = "•"
_CORE = re.compile(r"^(?P<lead>[^\w|!]*)(?P<core>(?:[^\W_]|[|!])+?)(?P<trail>[^\w|]*)$")
_LETTERS = re.compile(r"[^\W\d_]+")
_SKIP_KEYS = frozenset({"regex", "comment"})
_MULTIPLIER = re.compile(r"^(?:100|1000|100\.000)%$")  # what follows a multiplication sign, spaces dropped


@dataclass(frozen=True)
class Confusions:
    """Look-alike glyphs: sequences and characters, each mapped to the class it is folded into."""

    sequences: tuple[tuple[str, str], ...]
    characters: dict[str, str]

    def fold(self, word: str) -> str:
        """The word, lower case, with look-alike sequences and characters replaced by their class."""
        out = word.lower()
        for seq, cls in self.sequences:
            out = out.replace(seq, cls)
        return "".join(self.characters.get(ch, ch) for ch in out)


@dataclass(frozen=True)
class Corrector:
    """The compiled correction vocabulary and thresholds."""

    words: frozenset[str]
    folded: dict[str, frozenset[str]]  # folded form -> the vocabulary words that fold to it
    by_length: dict[int, tuple[str, ...]]  # folded forms by length
    confusions: Confusions
    min_score: float
    max_confidence: float
    min_length: int
    bullet_readings: frozenset[str]
    colon_readings: frozenset[str]
    roman_one_after: frozenset[str]
    label_words: frozenset[str]
    percent: re.Pattern[str]  # "x1009": a multiplier whose % was read as 9 and its space lost
    times_readings: frozenset[str]  # ": 100 %": a blurred "x" before a percentage multiplier


def _strings(node: Any) -> Iterator[str]:
    """Every string in a parsed YAML tree, except regular expressions and comments."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            if key not in _SKIP_KEYS:
                yield from _strings(value)
    elif isinstance(node, list):
        for item in node:
            yield from _strings(item)


def vocabulary(texts: Iterable[str], min_length: int) -> frozenset[str]:
    """Lower-case words of at least min_length letters found in the texts."""
    return frozenset(w.lower() for t in texts for w in _LETTERS.findall(t) if len(w) >= min_length)


@lru_cache(maxsize=1)
def corrector() -> Corrector:
    """Load parsers/data/ocr_vocab.yaml and the data files it names, once per process."""
    conf = load(OcrVocab)
    min_length = conf.min_length
    texts: list[str] = list(conf.words)
    for path in conf.data_files:
        texts += _strings(read_yaml(path))
    table = conf.confusions
    confusions = Confusions(
        tuple(table.sequences.items()),
        {ch: cls for cls, chars in table.characters.items() for ch in chars},
    )
    words = vocabulary(texts, min_length)
    folded: dict[str, set[str]] = {}
    for word in words:
        folded.setdefault(confusions.fold(word), set()).add(word)
    by_length: dict[int, list[str]] = {}
    for form in sorted(folded):
        by_length.setdefault(len(form), []).append(form)
    return Corrector(
        words,
        {f: frozenset(ws) for f, ws in folded.items()},
        {n: tuple(fs) for n, fs in by_length.items()},
        confusions,
        conf.min_score,
        conf.max_confidence,
        min_length,
        frozenset(conf.bullet_readings),
        frozenset(conf.colon_readings),
        frozenset(w.lower() for w in conf.roman_one_after),
        vocabulary((w for _, names in load(Labels).fields.items() for w in names), 1),
        re.compile(conf.percent_readings),
        frozenset(conf.times_readings),
    )


def match_case(word: str, like: str) -> str:
    """`word` written in the letter case of `like` (UPPER, Title or lower)."""
    if like.isupper() and len(like) > 1:
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def correct_token(text: str, conf: float, c: Corrector | None = None) -> str:
    """The token, or the one vocabulary word it was surely meant to be (punctuation around it kept)."""
    c = c or corrector()
    m = _CORE.match(text)
    if conf >= c.max_confidence or m is None:
        return text
    core = m.group("core")
    if len(core) < c.min_length or not any(ch.isalpha() for ch in core) or core.lower() in c.words:
        return text
    key = c.confusions.fold(core)
    found = process.extract(key, c.by_length.get(len(key), ()), scorer=fuzz.ratio, limit=2)
    found = [f for f in found if f[1] >= c.min_score]
    if not found or (len(found) > 1 and found[1][1] == found[0][1]) or len(c.folded[found[0][0]]) > 1:
        return text  # nothing close enough, or two equally close words: leave it as read
    (word,) = c.folded[found[0][0]]
    return m.group("lead") + match_case(word, core) + m.group("trail")


def run_starts(line: list[Obj]) -> set[int]:
    """Indexes of the words of a visual line that begin a run (the line start, or after a gap of a
    column's width: the next cell, a tab stop)."""
    height = max((float(w.get("bottom", 0)) - float(w.get("top", 0)) for w in line), default=0.0) or 1.0
    return {0} | {
        i
        for i in range(1, len(line))
        if float(line[i].get("x0", 0)) - float(line[i - 1].get("x1", 0)) > 2.0 * height
    }


def _is_bullet(texts: list[str], i: int, starts: set[int], c: Corrector) -> bool:
    """A run's first token made of bullet readings, before a word (not "x 100%")."""
    nxt = texts[i + 1] if i + 1 < len(texts) and i + 1 not in starts else ""
    return i in starts and set(texts[i]) <= c.bullet_readings and nxt[:1].isalpha()


def _is_label_colon(texts: list[str], i: int, c: Corrector) -> bool:
    """ "Fungsi 1-" / 'Fungsi "-': the colon of an empty labelled field read as a look-alike."""
    if i == 0 or texts[i - 1].lower().strip(".") not in c.label_words:
        return False
    mark = texts[i].rstrip("-")
    return len(mark) == 1 and mark in c.colon_readings and texts[i + 1 :] in ([], ["-"])


def _right_of(word: Obj, words: list[Obj], gap: float) -> list[Obj]:
    """The words that follow `word` on its height, left to right, each within `gap` of the one before."""
    mid = (float(word["top"]) + float(word["bottom"])) / 2
    level = sorted(
        (w for w in words if float(w["top"]) <= mid <= float(w["bottom"]) and w["x0"] >= word["x1"]),
        key=lambda w: float(w["x0"]),
    )
    out: list[Obj] = []
    edge = float(word["x1"])
    for w in level:
        if float(w["x0"]) - edge > gap:
            break
        out.append(w)
        edge = float(w["x1"])
    return out


def times_marks(words: list[Obj], c: Corrector | None = None) -> dict[int, str]:
    """ids of the tokens read where the "x" of "x 100 %" was printed, with their corrected text:
    a token of marks only ("x"), or a mark glued to the multiplier ("+100" -> "x 100"), followed on
    their height by the rest of the multiplier and its "%" (page lines of blurred print do not keep
    them together)."""
    c = c or corrector()
    found: dict[int, str] = {}
    for w in words:
        text = str(w["text"])
        glued = text[1:] if text[:1] in c.times_readings and text[1:2].isdigit() else ""
        if not text or not (glued or set(text) <= c.times_readings):
            continue
        gap = 2.0 * (float(w["bottom"]) - float(w["top"]))
        after = glued + "".join(str(r["text"]) for r in _right_of(w, words, gap)[: 1 if glued else 2])
        if _MULTIPLIER.match(after) or (glued and _MULTIPLIER.match(glued)):
            found[id(w)] = f"x {glued}" if glued else "x"
    return found


def correct_line(line: list[Obj], c: Corrector | None = None) -> list[str]:
    """The texts of one visual line (words left to right) after mark, glyph and vocabulary fixes."""
    c = c or corrector()
    texts = [str(w["text"]) for w in line]
    starts = run_starts(line)
    out = []
    for i, w in enumerate(line):
        text = texts[i]
        if _is_bullet(texts, i, starts, c):
            text = BULLET
        elif _is_label_colon(texts, i, c):
            text = ":" + text[1:]
        elif text == "|" and i > 0 and texts[i - 1].lower() in c.roman_one_after:
            text = "I"
        elif m := c.percent.match(text):
            text = f"{m.group('x')} {m.group('n')}%"
        else:
            text = correct_token(text, float(w.get("conf", 100.0)), c)
        out.append(text)
    return out


def correct_words(words: list[Obj]) -> list[Obj]:
    """The page's words corrected (`read` keeps what tesseract read), in their original order."""
    c = corrector()
    fixed: dict[int, str] = times_marks(words, c)
    for line in group_lines(words):
        for w, text in zip(line.words, correct_line(line.words, c), strict=True):
            if text != w["text"] and id(w) not in fixed:
                fixed[id(w)] = text
    return [{**w, "text": fixed[id(w)], "read": w["text"]} if id(w) in fixed else w for w in words]
