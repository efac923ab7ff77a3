"""Fractions in layout text: a drawn fraction bar leaves no character, only its geometry.

A formula typed as a fraction prints its numerator and denominator centred on one axis, each
possibly over several lines, and a multiplier ("x 100%") beside or below. In layout text the bar
is gone; what is left is a cell whose lines share a centre but not a left edge. Such a cell is
split where a line starts a new term (upper case, ∑, a bracket) after a line that leaves nothing
open, when there is exactly one such place; the bar is put back as the PDF parser marks a drawn
one (`BAR` between the cell's visual lines), so the cell gets the same `Fraction` paragraph.
Anything less certain is left as it is.
"""

from __future__ import annotations

import re

from parsers.pdf_text import BAR, VisualLine  # the bar mark the PDF parser puts between a cell's lines

_MULTIPLIER = re.compile(r"^[xX×*]\s*\d")
OPEN_END = (",", "+", "-", "x", "X", "×", "(", "/", "=", ":", "dan", "yang", "atau")
TERM_START = re.compile(r"^[A-Z0-9∑Σ(\[]")
MULTIPLIER_LINE = re.compile(r"^[xX×*]\s*\d+(?:[.,]\d+)?\s*%?$")  # a line that is only "x 100%"
_TRAILING_MULTIPLIER = re.compile(r"\s[xX×*]\s*\d+\s*%?\s*$")


def bracket_open(lines: list[str]) -> bool:
    """The lines leave a bracket open ("(Jumlah desa ... +" before "... waktu)"): no bar inside."""
    text = " ".join(lines)
    return text.count("(") + text.count("[") > text.count(")") + text.count("]")


def first_word(line: str) -> list[str]:
    """A term's first word, an opening bracket left off ("(Jumlah" starts like "Jumlah")."""
    return line.lstrip("([ ").split()[:1]


def _centred(spans: list[tuple[int, int]], tolerance: float) -> bool:
    """Lines that share a centre (within `tolerance`) but not a left edge."""
    centres = [(a + b) / 2 for a, b in spans]
    lefts = [a for a, _ in spans]
    return max(centres) - min(centres) <= tolerance and max(lefts) - min(lefts) >= 2


def with_fraction_bar(
    texts: list[str], spans: list[tuple[int, int]], tolerance: float = 3.0
) -> list[VisualLine]:
    """A cell's visual lines with a bar line inserted between numerator and denominator, when the
    geometry says the cell is a fraction; otherwise the lines unchanged."""
    body = [i for i, t in enumerate(texts) if not _MULTIPLIER.match(t) and not t.rstrip().endswith("=")]
    # A multiplier printed beside the bar stretches its line: that line's centre says nothing.
    axis = [i for i in body if not _TRAILING_MULTIPLIER.search(texts[i])]
    if len(body) < 2 or len(axis) < 2 or not _centred([spans[i] for i in axis], tolerance):
        return list(texts)
    splits = [
        j
        for k, j in enumerate(body[1:], 1)
        if TERM_START.match(texts[j])
        and not texts[body[k - 1]].rstrip().endswith(OPEN_END)
        and not bracket_open([texts[i] for i in body[:k]])
    ]
    if len(splits) > 1:
        # a denominator wrapped onto a capitalised line ("... oleh Kantor" / "Kecamatan Longkali"):
        # the term that starts like the numerator ("Jumlah ...") is the one under the bar
        head = first_word(texts[body[0]])
        alike = [j for j in splits if first_word(texts[j]) == head]
        splits = alike if len(alike) == 1 else splits
    if len(splits) != 1:
        return list(texts)
    # The formula reader takes the one line above the bar as the numerator and the one below as
    # the denominator: each side's wrapped lines become one line.
    lead = [texts[i] for i in range(body[0])]
    num = [texts[i] for i in body if i < splits[0]]
    den = [texts[i] for i in body if i >= splits[0]]
    tail = [texts[i] for i in range(body[0], len(texts)) if i not in body]
    return [*lead, " ".join(num), BAR, " ".join(den), *tail]
