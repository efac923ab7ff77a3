"""Indicator identity: rows of different documents that state the same indicator get one key.

Two rows are linked when their measures agree and their indikator texts name the same things
(content words equal up to spelling, generic words such as "dokumen" / "draf" aside), or one names
a subset of the other and their formulas agree (rules and thresholds: data/indicator_identity.yaml).
Clusters are the connected components of those links, so they depend on the set of rows only, never
on their order. A cluster's key is a hash of its representative text: the most frequent normalised
indikator of its members (then the shortest, then the first in alphabetical order).
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from normalizers.blocking import containment_pairs, shared_rare_word_pairs, word_neighbours
from normalizers.frontier import Candidate, Frontier, best_candidate
from vocabulary import load
from vocabulary.schemas import Identity, Language

__all__ = [
    "Cluster",
    "IndicatorText",
    "NearMiss",
    "cluster_indicators",
    "indicator_similarity",
    "near_misses",
    "normalize_text",
]

_MARKUP = re.compile(r"<[^>]*>|\\[a-z]+|[*_`$#{}]")


@dataclass(frozen=True)
class IndicatorText:
    id: str
    indikator: str
    formula: str | None = None
    measure: str | None = None
    group: str = ""  # the document: near misses are only looked for between documents


@dataclass(frozen=True)
class _Form:
    """What identity compares: core indikator text, its words, formula words, measure."""

    core: str
    words: frozenset[str]
    content: frozenset[str]
    formula: str
    formula_words: frozenset[str]
    formula_content: frozenset[str]
    measure: str | None


@dataclass(frozen=True)
class NearMiss:
    a: str  # indicator id
    b: str
    score: float  # 0..100 text similarity


@dataclass(frozen=True)
class Cluster:
    key: str  # "IND-" + 12 hex digits
    representative: str  # normalised indikator text the key is derived from
    representative_id: str  # the member that text is taken from (smallest id among equals)
    members: tuple[str, ...]  # ids, sorted
    scores: dict[str, float]  # id -> similarity to the representative member (0..100)


@lru_cache(maxsize=1)
def _config() -> dict[str, Any]:
    data, language = load(Identity), load(Language)
    rewrites = {k.lower(): v for k, v in data.rewrites.items()}
    words = {k: v for k, v in rewrites.items() if k.isalnum()}
    symbols = {k: v for k, v in rewrites.items() if not k.isalnum()}
    # Only words that name a measure are dropped: the measure column keeps what they said (words
    # such as "angka" or "ratio" name none, so "Ratio kematian ibu" must not become "kematian ibu").
    # Taken as normalize_text leaves them ("rata-rata" -> "rata rata", "%" -> nothing).
    measure = {_normalize(k, words, symbols) for m in language.measures if m.measure for k in m.keywords}
    ordered = sorted((w for w in measure if w), key=len, reverse=True)
    lead = re.compile(r"^(?:(?:" + "|".join(re.escape(w) for w in ordered) + r")\s+)+")
    return {
        "generic": frozenset([*data.generic_words, *language.function_words]),
        "words": words,
        "symbols": symbols,
        "lead": lead,
        "open": set(data.open_measures),
        "th": dataclasses.asdict(data.thresholds),
    }


def _normalize(text: str, words: dict[str, str], symbols: dict[str, str]) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    for symbol, word in symbols.items():
        text = text.replace(symbol, f" {word} ")
    found = re.findall(r"[^\W_]+", _MARKUP.sub(" ", text))
    return " ".join(words.get(w, w) for w in found)


def normalize_text(text: str | None) -> str:
    """Lower case words of the text, markup and punctuation gone, spelling variants unified."""
    cfg = _config()
    return _normalize(text or "", cfg["words"], cfg["symbols"])


def _core(normalized: str) -> str:
    return _config()["lead"].sub("", normalized + " ").strip() or normalized


def _blend(a: str, b: str) -> float:
    return (fuzz.token_sort_ratio(a, b) + fuzz.token_set_ratio(a, b)) / 2


def _form(item: IndicatorText) -> _Form:
    generic = _config()["generic"]
    core, formula = _core(normalize_text(item.indikator)), normalize_text(item.formula)
    words, fwords = frozenset(core.split()), frozenset(formula.split())
    return _Form(core, words, words - generic, formula, fwords, fwords - generic, item.measure)


@lru_cache(maxsize=65536)
def _word_match(a: str, b: str) -> bool:
    th = _config()["th"]
    short = min(len(a), len(b)) <= th["exact_length"]
    return a == b or (not short and fuzz.ratio(a, b) >= th["word"])


def _covered(content: frozenset[str], words: frozenset[str]) -> bool:
    """Every content word has a spelling match among `words`."""
    return all(w in words or any(_word_match(w, v) for v in words) for w in content)


def _same(
    a_content: frozenset[str], a_words: frozenset[str], b_content: frozenset[str], b_words: frozenset[str]
) -> bool:
    return _covered(a_content, b_words) and _covered(b_content, a_words)


def _compatible(a: str | None, b: str | None) -> bool:
    open_ = _config()["open"]
    return a is None or b is None or a == b or a in open_ or b in open_


def _linked(a: _Form, b: _Form) -> bool:
    """The identity rule of data/indicator_identity.yaml for two distinct forms."""
    if not _compatible(a.measure, b.measure):
        return False
    if _same(a.content, a.words, b.content, b.words):
        return True
    least = _config()["th"]["subset_min_words"]
    small = min(len(a.content), len(b.content))
    contained = _covered(a.content, b.words) or _covered(b.content, a.words)
    formulas = min(len(a.formula_content), len(b.formula_content)) >= least and _same(
        a.formula_content, a.formula_words, b.formula_content, b.formula_words
    )
    return contained and small >= least and formulas


def indicator_similarity(a: IndicatorText, b: IndicatorText) -> float:
    """0..100 text similarity: indikator, averaged with the formula when both have one and it helps."""
    ind = _blend(_core(normalize_text(a.indikator)), _core(normalize_text(b.indikator)))
    fa, fb = normalize_text(a.formula), normalize_text(b.formula)
    return round(ind if not (fa and fb) else max(ind, (ind + fuzz.token_sort_ratio(fa, fb)) / 2), 1)


def _neighbours(words: Iterable[frozenset[str]]) -> dict[str, frozenset[str]]:
    th = _config()["th"]
    return word_neighbours(set().union(*words), int(th["exact_length"]), th["word"])


def _close_pairs(
    cores: list[str], pairs: Iterable[tuple[int, int]], cutoff: float
) -> Iterator[tuple[int, int, float]]:
    """(i, j, similarity) of the candidate pairs whose core texts reach `cutoff` in token-set
    similarity, with their blended similarity, in a stable order."""
    for a, b in sorted(pairs):
        sim = fuzz.token_set_ratio(cores[a], cores[b], score_cutoff=cutoff)
        if sim:
            yield a, b, (sim + fuzz.token_sort_ratio(cores[a], cores[b])) / 2


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _components(forms: list[_Form]) -> list[int]:
    """Union-find root of every distinct form."""
    parent = list(range(len(forms)))
    words = [f.words for f in forms]
    pairs = containment_pairs(words, [f.content for f in forms], _neighbours(words))
    for a, b, _ in _close_pairs([f.core for f in forms], pairs, _config()["th"]["prefilter"]):
        ra, rb = _find(parent, a), _find(parent, b)
        if ra != rb and _linked(forms[a], forms[b]):
            parent[ra] = rb
    return [_find(parent, i) for i in range(len(forms))]


def _key(representative: str) -> str:
    return "IND-" + hashlib.sha256(representative.encode("utf-8")).hexdigest()[:12]


def _sort_key(f: _Form) -> tuple[str, str, str]:
    return f.core, f.formula, f.measure or ""


@dataclass(frozen=True)
class FormCount:
    """One distinct (indikator, formula, measure) of a batch: how many rows, the smallest row id."""

    indikator: str
    formula: str | None
    measure: str | None
    count: int
    first_id: str


@dataclass(frozen=True)
class FormIdentity:
    key: str
    score: float  # similarity to the cluster's representative row (0..100)
    core: str  # the core text near misses are looked up by


@dataclass(frozen=True)
class Representative:
    indikator: str  # as printed
    normalized: str  # the text the key is a hash of
    first_id: str  # the row it is taken from


def identify_forms(forms: Sequence[FormCount]) -> tuple[list[FormIdentity], dict[str, Representative]]:
    """Identity of every distinct form, and per key (representative as printed, normalised).

    Works on distinct forms only, so its cost does not grow with repeated rows."""
    texts = [IndicatorText(f.first_id, f.indikator, f.formula, f.measure) for f in forms]
    form_of = [_form(t) for t in texts]
    distinct = sorted(set(form_of), key=_sort_key)
    index = {f: n for n, f in enumerate(distinct)}
    roots = _components(distinct)
    groups: dict[int, list[int]] = {}
    for i, f in enumerate(form_of):
        groups.setdefault(roots[index[f]], []).append(i)
    found: dict[int, FormIdentity] = {}
    reps: dict[str, Representative] = {}
    for members in groups.values():
        normalized = {i: normalize_text(forms[i].indikator) for i in members}
        counts: Counter[str] = Counter()
        for i in members:
            counts[normalized[i]] += forms[i].count
        rep = min(counts, key=lambda t: (-counts[t], len(t), t))
        rep_i = min((i for i in members if normalized[i] == rep), key=lambda i: forms[i].first_id)
        key = _key(rep)
        reps[key] = Representative(forms[rep_i].indikator, rep, forms[rep_i].first_id)
        for i in members:
            found[i] = FormIdentity(key, indicator_similarity(texts[i], texts[rep_i]), form_of[i].core)
    return [found[i] for i in range(len(forms))], reps


def form_counts(items: Sequence[IndicatorText]) -> tuple[list[FormCount], list[int]]:
    """Distinct forms of the rows, and the form index of every row."""
    first: dict[tuple[str, str | None, str | None], int] = {}
    counts: list[list[Any]] = []
    of_row = []
    for it in items:
        triple = (it.indikator, it.formula, it.measure)
        n = first.setdefault(triple, len(counts))
        if n == len(counts):
            counts.append([0, it.id])
        counts[n][0] += 1
        counts[n][1] = min(counts[n][1], it.id)
        of_row.append(n)
    forms = [FormCount(*t, c, i) for t, (c, i) in zip(first, counts, strict=True)]
    return forms, of_row


def cluster_indicators(items: Sequence[IndicatorText]) -> list[Cluster]:
    """Clusters of the rows, each with a deterministic key, sorted by key."""
    forms, of_row = form_counts(items)
    identities, reps = identify_forms(forms)
    members: dict[str, dict[str, float]] = {}
    for it, n in zip(items, of_row, strict=True):
        members.setdefault(identities[n].key, {})[it.id] = identities[n].score
    clusters = [
        Cluster(key, reps[key].normalized, reps[key].first_id, tuple(sorted(scores)), scores)
        for key, scores in members.items()
    ]
    return sorted(clusters, key=lambda c: c.key)


def close_cores(cores: Sequence[str]) -> dict[str, list[tuple[float, str]]]:
    """Each core text -> the other core texts similar enough for a near miss, best first, itself first
    (the same words may still be another indicator, measured differently)."""
    threshold = _config()["th"]["near_miss"]
    cores = sorted(set(cores))
    close: dict[str, list[tuple[float, str]]] = {c: [] for c in cores}
    words = [frozenset(c.split()) for c in cores]
    for i, j, score in _close_pairs(
        cores,
        shared_rare_word_pairs(words, _neighbours(words), int(_config()["th"]["near_miss_block"])),
        threshold,
    ):
        if score >= threshold:
            close[cores[i]].append((score, cores[j]))
            close[cores[j]].append((score, cores[i]))
    return {c: [(100.0, c), *sorted(near, key=lambda sc: (-sc[0], sc[1]))] for c, near in close.items()}


def near_misses(items: Sequence[IndicatorText], clusters: Sequence[Cluster]) -> list[NearMiss]:
    """For each row, the most similar row of another cluster and another document, when that is
    similar enough to be worth a look (for review): at most one per row, best first."""
    key_of = {m: c.key for c in clusters for m in c.members}
    by_core: dict[str, list[IndicatorText]] = {}
    firsts: dict[str, Frontier] = {}
    for it in sorted(items, key=lambda it: it.id):
        core = _core(normalize_text(it.indikator))
        by_core.setdefault(core, []).append(it)
        firsts.setdefault(core, Frontier()).add(Candidate(it.id, it.group, key_of[it.id]))
    ranked = close_cores(list(by_core))
    found = []
    for core in sorted(by_core):
        for a in by_core[core]:
            hit = best_candidate(ranked[core], firsts, a.group, key_of[a.id])
            if hit is not None:
                found.append(NearMiss(a.id, hit[1].id, round(hit[0], 1)))
    return found
