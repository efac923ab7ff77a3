"""The settings of the text-rendering parsers (parsers/data/renderings.yaml), via the vocabulary package."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
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


def fold_header(text: str) -> str:
    """A header text lower-cased, every run of punctuation folded to one space."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


@lru_cache(maxsize=1)
def header_words() -> frozenset[str]:
    """The words header cells are made of (structure/data/columns.yaml header_words), lower case."""
    return frozenset(w.lower() for w in load(schemas.Columns).header_words)


@lru_cache(maxsize=1)
def header_rules() -> list[tuple[str, list[str], list[str]]]:
    """(column, keywords, unless) of the header vocabulary (structure/data/columns.yaml), in order."""
    return [(r.column, list(r.keywords), list(r.unless)) for r in load(schemas.Columns).rules]


def indikator_column(header: Mapping[int, str]) -> int | None:
    """The column a table's header cells (column -> text) name the indikator column, when they name
    two or more known columns and that one once; None otherwise (rows with no header above them)."""
    named = {j: header_column(text) for j, text in header.items()}
    found = [j for j, column in named.items() if column == "indikator"]
    return found[0] if sum(1 for column in named.values() if column) >= 2 and len(found) == 1 else None


def header_column(text: str) -> str | None:
    """Canonical column a header cell names (the first rule whose keyword it holds), or None."""
    folded = f" {fold_header(text)} "
    if not folded.strip():
        return None
    for column, keywords, unless in header_rules():
        if any(f" {k} " in folded for k in keywords) and not any(f" {u} " in folded for u in unless):
            return column
    # a header word broken over two lines of a narrow cell without a hyphen ("NOMO" over "R"):
    # the whole cell, its spaces left out, is one keyword
    return _compact_keywords().get(folded.replace(" ", ""))


@lru_cache(maxsize=1)
def _compact_keywords() -> dict[str, str]:
    """Each header keyword without its spaces -> the first column whose rule holds it."""
    out: dict[str, str] = {}
    for column, keywords, _ in header_rules():
        for k in keywords:
            out.setdefault(k.replace(" ", ""), column)
    return out
