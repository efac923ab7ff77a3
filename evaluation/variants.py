"""Score layout variants: F1 per variant, mean F1 per feature value, overall, worst variants.

Reads the listing the variant builder writes (variants.json: name, document, feature values) and
scores the output against the variants' expected gold with the ordinary scorer. A variant with no
output (rejected) scores F1 0. Imports nothing from the pipeline.

    python -m evaluation.variants --out OUT --gold VARIANTS/gold --variants VARIANTS/variants.json
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from statistics import mean
from typing import Any, TextIO

from evaluation.evaluate import Evaluation, EvaluationError, evaluate

NOT_APPLICABLE = "n/a"


@dataclass(frozen=True)
class VariantScore:
    """F1 of one variant, with its document and feature values."""

    name: str
    doc: str
    features: dict[str, str]
    f1: float
    scored: bool  # False when the variant has no output


@dataclass(frozen=True)
class VariantReport:
    """Every variant's score, the overall (micro) F1 and the mean F1 per feature value."""

    variants: list[VariantScore]
    overall_f1: float
    by_value: dict[str, dict[str, tuple[int, float]]]  # feature -> value -> (variants, mean F1)

    def worst(self, k: int = 5) -> list[VariantScore]:
        """The k variants of lowest F1."""
        return sorted(self.variants, key=lambda v: (v.f1, v.name))[:k]


def load_listing(path: Path) -> list[dict[str, Any]]:
    """The variant builder's listing."""
    data: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return data


def by_feature_value(scores: Sequence[VariantScore]) -> dict[str, dict[str, tuple[int, float]]]:
    """Feature -> value -> (number of variants having it, their mean F1); n/a values left out."""
    groups: dict[str, dict[str, list[float]]] = {}
    for score in scores:
        for feature, value in score.features.items():
            if value != NOT_APPLICABLE:
                groups.setdefault(feature, {}).setdefault(value, []).append(score.f1)
    return {f: {v: (len(xs), mean(xs)) for v, xs in values.items()} for f, values in groups.items()}


def variant_report(ev: Evaluation, listing: Sequence[dict[str, Any]]) -> VariantReport:
    """Join the scorer's per-document results with the listing."""
    f1_of = {Path(r.gold_file).stem: r.totals.f1 for r in ev.documents}
    scores = [
        VariantScore(
            str(item["name"]),
            str(item["doc"]),
            dict(item["features"]),
            f1_of.get(item["name"], 0.0),
            item["name"] in f1_of,
        )
        for item in listing
    ]
    return VariantReport(scores, ev.overall.f1, by_feature_value(scores))


def print_variant_report(report: VariantReport, stream: TextIO, worst: int = 5) -> None:
    """Per-variant, per-feature-value and overall figures."""
    print("\nPer variant", file=stream)
    for v in report.variants:
        flag = "" if v.scored else "  (no output)"
        print(f"  {v.name:<48} {v.f1:.3f}{flag}", file=stream)
    print("\nPer feature value (variants, mean F1)", file=stream)
    for feature, values in report.by_value.items():
        cells = "  ".join(f"{value}={n}:{f1:.3f}" for value, (n, f1) in values.items())
        print(f"  {feature:<12} {cells}", file=stream)
    print(f"\nWorst {worst} variants", file=stream)
    for v in report.worst(worst):
        changed = ", ".join(f"{k}={x}" for k, x in v.features.items() if x != NOT_APPLICABLE)
        print(f"  {v.name:<48} {v.f1:.3f}  {changed}", file=stream)
    lowest = min((v.f1 for v in report.variants), default=0.0)
    print(
        f"\nOverall F1 {report.overall_f1:.3f} over {len(report.variants)} variants; "
        f"lowest variant {lowest:.3f}",
        file=stream,
    )


def to_json(report: VariantReport) -> dict[str, Any]:
    """The report as a JSON-ready dict."""
    return {
        "overall_f1": report.overall_f1,
        "variants": [vars(v) for v in report.variants],
        "by_feature_value": {
            f: {v: {"variants": n, "mean_f1": f1} for v, (n, f1) in values.items()}
            for f, values in report.by_value.items()
        },
    }


def main(argv: Sequence[str] | None = None) -> int:
    """CLI: 0 when scored, 2 when there is nothing to score."""
    parser = argparse.ArgumentParser(prog="python -m evaluation.variants", description=__doc__)
    parser.add_argument("--out", type=Path, required=True, help="pipeline output folder of the variant PDFs")
    parser.add_argument("--gold", type=Path, required=True, help="the variants' expected gold folder")
    parser.add_argument("--variants", type=Path, required=True, help="the builder's variants.json")
    parser.add_argument("--json", type=Path, help="also write the report as JSON here")
    args = parser.parse_args(argv)
    try:
        report = variant_report(evaluate(args.out, args.gold), load_listing(args.variants))
    except (EvaluationError, OSError) as exc:
        print(f"evaluation.variants: {exc}", file=sys.stderr)
        return 2
    print_variant_report(report, sys.stdout)
    if args.json:
        args.json.write_text(json.dumps(to_json(report), indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
