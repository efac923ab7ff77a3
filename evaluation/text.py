"""Text normalisation and similarity exactly as tests/gold/SCORING.md defines them."""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz

CORRECT_AT = 0.90
_NOT_KEPT = re.compile(r"[^a-z0-9%]+")


def normalise(text: str) -> str:
    """NFKC, lower case, every character other than a-z, 0-9 and % to a space, spaces collapsed."""
    return _NOT_KEPT.sub(" ", unicodedata.normalize("NFKC", text).lower()).strip()


def similarity(a: str, b: str) -> float:
    """rapidfuzz `fuzz.ratio` / 100 of the normalised texts (two texts that normalise away: raw equality)."""
    na, nb = normalise(a), normalise(b)
    if not na and not nb:
        return 1.0 if a.strip() == b.strip() else 0.0
    return fuzz.ratio(na, nb) / 100.0


def as_int(value: object) -> int | None:
    """The value as an int, or None when it is not a whole number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    try:
        return int(str(value).strip())
    except ValueError:
        return None


def value_score(gold: str | int, predicted: str | int, numeric: bool) -> float:
    """1.0/0.0 equality for numbers, else text similarity of the two values."""
    if numeric:
        g, p = as_int(gold), as_int(predicted)
        return 1.0 if g is not None and g == p else 0.0
    return similarity(str(gold), str(predicted))
