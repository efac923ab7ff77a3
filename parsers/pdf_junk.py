"""Non-content lines of a PDF: page numbers, running headers/footers and the letterhead (kop surat)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from parsers.pdf_text import BBox, VLine
from vocabulary import load
from vocabulary.schemas import PdfJunk

_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class JunkRules:
    """The compiled vocabulary of parsers/data/pdf_junk.yaml."""

    margin_share: float
    page_number: tuple[re.Pattern[str], ...]
    footer: tuple[re.Pattern[str], ...]
    address: tuple[re.Pattern[str], ...]
    contact: tuple[re.Pattern[str], ...]
    letterhead_zone: float
    letterhead_rule_share: float


def _compile(items: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    """Compile a list of case-insensitive patterns."""
    return tuple(re.compile(p, re.IGNORECASE) for p in items)


@lru_cache(maxsize=1)
def junk_rules() -> JunkRules:
    """Load and compile the junk vocabulary once."""
    data = load(PdfJunk)
    return JunkRules(
        margin_share=data.margin_share,
        page_number=_compile(data.page_number),
        footer=_compile(data.footer),
        address=_compile(data.address),
        contact=_compile(data.contact),
        letterhead_zone=data.letterhead_zone,
        letterhead_rule_share=data.letterhead_rule_share,
    )


def is_page_number(text: str) -> bool:
    """True for a line that is only a page number or page label ("3", "- 3 -", "Halaman 3", "3 / 10")."""
    t = text.strip()
    return any(p.fullmatch(t) for p in junk_rules().page_number)


def in_margin(line: VLine, height: float) -> bool:
    """True when the line lies in the top or bottom margin band of the page."""
    band = junk_rules().margin_share * height
    return line.mid <= band or line.mid >= height - band


def _key(text: str) -> str:
    """Text with digits masked, to spot running headers that carry a page number."""
    return _DIGITS.sub("#", " ".join(text.lower().split()))


def running_keys(pages: list[tuple[list[VLine], float]]) -> set[str]:
    """Margin texts repeated on at least 3 pages and half of all pages: running headers/footers."""
    seen: Counter[str] = Counter()
    for lines, height in pages:
        seen.update({_key(ln.text) for ln in lines if in_margin(ln, height)})
    need = max(3, (len(pages) + 1) // 2)
    return {k for k, n in seen.items() if n >= need}


def is_margin_junk(line: VLine, height: float, running: set[str]) -> bool:
    """True for a page number, footer or running header/footer line in the page margins."""
    if not in_margin(line, height):
        return False
    rules = junk_rules()
    text = line.text.strip()
    return (
        is_page_number(text)
        or any(p.search(text) for p in rules.footer)
        or (_key(text) in running and not _DIGITS.sub("", text).isupper())
    )


def _matches(text: str, patterns: tuple[re.Pattern[str], ...]) -> bool:
    """True when any pattern is found in the text."""
    return any(p.search(text) for p in patterns)


def letterhead_lines(lines: list[VLine], rules: list[BBox], width: float, height: float) -> set[int]:
    """Indexes of page-1 lines that form the letterhead (kop surat)."""
    jr = junk_rules()
    zone = jr.letterhead_zone * height
    long_rules = sorted(
        (r for r in rules if r[3] <= zone and r[2] - r[0] >= jr.letterhead_rule_share * width),
        key=lambda r: r[1],
    )
    if long_rules:
        cut = long_rules[0][3]
        for r in long_rules[1:]:  # a double rule closes the kop at its lower line
            if r[1] - cut <= 6:
                cut = r[3]
        above = [i for i, ln in enumerate(lines) if ln.bottom <= cut + 1]
        if any(_matches(lines[i].text, jr.contact + jr.address) for i in above):
            return set(above)
    in_zone = [i for i, ln in enumerate(lines) if ln.bottom <= zone]
    contact = {i for i in in_zone if _matches(lines[i].text, jr.contact)}
    if not contact:
        return set()
    return contact | {i for i in in_zone if _matches(lines[i].text, jr.address)}
