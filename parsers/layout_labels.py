"""Header labels that run together in layout text: "NO    SASARAN INDIKATOR    RUMUSAN".

pdftotext may print two header cells one space apart when the first column is narrow, so the
header's words hide the gutter its data keeps. A header chunk (header words only, or upper case)
is two labels when a word after its first starts a column label (the column-label vocabulary,
renderings.yaml `header_starts`) and the body's lines leave a character column blank under the
chunk, right of its first label: the data's gutter is then the column boundary, and the header
chunk is left out of the column geometry (its words are still cut at that gutter).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from functools import lru_cache

from parsers.layout_rows import is_header_continuation
from parsers.vocab import renderings

_WORD = re.compile(r"\S+")
_CHUNK = re.compile(r"\S(?:\s?\S)*")


@lru_cache(maxsize=1)
def _starts() -> frozenset[str]:
    return frozenset(str(w) for w in renderings()["run_together_tables"]["header_starts"])


def _fold(word: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", word.lower())


def _label_starts(text: str, offset: int) -> list[int]:
    """Character columns (after the first word) where a word starting a column label begins."""
    words = list(_WORD.finditer(text))
    return [
        offset + m.start()
        for prev, m in itertools.pairwise(words)
        if _fold(m.group()) in _starts() and not prev.group().endswith("/")
    ]


def _blank_in_body(body: Sequence[str], lo: int, hi: int) -> bool:
    """Some character column in [lo, hi) that no body line has text in (a gutter of the data)."""
    if hi <= lo:
        return False
    filled = [False] * (hi - lo)
    for line in body:
        for m in _CHUNK.finditer(line):
            for c in range(max(m.start(), lo), min(m.end(), hi)):
                filled[c - lo] = True
    return not all(filled)


def mask_label_runs(header: Sequence[str], body: Sequence[str]) -> list[str]:
    """The header lines with every chunk of run-together labels blanked (for the geometry only)."""
    if not any(ln.strip() for ln in body):
        return list(header)
    out: list[str] = []
    for line in header:
        text = line.expandtabs()
        for m in _CHUNK.finditer(text):
            starts = _label_starts(m.group(), m.start())
            first_end = m.start() + len(m.group().split(" ", 1)[0])
            labels = is_header_continuation([m.group()])
            if starts and labels and _blank_in_body(body, first_end + 1, m.end()):
                text = text[: m.start()] + " " * (m.end() - m.start()) + text[m.end() :]
        out.append(text)
    return out
