"""Canonical sumber data and penanggung jawab: organisation terms spelled out, units named alike.

Vocabulary: the `org_terms` of data/jabatan_abbreviations.yaml (SKPD / PD / OPD -> Perangkat
Daerah, Subag -> Subbagian, Kasi -> Kepala Seksi, Kesos -> Kesejahteraan Sosial ...) and
data/org_terms.yaml (a head stands for the unit it heads, acronyms known as they are).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from normalizers.jabatan import LAINNYA, normalize_jabatan, normalize_org_term
from vocabulary import load
from vocabulary.schemas import Abbreviations, Families, OrgTerms

__all__ = [
    "UnitMatch",
    "best_candidates",
    "canonical_penanggung_jawab",
    "canonical_sumber_data",
    "known_acronyms",
    "known_jabatan",
    "known_units",
    "match_unit",
    "unknown_acronyms",
]

_ACRONYM = re.compile(r"(?<![\w])[A-Z][A-Za-z]*[A-Z][A-Za-z]*(?![\w])")
_TIDY = [
    (re.compile(r"\s+([,;:])"), r"\1"),
    (re.compile(r"([,;])(?=[^\s\d])"), r"\1 "),
    (re.compile(r"\s+"), " "),
]


@dataclass(frozen=True)
class UnitMatch:
    printed: str
    canonical: str  # "Seksi Pemerintahan" for "Kasi Pemerintahan"
    family: str  # jabatan family of the unit (LAINNYA when none)
    score: float  # 0..100
    needs_review: bool


@lru_cache(maxsize=1)
def _head_to_unit() -> tuple[tuple[str, str], ...]:
    mapping = load(OrgTerms).penanggung_jawab.head_to_unit or {}
    return tuple(sorted(mapping.items(), key=lambda kv: -len(kv[0])))


def _unit_of(canonical: str) -> str:
    """ "Kepala Seksi Pemerintahan" -> "Seksi Pemerintahan" (data/org_terms.yaml head_to_unit)."""
    for head, unit in _head_to_unit():
        if canonical == head or canonical.startswith(head + " "):
            return unit + canonical[len(head) :]
    return canonical


def _tidy(text: str) -> str:
    for regex, replacement in _TIDY:
        text = regex.sub(replacement, text)
    return text.strip()


def canonical_sumber_data(text: str | None) -> str | None:
    """Sumber data with organisation terms in canonical form; other words kept as printed."""
    if text is None:
        return None
    return _tidy(normalize_org_term(text)) or None


def match_unit(printed: str) -> UnitMatch:
    """Canonical unit name of one penanggung jawab, with its family and confidence."""
    match = normalize_jabatan(normalize_org_term(printed))
    review = match.family == LAINNYA or match.score < load(OrgTerms).penanggung_jawab.review_score
    return UnitMatch(" ".join(printed.split()), _unit_of(match.canonical), match.family, match.score, review)


def canonical_penanggung_jawab(items: list[str] | None) -> list[str]:
    """Canonical unit names, in printed order, without repeats."""
    return list(dict.fromkeys(c for item in items or [] if (c := match_unit(item).canonical)))


@lru_cache(maxsize=1)
def known_jabatan() -> tuple[str, ...]:
    """Reference names built from the families: head title plus each main-task keyword."""
    names: list[str] = []
    for fam in load(Families).families:
        if fam.name == LAINNYA:
            continue
        heads = [fam.heads] if isinstance(fam.heads, str) else list(fam.heads)
        keywords = [fam.keywords] if isinstance(fam.keywords, str) else list(fam.keywords or [])
        names += [f"{heads[0]} {kw}" for kw in keywords] if keywords else [str(h) for h in heads]
    return tuple(dict.fromkeys(normalize_jabatan(n).canonical for n in names))


@lru_cache(maxsize=1)
def known_units() -> tuple[str, ...]:
    """`known_jabatan` named as units ("Seksi Pemerintahan")."""
    return tuple(dict.fromkeys(_unit_of(n) for n in known_jabatan()))


def best_candidates(name: str, choices: tuple[str, ...], n: int = 3) -> list[tuple[str, float]]:
    """The `n` reference names closest to `name` (token-sort ratio), best first."""
    found = process.extract(name, choices, scorer=fuzz.token_sort_ratio, processor=default_process, limit=n)
    return [(str(c), round(float(s), 1)) for c, s, _ in found]


@lru_cache(maxsize=1)
def known_acronyms() -> tuple[str, ...]:
    """Acronyms the vocabulary knows: data/org_terms.yaml `acronyms` and the jabatan `keep_upper`."""
    style = load(Abbreviations).style
    words = [*(load(OrgTerms).acronyms or {}), *style.keep_upper]
    return tuple(dict.fromkeys(words))


@lru_cache(maxsize=1)
def _known_acronyms() -> frozenset[str]:
    return frozenset(a.lower() for a in known_acronyms())


def unknown_acronyms(text: str | None) -> list[str]:
    """All-capitals words (two or more capitals) that no vocabulary file knows, in printed order."""
    found = []
    for word in _ACRONYM.findall(text or ""):
        if word.lower() not in _known_acronyms() and normalize_org_term(word) == word:
            found.append(word)
    return list(dict.fromkeys(found))
