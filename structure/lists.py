"""List labels and list items: "a)", "b.", "1.", "(2)", "❖", "-", "•" -> (label, text)."""

from __future__ import annotations

import re

from structure.model import Item

BULLETS = "-–—•❖●▪➢►◦○*·"
FIRST_LABELS = ("1", "a", "A")  # the labels a numbered or lettered list starts with
_LEAD = re.compile(rf"^\s*(?P<bullet>(?:[{re.escape(BULLETS)}]\s*)+)?")
# a label, then a space; a number may run into its item's capital ("10)Melaksanakan": a two-digit
# number pushed past the tab stop leaves less than a space's gap)
_LABEL = re.compile(
    r"^(?:\(?(?P<label>[a-zA-Z]|\d{1,2})[.)]|(?P<multi>\d{1,2}(?:\.\d{1,2})+)\.?)"
    r"(?:(?=\s|$)|(?<=\d[.)])(?=[A-Z][a-z]))\s*"
)


# a list item's own label at the start of a line: "a. ", "(b) ", "2) " (what a wrapped list's items
# open with, not the bullets or the numbering "1.1." that split_label also takes)
ITEM_LABEL = re.compile(r"^\(?([a-z]|\d{1,2})[.)]\s")


def following_label(label: str) -> str:
    """The list label after `label` ("b" -> "c", "2" -> "3")."""
    return str(int(label) + 1) if label.isdigit() else chr(ord(label) + 1)


def split_label(text: str) -> tuple[str | None, str, bool]:
    """Strip a leading bullet and/or label. Return (label or None, rest, had_marker)."""
    m = _LEAD.match(text)
    bullet = bool(m and m.group("bullet"))
    rest = text[m.end() :] if m else text
    lm = _LABEL.match(rest)
    if lm:
        return lm.group("label") or lm.group("multi"), rest[lm.end() :].strip(), True
    return None, rest.strip(), bullet


def starts_with_marker(text: str) -> bool:
    return split_label(text)[2]


def _successor(label: str) -> str | None:
    if label.isdigit():
        return str(int(label) + 1)
    if len(label) == 1 and label.isalpha() and label.lower() != "z":
        return chr(ord(label) + 1)
    return None


def _find_label(text: str, label: str, start: int) -> int:
    """Index of `label.`/`label)` at a word start in text[start:], or -1."""
    pat = re.compile(rf"(?:(?<=\s)|(?<=^)|(?<=[:;,]))\(?{re.escape(label)}[.)](?=\s)")
    m = pat.search(text, start)
    return m.start() if m else -1


def _next_label(text: str, label: str, start: int, skip: int = 6) -> tuple[int, str]:
    """Nearest later label in sequence: the successor, a repeat, or one a few steps ahead."""
    best, best_label = -1, label
    candidate: str | None = label
    for _ in range(skip + 1):
        if candidate is None:
            break
        pos = _find_label(text, candidate, start)
        if pos >= 0 and (best < 0 or pos < best):
            best, best_label = pos, candidate
        candidate = _successor(candidate)
    return best, best_label


def split_inline_list(text: str) -> tuple[str, list[Item]]:
    """Split "lead : a. X b. Y" into ("lead :", [Item(a, X), Item(b, Y)]) following label order."""
    first = -1
    first_label = ""
    for cand in FIRST_LABELS:
        pos = _find_label(text, cand, 0)
        if pos >= 0 and (first < 0 or pos < first):
            first, first_label = pos, cand
    if first < 0:
        return text.strip(), []
    lead = text[:first].strip()
    items: list[Item] = []
    label, pos = first_label, first
    while True:
        body_start = text.index(label, pos) + len(label) + 1
        nxt, nxt_label = _next_label(text, label, body_start)
        body = text[body_start : nxt if nxt >= 0 else len(text)].strip()
        items.append(Item(label, body))
        if nxt < 0:
            break
        label, pos = nxt_label, nxt
    if len(items) < 2 and not lead.endswith(":"):
        return text.strip(), []
    return lead, items


def split_bullets(text: str) -> list[str]:
    """Split "- A - B - C" (a bullet list flattened onto one line) into its items."""
    m = _LEAD.match(text)
    if not (m and m.group("bullet")):
        return [text]
    bullet = re.escape(m.group("bullet")[0])
    parts = re.split(rf"(?:^|\s){bullet}+(?=\s)", text)
    return [p.strip() for p in parts if p.strip() and p.strip(BULLETS + " ")]


def lines_to_items(lines: list[str]) -> list[Item]:
    """Lines of a tugas/fungsi list -> items; an unlabelled line continues the item before it."""
    items: list[Item] = []
    for line in lines:
        label, rest, marker = split_label(line)
        if not rest:
            continue
        if marker or not items or (rest[:1].isupper() and items[-1].text.rstrip().endswith((";", "."))):
            items.append(Item(label, rest))
        else:
            prev = items[-1]
            items[-1] = Item(prev.label, f"{prev.text} {rest}")
    return items
