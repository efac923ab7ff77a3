"""`make bench`: the OCR path per scanned page, next to bare tesseract on the same page images.

The page images are what the pipeline itself reads: every page rendered by pypdfium2 at OCR_DPI
(grey PNG). Bare tesseract is the CLI on those PNGs (`-l ind+eng --psm 6 tsv`, the pipeline's
settings), one process per page with OMP_THREAD_LIMIT=1, run with the same number of parallel
processes as the pipeline's OCR pool; it is also timed one page after another, which gives the
OCR seconds per page. The pipeline figure is `convert()` end to end (render, orientation, deskew,
binarise, line grid, tesseract, cells, post-correction, structure) on the PDF, after one warm-up
document has started the pool.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pypdfium2 as pdfium

from parsers.ocr import OCR_DPI, TESSERACT_CONFIG, cpu_count, tesseract_lang
from pipeline.convert import convert


def _seconds(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


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


def bare_tesseract(images: list[Path], lang: str, workers: int) -> float:
    """Wall seconds of bare tesseract over all images, `workers` processes at a time."""

    def run() -> None:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(lambda p: tesseract_cli(p, lang), images))

    return _seconds(run)


def pdfs_of(targets: list[Path], pattern: str) -> list[Path]:
    """The PDFs named, and those matching pattern in the folders named."""
    out: list[Path] = []
    for t in targets:
        out += sorted(t.glob(pattern)) if t.is_dir() else [t]
    return out


def bench(pdfs: list[Path], workers: int) -> dict[str, float]:
    """Figures over all pages of the PDFs (see the module docstring)."""
    lang = tesseract_lang()
    convert(pdfs[0])  # warm-up: starts the OCR pool once, as a batch does
    with tempfile.TemporaryDirectory(prefix="bench-ocr-") as tmp:
        images = [img for pdf in pdfs for img in render_pages(pdf, Path(tmp))]
        serial = bare_tesseract(images, lang, 1)
        parallel = bare_tesseract(images, lang, workers)
    pipeline = sum(_seconds(lambda p=pdf: convert(p)) for pdf in pdfs)  # type: ignore[misc]
    pages = len(images)
    return {
        "documents": len(pdfs),
        "pages": pages,
        "workers": workers,
        "tesseract_cpu_s_per_page": serial / pages,
        "tesseract_wall_s_per_page": parallel / pages,
        "pipeline_wall_s_per_page": pipeline / pages,
        "ratio_pipeline_vs_tesseract": pipeline / parallel,
    }


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
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
