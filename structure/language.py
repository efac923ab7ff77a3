"""Small language helpers shared by the cell and section stages."""

from __future__ import annotations

import re
from functools import cache

from vocabulary import load
from vocabulary.schemas import Labels, Language


@cache
def unit_heads() -> tuple[str, ...]:
    return tuple(sorted(load(Language).unit_heads, key=len, reverse=True))


@cache
def function_words() -> frozenset[str]:
    """Indonesian function words (structure/data/language.yaml)."""
    return frozenset(load(Language).function_words)


@cache
def conjunctions() -> str:
    """Alternation of the words joining two items of one cell ("dan|serta")."""
    return "|".join(re.escape(w) for w in load(Language).conjunctions)


@cache
def note_label() -> re.Pattern[str]:
    """ "Catatan :" (structure/data/labels.yaml `note_labels`) anywhere in a cell paragraph."""
    names = "|".join(re.escape(w) for w in load(Labels).note_labels)
    return re.compile(rf"\b(?:{names})\s*:\s*", re.I)


def starts_with_note(text: str) -> bool:
    low = text.lower()
    return any(low.startswith(w.lower()) for w in load(Labels).note_labels)


def starts_with_unit(text: str) -> bool:
    low = text.strip().lower()
    return any(re.match(rf"{re.escape(h)}\b", low) for h in unit_heads())


def split_units(text: str) -> list[str]:
    """ "Seksi A dan Seksi B", "Sub Bagian X/Seluruh Kasi" -> one entry per organisational unit."""
    parts = [text]
    joiners = [rf"\s+{re.escape(w)}\s+" for w in load(Language).conjunctions]
    for sep in (r"\s*/\s*", r"\s*[,;]\s*", *joiners):
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
    """Every word that starts an indicator (the `measures` keywords made of letters)."""
    words = (k for m in load(Language).measures for k in m.keywords)
    return tuple(dict.fromkeys(w for w in words if re.match(r"[^\W\d_]", w)))


def split_joined_indicators(text: str) -> list[str]:
    """ "Skor X, dan persentase Y" -> ["Skor X", "persentase Y"]: two measures joined in one cell."""
    words = "|".join(re.escape(w) for w in measure_words())
    parts = re.split(rf",\s*(?:{conjunctions()})\s+(?=(?:{words})\b)", text, flags=re.I)
    return [p.strip() for p in parts if p.strip()]
