"""Words a narrow cell broke over two lines without a hyphen ("penyelenggara" / "an") joined again.

A word processor that cannot fit one word on a cell's line breaks the word itself at the cell's
edge. The piece before the break then ends less than one letter short of the right edge of the
cell's text (the widest line of a narrow cell may be a longer piece of another word), the piece after
starts the next line in lower case, and only the two together make a known word: those three
signs together tell a broken word from a wrapped line ("pelayanan" / "publik").
"""

from __future__ import annotations

import re
from dataclasses import replace

from parsers.pdf_text import VLine
from parsers.text_layer import known_words

EDGE = 2.0  # points: a piece ending this close to the cell text's right edge fills its line (slack)
MIN_HEAD = 3  # letters
_CORE = re.compile(r"^[a-zA-Z]+")
_TRAILING = re.compile(r"[a-zA-Z]+$")


def _core(text: str) -> str:
    """The leading letters of a token, lower case ("an," -> "an")."""
    m = _CORE.match(text)
    return m.group(0).lower() if m else ""


def is_broken_word(head: str, tail: str) -> bool:
    """True when `head` + `tail` is a known word and one of the two pieces alone is not.

    `head` may follow other text without a space ("Umum,Kepegawaian,Keu" / "angan").
    """
    words = known_words()
    m = _TRAILING.search(head)
    if m is None:
        return False
    head = m.group(0)
    a, b = _core(head), _core(tail)
    # a head of one or two letters is a word of its own ("di", "ke"; the list leaves them out)
    same_case = tail[:1].islower() or (head.isupper() and tail.isupper())  # "PENANGGUN" / "G JAWAB"
    if len(a) < MIN_HEAD or a != head.lower() or not b or not same_case:
        return False
    return a + b in words and (a not in words or b not in words)


def _hyphen_break(head: str, tail: str) -> bool:
    """A compound broken at its hyphen ("se-" / "Kecamatan", "rata-" / "rata"): joined without a space."""
    return len(head) >= 3 and head.endswith("-") and head[-2].isalpha() and tail[:1].isalnum()


def _first_letter_width(line: VLine) -> float:
    """The width of the line's first letter, estimated as its first word's mean letter width."""
    word = min(line.words, key=lambda w: w["x0"], default=None)
    if word is None or not word["text"]:
        return 0.0
    return float(word["x1"] - word["x0"]) / len(word["text"])


def fills_line(prev: VLine, line: VLine, edge: float) -> bool:
    """True when the first letter of `line` would not have fitted at the end of `prev`.

    The word processor breaks a word after the last letter that fits, so the piece before the
    break ends less than one letter short of the cell's edge; the right end of the cell's widest
    line (`edge`) lies at or inside that edge.
    """
    return prev.x1 + _first_letter_width(line) >= edge - EDGE


def join_broken_words(lines: list[VLine]) -> list[VLine]:
    """The cell's lines with every word broken at the cell's edge joined onto the line it starts on."""
    if len(lines) < 2:
        return lines
    edge = max(ln.x1 for ln in lines)
    out = [lines[0]]
    for line in lines[1:]:
        prev = out[-1]
        head = prev.text.rsplit(" ", 1)[-1]
        tail, _, rest = line.text.partition(" ")
        if fills_line(prev, line, edge) and (is_broken_word(head, tail) or _hyphen_break(head, tail)):
            out[-1] = replace(prev, text=prev.text + tail)
            if not rest:
                continue
            line = replace(line, text=rest)
        out.append(line)
    return out
