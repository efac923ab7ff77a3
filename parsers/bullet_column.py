"""A list whose bullets a converter printed apart from their items (markitdown, pdfminer
underneath: the bullet column, then the text column):

    •
    •
    penyelenggaraan perumusan kebijakan teknis bidang
    pangan;
    penyelenggaraan koordinasi dan pembinaan UPTB.

The items are put back after their bullets only where that is sure: k lone bullets, then one
paragraph that ends exactly k items (each item's last line ends with one of `item_ends`).
"""

from __future__ import annotations

from collections.abc import Sequence

from vocabulary import load
from vocabulary.schemas import ColumnDump, Renderings


def _conf() -> ColumnDump:
    return load(Renderings).column_dump


def _bullet_run(lines: Sequence[str], i: int) -> tuple[list[str], int]:
    """The lone bullets from lines[i] (blank lines between them skipped) and the index after them."""
    bullets = set(_conf().list_bullets)
    found: list[str] = []
    j = i
    while j < len(lines) and (not lines[j].strip() or lines[j].strip() in bullets):
        if lines[j].strip():
            found.append(lines[j].strip())
        j += 1
    return found, j


def _items(lines: Sequence[str], j: int, count: int) -> tuple[list[str], int] | None:
    """`count` items of the paragraph at lines[j] and the index after it; None unless the
    paragraph ends exactly `count` items."""
    ends = tuple(_conf().item_ends)
    items: list[list[str]] = [[]]
    while j < len(lines) and lines[j].strip():
        text = lines[j].strip()
        if text in _conf().list_bullets:
            return None
        items[-1].append(text)
        if text.endswith(ends):
            items.append([])
        j += 1
    if items[-1] or len(items) - 1 != count:
        return None
    return [" ".join(words) for words in items[:-1]], j


def bullets_to_items(lines: Sequence[str]) -> list[str]:
    """The lines with every list printed bullets first, items after, put back as one bullet
    item a line; the lines it took are dropped, so the count may shrink."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        bullets, j = _bullet_run(lines, i) if lines[i].strip() in _conf().list_bullets else ([], i)
        found = _items(lines, j, len(bullets)) if len(bullets) >= 2 else None
        if found is None:
            out.append(lines[i])
            i += 1
            continue
        items, end = found
        out += [f"{b} {item}" for b, item in zip(bullets, items, strict=True)]
        i = end
    return out
