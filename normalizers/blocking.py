"""Blocking for indicator identity: which pairs of indicator texts are worth scoring at all.

Scoring every pair is quadratic; these candidate generators are about linear in the number of
texts. Words are matched as identity matches them (equal, or a spelling ratio >= the `word`
threshold for words longer than `exact_length`), so a word's *neighbours* are found once over the
vocabulary (sorted by length: two words that far apart in length cannot reach the ratio).

- `containment_pairs`: every pair where all content words of one text may be matched in the other
  (what both identity rules need). Each text is indexed under the neighbours of its rarest content
  word only; a pair (a, b) with a's content covered by b shares that word with b, so it is found,
  and common words do not make large blocks (prefix filtering with a prefix of one word).
- `shared_rare_word_pairs`: pairs where one of the `k` rarest words of one text is matched in the
  other; near misses are judged only among those (review hints, not identity).
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


def _pairs(keys: Sequence[Iterable[str]], probes: Sequence[Iterable[str]]) -> set[tuple[int, int]]:
    """(i, j), i < j, where a key of one is among the probes of the other."""
    index: dict[str, list[int]] = defaultdict(list)
    for i, ks in enumerate(keys):
        for k in set(ks):
            index[k].append(i)
    pairs: set[tuple[int, int]] = set()
    for j, ps in enumerate(probes):
        for p in set(ps):
            for i in index.get(p, ()):
                if i != j:
                    pairs.add((i, j) if i < j else (j, i))
    return pairs


def containment_pairs(
    words: Sequence[frozenset[str]], content: Sequence[frozenset[str]], neighbours: dict[str, frozenset[str]]
) -> set[tuple[int, int]]:
    """Candidate pairs for the identity rules (content of one covered by the words of the other)."""
    df = Counter(w for c in content for w in c)
    keys: list[frozenset[str]] = []
    for c in content:
        rare = _rarest(c, df, 1)
        keys.append(neighbours[rare[0]] if rare else frozenset({_EMPTY}))
    probes = [ws | {_EMPTY} if not c else ws for ws, c in zip(words, content, strict=True)]
    return _pairs(keys, probes)


def shared_rare_word_pairs(
    words: Sequence[frozenset[str]], neighbours: dict[str, frozenset[str]], k: int = 2
) -> set[tuple[int, int]]:
    """Candidate pairs for near misses: one of the k rarest words of one text is matched in the other."""
    df = Counter(w for ws in words for w in ws)
    keys = [frozenset().union(*(neighbours[w] for w in _rarest(ws, df, k))) for ws in words]
    return _pairs(keys, words)
