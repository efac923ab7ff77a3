"""Is the output's confidence honest? Each predicted field with a confidence, right or wrong by the metric.

A field is right when the scorer (SCORING.md) would count it correct: its record aligned with a gold
record (evaluation.align, as scoring does) and the value matched (every item of a list). A field of a
predicted record that aligned with no gold record is wrong; a gold field marked ambiguous is not
counted. The reliability table groups fields by confidence band: share right per band, per input kind.
Imports nothing from the pipeline.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from evaluation.align import align, indicator_similarity, position_similarity
from evaluation.records import CONFIDENCE_FIELDS, DocData, Record, bare
from evaluation.score import compare

BANDS = (0.0, 0.5, 0.7, 0.8, 0.9, 0.95)  # lower edges; the last band is [0.95, 1.0]
TRUSTED = 0.9  # the confidence from which a field is meant to need no review

_COLUMN_OF = {
    f"{t}.{name}": column for t, fields in CONFIDENCE_FIELDS.items() for column, name in fields.items()
}


@dataclass(frozen=True)
class Outcome:
    """One predicted field: its row id, output column name, confidence and whether it is right."""

    key: str | None
    column: str  # the confidence column's field name (review.field): "formula", "signer" ...
    confidence: float | None
    right: bool


def record_outcomes(gold: Record | None, predicted: Record | None) -> list[Outcome]:
    """The outcome of every confidence field the predicted record has a value for."""
    if predicted is None:
        return []
    skip = gold.ambiguous if gold else frozenset()
    out = []
    for name, value in sorted(predicted.fields.items()):
        if name not in _COLUMN_OF or bare(name) in skip:
            continue
        counts = compare(name, gold.fields.get(name) if gold else None, value)
        right = gold is not None and counts.correct == counts.predicted == counts.gold
        out.append(Outcome(predicted.key, _COLUMN_OF[name], predicted.confidence.get(name), right))
    return out


def _indicator_pairs(
    gold: list[Record], predicted: list[Record]
) -> list[tuple[Record | None, Record | None]]:
    return [
        (None if i is None else gold[i], None if j is None else predicted[j])
        for i, j in align(gold, predicted, indicator_similarity)
    ]


def indicator_pairs(gold: DocData, predicted: DocData) -> list[tuple[Record | None, Record | None]]:
    """(gold, predicted) indicator records of one document, aligned as scoring aligns them."""
    out = _indicator_pairs(gold.iku, predicted.iku)
    for i, j in align(gold.positions, predicted.positions, position_similarity):
        g = gold.positions[i].indicators if i is not None else []
        p = predicted.positions[j].indicators if j is not None else []
        out += _indicator_pairs(g, p)
    return out


def document_outcomes(gold: DocData, predicted: DocData) -> list[Outcome]:
    """Outcomes of every confidence field of one output document, aligned as scoring aligns."""
    out = record_outcomes(gold.document, predicted.document)
    for g, p in indicator_pairs(gold, predicted):
        out += record_outcomes(g, p)
    return out


def band_of(confidence: float) -> int:
    """Index of the band (BANDS) a confidence falls in."""
    return max(i for i, low in enumerate(BANDS) if confidence >= low)


def band_label(index: int) -> str:
    """ "[0.90, 0.95)" style label of a band."""
    high = BANDS[index + 1] if index + 1 < len(BANDS) else 1.0
    close = ")" if index + 1 < len(BANDS) else "]"
    return f"[{BANDS[index]:.2f}, {high:.2f}{close}"


@dataclass(frozen=True)
class Band:
    """Fields in one confidence band: how many, how many right, their mean confidence."""

    label: str
    fields: int
    right: int
    mean_confidence: float

    @property
    def share_right(self) -> float:
        return self.right / self.fields if self.fields else 0.0


def reliability(outcomes: Iterable[Outcome]) -> list[Band]:
    """The reliability table of some outcomes (fields without a confidence left out)."""
    groups: dict[int, list[Outcome]] = {}
    for o in outcomes:
        if o.confidence is not None:
            groups.setdefault(band_of(o.confidence), []).append(o)
    return [
        Band(
            band_label(i),
            len(os),
            sum(o.right for o in os),
            sum(o.confidence or 0.0 for o in os) / len(os),
        )
        for i, os in sorted(groups.items())
    ]


@dataclass(frozen=True)
class Coverage:
    """The issue's two figures: precision of trusted fields, and how many wrong fields get flagged."""

    trusted: int  # fields at confidence >= TRUSTED
    trusted_right: int
    wrong: int  # wrong fields (with a confidence)
    wrong_flagged: int  # of them below TRUSTED and with a review row

    @property
    def trusted_precision(self) -> float:
        return self.trusted_right / self.trusted if self.trusted else 0.0

    @property
    def flagged_share(self) -> float:
        return self.wrong_flagged / self.wrong if self.wrong else 1.0


def coverage(outcomes: Sequence[Outcome], reviewed: set[tuple[str, str]]) -> Coverage:
    """Coverage of outcomes; `reviewed` holds the (subject id, field) of field-low-confidence rows."""
    scored = [o for o in outcomes if o.confidence is not None]
    trusted = [o for o in scored if (o.confidence or 0.0) >= TRUSTED]
    wrong = [o for o in scored if not o.right]
    flagged = [o for o in wrong if (o.confidence or 0.0) < TRUSTED and (o.key or "", o.column) in reviewed]
    return Coverage(len(trusted), sum(o.right for o in trusted), len(wrong), len(flagged))
