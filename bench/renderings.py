"""Render PDFs as text the way analysts get them: `pdftotext -layout`, pymupdf4llm and markitdown.

Each tool writes one file per PDF into `DST/<tool>/` under the PDF's own stem, so the scorer maps a
rendering to the same gold as its PDF. A rendering newer than its PDF is not made again.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

Renderer = Callable[[Path], str]


def pdftotext_layout(pdf: Path) -> str:
    """poppler's `pdftotext -layout` (form feeds between pages)."""
    done = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True
    )
    return done.stdout.decode("utf-8")


def pymupdf4llm_markdown(pdf: Path) -> str:
    """pymupdf4llm's markdown (pipe tables)."""
    import pymupdf4llm

    # OCR off: these PDFs are digital; its OCR of logos only costs time on shared cores.
    return str(pymupdf4llm.to_markdown(str(pdf), show_progress=False, use_ocr=False))


def markitdown_text(pdf: Path) -> str:
    """markitdown's text (pdfminer underneath: cells run together)."""
    from markitdown import MarkItDown

    return str(MarkItDown().convert(str(pdf)).text_content)


RENDERERS: dict[str, tuple[str, Renderer]] = {
    "pdftotext": (".txt", pdftotext_layout),
    "pymupdf4llm": (".md", pymupdf4llm_markdown),
    "markitdown": (".md", markitdown_text),
}


def render_all(pdfs: list[Path], dst: Path, tools: list[str]) -> dict[str, Path]:
    """Render every PDF with every tool; return the folder of each tool (and `pdf`: links to the PDFs)."""
    folders: dict[str, Path] = {}
    pdf_dir = dst / "pdf"
    if pdf_dir.exists():
        shutil.rmtree(pdf_dir)
    pdf_dir.mkdir(parents=True)
    for pdf in pdfs:
        (pdf_dir / pdf.name).symlink_to(pdf.resolve())
    folders["pdf"] = pdf_dir
    for tool in tools:
        suffix, render = RENDERERS[tool]
        folder = dst / tool
        folder.mkdir(parents=True, exist_ok=True)
        for pdf in pdfs:
            target = folder / f"{pdf.stem}{suffix}"
            if target.exists() and target.stat().st_mtime >= pdf.stat().st_mtime:
                continue
            target.write_text(render(pdf), encoding="utf-8")
        folders[tool] = folder
    return folders


def main(argv: list[str] | None = None) -> int:
    """CLI: `python -m bench.renderings DST PDF...`: every PDF rendered by every tool into DST/<tool>/."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m bench.renderings", description=__doc__)
    parser.add_argument("dst", type=Path)
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--tool", action="append", choices=sorted(RENDERERS), help="these tools only")
    args = parser.parse_intermixed_args(argv)
    for tool, folder in render_all(args.pdfs, args.dst, args.tool or list(RENDERERS)).items():
        print(f"renderings: {tool} -> {folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
