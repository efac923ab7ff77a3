"""Run-together text (markitdown, pymupdf4llm paragraphs): lines that hold several printed lines.

Converters that join a paragraph's lines put a label and the next label on one line
("1. Jabatan : X 2. Tugas : a) ...", "LAMPIRAN ... NOMOR : 188.4/.. TENTANG") or put a label's
value on the line below it ("1. Jabatan" / "- : X"). These rules split a line only where a new
label or list item starts without doubt, and join a value that starts with its colon to its label;
table rows (pipes, tabs) are left alone. The patterns are data: parsers/data/renderings.yaml.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from parsers.vocab import renderings


@lru_cache(maxsize=1)
def _rules() -> tuple[tuple[re.Pattern[str], ...], re.Pattern[str]]:
    conf = renderings()["run_together"]
    splits = tuple(re.compile(p) for p in conf["split_before"])
    return splits, re.compile(conf["value_line"])


def _is_table_line(line: str) -> bool:
    return "\t" in line or line.lstrip().startswith("|")


def split_run_together(line: str) -> list[str]:
    """One line cut before every label or list item that starts inside it."""
    if _is_table_line(line):
        return [line]
    splits, _ = _rules()
    cuts = sorted({m.start() for p in splits for m in p.finditer(line) if m.start() > 0})
    if not cuts:
        return [line]
    bounds = [0, *cuts, len(line)]
    parts = [line[a:b].strip() for a, b in itertools.pairwise(bounds)]
    return [p for p in parts if p]


def unrun_lines(lines: list[str]) -> list[str]:
    """A page's lines with run-together labels split and colon-led values joined to their label."""
    _, value_line = _rules()
    out: list[str] = []
    for line in lines:
        filled = [i for i, ln in enumerate(out) if ln.strip()]
        if filled and not _is_table_line(out[filled[-1]]) and value_line.match(line):
            # markdown puts a blank line between a label and its value: keep the line count
            label = out[filled[-1]]
            out[filled[-1]] = ""
            line = label.rstrip() + " : " + value_line.sub("", line, count=1)
        out.extend(split_run_together(line))
    return out
