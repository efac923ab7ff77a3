"""Fit the confidence model: field evidence -> P(right), on documents with gold (`make calibrate`).

    python -m tools.calibrate --source INPUT_DIR GOLD_DIR [--source ...] [--hold-out real_]
        [--features data/calibration/features.jsonl] [--model normalizers/data/confidence_model.json]

1. collect: every input file of every source (except names containing a --hold-out string) is
   converted in-process; its rows are aligned with its gold the way the scorer aligns them
   (evaluation.reliability), so "right" means what the metric means; each predicted field's
   evidence (normalizers/evidence.py) and right/wrong go to a JSON-lines file.
2. fit: one L2 logistic regression for the indicator fields and one for the document fields
   (scikit-learn, fixed solver and C: the same features give the same coefficients), written as
   plain coefficients to the model file the pipeline reads (normalizers/confidence.py).
3. check (`--check INPUT GOLD`): the same labelled fields of documents the fit did not see (the
   held-out names of a fit source, every file of another source) are scored with the new model:
   share right at >= the review threshold, share of the wrong fields flagged (below it), the
   reliability table per input kind, and the wrong fields left unflagged, by field and by evidence.
`--fit-only` refits (and checks) from the existing features files.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import pickle
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import sklearn
from sklearn.linear_model import LogisticRegression

import parsers
from evaluation.gold import GoldSet
from evaluation.predicted import docs_from_rows
from evaluation.reliability import document_outcomes
from normalizers.confidence import group_of, model_features, parse_model
from normalizers.document import NormalizedIndicator, normalize
from normalizers.evidence import FieldEvidence
from pipeline import ids
from pipeline.convert import convert, parse, structure
from pipeline.result import ConversionResult
from pipeline.tables import result_rows
from problems import ProblemError
from tools.calibration_candidates import candidate_samples, indicator_candidate_samples
from tools.calibration_check import report

FEATURES = Path("data/calibration/features.jsonl")
CHECK = Path("data/calibration/check.jsonl")
MODEL = Path("normalizers/data/confidence_model.json")
C = 1.0  # L2 strength; the field-paired inputs lean on the shared weights where a field has few errors
MIN_CLASS = 3  # fewer right (or wrong) fields than this: no regression, the smoothed share only
Sample = dict[str, Any]


def evidence_by_key(res: Any) -> dict[tuple[str, str], FieldEvidence]:
    """(row id, field) -> the field's evidence, with the ids pipeline.tables gives the rows."""
    norm = res.normalized
    doc = ids.doc_id(res.raw.source_sha256)
    out = {(doc, ev.field): ev for ev in norm.evidence}
    owners = [(None, norm.iku), *((seq, p.indicators) for seq, p in enumerate(norm.positions, 1))]
    for pseq, indicators in owners:
        for n, ind in enumerate(indicators, 1):
            out.update({(ids.indicator_id(doc, pseq, n), ev.field): ev for ev in ind.evidence})
    return out


def rows_by_key(res: Any) -> dict[str, NormalizedIndicator]:
    """Row id -> the normalised indicator, with the ids pipeline.tables gives the rows."""
    norm = res.normalized
    doc = ids.doc_id(res.raw.source_sha256)
    owners = [(None, norm.iku), *((seq, p.indicators) for seq, p in enumerate(norm.positions, 1))]
    return {ids.indicator_id(doc, pseq, n): ind for pseq, inds in owners for n, ind in enumerate(inds, 1)}


def _parsers_hash() -> str:
    """Hash of the parsers' code and data: a cached parse is stale when it changes."""
    digest = hashlib.sha256()
    for f in sorted(Path(parsers.__file__).parent.rglob("*")):
        if f.is_file() and f.suffix in (".py", ".yaml", ".txt", ".md"):
            digest.update(f.read_bytes())
    return digest.hexdigest()[:16]


