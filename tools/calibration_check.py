"""How a fitted confidence model does on labelled fields it was not fitted on (tools.calibrate --check).

The samples are those tools.calibrate collects (field, evidence, right) from held-out documents;
they are scored with the model as the pipeline scores them (normalizers.confidence), so the figures
are the ones `make eval` gives on the same documents: share right of the fields at or above the
review threshold, share of the wrong fields below it (each of them is a `field-low-confidence`
review row), the reliability table per input kind, and the wrong fields left unflagged, by field
and by the evidence they showed, which is where new evidence is worth adding.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from evaluation.reliability import Outcome, coverage, reliability
from normalizers.confidence import Logistic
from normalizers.confidence import scored as field_confidence
from vocabulary import load
from vocabulary.schemas import Confidence

Sample = dict[str, Any]
_SHOWN = 12  # unflagged wrong fields printed as examples


def scored(samples: Sequence[Sample], models: Mapping[str, Logistic]) -> list[tuple[Sample, float]]:
    """Each sample with the confidence the pipeline would give it (capped and rounded as stored)."""
    return [(s, field_confidence(models, s["field"], s["features"])) for s in samples]


def outcomes(pairs: Sequence[tuple[Sample, float]]) -> list[Outcome]:
    """The samples as evaluation outcomes (key: source and position, so each is its own subject)."""
    return [Outcome(f"{s['source']}#{n}", s["field"], c, bool(s["right"])) for n, (s, c) in enumerate(pairs)]


def _flags(features: Mapping[str, float]) -> list[str]:
    """The yes/no evidence a field showed (engine, header, split, red flags ...)."""
    return sorted(k for k, v in features.items() if v == 1.0 and not k.startswith("field_"))


def report(
    samples: Sequence[Sample], models: Mapping[str, Logistic], unseen: Sequence[str] = ()
) -> list[str]:
    """The check's lines: coverage, reliability per input kind, unflagged wrong fields. `unseen`:
    the hold-out name patterns, whose documents the fit read in no form (no rendering, no layout
    variant), reported apart from the held-out renderings of fitted content (the seeds' PDFs)."""
    below = load(Confidence).review_below
    pairs = scored(samples, models)
    if not pairs:
        return ["check: no labelled fields"]
    lines = [f"check: {len({s['source'] for s, _ in pairs})} documents, {len(pairs)} fields"]
    kinds: dict[str, list[tuple[Sample, float]]] = {}
    for s, c in pairs:
        kinds.setdefault(str(s.get("kind", s["input_format"])), []).append((s, c))
    # the held-out documents as issue 16 counts them; their text renderings apart
    kinds["all"] = [(s, c) for s, c in pairs if "kind" not in s]
    rendered = [(s, c) for s, c in pairs if "kind" in s]
    if rendered:
        kinds["all renderings"] = rendered
    if unseen:
        kinds["unseen names"] = [(s, c) for s, c in kinds["all"] if any(u in s["source"] for u in unseen)]
    for kind, group in kinds.items():
        outs = outcomes(group)
        reviewed = {(o.key or "", o.column) for o in outs if (o.confidence or 0.0) < below}
        cov = coverage(outs, reviewed)
        right_reviewed = sum(o.right for o in outs if (o.confidence or 0.0) < below)
        cost = right_reviewed / max(len(outs) - cov.wrong, 1)
        lines.append(
            f"  {kind:<16} fields {len(outs):>5}  >= {below:.2f}: {cov.trusted:>5}"
            f" right {cov.trusted_precision:.3f}  wrong {cov.wrong:>4} flagged {cov.flagged_share:.3f}"
            f"  right sent to review {cost:.3f}"
        )
        for band in reliability(outs):
            lines.append(
                f"    {band.label:<13} fields {band.fields:>5}  right {band.share_right:.3f}"
                f"  mean confidence {band.mean_confidence:.3f}"
            )
    missed = [(s, c) for s, c in pairs if not s["right"] and c >= below]
    lines.append(f"  wrong fields at >= {below:.2f} (not flagged): {len(missed)}")
    by_field = Counter(s["field"] for s, _ in missed)
    lines.append("    by field: " + ", ".join(f"{f} {n}" for f, n in by_field.most_common()))
    by_kind = Counter(s.get("kind", s["input_format"]) for s, _ in missed)
    lines.append("    by input kind: " + ", ".join(f"{k} {n}" for k, n in by_kind.most_common()))
    by_flag = Counter(f for s, _ in missed for f in _flags(s["features"]))
    lines.append("    evidence shown: " + ", ".join(f"{f} {n}" for f, n in by_flag.most_common(20)))
    for s, c in missed[:_SHOWN]:
        lines.append(f"    {c:.3f} {s['source'][:40]:<40} {s['field']:<16} {str(s['value'])[:70]!r}")
    return lines
