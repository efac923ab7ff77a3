"""The settings of the text-rendering parsers (parsers/data/renderings.yaml), via the vocabulary package."""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache
from typing import Any

from vocabulary import load, schemas


@lru_cache(maxsize=1)
def renderings() -> dict[str, Any]:
    """parsers/data/renderings.yaml, checked against its schema, as plain data."""
    return dataclasses.asdict(load(schemas.Renderings))


def layout_settings() -> dict[str, Any]:
    """Thresholds of the layout-text table reader."""
    return dict(renderings()["layout"])


@lru_cache(maxsize=1)
def page_number_patterns() -> tuple[re.Pattern[str], ...]:
    """Whole-line page numbers and labels, shared with the PDF parser (parsers/data/pdf_junk.yaml)."""
    return tuple(re.compile(p, re.I) for p in load(schemas.PdfJunk).page_number)


def is_page_number(line: str) -> bool:
    """A whole line that is a page number or label ("Halaman 3", "- 3 -")."""
    return any(p.fullmatch(line.strip()) for p in page_number_patterns())


@lru_cache(maxsize=1)
def measure_words() -> frozenset[str]:
    """Words an indicator text starts with (the `measures` keywords made of letters), lower case."""
    words = (k for m in load(schemas.Language).measures for k in m.keywords)
    return frozenset(w.lower() for w in words if re.match(r"[^\W\d_]", w))
