"""Loads the settings files of the text-rendering parsers (parsers/data/*.yaml)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from normalizers.vocab import package_yaml


def renderings() -> dict[str, Any]:
    """Parsed parsers/data/renderings.yaml."""
    return dict(package_yaml("parsers", "renderings"))


def layout_settings() -> dict[str, Any]:
    """Thresholds of the layout-text table reader."""
    return dict(renderings()["layout"])


@lru_cache(maxsize=1)
def page_number_patterns() -> tuple[re.Pattern[str], ...]:
    """Whole-line page numbers and labels, shared with the PDF parser (parsers/data/pdf_junk.yaml)."""
    return tuple(re.compile(p, re.I) for p in package_yaml("parsers", "pdf_junk")["page_number"])
