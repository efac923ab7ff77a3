"""Near-miss look-up without holding every row: per core text, only the rows that can ever be chosen.

A near miss of row `a` is the first row (in id order) of a core text that belongs to another
document (`group`) and another cluster (`key`). For a given (key, group) only the first row that
differs in both counts, so a core keeps a row only when some (key, group) would choose it: a short
list however many rows share the core text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

_WILD = object()  # a key / group that none of the kept rows has


@dataclass(frozen=True)
class Candidate:
    id: str
    group: str
    key: str
    payload: Any = None  # what the caller needs of the row (text, place)


def _covers(rows: Sequence[Candidate], key: object, group: object) -> bool:
    return all(r.key == key or r.group == group for r in rows)


@dataclass
class Frontier:
    """The rows of one core text that can be a near miss, in the order they were added (id order)."""

    rows: list[Candidate] = field(default_factory=list)

    def _needed(self, row: Candidate) -> bool:
        """Some (key, group) that row differs from in both has every kept row alike in one."""
        keys = [k for k in {r.key for r in self.rows} if k != row.key] + [_WILD]
        groups = [g for g in {r.group for r in self.rows} if g != row.group] + [_WILD]
        return any(_covers(self.rows, k, g) for k in keys for g in groups)

    def add(self, row: Candidate) -> None:
        """Offer the next row in id order."""
        if self._needed(row):
            self.rows.append(row)

    def first(self, group: str, key: str) -> Candidate | None:
        return next((r for r in self.rows if r.group != group and r.key != key), None)


def best_candidate(
    ranked: Sequence[tuple[float, str]], frontiers: Mapping[str, Frontier], group: str, key: str
) -> tuple[float, Candidate] | None:
    """The first row, through the ranked core texts, of another document and another cluster."""
    for score, core in ranked:
        frontier = frontiers.get(core)
        hit = frontier.first(group, key) if frontier else None
        if hit is not None:
            return score, hit
    return None
