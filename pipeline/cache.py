"""Content-hash cache in the output folder: an unchanged document is not converted again.

A cache entry is keyed by the file's SHA-256, its name and a fingerprint of everything that shapes
the output: code, vocabulary and catalogue files, schema version, the OCR settings and the tesseract
build, the versions of the libraries that read PDFs and match names, and the limits that change
what comes out (max pages). Changing any of them invalidates every entry. Each entry is the
document's Parquet part (pipeline/docstage.py): the batch tables are assembled from these parts.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from pipeline import __version__
from pipeline.docstage import read_meta
from pipeline.schema import SCHEMA_VERSION
from pipeline.worker import DocOutput, Limits

CACHE_DIR = ".cache"
_PACKAGES = ("problems", "parsers", "structure", "normalizers", "pipeline", "vocabulary")
# libraries whose version changes what is read or matched (a new pdfminer may split words anew)
_LIBRARIES = (
    "pdfplumber",
    "pdfminer.six",
    "camelot-py",
    "pypdf",
    "pypdfium2",
    "opencv-python-headless",
    "rapidocr",
    "onnxruntime",
    "pytesseract",
    "rapidfuzz",
    "charset-normalizer",
    "numpy",
)


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "absent"


def environment() -> dict[str, str]:
    """Settings and program versions outside the code that change the output."""
    try:
        from parsers.ocr import ocr_settings
    except ImportError:  # a text-only install: no OCR stack
        ocr = {"ocr": "absent"}
    else:
        ocr = ocr_settings()
    return {**ocr, **{dist: _version(dist) for dist in _LIBRARIES}}


@cache
def fingerprint(max_pages: int = Limits().max_pages) -> str:
    """Hash of the code and data files of the packages that produce the output, the environment
    (OCR settings, tesseract, library versions) and the output-changing limits."""
    root = Path(__file__).resolve().parent.parent
    h = hashlib.sha256(f"{__version__}|{SCHEMA_VERSION}|max_pages={max_pages}".encode())
    h.update(json.dumps(environment(), sort_keys=True).encode())
    for pkg in _PACKAGES:
        for path in sorted((root / pkg).rglob("*")):
            # .txt: word lists; .json: the fitted confidence model (normalizers/data/confidence_model.json)
            if path.suffix in {".py", ".yaml", ".yml", ".csv", ".txt", ".json"} and path.is_file():
                h.update(str(path.relative_to(root)).encode())
                h.update(path.read_bytes())
    return h.hexdigest()[:16]


class DocCache:
    """One part folder per document under OUT/.cache/docs."""

    def __init__(self, out_dir: Path, max_pages: int = Limits().max_pages) -> None:
        self.dir = out_dir / CACHE_DIR / "docs"
        self.tag = fingerprint(max_pages)

    def entry(self, sha: str, name: str) -> Path:
        name_hash = hashlib.sha256(name.encode()).hexdigest()[:8]  # a renamed file gets its new name
        return self.dir / f"{sha}-{name_hash}-{self.tag}"

    def get(self, sha: str, name: str) -> DocOutput | None:
        return read_meta(self.entry(sha, name))

    def entries(self) -> list[Path]:
        """Complete entries present (incomplete ones from a killed run are not counted)."""
        return [p for p in self.dir.glob("*/meta.json")] if self.dir.is_dir() else []

    def prune(self, keep: set[tuple[str, str]]) -> None:
        """Remove entries of documents no longer in the input, of older code versions, and leftovers."""
        if not self.dir.is_dir():
            return
        wanted = {self.entry(sha, name).name for sha, name in keep}
        for path in self.dir.iterdir():
            if path.name not in wanted:
                shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)


def write_json_atomic(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
