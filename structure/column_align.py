"""A continued table narrower than its header: which header column each of its columns is.

A converter that writes a table continued on the next page as a table of its own (pymupdf4llm)
leaves out a column that is empty on that page (the sasaran of a row whose sasaran cell was merged
over the page before, the No column of a row cut at the break). Read by position, every column after
the missing one would shift left by one. Each of the narrower table's columns is instead matched to
one of the header's columns, in order, by what they hold: the words they share with the rows read
under the header, and whether their cells start with a measure word (an indikator) as that column's do.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from parsers.model import Row
from structure.language import measure_words

_WORD = re.compile(r"[^\W_]+|[Σ∑/:×%]")
# a one-column table under a wide one is a block of its own (a signature box), not its rest
_MIN_WIDTH = 2
# how much better than reading by position a placement must read (one column's likeness is 0..2)
_MARGIN = 0.5
# more columns than this and the order-keeping placements are too many to try: read by position
_MAX_WIDTH = 9


def _tokens(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def _starts_with_measure(text: str) -> bool:
    words = _WORD.findall(text.lower())
    return bool(words) and words[0] in measure_words()


def _profile(rows: Sequence[Row], col: int) -> tuple[set[str], float]:
    """A column's words and the share of its non-empty cells that start with a measure word."""
    texts = [r.cells[col].text for r in rows if col < len(r.cells) and r.cells[col].text.strip()]
    words: set[str] = set()
    for t in texts:
        words |= _tokens(t)
    return words, (sum(map(_starts_with_measure, texts)) / len(texts) if texts else 0.0)


def _likeness(new: tuple[set[str], float], old: tuple[set[str], float]) -> float:
    """How much a column of the continued table reads like a column of the table above (0..2)."""
    words, measure = new
    shared = len(words & old[0]) / len(words) if words else 0.0
    return shared + 1.0 - abs(measure - old[1])


def column_placement(above: Sequence[Row], rows: Sequence[Row], width: int) -> tuple[int, ...] | None:
    """For a table of fewer columns than `width` (the header's), the header column of each of its
    columns, in order; None when it is not narrower or nothing was read under the header to go by."""
    narrow = max((len(r.cells) for r in rows), default=0)
    if not above or not _MIN_WIDTH <= narrow < width or width > _MAX_WIDTH:
        return None
    old = [_profile(above, c) for c in range(width)]
    new = [_profile(rows, c) for c in range(narrow)]
    scores = {
        at: sum(_likeness(new[c], old[j]) for c, j in enumerate(at))
        for at in itertools.combinations(range(width), narrow)
    }
    by_position = tuple(range(narrow))
    best = max(scores, key=lambda at: (scores[at], at == by_position))
    # a placement no clearly better than reading by position is no evidence of a left-out column
    return best if scores[best] >= scores[by_position] + _MARGIN else None


def placed_mapping(mapping: dict[int, str], at: tuple[int, ...]) -> dict[int, str]:
    """The header mapping (header column -> field) for the narrower table's columns."""
    return {c: mapping[j] for c, j in enumerate(at) if j in mapping}
