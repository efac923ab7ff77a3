"""Cross-validate confidence-model choices within the fit documents (`make calibrate-cv`).

    python -m tools.calibration_cv [--features data/calibration/features.jsonl] [--folds 5]

A choice (which fit files, which model inputs, a cap on red-flagged fields) is decided on the
documents the model is fitted on, never on the held-out check: the fit samples are split into
folds by the document they render (a layout variant, its scan and the document itself fall in the
same fold), each fold is scored by a model fitted on the others, and the pooled out-of-fold scores
give, per input kind: share right at >= the review threshold, share of the wrong fields flagged
(below it), and the review cost, the share of the right fields sent to review.
Candidate readings (tools.calibration_candidates) are fitted on but not scored: they are no
output of the pipeline.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from normalizers.confidence import Logistic, group_of, scored
from tools.calibrate import FEATURES, fit_group, read_samples
from vocabulary import load
from vocabulary.schemas import Confidence

Sample = dict[str, Any]
_VARIANT = re.compile(r"^v\d+_")
_SCAN = re.compile(r"_scan(\d+)$")


def document_of(source: str) -> str:
    """The document a fit file renders: `v012_002_39db_scan200.pdf` -> `002_39db`."""
    stem = Path(source).stem
    return _SCAN.sub("", _VARIANT.sub("", stem))


def scan_dpi(source: str) -> int | None:
    """The resolution of a fit scan (`..._scan200.pdf` -> 200), None for another file."""
    m = _SCAN.search(Path(source).stem)
    return int(m.group(1)) if m else None


@dataclass(frozen=True)
class Figures:
    """Out-of-fold figures of one input kind."""

    fields: int
    trusted: int
    trusted_right: int
    wrong: int
    flagged: int
    right_reviewed: int

    def line(self, kind: str) -> str:
        precision = self.trusted_right / self.trusted if self.trusted else 1.0
        flagged = self.flagged / self.wrong if self.wrong else 1.0
        cost = self.right_reviewed / max(self.fields - self.wrong, 1)
        return (
            f"  {kind:<16} fields {self.fields:>6}  >= thr right {precision:.4f}  wrong {self.wrong:>4}"
            f" flagged {flagged:.3f}  right sent to review {cost:.4f}"
        )


def kind_of(s: Sample) -> str:
    """A sample's input kind: a rendering by its tool (`text/markitdown`), a scan with its dpi."""
    dpi = scan_dpi(s["source"])
    return str(s.get("kind", s["input_format"])) + (f"@{dpi}" if dpi else "")


def figures(pairs: Sequence[tuple[Sample, float]], below: float) -> Figures:
    """Counts of a list of (sample, confidence)."""
    trusted = [s for s, c in pairs if c >= below]
    return Figures(
        len(pairs),
        len(trusted),
        sum(bool(s["right"]) for s in trusted),
        sum(not s["right"] for s, _ in pairs),
        sum(not s["right"] for s, c in pairs if c < below),
        sum(bool(s["right"]) for s, c in pairs if c < below),
    )


def fit_models(samples: Sequence[Sample], ocr_flags: bool) -> dict[str, Logistic]:
    """The models fitted on `samples`, as the pipeline reads them."""
    groups: dict[str, list[Sample]] = {}
    for s in samples:
        groups.setdefault(group_of(s["field"]), []).append(s)
    fitted = {g: fit_group(ss, ocr_flags) for g, ss in groups.items()}
    return {g: Logistic(m["intercept"], m["weights"]) for g, m in fitted.items()}


def cross_validate(
    samples: Sequence[Sample],
    folds: int,
    keep: Callable[[Sample], bool],
    caps: Sequence[Mapping[str, float]],
    ocr_flags: bool,
) -> list[list[tuple[Sample, float]]]:
    """Out-of-fold (sample, confidence) of every scored sample, for each cap setting. The fit of a
    fold takes the samples `keep` accepts; every non-candidate sample of the fold is scored."""
    docs = sorted({document_of(s["source"]) for s in samples})
    fold_of = {d: n % folds for n, d in enumerate(docs)}
    out: list[list[tuple[Sample, float]]] = [[] for _ in caps]
    for k in range(folds):
        train = [s for s in samples if fold_of[document_of(s["source"])] != k and keep(s)]
        test = [s for s in samples if fold_of[document_of(s["source"])] == k and not s.get("candidate")]
        models = fit_models(train, ocr_flags)
        for n, cap in enumerate(caps):
            out[n].extend((s, scored(models, s["field"], s["features"], cap, ocr_flags)) for s in test)
    return out


def report(pairs: Sequence[tuple[Sample, float]], below: float) -> list[str]:
    """Figures per input kind and for all."""
    kinds: dict[str, list[tuple[Sample, float]]] = {}
    for s, c in pairs:
        kinds.setdefault(kind_of(s), []).append((s, c))
    rendered = [(s, c) for s, c in pairs if str(s.get("kind", "")).startswith("text/")]
    if rendered:  # the text renderings, as the held-out check reports them apart
        kinds["all renderings"] = rendered
    kinds["all"] = list(pairs)
    return [figures(group, below).line(kind) for kind, group in sorted(kinds.items())]


def main(argv: Sequence[str] | None = None) -> int:
    """CLI: cross-validate the fit-set choices on a features file."""
    parser = argparse.ArgumentParser(prog="python -m tools.calibration_cv", description=__doc__)
    parser.add_argument("--features", type=Path, default=FEATURES)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument(
        "--scan-dpi",
        type=int,
        action="append",
        default=[],
        help="fit on the scans of these dpi (all when none)",
    )
    parser.add_argument(
        "--scan-every", type=int, default=1, help="fit on every n-th scanned variant only (of each dpi)"
    )
    parser.add_argument(
        "--without",
        action="append",
        default=[],
        metavar="KIND",
        help="fit without the samples of kinds starting with this (text/markitdown, text/); still scored",
    )
    parser.add_argument(
        "--cap",
        action="append",
        default=[],
        metavar="FLAG=MAX[,FLAG=MAX]",
        help="also score with this red-flag cap",
    )
    args = parser.parse_args(argv)
    samples = read_samples(args.features)
    below = load(Confidence).review_below
    scans = sorted({s["source"] for s in samples if scan_dpi(s["source"])})
    dpis = sorted({d for d in map(scan_dpi, scans) if d is not None})
    kept_scans = {
        name
        for dpi in dpis
        for n, name in enumerate(x for x in scans if scan_dpi(x) == dpi)
        if (not args.scan_dpi or dpi in args.scan_dpi) and n % args.scan_every == 0
    }

    def keep(s: Sample) -> bool:
        if any(kind_of(s).startswith(k) for k in args.without):
            return False
        return scan_dpi(s["source"]) is None or s["source"] in kept_scans

    caps: list[Mapping[str, float]] = [
        {},
        *({k: float(v) for k, v in (c.split("=") for c in x.split(","))} for x in args.cap),
    ]
    print(
        f"cv: {len({s['source'] for s in samples})} files, {len(samples)} samples,"
        f" fit scans {len(kept_scans)} of {len(scans)}, {args.folds} folds by document"
        + (f", fit without {', '.join(args.without)}" if args.without else "")
    )
    for ocr_flags in (False, True):
        results = cross_validate(samples, args.folds, keep, caps, ocr_flags)
        for cap, pairs in zip(caps, results, strict=True):
            print(f"ocr flag inputs {'on' if ocr_flags else 'off'}, cap {dict(cap) or 'none'}:")
            print("\n".join(report(pairs, below)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
