"""Imported once by the pool's forkserver before it forks any worker (pipeline/executor.py).

Loading the code and the reviewed vocabulary here means every worker, including each one that
replaces a recycled worker, starts with them in memory (shared copy-on-write) instead of reading and
checking the YAML files again before its first document. Only what every document needs is loaded:
the PDF and OCR stack stays for the workers that meet a PDF.
"""

from __future__ import annotations

from normalizers.gazetteer import gazetteer
from pipeline import docstage
from problems import catalogue
from vocabulary import check_all

__all__ = ["docstage"]

check_all()
catalogue()
gazetteer()