def convert_cached(path: Path, cache: Path | None) -> ConversionResult:
    """`pipeline.convert.convert`, with the parse (the slow stage) kept in `cache` between refits."""
    if cache is None:
        return convert(path)
    key = f"{hashlib.sha256(path.read_bytes()).hexdigest()[:24]}-{_parsers_hash()}.pickle"
    stored = cache / key
    if stored.exists():
        raw = pickle.loads(stored.read_bytes())
    else:
        try:
            raw = parse(path)
        except ProblemError as err:
            return ConversionResult(path.name, None, problems=(err.problem,))
        cache.mkdir(parents=True, exist_ok=True)
        stored.write_bytes(pickle.dumps(raw))
    try:
        extracted = structure(raw)
    except ProblemError as err:
        return ConversionResult(path.name, raw.source_sha256, problems=(err.problem,))
    normalized = normalize(extracted)
    return ConversionResult(path.name, raw.source_sha256, raw, extracted, normalized, normalized.problems, {})


def samples_of(
    path: Path, gold: GoldSet, cache: Path | None = None, candidates: bool = False
) -> Iterator[Sample]:
    """The labelled fields of one input file (none when it has no gold or no output); `candidates`:
    also the document-field readings the pipeline did not take (tools.calibration_candidates)."""
    gold_file = gold.resolve(path.name)
    if gold_file is None:
        return
    res = convert_cached(path, cache)
    if res.normalized is None or res.raw is None:
        return
    (doc,) = docs_from_rows(result_rows(res))
    evidence = evidence_by_key(res)
    gold_doc = gold.load(gold_file)
    for outcome in document_outcomes(gold_doc, doc.data):
        ev = evidence.get((outcome.key or "", outcome.column))
        if ev is not None:
            yield {
                "source": path.name,
                "input_format": res.raw.input_format,
                "field": ev.field,
                "value": ev.value,
                "features": dict(ev.features),
                "right": outcome.right,
            }
    if candidates:
        yield from candidate_samples(res, gold_doc.document)
        yield from indicator_candidate_samples(res, gold_doc, doc.data, rows_by_key(res))


def held_out(name: str, hold_out: Sequence[str]) -> bool:
    """A file the fit leaves out (its name contains a hold-out string)."""
    return any(h in name for h in hold_out)


def collect(
    sources: Sequence[tuple[Path, Path]],
    keep: Callable[[Path, Path], bool],
    features: Path,
    cache: Path | None = None,
    candidates: bool = False,
) -> int:
    """Write the labelled fields of every source file `keep(input_dir, path)` takes to `features`
    (with the unchosen document-field readings when `candidates`); returns the number of files."""
    features.parent.mkdir(parents=True, exist_ok=True)
    files = 0
    with features.open("w", encoding="utf-8") as fh:
        for input_dir, gold_dir in sources:
            gold = GoldSet.open(gold_dir)
            for path in sorted(p for p in input_dir.iterdir() if p.is_file()):
                if path.name.startswith(".") or path.suffix == ".json" or not keep(input_dir, path):
                    continue
                files += 1
                print(f"calibrate: {path}", file=sys.stderr)
                for sample in samples_of(path, gold, cache, candidates):
                    if sample["input_format"] == "text":  # a rendering: by the tool that made it
                        sample["kind"] = f"text/{input_dir.name}"
                    fh.write(json.dumps(sample, ensure_ascii=False, sort_keys=True) + "\n")
    return files


def fit_group(samples: list[Sample], ocr_flags: bool | None = None) -> dict[str, Any]:
    """One group's logistic regression, as intercept and named weights (`ocr_flags`: see
    normalizers.confidence.model_features)."""
    rows = [model_features(s["field"], s["features"], ocr_flags) for s in samples]
    names = sorted({k for r in rows for k in r})
    right = sum(bool(s["right"]) for s in samples)
    if min(right, len(samples) - right) < MIN_CLASS:
        share = (right + 1) / (len(samples) + 2)  # Laplace: never a certain 0 or 1
        return {"intercept": math.log(share / (1 - share)), "weights": {}, "n": len(samples), "right": right}
    x = [[float(r.get(n, 0.0)) for n in names] for r in rows]
    y = [int(bool(s["right"])) for s in samples]
    reg = LogisticRegression(C=C, solver="lbfgs", max_iter=5000).fit(x, y)
    weights = {n: round(float(w), 6) for n, w in zip(names, reg.coef_[0], strict=True)}
    return {
        "intercept": round(float(reg.intercept_[0]), 6),
        "weights": weights,
        "n": len(samples),
        "right": right,
    }


