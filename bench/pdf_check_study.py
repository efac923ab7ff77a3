"""Evidence for reading plain office PDFs without the pdfminer check page (parsers/pdf.py `_sources`).

Reads every page of every PDF of the given folders both ways, pdfium (`pdf_reader.read_pages`) and
pdfminer (pdfplumber), and counts the pages whose words differ (`pdf_reader.same_words`, within
0.5pt), next to whether the file has an odd font (`pdf_fonts.odd_fonts`: only those files keep the
check page). Usage: `python -m bench.pdf_check_study data/fixtures/pdf ../shared/real`.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

import pdfplumber

from parsers.pdf import _words
from parsers.pdf_fonts import font_descents, odd_fonts, page_fonts
from parsers.pdf_guard import open_pdfium
from parsers.pdf_reader import PdfiumPage, read_pages, same_words


def study(path: Path) -> tuple[int, int, int, list[str], str]:
    """(pages, pages read by pdfium, pages whose words differ, odd fonts, note) for one PDF."""
    data = path.read_bytes()
    fast_pdf = open_pdfium(data)
    if fast_pdf is None:
        return 0, 0, 0, [], "pdfium cannot open it"
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            fonts = page_fonts(pdf.pages)
            odd = odd_fonts(fonts)
            fast = read_pages(fast_pdf, pdf.pages, font_descents(fonts))
            if fast is None:
                return len(pdf.pages), 0, 0, odd, "read by pdfminer (Fallback)"
            read = [(a, b) for a, b in zip(fast, pdf.pages, strict=True) if isinstance(a, PdfiumPage)]
            differ = sum(1 for a, b in read if not same_words(a, b, _words))
            return len(pdf.pages), len(read), differ, odd, ""
    finally:
        fast_pdf.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folders", nargs="+")
    args = ap.parse_args(argv)
    totals = [0, 0, 0, 0]
    for folder in args.folders:
        for path in sorted(Path(folder).glob("*.pdf")):
            pages, read, differ, odd, note = study(path)
            totals = [totals[0] + 1, totals[1] + pages, totals[2] + read, totals[3] + differ]
            fonts = f"odd fonts: {len(odd)}" if odd else "plain fonts"
            print(f"{path.name:48s} pages {pages:3d} pdfium {read:3d} differ {differ:2d}  {fonts} {note}")
    print(f"{totals[0]} PDFs, {totals[1]} pages, {totals[2]} read by pdfium, {totals[3]} with other words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
