"""A word cut by a markdown row border: pymupdf4llm's "Jawa<br>Bt" | next row "ara<br>Bidang ...".

A converter that cuts a table into rows at a y position can cut a word printed on the border: the
letters that reach higher (capitals, ascenders: "B", "t") stay in the row above, the x-height
letters ("ara") open the cell below. Such a word is put back when the row above's cell ends in a
token that is no word, the cell below opens with a short lower-case line of its own, and exactly
one way of merging the two letter sequences (each keeping its order) is a known word
(parsers/data/wordlist_id.txt and the project vocabulary).
"""

from __future__ import annotations

import itertools
import re

from parsers.md_syntax import BR
from parsers.text_layer import known_words

_TAIL = re.compile(r"(?<![^\s(>])([A-Za-z]{2,4})$")
_FRAGMENT = re.compile(r"^[a-z]{2,4}$")
_MAX_FRAGMENT = 4


def _merges(tail: str, fragment: str) -> set[str]:
    """Every word made of `tail`'s and `fragment`'s letters, each kept in its order, `tail` first."""
    n = len(tail) + len(fragment)
    out: set[str] = set()
    for where in itertools.combinations(range(1, n), len(fragment)):
        chars: list[str] = []
        t, f = iter(tail), iter(fragment)
        for k in range(n):
            chars.append(next(f) if k in where else next(t))
        out.add("".join(chars))
    return out


def _word(tail: str, fragment: str) -> str | None:
    """The one known word the two pieces make, or None."""
    words = known_words()
    if tail.lower() in words or tail.isupper():
        return None
    found = {w for w in _merges(tail, fragment) if w.lower() in words}
    return found.pop() if len(found) == 1 else None


def join_parted_words(raws: list[list[str]], first_body: int) -> list[list[str]]:
    """Rows of raw cells with every word cut by a row border put back in the row above."""
    rows = [list(r) for r in raws]
    for r in range(max(first_body, 1), len(rows)):
        above, here = rows[r - 1], rows[r]
        for c in range(min(len(above), len(here))):
            lines = BR.split(here[c])
            top = lines[0].strip()
            if len(lines) < 2 or not _FRAGMENT.match(top) or r - 1 < first_body:
                continue
            upper = above[c].rstrip()
            m = _TAIL.search(upper)
            word = _word(m.group(1), top) if m else None
            if m is None or word is None:
                continue
            above[c] = upper[: m.start(1)] + word
            here[c] = "<br>".join(lines[1:]).lstrip()
    return rows
