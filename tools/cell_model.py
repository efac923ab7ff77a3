"""Fit the cell-boundary model of run-together rows (`make cell-model`).

    python -m tools.cell_model --gold ../shared/real [--glob 'dev_*.json'] [--model PATH] [--seed N]

Training text is only the gold of the dev documents (names matching --glob): the seeds and the
real_* documents are what eval-renderings measures, so their text never enters the fit. From the
dev indicators' cells (sasaran, indikator, formula, sumber data, penanggung jawab, the definition)
rows are generated the way markitdown prints a table (tools/cell_rows.py): columns reordered or
dropped, cells drawn from different indicators and documents, wrapped at random column widths,
one visual line per printed line with one or two spaces between cells, justified cells with two
spaces between words, fractions stacked, some cells printed on lines of their own. Every gap
between two words is an example, labelled by whether a new cell starts after it. A plain L2
logistic regression (fixed solver and C) is fitted and written as coefficients; its accuracy on
rows generated from a dev document left out of the fit is printed per document.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Sequence
from pathlib import Path

import sklearn
from sklearn.linear_model import LogisticRegression

from parsers.cell_boundaries import MODEL_FILE, Model, gap_features, p_cut, words_and_gaps
from tools.cell_rows import Pools, generate_lines, pools_from_gold

MODEL = Path("parsers/data") / MODEL_FILE
C = 1.0


def examples(lines: list[tuple[str, set[int]]]) -> tuple[list[dict[str, float]], list[int]]:
    """(features, label) of every gap of every generated line."""
    feats: list[dict[str, float]] = []
    labels: list[int] = []
    for line, cuts in lines:
        words, gaps = words_and_gaps(line)
        for k in range(1, len(words)):
            feats.append(gap_features(words, gaps, k))
            labels.append(int(k in cuts))
    return feats, labels


def fit(feats: list[dict[str, float]], labels: list[int]) -> Model:
    names = tuple(sorted({n for f in feats for n in f} - {"bias"}))
    x = [[f.get(n, 0.0) for n in names] for f in feats]
    reg = LogisticRegression(C=C, solver="lbfgs", max_iter=2000)
    reg.fit(x, labels)
    return Model(names, tuple(round(float(w), 6) for w in reg.coef_[0]), round(float(reg.intercept_[0]), 6))


def accuracy(model: Model, lines: list[tuple[str, set[int]]]) -> tuple[float, float]:
    """(share of gaps decided right, share of lines with every gap right)."""
    right = total = whole = 0
    for line, cuts in lines:
        words, gaps = words_and_gaps(line)
        ok = True
        for k in range(1, len(words)):
            hit = (p_cut(gap_features(words, gaps, k), model) >= 0.5) == (k in cuts)
            right += hit
            total += 1
            ok = ok and hit
        whole += ok
    return right / max(total, 1), whole / max(len(lines), 1)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.cell_model")
    parser.add_argument("--gold", type=Path, required=True, help="folder of gold JSON (../shared/real)")
    parser.add_argument("--glob", default="dev_*.json", help="gold files trained on (never seeds or real_*)")
    parser.add_argument("--model", type=Path, default=MODEL)
    parser.add_argument("--rows", type=int, default=3000, help="generated rows")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    files = sorted(args.gold.glob(args.glob))
    if not files or any(not f.name.startswith("dev_") for f in files):
        raise SystemExit("cell-model: train only on dev_* gold (the seeds and real_* are measured)")
    per_doc = {f.stem: pools_from_gold([f]) for f in files}
    # held-out check: fit without one document, score rows generated from it alone
    for stem, pools in per_doc.items():
        rest = Pools.merge([p for s, p in per_doc.items() if s != stem])
        if not pools.rows or not rest.rows:
            continue
        m = fit(*examples(generate_lines(rest, args.rows // 3, random.Random(args.seed))))
        held = generate_lines(pools, 300, random.Random(args.seed + 1), mix=False)
        gap_acc, line_acc = accuracy(m, held)
        _, labels = examples(held)
        never = 1 - sum(labels) / max(1, len(labels))  # the share right when no gap is ever cut
        print(
            f"held out {stem:36s} gaps {gap_acc:.3f} (never cut: {never:.3f})  lines all right {line_acc:.3f}"
        )
    everything = Pools.merge(list(per_doc.values()))
    model = fit(*examples(generate_lines(everything, args.rows, random.Random(args.seed))))
    args.model.write_text(
        json.dumps(
            {
                "about": "P(a table cell starts before a word) of run-together rows: tools/cell_model.py",
                "trained_on": [f.name for f in files],
                "sklearn": sklearn.__version__,
                "seed": args.seed,
                "rows": args.rows,
                "C": C,
                "features": list(model.names),
                "weights": list(model.weights),
                "intercept": model.intercept,
            },
            indent=1,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {args.model} ({len(model.names)} features, {len(files)} dev documents)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
