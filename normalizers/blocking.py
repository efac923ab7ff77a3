"""Blocking for indicator identity: which pairs of indicator texts are worth scoring at all.

Scoring every pair is quadratic; these candidate generators are about linear in the number of
texts. Words are matched as identity matches them (equal, or a spelling ratio >= the `word`
threshold for words longer than `exact_length`), so a word's *neighbours* are found once over the
vocabulary (sorted by length: two words that far apart in length cannot reach the ratio).

- `containment_pairs`: every pair where all content words of one text may be matched in the other
  (what both identity rules need). Each text is indexed under its two rarest content words (as a
  pair, through their spelling neighbours); a text offers each of its words and each pair of them.
  A pair (a, b) with a's content covered by b has both of a's rarest words matched in b, so it is
  found, and neither a common word nor a word shared by every copy of one indicator (the same
  indicator in 7,000 kecamatan, each naming its own) makes a large block.
- `shared_rare_word_pairs`: the same keys over all words, plus each of the two rarest words alone
  while few texts have it (texts one word apart are near misses): near misses are judged only
  among those (review hints, not identity).
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

import numpy as np
from rapidfuzz import fuzz, process

_CHUNK = 512
_EMPTY = "\x00"  # index key of texts without content words: they are compared with each other


def word_neighbours(words: Iterable[str], exact_length: int, threshold: float) -> dict[str, frozenset[str]]:
    """Each word -> the words it matches (itself included)."""
    vocab = sorted(set(words))
    found: dict[str, set[str]] = {w: {w} for w in vocab}
    long = sorted((w for w in vocab if len(w) > exact_length), key=lambda w: (len(w), w))
    lengths = [len(w) for w in long]
    # ratio = 2 * matches / (la + lb) >= t needs lb <= la * (2 / t - 1)
    stretch = 2 / (threshold / 100) - 1
    for start in range(0, len(long), _CHUNK):
        block = long[start : start + _CHUNK]
        hi = bisect.bisect_right(lengths, int(len(block[-1]) * stretch) + 1)
        lo = bisect.bisect_left(lengths, int(len(block[0]) / stretch))
        others = long[lo:hi]
        sim = process.cdist(block, others, scorer=fuzz.ratio, score_cutoff=threshold, dtype=np.float32)
        for i, j in zip(*np.nonzero(sim), strict=True):
            found[block[int(i)]].add(others[int(j)])
    return {w: frozenset(s) for w, s in found.items()}


def _rarest(words: Iterable[str], df: Counter[str], k: int) -> list[str]:
    return sorted(words, key=lambda w: (df[w], w))[:k]


Key = tuple[str, ...]


def _keys(rarest: list[str], neighbours: dict[str, frozenset[str]]) -> set[Key]:
    """Index keys of a text: its two rarest words as an unordered pair of spelling neighbours (one
    word when it has one, or when one word stands for both); a text of no words has none."""
    if not rarest:
        return set()
    if len(rarest) == 1:
        return {(n,) for n in neighbours[rarest[0]]}
    return {
        (a,) if a == b else (min(a, b), max(a, b))
        for a in neighbours[rarest[0]]
        for b in neighbours[rarest[1]]
    }


def _probes(words: frozenset[str]) -> set[Key]:
    """What a text offers: each word, and each pair of its words."""
    ordered = sorted(words)
    return {(w,) for w in ordered} | {(a, b) for i, a in enumerate(ordered) for b in ordered[i + 1 :]}


def _pairs(
    keys: Sequence[set[Key]], probes: Sequence[set[Key]], single_cap: int | None = None
) -> set[tuple[int, int]]:
    """(i, j), i < j, where a key of one is among the probes of the other; one-word keys held by more
    than `single_cap` texts are dropped (too common to tell texts apart)."""
    index: dict[Key, list[int]] = defaultdict(list)
    for i, ks in enumerate(keys):
        for k in ks:
            index[k].append(i)
    if single_cap is not None:
        index = defaultdict(list, {k: v for k, v in index.items() if len(k) > 1 or len(v) <= single_cap})
    pairs: set[tuple[int, int]] = set()
    for j, ps in enumerate(probes):
        for p in ps:
            for i in index.get(p, ()):
                if i != j:
                    pairs.add((i, j) if i < j else (j, i))
    return pairs


def containment_pairs(
    words: Sequence[frozenset[str]], content: Sequence[frozenset[str]], neighbours: dict[str, frozenset[str]]
) -> set[tuple[int, int]]:
    """Candidate pairs for the identity rules (content of one covered by the words of the other)."""
    df = Counter(w for c in content for w in c)
    empty: set[Key] = {(_EMPTY,)}
    keys = [_keys(_rarest(c, df, 2), neighbours) if c else empty for c in content]
    probes = [_probes(ws) | ({(_EMPTY,)} if not c else set()) for ws, c in zip(words, content, strict=True)]
    return _pairs(keys, probes)


def shared_rare_word_pairs(
    words: Sequence[frozenset[str]], neighbours: dict[str, frozenset[str]], cap: int
) -> set[tuple[int, int]]:
    """Candidate pairs for near misses: the two rarest words of one text are matched in the other, or
    one of them is, when no more than `cap` texts have it among their rarest."""
    df = Counter(w for ws in words for w in ws)
    keys = []
    for ws in words:
        rare = _rarest(ws, df, 2)
        keys.append(_keys(rare, neighbours) | {(n,) for w in rare for n in neighbours[w]})
    return _pairs(keys, [_probes(ws) for ws in words], single_cap=cap)
