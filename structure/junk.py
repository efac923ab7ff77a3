"""Fragments that are not content: placeholders, stray English filler, pure punctuation."""

from __future__ import annotations

import re
from functools import lru_cache

from vocabulary import load
from vocabulary.schemas import Language


@lru_cache(maxsize=1)
def _english() -> frozenset[str]:
    return frozenset(load(Language).english_filler)


def is_junk(text: str) -> bool:
    """True for text that carries no content (no letters or digits, or mostly English filler)."""
    if not re.search(r"[A-Za-z0-9]", text):
        return True
    tokens = re.findall(r"[A-Za-z]+", text.lower())
    return bool(len(tokens) >= 3 and sum(t in _english() for t in tokens) / len(tokens) >= 0.75)
