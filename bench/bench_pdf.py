"""`make bench`: seconds per page of the full pipeline on PDFs, next to its peers in the same run.

Peers: pdfplumber's bare `extract_tables` on every page, camelot lattice `read_pdf` on all pages.
Each figure is the best of REPEAT runs (least noise on a shared machine).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pdfplumber

from pipeline.convert import convert

REPEAT = 3


def _best(fn: Callable[[], object], repeat: int = REPEAT) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def _plumber(path: Path) -> None:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()


def _camelot(path: Path) -> None:
    import camelot

    camelot.read_pdf(str(path), pages="all", flavor="lattice")


def _pages(path: Path) -> int:
    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


def bench(paths: list[Path], with_camelot: bool = True) -> dict[str, float]:
    pages = sum(_pages(p) for p in paths)
    pipeline = sum(_best(partial(convert, p)) for p in paths)
    plumber = sum(_best(partial(_plumber, p)) for p in paths)
    result: dict[str, float] = {
        "documents": len(paths),
        "pages": pages,
        "pipeline_s_per_page": pipeline / pages,
        "pdfplumber_extract_tables_s_per_page": plumber / pages,
        "ratio_pipeline_vs_pdfplumber": pipeline / plumber,
    }
    if with_camelot:
        cam = sum(_best(partial(_camelot, p), repeat=1) for p in paths)
        result["camelot_lattice_s_per_page"] = cam / pages
        result["ratio_pipeline_vs_camelot"] = pipeline / cam
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="+", help="folders of PDFs to time")
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args(argv)
    for folder in args.folders:
        paths = sorted(Path(folder).glob("*.pdf"))
        if not paths:
            print(f"{folder}: no PDFs, skipped")
            continue
        figures = bench(paths)
        print(f"\n{folder}: {figures['documents']} PDFs, {figures['pages']} pages")
        for key, value in figures.items():
            if key not in {"documents", "pages"}:
                print(f"  {key:40s} {value:8.3f}")
        if args.json:
            Path(args.json).write_text(json.dumps(figures, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
