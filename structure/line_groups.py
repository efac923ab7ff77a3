"""Several indicators written line by line into one cell: "Nilai Sakip OPD<br>IKM terhadap Layanan OPD".

A converter that reads a table without rules (pymupdf4llm) may put the rows of several indicators
into one pipe row, each cell's lines joined by `<br>` in the same order. The lines of the indikator
cell fall into one indicator each where a line opens with a capitalised measure word and the line
before does not leave its text open (a function word, an operator: `goes_on_after`); the formula
cell must fall into as many the same way, else the row stays one indicator.
"""

from __future__ import annotations

import re
from functools import cache

from parsers.model import Paragraph, paragraph_text
from structure.language import function_words, measure_words
from vocabulary import load
from vocabulary.schemas import Language

# a group shorter than this (in words) is the lead of a wrapped indicator ("Persentase" /
# "Tingkat Kehadiran"), not one of its own
_MIN_WORDS = 3


@cache
def _opening() -> re.Pattern[str]:
    words = sorted(measure_words(), key=len, reverse=True)
    return re.compile(rf"(?:{'|'.join(re.escape(w) for w in words)})\b", re.I)


@cache
def _open_tails() -> frozenset[str]:
    return function_words() | frozenset(w.lower() for w in load(Language).goes_on_after)


def _opens_indicator(text: str) -> bool:
    s = text.strip()
    return s[:1].isupper() and _opening().match(s) is not None


def _left_open(text: str) -> bool:
    """A line whose text goes on in the next one: it ends in a function word or an operator."""
    s = text.strip().lower()
    if not s:
        return True
    last = s.split()[-1]
    return last in _open_tails() or s[-1] in _open_tails()


def measure_groups(paragraphs: list[Paragraph]) -> list[list[Paragraph]]:
    """A cell's paragraphs grouped into the texts that each open with a measure word."""
    groups: list[list[Paragraph]] = []
    for p in paragraphs:
        text = paragraph_text(p)
        if not text.strip():
            continue
        words = sum(len(paragraph_text(q).split()) for q in groups[-1]) if groups else 0
        prev = paragraph_text(groups[-1][-1]) if groups else ""
        if not groups or (_opens_indicator(text) and words >= _MIN_WORDS and not _left_open(prev)):
            groups.append([p])
        else:
            groups[-1].append(p)
    return groups


def aligned_groups(
    indikator: list[Paragraph], formula: list[Paragraph]
) -> tuple[list[list[Paragraph]], list[list[Paragraph]]] | None:
    """The indikator and formula paragraphs cut into the same number (>= 2) of indicators, each
    group opening with a measure word in both cells; None when they do not line up so (as many
    formula lines as indicators is no evidence: "... Lomba Desa<br>Tingkat Kecamatan" beside a
    formula wrapped once is one indicator)."""
    ind = measure_groups(indikator)
    if len(ind) < 2 or not all(_opens_indicator(paragraph_text(g[0])) for g in ind):
        return None
    grouped = measure_groups(formula)
    return (ind, grouped) if len(grouped) == len(ind) else None
