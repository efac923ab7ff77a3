"""Markdown table syntax the markdown readers share: a line break inside a cell and a separator row."""

from __future__ import annotations

import re

BR = re.compile(r"<\s*br\s*/?\s*>", re.I)  # <br>, <br/>, < br / >: a line break inside a pipe cell
SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")  # | --- | :---: |
# ... and as run-together renderings write it, dashes with stray colons, bars and spaces among them
LOOSE_SEPARATOR = re.compile(r"^\s*\|?[\s:|-]*-{3,}[\s:|-]*$")
