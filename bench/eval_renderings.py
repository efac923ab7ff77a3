"""Score text renderings of PDFs next to the PDFs themselves: a table document x rendering.

python -m bench.eval_renderings --gold tests/gold --gold ../shared/real PDF_OR_DIR ... [--tools ...]
Each rendering folder is extracted with the pipeline (a subprocess, as a user runs it) and scored
with `evaluation`; a rendering's F1 is printed with its difference to the same document read as PDF.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from bench.renderings import RENDERERS, render_all
from bench.renderings_population import population_lines
from evaluation.evaluate import evaluate
from evaluation.score import Counts

PDF = "pdf"


def _pdfs(args: list[Path], keep_scans: bool = False) -> list[Path]:
    """The digital PDFs named or found in the folders given (scans, `*_scan*`, left out unless kept)."""
    found: list[Path] = []
    for arg in args:
        found += sorted(arg.glob("*.pdf")) if arg.is_dir() else [arg]
    return [p for p in found if keep_scans or "_scan" not in p.stem]


def _extract(folder: Path, out: Path) -> None:
    """Run the pipeline on one folder; exit 3 (some files rejected) is still scored."""
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "extract", str(folder), "--out", str(out)],
        capture_output=True,
        text=True,
    )
    if done.returncode not in (0, 3):
        raise SystemExit(f"pipeline failed on {folder} ({done.returncode}):\n{done.stderr[-2000:]}")


def _scores(out: Path, golds: list[Path], stems: set[str]) -> dict[str, Counts]:
    """Counts per document stem of one output folder; a rejected document scores as all-missed."""
    scores: dict[str, Counts] = {}
    for gold in golds:
        ev = evaluate(out, gold)
        for result in ev.documents:
            scores[Path(result.source_file).stem] = result.totals
        for result in ev.missing:
            stem = Path(result.gold_file).stem
            if stem in stems:
                scores.setdefault(stem, result.totals)
    return scores


def _table(table: dict[str, dict[str, Counts]], tools: list[str]) -> list[str]:
    """Lines of the document x rendering table: F1 and, for renderings, the difference to the PDF."""
    heads = ["document", PDF, *tools]
    rows: list[list[str]] = []
    for stem in sorted(table[PDF]):
        base = table[PDF][stem].f1
        cells = [stem, f"{base:.3f}"]
        for tool in tools:
            got = table[tool].get(stem)
            cells.append("-" if got is None else f"{got.f1:.3f} ({got.f1 - base:+.3f})")
        rows.append(cells)
    overall = ["overall"]
    for kind in [PDF, *tools]:
        total = Counts()
        for counts in table[kind].values():
            total.add(counts)
        overall.append(f"{total.f1:.3f}")
    rows.append(overall)
    widths = [max(len(r[i]) for r in [heads, *rows]) for i in range(len(heads))]
    return [
        "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))
        )
        for r in [heads, *rows]
    ]


def main(argv: Sequence[str] | None = None) -> int:
    """Render, extract, score and print the table."""
    parser = argparse.ArgumentParser(prog="python -m bench.eval_renderings")
    parser.add_argument("inputs", nargs="+", type=Path, help="PDF files or folders of PDFs")
    parser.add_argument("--gold", type=Path, action="append", required=True, help="gold folder (repeatable)")
    parser.add_argument("--dst", type=Path, default=Path("data/renderings"))
    parser.add_argument("--tools", nargs="*", default=list(RENDERERS), choices=list(RENDERERS))
    parser.add_argument(
        "--reuse-pdf", action="store_true", help="score the PDFs' earlier output instead of extracting again"
    )
    parser.add_argument(
        "--variants",
        type=Path,
        help="the variant builder's variants.json: every PDF is digital (a variant of a scan too); "
        "also print the F1 distribution and the mean F1 per feature value",
    )
    args = parser.parse_args(argv)
    pdfs = _pdfs(args.inputs, keep_scans=args.variants is not None)
    folders = render_all(pdfs, args.dst, args.tools)
    table: dict[str, dict[str, Counts]] = {}
    for kind, folder in folders.items():
        out = args.dst / "out" / kind
        if not (args.reuse_pdf and kind == PDF and (out / "documents.parquet").exists()):
            _extract(folder, out)
        table[kind] = _scores(out, [g for g in args.gold if g.is_dir()], {p.stem for p in pdfs})
    print("\n".join(_table(table, args.tools)))
    if args.variants is not None:
        listing = json.loads(args.variants.read_text(encoding="utf-8"))
        print("\n".join(population_lines(table, listing)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
