"""One-to-one, best-first record alignment (greedy on descending similarity)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from evaluation.records import PositionData, Record
from evaluation.text import similarity

ALIGN_AT = 0.5
G = TypeVar("G")
P = TypeVar("P")
Pair = tuple[int | None, int | None]


def greedy_pairs(
    gold: Sequence[G], predicted: Sequence[P], score: Callable[[G, P], float], minimum: float
) -> list[tuple[int, int]]:
    """Index pairs matched one-to-one, best score first (ties: nearest in order), each scoring >= minimum."""
    candidates = []
    for i, g in enumerate(gold):
        for j, p in enumerate(predicted):
            s = score(g, p)
            if s >= minimum:
                candidates.append((-s, abs(i - j), i, j))
    candidates.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, _, i, j in candidates:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def align(
    gold: Sequence[G], predicted: Sequence[P], score: Callable[[G, P], float], minimum: float = ALIGN_AT
) -> list[Pair]:
    """Aligned pairs plus (i, None) for unaligned gold and (None, j) for unaligned predicted records."""
    pairs = greedy_pairs(gold, predicted, score, minimum)
    matched_g = {i for i, _ in pairs}
    matched_p = {j for _, j in pairs}
    result: list[Pair] = [(i, j) for i, j in pairs]
    result += [(i, None) for i in range(len(gold)) if i not in matched_g]
    result += [(None, j) for j in range(len(predicted)) if j not in matched_p]
    return result


def _blend(main_a: str, main_b: str, extra_a: str, extra_b: str) -> float:
    """0.7 * main-text similarity + 0.3 * secondary similarity when both have the secondary text."""
    if not main_a or not main_b:
        return 0.0
    main = similarity(main_a, main_b)
    if extra_a and extra_b:
        return 0.7 * main + 0.3 * similarity(extra_a, extra_b)
    return main


def position_similarity(gold: PositionData, predicted: PositionData) -> float:
    """Similarity of two positions by jabatan, with tugas text as the secondary signal."""
    g, p = gold.record, predicted.record
    return _blend(
        g.text("positions.jabatan"),
        p.text("positions.jabatan"),
        g.text("positions.tugas"),
        p.text("positions.tugas"),
    )


def indicator_similarity(gold: Record, predicted: Record) -> float:
    """Similarity of two indicators by indikator text, with formula text as the secondary signal."""
    return _blend(
        gold.text("indicators.indikator"),
        predicted.text("indicators.indikator"),
        gold.text("indicators.formula"),
        predicted.text("indicators.formula"),
    )
