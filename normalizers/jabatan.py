"""Normalise printed position names (jabatan) to their canonical form and family.

The vocabulary lives in reviewed data files, not in code:
``data/jabatan_abbreviations.yaml`` (abbreviation rules, casing style, organisation terms) and
``data/jabatan_families.yaml`` (families, head titles, main-task keywords, thresholds).
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache, partial
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from vocabulary import load
from vocabulary.schemas import AbbreviationRule, Abbreviations, Families, Language

__all__ = ["FAMILIES", "JabatanMatch", "normalize_jabatan", "normalize_org_term"]

LAINNYA = "LAINNYA"


@dataclass(frozen=True)
class JabatanMatch:
    printed: str  # cleaned printed name
    canonical: str  # e.g. "Kepala Subbagian Umum, Kepegawaian, Keuangan dan Aset"
    family: str  # one of FAMILIES
    score: float  # 0..100 confidence of the family/canonical decision
    needs_review: bool  # True when score is below the review threshold


@dataclass(frozen=True)
class _Rule:
    regex: re.Pattern[str]
    replacement: str
    drop_rest: bool


@dataclass(frozen=True)
class _Family:
    name: str
    heads: frozenset[str]  # lower case
    keywords: tuple[str, ...]  # lower case
    head_only: bool


@dataclass(frozen=True)
class _FamilyConfig:
    families: tuple[_Family, ...]
    heads: tuple[str, ...]  # every head, lower case
    prefixes: frozenset[str]
    thresholds: dict[str, float]


def _as_list(value: Any) -> list[str]:
    return [value] if isinstance(value, str) else [str(v) for v in value or []]


def _literal(pattern: str) -> str:
    """A literal pattern: '.' is optional, a space matches any whitespace or none."""
    return r"\s*".join(re.escape(tok).replace(r"\.", r"\.?") for tok in pattern.split())


def _compile(entry: AbbreviationRule) -> _Rule:
    if entry.regex:
        body = str(entry.regex)
    else:
        alternatives = sorted(_as_list(entry.pattern), key=len, reverse=True)
        body = r"(?<!\w)(?:" + "|".join(_literal(p) for p in alternatives) + r")(?!\w)"
    if entry.at_start:
        body = r"^\s*" + body
    return _Rule(re.compile(body, re.IGNORECASE), str(entry.replacement), entry.drop_rest)


@lru_cache(maxsize=1)
def _rules() -> tuple[tuple[_Rule, ...], tuple[_Rule, ...]]:
    """(jabatan rules, org-term rules), compiled in file order."""
    data = load(Abbreviations)
    by_id = {e.id: e for e in data.rules if e.id is not None}
    jabatan = tuple(_compile(e) for e in data.rules)
    org = tuple(_compile(by_id[e.use] if e.use is not None else e) for e in data.org_terms)
    return jabatan, org


@lru_cache(maxsize=1)
def _style() -> tuple[frozenset[str], dict[str, str], int]:
    style = load(Abbreviations).style
    function_words = frozenset(w.lower() for w in load(Language).function_words)
    keep_upper = {w.lower(): w for w in style.keep_upper}
    return function_words, keep_upper, style.acronym_max_length


@lru_cache(maxsize=1)
def _family_config() -> _FamilyConfig:
    data = load(Families)
    families = tuple(
        _Family(
            name=f.name,
            heads=frozenset(" ".join(h.lower().split()) for h in _as_list(f.heads)),
            keywords=tuple(" ".join(k.lower().split()) for k in _as_list(f.keywords)),
            head_only=f.head_only,
        )
        for f in data.families
    )
    heads = tuple(sorted({h for f in families for h in f.heads}))
    prefixes = frozenset(p.lower().strip(".") for p in data.ignore_prefixes)
    thresholds = dataclasses.asdict(data.thresholds)
    return _FamilyConfig(families, heads, prefixes, thresholds)


FAMILIES: tuple[str, ...] = tuple(dict.fromkeys([*(f.name for f in _family_config().families), LAINNYA]))

_MARKUP = re.compile(r"<[^>]*>|\*\*|__|`|\$")
_LEADING_MARK = re.compile(r"^\s*(?:#+|[-•❖▪●*]+|\(?\d{1,2}[.)]|[a-z][.)])\s+")
_PAREN = re.compile(r"\s*\(([^()]*)\)")
_LETTERS = re.compile(r"[^\W\d_]+")
_ROMAN = re.compile(r"(?=[ivx]{2,4}$)x{0,3}(?:ix|iv|v?i{0,3})")


def _clean(text: str) -> str:
    return " ".join(_MARKUP.sub(" ", unicodedata.normalize("NFKC", text)).split())


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.lower())


def _pad(m: re.Match[str], out: str) -> str:
    s, start, end = m.string, m.start(), m.end()
    left = " " if start > 0 and s[start - 1].isalnum() and out[:1].isalnum() else ""
    return left + out + (" " if end < len(s) and s[end].isalnum() and out[-1:].isalnum() else "")


def _apply(rules: Iterable[_Rule], text: str, allow_drop: bool) -> str:
    for rule in rules:
        if not (rule.drop_rest and allow_drop):
            text = rule.regex.sub(partial(_pad, out=rule.replacement), text)
        elif m := rule.regex.search(text):
            text = text[: m.start()] + " " + rule.replacement
    return text


def _is_abbreviation(abbr: str, words: Sequence[str], function_words: frozenset[str]) -> bool:
    """True when ``abbr`` is built from leading letters of every word in order ("kesra")."""

    @cache
    def fits(i: int, j: int) -> bool:
        if j == len(words):
            return i == len(abbr)
        word = words[j]
        if word in function_words and fits(i, j + 1):
            return True
        n = 0
        while i + n < len(abbr) and n < len(word) and abbr[i + n] == word[n]:
            n += 1
            if fits(i + n, j + 1):
                return True
        return False

    return fits(0, 0)


def _drop_redundant_parens(text: str) -> str:
    """Drop "(...)" that only repeats or abbreviates the words before it: "Rakyat (KESRA)"."""
    function_words = _style()[0]

    def repl(m: re.Match[str]) -> str:
        inner, before = _words(m[1]), _words(m.string[: m.start()])
        if not inner or (len(inner) <= len(before) and before[-len(inner) :] == inner):
            return ""
        if len(inner) != 1 or not 2 <= len(inner[0]) <= 12:
            return m[0]
        ks = range(1, min(len(before), 8) + 1)
        return "" if any(_is_abbreviation(inner[0], before[-k:], function_words) for k in ks) else m[0]

    return _PAREN.sub(repl, text)


_TIDY = [
    (re.compile(r"\s+"), " "),
    (re.compile(r"\s+([,;:)])"), r"\1"),
    (re.compile(r"([,;])(?=[^\s\d])"), r"\1 "),
    (re.compile(r"\(\s+"), "("),
    (re.compile(r"^[\s.,;:\-–—/|*_•]+|[\s.,;:\-–—/|*_(]+$"), ""),
]


def _tidy(text: str) -> str:
    for regex, replacement in _TIDY:
        text = regex.sub(replacement, text)
    return text


def _title_case(text: str, keep_caps: bool) -> str:
    function_words, keep_upper, max_len = _style()

    def case_run(m: re.Match[str]) -> str:
        run = m[0]
        if run.lower() in keep_upper:
            return keep_upper[run.lower()]
        if keep_caps and 2 <= len(run) <= max_len and run.isupper():
            return run
        if _ROMAN.fullmatch(run.lower()):
            return run.upper()
        return run[:1].upper() + run[1:].lower()

    return " ".join(
        token.lower() if i > 0 and "".join(_words(token)) in function_words else _LETTERS.sub(case_run, token)
        for i, token in enumerate(text.split(" "))
    )


def _canonical(printed: str) -> str:
    # Upper-case words are kept as acronyms unless most of the name is printed in capitals.
    runs = [r for r in _LETTERS.findall(printed) if len(r) >= 3 and r.lower() not in _style()[0]]
    keep_caps = sum(r.isupper() for r in runs) * 2 <= len(runs)
    text = _LEADING_MARK.sub("", printed)
    text = _apply(_rules()[0], text, allow_drop=True)
    text = _tidy(_drop_redundant_parens(text))
    return _title_case(text, keep_caps)


def _ratio(a: str, b: str) -> float:
    return float(fuzz.ratio(a, b, processor=default_process))


def _match_head(words: list[str], cfg: _FamilyConfig) -> tuple[str, float] | None:
    best: tuple[int, float, str] | None = None
    for head in cfg.heads:
        n = head.count(" ") + 1
        if len(words) < n:
            continue
        score = _ratio(" ".join(words[:n]), head)
        if score >= cfg.thresholds["head"] and (best is None or (n, score) > best[:2]):
            best = (n, score, head)
    return None if best is None else (best[2], best[1])


def _first_keyword(subject: list[str], families: list[_Family], cfg: _FamilyConfig) -> tuple[str, float]:
    """(family, score) of the first subject word matching a keyword; ("", best near miss) if none."""
    function_words, near = _style()[0], 0.0
    for i, word in enumerate(subject):
        if word in function_words:
            continue
        best = ("", 0.0)
        for fam in families:
            for kw in fam.keywords:
                score = _ratio(" ".join(subject[i : i + kw.count(" ") + 1]), kw)
                if score > best[1]:
                    best = (fam.name, score)
        if best[1] >= cfg.thresholds["keyword"]:
            return best
        near = max(near, best[1])
    return "", near


def _classify(canonical: str) -> tuple[str, float]:
    cfg = _family_config()
    th = cfg.thresholds
    words = _words(canonical)
    while words and words[0] in cfg.prefixes:
        words = words[1:]
    head = _match_head(words, cfg)
    if head is None:
        return LAINNYA, th["unknown"]
    head_name, head_score = head
    subject = words[head_name.count(" ") + 1 :]
    candidates = [f for f in cfg.families if head_name in f.heads]
    family, score = _first_keyword(subject, [f for f in candidates if f.keywords], cfg)
    if family:
        return family, min(head_score, score)
    for fam in candidates:
        if not fam.keywords and not (fam.head_only and subject):
            return fam.name, head_score
    if score < th["near_miss"]:
        return LAINNYA, head_score
    confidence = 50.0 + 50.0 * (th["keyword"] - score) / max(th["keyword"] - th["near_miss"], 1.0)
    return LAINNYA, min(head_score, confidence)


def normalize_jabatan(printed: str) -> JabatanMatch:
    """Canonical name, family and confidence for a position name as printed."""
    cleaned = _clean(printed)
    canonical = _canonical(cleaned)
    family, score = _classify(canonical)
    score = round(max(0.0, min(100.0, score)), 1)
    return JabatanMatch(cleaned, canonical, family, score, score < _family_config().thresholds["review"])


def normalize_org_term(text: str) -> str:
    """Rewrite organisation terms (SKPD -> Perangkat Daerah, Kasi -> Kepala Seksi, Subag -> Subbagian)
    inside free text such as sumber data / penanggung jawab; everything else is kept as printed."""
    return " ".join(_apply(_rules()[1], _clean(text), allow_drop=False).split())
