"""`make bench`: the OCR path per scanned page, next to bare tesseract on the same page images.

The page images are what the pipeline itself reads: every page rendered by pypdfium2 at OCR_DPI
(grey PNG). Bare tesseract is the CLI on those PNGs (`-l ind+eng --psm 6 tsv`, the pipeline's
settings), one process per page with OMP_THREAD_LIMIT=1, as many at a time as the pipeline's OCR
pool has processes. The pipeline figure is `convert()` end to end (render, orientation, deskew,
binarise, line grid, tesseract, cells, post-correction, structure) on the PDF, after one warm-up
document has started the pool. The two alternate document by document, so both see the same load
of a shared machine; next to wall seconds come CPU seconds (this process, its children and the
pool's workers with their tesseract children), which the load of other users does not inflate.
Last, a cProfile of `ocr_page` on the first pages gives where a page's CPU time goes.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pypdfium2 as pdfium

from parsers import ocr
from parsers.ocr import OCR_DPI, TESSERACT_CONFIG, cpu_count, tesseract_lang
from pipeline.convert import convert

PROFILED = {  # stage -> the function whose cumulative time it is, in parsers/
    "render": "render",
    "binarise": "binarise",
    "sideways test": "is_sideways",
    "skew": "skew_angle",
    "sure line masks": "line_masks",
    "faint line masks": "faint_line_masks",
    "grid finding": "find_grids",
    "tesseract (read_words)": "read_words",
    "post-correction": "correct_words",
    "second engine, unsure lines": "reread_lines",
    "second engine, low-res page": "read_low_page",
    "cells (grid_table)": "grid_table",
}


def _cpu() -> float:
    """CPU seconds of this process and of its waited-for children (tesseract runs)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _worker_cpu() -> float:
    """CPU seconds of the OCR pool's live workers and their tesseract children (Linux /proc).

    The workers outlive the run (children of the fork server), so getrusage never sees them.
    """
    pool = ocr._pool(cpu_count())
    total = 0.0
    for pid in list(getattr(pool, "_processes", {}) or {}):  # private, but the only list of workers
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(v) for v in fields[11:15]) / os.sysconf("SC_CLK_TCK")  # utime stime cutime cstime
    return total


def _measure(fn: Callable[[], object], pool: bool = False) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of fn; with pool, the OCR workers' CPU counted too."""
    c0, w0, t0 = _cpu(), _worker_cpu() if pool else 0.0, time.perf_counter()
    fn()
    wall = time.perf_counter() - t0
    return wall, _cpu() - c0 + ((_worker_cpu() - w0) if pool else 0.0)


def render_pages(pdf: Path, out_dir: Path, dpi: int = OCR_DPI) -> list[Path]:
    """Every page of the PDF as a grey PNG at dpi (the images the pipeline OCRs)."""
    doc = pdfium.PdfDocument(str(pdf))
    paths = []
    try:
        for i in range(len(doc)):
            page = doc[i]
            path = out_dir / f"{pdf.stem}-{i + 1:03d}.png"
            page.render(scale=dpi / 72, grayscale=True).to_pil().save(path)
            page.close()
            paths.append(path)
    finally:
        doc.close()
    return paths


