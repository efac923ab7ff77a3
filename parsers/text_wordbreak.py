"""Words a narrow column broke over two lines without a hyphen, joined again in text renderings.

A word processor that cannot fit a word on a narrow cell's line breaks the word itself
("penyelenggara" / "an pelayanan", "PENANGGUN" / "G JAWAB"). The PDF parser joins such words
from the geometry (parsers/pdf_wordbreak.py: the piece before the break ends at the cell's
right edge). pdftotext, pymupdf4llm and markitdown keep a cell's visual lines but not where
they end on the page, so here the words alone decide, by the PDF parser's own test
(`is_broken_word`): the piece after the break starts the next line in the same case, and only
the two pieces together make a known word, which one of them alone is not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from parsers.pdf_text import VisualLine
from parsers.pdf_wordbreak import is_broken_word

_EMPHASIS = re.compile(r"^(\s*[*_]*)(.*?)([*_]*\s*)$", re.S)  # markdown emphasis around a line


def _unwrapped(line: str) -> tuple[str, str, str]:
    """(emphasis before, text, emphasis after) of a line."""
    m = _EMPHASIS.match(line)
    return (m.group(1), m.group(2), m.group(3)) if m else ("", line, "")


def join_broken_lines(lines: Sequence[VisualLine]) -> list[VisualLine]:
    """A cell's visual lines with every word broken at a line end joined onto the line it starts on
    (a line left with nothing after the piece goes); a fraction bar (`BAR`) is never crossed. Lines
    set in the same emphasis ("**PENANGGUN**" / "**G JAWAB**") keep it around the joined word."""
    out: list[VisualLine] = []
    for line in lines:
        prev = out[-1] if out else None
        if isinstance(line, str) and isinstance(prev, str) and prev.strip() and line.strip():
            lead, body, trail = _unwrapped(prev)
            opens, text, closes = _unwrapped(line)
            head = body.rsplit(" ", 1)[-1]
            tail, _, rest = text.partition(" ")
            if trail.strip() == opens.strip() and is_broken_word(head, tail):
                out[-1] = f"{lead}{body}{tail}{trail}"
                if rest.strip():
                    out.append(f"{opens}{rest}{closes}")
                continue
        out.append(line)
    return out


def join_broken_texts(lines: Sequence[str]) -> list[str]:
    """`join_broken_lines` of plain text lines (no fraction bar among them)."""
    return [ln for ln in join_broken_lines(lines) if isinstance(ln, str)]
