"""`make bench-compare`: build time and size of the comparison report at corpus scale.

Extracts the seeds once, copies their tables to 2,000 and 8,000 documents moved to real kecamatan
(bench/compare_corpus.py), then runs `python -m pipeline.compare` on each, as a user would: wall
time and CPU time of that process (the machine may be shared), report size, Parquet sizes, and one
run with a kabupaten selection.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.compare_corpus import build_compare_corpus

LIMITS = {"seconds": 15.0, "report_mb": 3.0}  # issue 15, on 2,000 documents


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def extract_seeds(raw: Path, out: Path) -> Path:
    """The seeds' output tables (the pipeline exits 3 when some file was rejected: still usable)."""
    cmd = [sys.executable, "-m", "pipeline", "extract", str(raw), "--out", str(out), "--workers", "0"]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode not in (0, 3):
        raise RuntimeError(f"extracting {raw} failed ({done.returncode}): {done.stderr[-2000:]}")
    return out


def time_compare(out_dir: Path, *selection: str) -> dict[str, Any]:
    """Run the comparison CLI once; wall and CPU seconds, report and table sizes."""
    cpu0, t0 = _children_cpu(), time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pipeline.compare", str(out_dir), *selection], check=True, capture_output=True
    )
    wall, cpu = time.perf_counter() - t0, _children_cpu() - cpu0
    report = out_dir / "compare" / "report.html"
    parquet = sum(p.stat().st_size for p in (out_dir / "compare").glob("*.parquet"))
    return {
        "seconds": round(wall, 2),
        "cpu_seconds": round(cpu, 2),
        "report_mb": round(report.stat().st_size / 2**20, 2),
        "parquet_mb": round(parquet / 2**20, 2),
    }


def run(raw: Path, sizes: list[int], kabupaten: str) -> list[dict[str, Any]]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        seeds = extract_seeds(raw, Path(tmp) / "seeds")
        for n in sizes:
            corpus = build_compare_corpus(seeds, Path(tmp) / f"c{n}", n)
            rows.append({"documents": n, "selection": "none", **time_compare(corpus)})
            sel = ["--kabupaten", kabupaten]
            rows.append({"documents": n, "selection": f"kabupaten {kabupaten}", **time_compare(corpus, *sel)})
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--raw", default="data/raw", help="seed documents to extract and copy")
    ap.add_argument("--sizes", default="2000,8000", help="corpus sizes, comma-separated")
    ap.add_argument("--kabupaten", default="Kabupaten Malang", help="selection of the second run")
    ap.add_argument("--json", help="also write the figures here")
    args = ap.parse_args(argv)
    rows = run(Path(args.raw), [int(n) for n in args.sizes.split(",")], args.kabupaten)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\ncomparison report (pipeline.compare: wall and CPU s; load {load}, {os.cpu_count()} CPUs)")
    for r in rows:
        over = [k for k, limit in LIMITS.items() if r["documents"] <= 2000 and r[k] > limit]
        print(
            f"  {r['documents']:5d} docs, selection {r['selection']:28s} {r['seconds']:6.1f} s "
            f"(CPU {r['cpu_seconds']:5.1f} s)  report {r['report_mb']:5.2f} MB  "
            f"tables {r['parquet_mb']:5.2f} MB" + (f"  OVER LIMIT: {', '.join(over)}" if over else "")
        )
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
