"""Small language helpers shared by the cell and section stages."""

from __future__ import annotations

import re
from functools import cache

from structure.vocab import load


@cache
def unit_heads() -> tuple[str, ...]:
    return tuple(sorted(load("language")["unit_heads"], key=len, reverse=True))


def starts_with_unit(text: str) -> bool:
    low = text.strip().lower()
    return any(re.match(rf"{re.escape(h)}\b", low) for h in unit_heads())


def split_units(text: str) -> list[str]:
    """ "Seksi A dan Seksi B", "Sub Bagian X/Seluruh Kasi" -> one entry per organisational unit."""
    parts = [text]
    for sep in (r"\s*/\s*", r"\s+dan\s+", r"\s*[,;]\s*", r"\s+serta\s+"):
        nxt: list[str] = []
        for part in parts:
            pieces = re.split(sep, part)
            merged = [pieces[0]]
            for piece in pieces[1:]:
                if starts_with_unit(piece) and starts_with_unit(merged[-1]):
                    merged.append(piece)
                else:
                    joiner = re.search(sep, part)
                    merged[-1] = f"{merged[-1]}{joiner.group(0) if joiner else ' '}{piece}"
            nxt.extend(merged)
        parts = nxt
    return [p.strip() for p in parts if p.strip()]


@cache
def measure_words() -> tuple[str, ...]:
    return tuple(load("language")["measure_words"])


def split_joined_indicators(text: str) -> list[str]:
    """ "Skor X, dan persentase Y" -> ["Skor X", "persentase Y"]: two measures joined in one cell."""
    words = "|".join(re.escape(w) for w in measure_words())
    parts = re.split(rf",\s*(?:dan|serta)\s+(?=(?:{words})\b)", text, flags=re.I)
    return [p.strip() for p in parts if p.strip()]