def read_samples(features: Path) -> list[Sample]:
    """The labelled fields of a features file."""
    return [json.loads(line) for line in features.read_text(encoding="utf-8").splitlines() if line]


def fit(features: Path, model: Path, fitted_on: Sequence[str]) -> dict[str, Any]:
    """Fit every group from the features file and write the model file."""
    samples = read_samples(features)
    groups: dict[str, list[Sample]] = {}
    for s in samples:
        groups.setdefault(group_of(s["field"]), []).append(s)
    data = {
        "about": "Fitted by tools/calibrate.py (make calibrate); P(right) = sigmoid(intercept + sum w*x)",
        "scikit_learn": sklearn.__version__,
        "fitted_on": list(fitted_on),
        "documents": len({s["source"] for s in samples}),
        "models": {g: fit_group(ss) for g, ss in sorted(groups.items())},
    }
    model.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return data


def _collect_check(args: argparse.Namespace, fit_dirs: set[Path]) -> int:
    """Collect the --check files: those of folders the fit does not read, or held out in them."""
    return collect(
        [(i, g) for i, g in args.check],
        lambda d, p: d.resolve() not in fit_dirs or held_out(p.name, args.hold_out),
        args.check_features,
        args.parse_cache,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """CLI: collect the labelled fields (unless --fit-only), fit, write the model, check it."""
    parser = argparse.ArgumentParser(prog="python -m tools.calibrate", description=__doc__)
    parser.add_argument(
        "--source", nargs=2, action="append", type=Path, default=[], metavar=("INPUT", "GOLD")
    )
    parser.add_argument(
        "--check",
        nargs=2,
        action="append",
        type=Path,
        default=[],
        metavar=("INPUT", "GOLD"),
        help="score the refitted model on these files (of a --source folder: its held-out names only)",
    )
    parser.add_argument("--hold-out", action="append", default=[], help="skip files whose name contains this")
    parser.add_argument("--features", type=Path, default=FEATURES)
    parser.add_argument("--check-features", type=Path, default=CHECK)
    parser.add_argument("--model", type=Path, default=MODEL)
    parser.add_argument("--parse-cache", type=Path, help="keep parsed documents here between refits")
    parser.add_argument("--fit-only", action="store_true", help="refit from the existing features files")
    parser.add_argument(
        "--check-only", action="store_true", help="no fit: collect the --check files, report the model as is"
    )
    args = parser.parse_args(argv)
    fitted_on = [f"{i} (gold {g})" for i, g in args.source] + [
        f"held out: names containing {h!r}" for h in args.hold_out
    ]
    fit_dirs = {i.resolve() for i, _ in args.source}
    t0 = time.perf_counter()
    if args.check_only:
        files = _collect_check(args, fit_dirs)
        print(f"calibrate: {files} check files -> {args.check_features} ({time.perf_counter() - t0:.0f} s)")
        data = json.loads(args.model.read_text(encoding="utf-8"))
        print("\n".join(report(read_samples(args.check_features), parse_model(data), args.hold_out)))
        return 0
    if not args.fit_only:
        files = collect(
            [(i, g) for i, g in args.source],
            lambda _d, p: not held_out(p.name, args.hold_out),
            args.features,
            args.parse_cache,
            candidates=True,
        )
        print(f"calibrate: {files} files -> {args.features} ({time.perf_counter() - t0:.0f} s)")
        if args.check:
            files = _collect_check(args, fit_dirs)
            took = time.perf_counter() - t0
            print(f"calibrate: {files} check files -> {args.check_features} ({took:.0f} s)")
    data = fit(args.features, args.model, fitted_on)
    for group, m in data["models"].items():
        print(f"  {group:<18} fields {m['n']:>5}  right {m['right'] / max(m['n'], 1):.3f}")
    print(f"calibrate: model written to {args.model}")
    if (args.check or args.fit_only) and args.check_features.exists():
        print("\n".join(report(read_samples(args.check_features), parse_model(data), args.hold_out)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
