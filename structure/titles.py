"""The kind of document a title names ("INDIKATOR KINERJA UTAMA BIDANG ..." -> IKU)."""

from __future__ import annotations

from vocabulary import load
from vocabulary.schemas import Labels


def title_kind(title: str | None) -> str | None:
    """The kind a title names (labels.yaml `title_kinds`), or None when it names none or several."""
    folded = " ".join((title or "").lower().split())
    named = [kind for kind, words in load(Labels).title_kinds.items() if any(w in folded for w in words)]
    return named[0] if len(named) == 1 else None
