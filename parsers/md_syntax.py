"""Markdown table syntax the markdown readers share: a framed row, its cells, a line break inside a
cell and a separator row."""

from __future__ import annotations

import re

BR = re.compile(r"<\s*br\s*/?\s*>", re.I)  # <br>, <br/>, < br / >: a line break inside a pipe cell
SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")  # | --- | :---: |
# ... and as run-together renderings write it, dashes with stray colons, bars and spaces among them
LOOSE_SEPARATOR = re.compile(r"^\s*\|?[\s:|-]*-{3,}[\s:|-]*$")


def is_framed(line: str) -> bool:
    """A line that starts and ends with a pipe: a pipe-table row (or separator) even with no header."""
    s = line.strip()
    return len(s) >= 2 and s.startswith("|") and s.endswith("|")


def pipe_cells(line: str) -> list[str]:
    """The cells of a framed row as written (not stripped): split at the pipes no backslash escapes."""
    return re.split(r"(?<!\\)\|", line.strip())[1:-1]
