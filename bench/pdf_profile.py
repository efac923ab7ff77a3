"""Where a one-process pipeline run on PDFs spends its time: a cProfile summed per stage.

Start-up imports are timed in a separate fresh process (`python -c "import pipeline.cli"`); the
stages are the cumulative seconds of the function that runs each one, so the sub-stages of parse
(pdfium reading, pdfminer, tables, picture-cell OCR, camelot) are parts of "parse", not extra.
"""

from __future__ import annotations

import cProfile
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# stage -> (file path suffix, function name) of the function whose cumulative time it is
STAGES: dict[str, tuple[str, str]] = {
    "parse": ("pipeline/convert.py", "parse"),
    "  parse: pdfium reader (chars, rules)": ("parsers/pdf_reader.py", "read_pages"),
    "  parse: pdfium guard (password, page cap)": ("parsers/pdf_guard.py", "open_pdfium"),
    "  parse: pdfminer (page objects: check page, fallback)": ("pdfplumber/page.py", "parse_objects"),
    "  parse: pdfminer check page (odd fonts only)": ("parsers/pdf_reader.py", "same_words"),
    "  parse: pypdf (files pdfium cannot open)": ("parsers/pdf.py", "_check_encryption"),
    "  parse: fonts (pdfminer's font dictionaries)": ("parsers/pdf_fonts.py", "page_fonts"),
    "  parse: tables and cells": ("parsers/pdf.py", "_tables"),
    "  parse: picture-cell OCR": ("parsers/pdf_image_cells.py", "image_cell"),
    "  parse: camelot (second engine)": ("parsers/pdf_camelot.py", "camelot_tables"),
    "structure": ("pipeline/convert.py", "structure"),
    "normalise": ("normalizers/document.py", "normalize"),
    "rows": ("pipeline/tables.py", "result_rows"),
    "validate": ("pipeline/docstage.py", "validate_output"),
    "write parts": ("pipeline/docstage.py", "write_part"),
    "assemble + identity": ("pipeline/run.py", "_stage_tables"),
    "warehouse": ("pipeline/warehouse.py", "load_warehouse_parquet"),
    "whole batch (in process)": ("pipeline/run.py", "run_batch"),
}


def startup_seconds() -> tuple[float, float]:
    """Wall and CPU seconds of a fresh process importing the command line."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import pipeline.cli"], check=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _cumulative(stats: pstats.Stats, suffix: str, name: str) -> float:
    """Cumulative seconds of every function `name` defined in a file ending with `suffix`."""
    table = stats.stats  # type: ignore[attr-defined]
    return sum(v[3] for (file, _line, func), v in table.items() if func == name and file.endswith(suffix))


def profile_stages(folder: Path) -> dict[str, float]:
    """Seconds per stage of one in-process run on the folder (fresh output, nothing cached)."""
    from pipeline.run import RunOptions, input_files, run_batch

    wall, cpu = startup_seconds()
    profiler = cProfile.Profile()
    with tempfile.TemporaryDirectory(prefix="bench-pdf-profile-") as out:
        profiler.runcall(run_batch, input_files(folder), Path(out), None, RunOptions(workers=0, full=True))
    stats = pstats.Stats(profiler)
    figures = {"start-up imports (wall, fresh process)": wall, "start-up imports (CPU)": cpu}
    figures.update({stage: _cumulative(stats, *where) for stage, where in STAGES.items()})
    return figures
