"""Print an Evaluation as tables and turn it into a JSON-ready dict."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TextIO

from evaluation.evaluate import Evaluation
from evaluation.reliability import TRUSTED, Outcome, coverage, reliability
from evaluation.score import Counts

_SCORE_HEADS = ("P", "R", "F1", "gold", "pred", "ok")


def _score_cells(c: Counts) -> list[str]:
    """The P, R, F1 and count cells of one row."""
    return [
        f"{c.precision:.3f}",
        f"{c.recall:.3f}",
        f"{c.f1:.3f}",
        str(c.gold),
        str(c.predicted),
        str(c.correct),
    ]


def _table(title: str, heads: Sequence[str], rows: list[list[str]], stream: TextIO, labels: int = 1) -> None:
    """Print a titled table: the first `labels` columns left-aligned, the others right-aligned."""
    widths = [max(len(str(x)) for x in col) for col in zip(heads, *rows, strict=False)]
    print(f"\n{title}", file=stream)
    for row in [list(heads), *rows]:
        cells = [
            c.ljust(w) if i < labels else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        print("  " + "  ".join(cells).rstrip(), file=stream)


def print_report(ev: Evaluation, stream: TextIO) -> None:
    """Per-document, per-field, per-input-kind and overall tables."""
    docs = [[r.source_file, r.gold_file, r.input_format, *_score_cells(r.totals)] for r in ev.documents]
    docs += [[r.source_file, r.gold_file, "-", *_score_cells(r.totals)] for r in ev.missing]
    _table("Per document", ("document", "gold", "format", *_SCORE_HEADS), docs, stream, labels=3)
    fields = [[name, *_score_cells(c)] for name, c in sorted(ev.fields.items())]
    _table("Per field", ("field", *_SCORE_HEADS), fields, stream)
    kinds = [[kind, str(n), *_score_cells(c)] for kind, (n, c) in ev.by_format().items()]
    _table("Per input kind", ("input_format", "docs", *_SCORE_HEADS), kinds, stream)
    print_reliability(ev, stream)
    o = ev.overall
    print(
        f"\nOverall: P={o.precision:.3f} R={o.recall:.3f} F1={o.f1:.3f} "
        f"(gold {o.gold}, predicted {o.predicted}, correct {o.correct})",
        file=stream,
    )
    missing = ", ".join(r.gold_file for r in ev.missing)
    print(f"Gold documents with no output (all missed): {len(ev.missing)} {missing}".rstrip(), file=stream)
    print(
        f"Output documents with no gold (ignored): {len(ev.no_gold)} {', '.join(ev.no_gold)}".rstrip(),
        file=stream,
    )


def print_reliability(ev: Evaluation, stream: TextIO) -> None:
    """Reliability table per input kind (confidence band -> share right), and the review coverage."""
    rows = []
    for kind, outcomes in ev.outcomes_by_format().items():
        for band in reliability(outcomes):
            rows.append(
                [
                    kind,
                    band.label,
                    str(band.fields),
                    f"{band.mean_confidence:.3f}",
                    f"{band.share_right:.3f}",
                ]
            )
    heads = ("input_format", "confidence", "fields", "mean conf", "share right")
    _table("Reliability (confidence band -> share of fields right)", heads, rows, stream, labels=2)
    lines = [[kind, *_coverage_cells(outcomes, ev)] for kind, outcomes in ev.outcomes_by_format().items()]
    heads = ("input_format", f"fields >= {TRUSTED}", "right", "wrong fields", f"< {TRUSTED} + review")
    _table("Review coverage", heads, lines, stream)


def _coverage_cells(outcomes: list[Outcome], ev: Evaluation) -> list[str]:
    c = coverage(outcomes, ev.reviewed)
    return [str(c.trusted), f"{c.trusted_precision:.3f}", str(c.wrong), f"{c.flagged_share:.3f}"]


def reliability_json(ev: Evaluation) -> dict[str, Any]:
    """Reliability bands and review coverage per input kind, JSON-ready."""
    out: dict[str, Any] = {}
    for kind, outcomes in ev.outcomes_by_format().items():
        c = coverage(outcomes, ev.reviewed)
        out[kind] = {
            "bands": [{**vars(b), "share_right": b.share_right} for b in reliability(outcomes)],
            "trusted": c.trusted,
            "trusted_precision": c.trusted_precision,
            "wrong": c.wrong,
            "wrong_flagged_share": c.flagged_share,
        }
    return out


def to_json(ev: Evaluation) -> dict[str, Any]:
    """The full report as a JSON-ready dict."""
    return {
        "overall": ev.overall.as_dict(),
        "fields": {name: c.as_dict() for name, c in sorted(ev.fields.items())},
        "by_input_format": {k: {"documents": n, **c.as_dict()} for k, (n, c) in ev.by_format().items()},
        "documents": [
            {
                "source_file": r.source_file,
                "gold_file": r.gold_file,
                "input_format": r.input_format,
                **r.totals.as_dict(),
                "fields": {name: c.as_dict() for name, c in sorted(r.fields.items())},
            }
            for r in [*ev.documents, *ev.missing]
        ],
        "reliability": reliability_json(ev),
        "gold_without_output": [r.gold_file for r in ev.missing],
        "output_without_gold": ev.no_gold,
    }
