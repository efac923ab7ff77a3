"""CLI: python -m evaluation --out OUT_DIR --gold GOLD_DIR [--json REPORT.json] [--only PATTERN]."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from evaluation.evaluate import EvaluationError, evaluate
from evaluation.report import print_report, to_json


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(
        prog="python -m evaluation", description="Score pipeline output against gold (tests/gold/SCORING.md)."
    )
    parser.add_argument(
        "--out", type=Path, required=True, help="output folder holding documents.parquet etc."
    )
    parser.add_argument("--gold", type=Path, required=True, help="gold folder (*.json, manifest.json)")
    parser.add_argument("--json", type=Path, help="also write the full report as JSON here")
    parser.add_argument("--only", help="score only files matching this glob (or substring)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the evaluation; 0 when scored, 2 when there is nothing to score."""
    args = parse_args(argv)
    try:
        ev = evaluate(args.out, args.gold, args.only)
    except EvaluationError as exc:
        print(f"evaluation: {exc}", file=sys.stderr)
        return 2
    print_report(ev, sys.stdout)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(to_json(ev), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"Report written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
