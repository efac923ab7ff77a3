"""Rewrite a PDF that pdfminer refuses, or sees no page in, with a reader that opens it: pdfium, then qpdf.

pdfminer (under pdfplumber) is stricter than the viewers: a page tree whose nodes lack `/Type`, or
objects it cannot place, leave it with no pages where poppler, pdfium and qpdf read every page
(typically scanner output that also ends its `stream` keywords with a bare CR). Both rewrites
produce a fresh page tree and cross-reference table that pdfminer reads; the pipeline then parses
the rewritten bytes as usual. Each rewriter raises RepairError saying why it could not help, so a
reject can say what every reader said.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium

QPDF_TIMEOUT = 120  # seconds; qpdf rewrites even large scans in well under that
QPDF_OK = (0, 3)  # 3: succeeded with warnings (what a repair of a damaged file reports)


class RepairError(Exception):
    """A rewriter could not produce a readable PDF; the message says what it saw."""


def pdfium_rewrite(data: bytes) -> bytes:
    """Every page imported into a new pdfium document, saved: a new page tree and xref."""
    try:
        source = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise RepairError(f"cannot open it ({exc})") from exc
    try:
        if len(source) == 0:
            raise RepairError("sees no pages")
        fresh = pdfium.PdfDocument.new()
        try:
            fresh.import_pages(source)
            buffer = io.BytesIO()
            fresh.save(buffer)
        finally:
            fresh.close()
    except pdfium.PdfiumError as exc:
        raise RepairError(f"cannot rewrite it ({exc})") from exc
    finally:
        source.close()
    return buffer.getvalue()


def _last_line(text: str) -> str:
    """The last non-empty line of a tool's output (its verdict)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else "no message"


def qpdf_rewrite(data: bytes) -> bytes:
    """qpdf's repair: objects out of object streams, pages copied into a new page tree (`--pages .`)."""
    qpdf = shutil.which("qpdf")
    if qpdf is None:
        raise RepairError("not installed (run `make rundeps`)")
    with tempfile.TemporaryDirectory(prefix="qpdf-") as tmp:
        source, target = Path(tmp) / "in.pdf", Path(tmp) / "out.pdf"
        source.write_bytes(data)
        cmd = [qpdf, "--object-streams=disable", str(source), "--pages", ".", "--", str(target)]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=QPDF_TIMEOUT)
        except subprocess.TimeoutExpired as exc:
            raise RepairError(f"gave up after {QPDF_TIMEOUT} s") from exc
        if done.returncode not in QPDF_OK or not target.is_file():
            raise RepairError(_last_line(done.stderr or done.stdout))
        return target.read_bytes()


REWRITERS: tuple[tuple[str, Callable[[bytes], bytes]], ...] = (
    ("pdfium", pdfium_rewrite),
    ("qpdf", qpdf_rewrite),
)