def tesseract_cli(image: Path, lang: str) -> None:
    """Bare tesseract on one image, single-threaded, TSV to stdout (discarded)."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    cmd = ["tesseract", str(image), "-", "-l", lang, *TESSERACT_CONFIG.split(), "tsv"]
    subprocess.run(cmd, check=True, env=env, capture_output=True)


def bare_tesseract(images: list[Path], lang: str, workers: int) -> None:
    """Bare tesseract over all images, `workers` processes at a time."""
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(lambda p: tesseract_cli(p, lang), images))


def pdfs_of(targets: list[Path], pattern: str) -> list[Path]:
    """The PDFs named, and those matching pattern in the folders named."""
    out: list[Path] = []
    for t in targets:
        out += sorted(t.glob(pattern)) if t.is_dir() else [t]
    return out


def bench(pdfs: list[Path], workers: int) -> dict[str, float]:
    """Figures over all pages of the PDFs, pipeline and bare tesseract alternating per document."""
    lang = tesseract_lang()
    convert(pdfs[0])  # warm-up: starts the OCR pool once, as a batch does
    pages = 0
    tess, pipe = [0.0, 0.0], [0.0, 0.0]  # (wall, cpu)
    with tempfile.TemporaryDirectory(prefix="bench-ocr-") as tmp:
        for pdf in pdfs:
            images = render_pages(pdf, Path(tmp))
            pages += len(images)
            for acc, fig in (
                (tess, _measure(lambda i=images: bare_tesseract(i, lang, workers))),  # type: ignore[misc]
                (pipe, _measure(lambda p=pdf: convert(p), pool=True)),  # type: ignore[misc]
            ):
                acc[0], acc[1] = acc[0] + fig[0], acc[1] + fig[1]
    return {
        "documents": len(pdfs),
        "pages": pages,
        "workers": workers,
        "tesseract_wall_s_per_page": tess[0] / pages,
        "tesseract_cpu_s_per_page": tess[1] / pages,
        "pipeline_wall_s_per_page": pipe[0] / pages,
        "pipeline_cpu_s_per_page": pipe[1] / pages,
        "ratio_pipeline_vs_tesseract_wall": pipe[0] / tess[0],
        "ratio_pipeline_vs_tesseract_cpu": pipe[1] / tess[1],
    }


def profile_pages(pdf: Path, numbers: list[int]) -> dict[str, float]:
    """CPU seconds per page of the stages of `ocr_page` (cProfile, tesseract's children included)."""
    import cv2

    os.environ["OMP_THREAD_LIMIT"] = "1"
    cv2.setNumThreads(1)  # as in a pool worker
    cmd, lang = "tesseract", tesseract_lang()
    ocr.ocr_page(pdf, numbers[0], pdf.name, lang, cmd)  # loads the correction vocabulary first
    profiler = cProfile.Profile(timer=_cpu)

    def run() -> None:
        for n in numbers:
            ocr.ocr_page(pdf, n, pdf.name, lang, cmd)

    total = _measure(lambda: profiler.runcall(run))[1]
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    by_name: dict[str, float] = {}
    for (_, _, name), (_, _, _, cumulative, _) in stats.items():
        by_name[name] = by_name.get(name, 0.0) + cumulative
    out = {stage: by_name.get(fn, 0.0) / len(numbers) for stage, fn in PROFILED.items()}
    out["ocr_page total"] = total / len(numbers)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("targets", nargs="+", type=Path, help="scanned PDFs or folders of them")
    ap.add_argument("--glob", default="*_scan300.pdf", help="PDFs to take from a folder")
    ap.add_argument("--workers", type=int, default=cpu_count(), help="parallel processes")
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    args = ap.parse_args(argv)
    pdfs = pdfs_of(args.targets, args.glob)
    if not pdfs:
        print("bench_ocr: no scanned PDFs found, skipped")
        return 0
    figures = bench(pdfs, args.workers)
    head = f"{figures['documents']} scanned PDFs, {figures['pages']} pages, {figures['workers']} processes"
    print(f"\nOCR: {head}")
    for key, value in figures.items():
        if key not in {"documents", "pages", "workers"}:
            print(f"  {key:40s} {value:8.3f}")
    profile = profile_pages(pdfs[0], list(range(1, min(len(pdfium.PdfDocument(str(pdfs[0]))), 2) + 1)))
    print(f"\nOCR profile, CPU s per page (cProfile of parsers.ocr.ocr_page on {pdfs[0].name}):")
    for stage, value in profile.items():
        share = value / profile["ocr_page total"] if profile["ocr_page total"] else 0.0
        print(f"  {stage:40s} {value:8.3f}  {share:6.1%}")
    if args.json:
        args.json.write_text(json.dumps({**figures, "profile": profile}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
