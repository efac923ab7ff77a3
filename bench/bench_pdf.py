"""`make bench`: the whole pipeline on a folder of PDFs next to its peers, alternated in the same run.

Every figure is a fresh process, start-up imports included, as a user runs it:
- the pipeline in one process: `python -m pipeline extract DIR --out FRESH --workers 0 --full`;
- the pipeline with the default workers (one per core);
- bare pdfplumber: `pdfplumber.open(...)` and `page.extract_tables()` on every page of every PDF;
- camelot lattice `read_pdf(pages="all")` (once: it is far slower).
The runs alternate (pipeline, pdfplumber, pipeline, ...) so the load of a shared machine falls on
both alike; each figure is the best of REPEAT. Wall and CPU seconds (the children's user+system
time) are reported, the load average beside them. Then a cProfile of one in-process run, summed
per stage (bench/pdf_profile.py).

Before the runs the project's packages are byte-compiled, as pip compiles pdfplumber's at install:
the project is installed editable, and where PYTHONDONTWRITEBYTECODE is set (this machine sets
it) Python would compile our ~90 modules from source in every pipeline process (about 0.25 s of
start-up), a cost no installed copy pays.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.pdf_profile import profile_stages

REPEAT = 3
PACKAGES = ("problems", "pipeline", "parsers", "structure", "normalizers", "vocabulary", "evaluation")
PLUMBER = """
import sys, pdfplumber
for path in sys.argv[1:]:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()
"""
CAMELOT = """
import sys, camelot
for path in sys.argv[1:]:
    camelot.read_pdf(path, pages="all", flavor="lattice")
"""


def _timed(cmd: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system of the child) of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _pipeline(folder: Path, workers: int | None) -> tuple[float, float]:
    """One pipeline run into a fresh output folder (nothing cached)."""
    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as out:
        cmd = [sys.executable, "-m", "pipeline", "extract", str(folder), "--out", out, "--full"]
        if workers is not None:
            cmd += ["--workers", str(workers)]
        return _timed(cmd)


def _compile_project() -> None:
    """Byte-compile the project's packages (their .pyc files beside the sources, as pip writes them)."""
    root = Path(__file__).resolve().parent.parent
    for package in PACKAGES:
        compileall.compile_dir(root / package, quiet=1)


def _pages(paths: list[Path]) -> int:
    import pdfplumber

    total = 0
    for p in paths:
        with pdfplumber.open(p) as pdf:
            total += len(pdf.pages)
    return total


def _best(runs: list[tuple[float, float]]) -> tuple[float, float]:
    """Least wall and least CPU of the runs (the least noise on a shared machine)."""
    return min(r[0] for r in runs), min(r[1] for r in runs)


def bench(folder: Path, repeat: int = REPEAT, with_camelot: bool = True) -> dict[str, float]:
    """The figures for one folder of PDFs."""
    paths = sorted(folder.glob("*.pdf"))
    files = [str(p) for p in paths]
    one, plumber, default = [], [], []
    load = os.getloadavg()[0]
    for _ in range(repeat):
        one.append(_pipeline(folder, 0))
        plumber.append(_timed([sys.executable, "-c", PLUMBER, *files]))
        default.append(_pipeline(folder, None))
    (one_wall, one_cpu), (pl_wall, pl_cpu), (def_wall, def_cpu) = _best(one), _best(plumber), _best(default)
    pages = _pages(paths)
    result: dict[str, float] = {
        "documents": len(paths),
        "pages": pages,
        "load_average_1min": round((load + os.getloadavg()[0]) / 2, 2),
        "pipeline_one_process_wall_s": one_wall,
        "pipeline_one_process_cpu_s": one_cpu,
        "pdfplumber_extract_tables_wall_s": pl_wall,
        "pdfplumber_extract_tables_cpu_s": pl_cpu,
        "ratio_one_process_vs_pdfplumber_wall": one_wall / pl_wall,
        "ratio_one_process_vs_pdfplumber_cpu": one_cpu / pl_cpu,
        "pipeline_default_workers_wall_s": def_wall,
        "pipeline_default_workers_cpu_s": def_cpu,
        "ratio_default_workers_vs_pdfplumber_wall": def_wall / pl_wall,
        "pipeline_s_per_page": one_wall / pages,
        "pdfplumber_extract_tables_s_per_page": pl_wall / pages,
    }
    if with_camelot:
        cam_wall, _ = _timed([sys.executable, "-c", CAMELOT, *files])
        result["camelot_lattice_wall_s"] = cam_wall
        result["ratio_one_process_vs_camelot_wall"] = one_wall / cam_wall
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="+", help="folders of PDFs to time")
    ap.add_argument("--repeat", type=int, default=REPEAT, help="alternated runs per figure (best kept)")
    ap.add_argument("--no-camelot", action="store_true", help="skip the camelot peer")
    ap.add_argument("--no-profile", action="store_true", help="skip the per-stage profile")
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args(argv)
    report: dict[str, dict[str, float]] = {}
    _compile_project()
    for name in args.folders:
        folder = Path(name)
        if not any(folder.glob("*.pdf")):
            print(f"{folder}: no PDFs, skipped")
            continue
        figures = bench(folder, args.repeat, not args.no_camelot)
        print(f"\n{folder}: {figures['documents']} PDFs, {figures['pages']} pages")
        for key, value in figures.items():
            if key not in {"documents", "pages"}:
                print(f"  {key:44s} {value:8.3f}")
        if not args.no_profile:
            stages = profile_stages(folder)
            print("  profile of one in-process run (cProfile, cumulative s; profiling slows Python code):")
            for stage, seconds in stages.items():
                print(f"    {stage:42s} {seconds:8.3f}")
            figures = {**figures, **{f"profile_{k}": v for k, v in stages.items()}}
        report[str(folder)] = figures
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
