"""Profile labels ("Nama Unit", "Tugas Pokok", "Fungsi") as run-together renderings print them.

Converters that read a two-column profile block (labels left, values right) column by column
print the labels together on one line and the values after them ("Nama Unit Tugas Pokok" /
"Fungsi" / "- : X" / "- : Y" / "- : Z"), run a label on after the value before it ("... Pangan
Tugas : menyelenggarakan ..."), or frame a lone label as a one-cell table ("|Fungsi|" over
"|---|"). The labels are the field labels of the vocabulary (structure/data/labels.yaml).
"""

from __future__ import annotations

import re
from functools import lru_cache

from vocabulary import load
from vocabulary.schemas import Labels


@lru_cache(maxsize=1)
def _labels() -> tuple[str, ...]:
    """Every field label, longest first (so "tugas pokok" wins over "tugas")."""
    found = {label for _, labels in load(Labels).fields.items() for label in labels}
    return tuple(sorted(found, key=len, reverse=True))


def _alternatives() -> str:
    """The labels as one regex alternation; a "." after a word is optional ("Nama Sub. Bidang")."""
    return "|".join(r"\.?\s+".join(re.escape(w) for w in label.split()) + r"\.?" for label in _labels())


@lru_cache(maxsize=1)
def _label_colon() -> re.Pattern[str]:
    return re.compile(rf"(?i:{_alternatives()})(?:\s+\d{{1,2}})?\s*:")  # "MISI 1 :" is numbered


_WORD_START = re.compile(r"(?<!\S)\S")


def label_cuts(line: str) -> list[int]:
    """Where a capitalised field label with its colon starts inside a line after a value ("...
    Pangan Tugas : ..."): not after a list number ("4. Tujuan :") and not where the label is the
    end of a longer one ("Indikator Tujuan :")."""
    starts = [m.start() for m in _WORD_START.finditer(line)]
    cuts: list[int] = []
    for k, at in enumerate(starts):
        m = _label_colon().match(line, at)
        if k == 0 or not m or not line[at].isupper():
            continue
        before = line[:at].rstrip()
        if re.search(r"(?:^|\s)[-*•]?\s*\(?\w{1,2}[.)]$|^[-*•]$", before) or before.endswith(":"):
            continue  # a list number or a bullet before the label: the label starts its item
        longer = any(
            (n := _label_colon().match(line, s)) and n.end() == m.end() for s in starts[max(0, k - 3) : k]
        )
        if not longer:
            cuts.append(at)
    return cuts


@lru_cache(maxsize=1)
def _label_run() -> re.Pattern[str]:
    return re.compile(rf"\s*(?:{_alternatives()})\b", re.I)


def labels_only(line: str) -> list[str] | None:
    """The labels of a line made of field labels only, each capitalised ("Nama Unit Tugas Pokok"
    -> ["Nama Unit", "Tugas Pokok"]); None for any other line."""
    text = line.strip().lstrip("-*• ").strip()
    out: list[str] = []
    at = 0
    while at < len(text):
        m = _label_run().match(text, at)
        if not m or not m.group(0).strip()[:1].isupper():
            return None
        out.append(m.group(0).strip())
        at = m.end()
    return out or None


_ONE_CELL = re.compile(r"^\s*\|([^|]+)\|\s*$")
_SEPARATOR = re.compile(r"^\s*\|\s*:?-{3,}:?\s*\|\s*$")


def label_tables_to_lines(lines: list[str]) -> list[str]:
    """A one-cell pipe table holding only a field label ("|Fungsi|" over "|---|") -> the label as
    a line; line count kept."""
    out = list(lines)
    for i, line in enumerate(lines):
        m = _ONE_CELL.match(line)
        if not m or labels_only(m.group(1)) is None:
            continue
        if i + 1 < len(lines) and _SEPARATOR.match(lines[i + 1]):
            nxt = lines[i + 2] if i + 2 < len(lines) else ""
            if nxt.lstrip().startswith("|"):
                continue  # a table goes on under it: a real one-column table
            out[i + 1] = ""
        out[i] = m.group(1).strip()
    return out
