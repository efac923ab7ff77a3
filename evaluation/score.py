"""Field-level counting: gold items, predicted items and correct items, and P/R/F1 from them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

from evaluation.align import align, greedy_pairs, indicator_similarity, position_similarity
from evaluation.records import NUMERIC_FIELDS, DocData, Record, Value, bare
from evaluation.text import CORRECT_AT, value_score

FieldCounts = dict[str, "Counts"]
T = TypeVar("T")


def _ratio(part: int, whole: int, other: int) -> float:
    """part / whole; with nothing in whole: 1.0 when the other side is empty too, else 0.0."""
    if whole:
        return part / whole
    return 1.0 if other == 0 else 0.0


@dataclass
class Counts:
    """Gold, predicted and correct item counts."""

    gold: int = 0
    predicted: int = 0
    correct: int = 0

    def add(self, other: Counts) -> None:
        """Add another count in place."""
        self.gold += other.gold
        self.predicted += other.predicted
        self.correct += other.correct

    @property
    def precision(self) -> float:
        """correct / predicted."""
        return _ratio(self.correct, self.predicted, self.gold)

    @property
    def recall(self) -> float:
        """correct / gold."""
        return _ratio(self.correct, self.gold, self.predicted)

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        """Counts and scores as a JSON-ready dict."""
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "gold": self.gold,
            "predicted": self.predicted,
            "correct": self.correct,
        }


def total(fields: FieldCounts) -> Counts:
    """The sum of per-field counts."""
    result = Counts()
    for counts in fields.values():
        result.add(counts)
    return result


def merge(into: FieldCounts, fields: FieldCounts) -> None:
    """Add per-field counts into an accumulator."""
    for name, counts in fields.items():
        into.setdefault(name, Counts()).add(counts)


def _items(value: Value | None) -> list[str | int]:
    """A value as a list of items (scalars are one item)."""
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def compare(name: str, gold: Value | None, predicted: Value | None) -> Counts:
    """Counts for one field of an aligned pair; list items matched one-to-one, best first."""
    g, p = _items(gold), _items(predicted)
    numeric = name in NUMERIC_FIELDS
    pairs = greedy_pairs(g, p, lambda a, b: value_score(a, b, numeric), CORRECT_AT)
    return Counts(len(g), len(p), len(pairs))


def score_pair(gold: Record | None, predicted: Record | None, into: FieldCounts) -> None:
    """Count every field of an aligned (or unaligned) record pair, skipping the gold's ambiguous fields."""
    skip = gold.ambiguous if gold else frozenset()
    g_fields = gold.fields if gold else {}
    p_fields = predicted.fields if predicted else {}
    for name in sorted(set(g_fields) | set(p_fields)):
        if bare(name) not in skip:
            into.setdefault(name, Counts()).add(compare(name, g_fields.get(name), p_fields.get(name)))


def _score_indicators(gold: list[Record], predicted: list[Record], into: FieldCounts) -> None:
    """Align two indicator lists and count their fields."""
    for i, j in align(gold, predicted, indicator_similarity):
        score_pair(_at(gold, i), _at(predicted, j), into)


def _at(items: list[T], index: int | None) -> T | None:
    """items[index], or None for no index."""
    return None if index is None else items[index]


def score_document(gold: DocData, predicted: DocData) -> FieldCounts:
    """Per-field counts of one output document against its gold."""
    counts: FieldCounts = {}
    score_pair(gold.document, predicted.document, counts)
    _score_indicators(gold.iku, predicted.iku, counts)
    for i, j in align(gold.positions, predicted.positions, position_similarity):
        g, p = _at(gold.positions, i), _at(predicted.positions, j)
        score_pair(g.record if g else None, p.record if p else None, counts)
        _score_indicators(g.indicators if g else [], p.indicators if p else [], counts)
    return counts


def field_totals(results: Iterable[FieldCounts]) -> FieldCounts:
    """Per-field counts summed over many documents."""
    fields: FieldCounts = {}
    for result in results:
        merge(fields, result)
    return fields
