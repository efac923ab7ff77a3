"""Figures of a population of renderings: F1 distribution per tool and mean F1 per variant feature value.

Used by `bench.eval_renderings --variants variants.json` on the seeded layout variants, a set nobody
tuned the text parsers on: a tool's overall F1 hides whether it fails a few documents or many.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from statistics import quantiles
from typing import Any

from evaluation.score import Counts
from evaluation.variants import VariantScore, by_feature_value


def distribution(f1s: Sequence[float]) -> tuple[float, float, float, float, float]:
    """min, first quartile, median, third quartile, max of the F1s (inclusive quartiles)."""
    values = sorted(f1s)
    if len(values) < 2:
        one = values[0] if values else 0.0
        return one, one, one, one, one
    q1, q2, q3 = quantiles(values, n=4, method="inclusive")
    return values[0], q1, q2, q3, values[-1]


def tool_scores(counts: Mapping[str, Counts], listing: Sequence[dict[str, Any]]) -> list[VariantScore]:
    """One score per variant of the listing; a variant the tool has no counts for scores 0."""
    return [
        VariantScore(
            str(item["name"]),
            str(item["doc"]),
            dict(item["features"]),
            counts[item["name"]].f1 if item["name"] in counts else 0.0,
            item["name"] in counts,
        )
        for item in listing
    ]


def population_lines(
    table: Mapping[str, Mapping[str, Counts]], listing: Sequence[dict[str, Any]]
) -> list[str]:
    """Per tool: the F1 distribution over the variants, then the mean F1 per feature value."""
    lines = ["", "distribution per document (min / q1 / median / q3 / max; below 0.9 of N)"]
    scores = {kind: tool_scores(counts, listing) for kind, counts in table.items()}
    for kind, got in scores.items():
        f1s = [s.f1 for s in got]
        low = sum(f1 < 0.9 for f1 in f1s)
        figures = " / ".join(f"{x:.3f}" for x in distribution(f1s))
        lines.append(f"  {kind:<12} {figures}  ({low} of {len(f1s)})")
    lines += ["", "mean F1 per feature value (variants: " + ", ".join(scores) + ")"]
    groups = {kind: by_feature_value(got) for kind, got in scores.items()}
    first = next(iter(groups.values()), {})
    for feature, values in first.items():
        for value, (n, _) in values.items():
            cells = "  ".join(f"{groups[kind][feature][value][1]:.3f}" for kind in groups)
            lines.append(f"  {feature:<12} {value:<20} {n:>3}  {cells}")
    return lines
