"""A scale corpus: the seed texts and PDF fixtures multiplied, each copy with varied content."""

from __future__ import annotations

import io
import random
from pathlib import Path

from pypdf import PdfReader, PdfWriter

# Words a copy swaps in for each other, so copies differ in content, not only in bytes.
_SWAPS = [("Jumlah", "Banyaknya"), ("Persentase", "Prosentase"), ("dokumen", "berkas"), ("Desa", "Kelurahan")]


def _vary_text(text: str, i: int, rng: random.Random) -> str:
    for a, b in rng.sample(_SWAPS, k=2):
        text = text.replace(a, b)
    return f"{text}\n\nSalinan {i:04d}\n"


def _vary_pdf(data: bytes, i: int) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.add_metadata({"/Title": f"Salinan {i:04d}", "/Subject": f"copy {i}"})
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def build_corpus(
    dst: Path, texts: list[Path], pdfs: list[Path], n_text: int, n_pdf: int, seed: int = 7
) -> list[Path]:
    """Write n_text varied text copies and n_pdf varied PDF copies into dst (deterministic)."""
    rng = random.Random(seed)
    dst.mkdir(parents=True, exist_ok=True)
    out: list[Path] = []
    for i in range(n_text):
        src = texts[i % len(texts)]
        path = dst / f"t{i:04d}_{src.stem}.txt"
        path.write_text(_vary_text(src.read_text(encoding="utf-8"), i, rng), encoding="utf-8")
        out.append(path)
    for i in range(n_pdf):
        src = pdfs[i % len(pdfs)]
        path = dst / f"p{i:04d}_{src.stem}.pdf"
        path.write_bytes(_vary_pdf(src.read_bytes(), i))
        out.append(path)
    return out
