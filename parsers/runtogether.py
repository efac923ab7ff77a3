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

from parsers.bullet_column import bullets_to_items
from parsers.field_labels import label_cuts, label_tables_to_lines, labels_only
from parsers.md_syntax import BR, LOOSE_SEPARATOR, pipe_cells
from parsers.vocab import renderings
from vocabulary import load
from vocabulary.schemas import Labels


@lru_cache(maxsize=1)
def _rules() -> tuple[tuple[re.Pattern[str], ...], re.Pattern[str]]:
    conf = renderings()["run_together"]
    splits = tuple(re.compile(p) for p in conf["split_before"])
    return (*splits, _rank_after_name()), re.compile(conf["value_line"])


def _rank_after_name() -> re.Pattern[str]:
    """A signer's rank (pangkat, from the labels vocabulary) run onto the name before it, at the
    line's end or before the NIP: "ABAI SALEH, S.Sos., MM Pembina Tingkat I NIP. 1969..."."""
    ranks = sorted(load(Labels).pangkat, key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(_rank_word(w) for w in rank.split()) for rank in ranks)
    return re.compile(rf"(?<=\S)\s+(?=(?:{alternatives})\b\.?\s*(?:/\s*\S+\s*)?(?:[*_]*\s*$|NIP\b))", re.I)


def _rank_word(word: str) -> str:
    """A rank word as printed: "tingkat" is often "Tk." ."""
    return r"(?:tingkat|tk\.?)" if word.lower() == "tingkat" else re.escape(word)


def _is_table_line(line: str) -> bool:
    return "\t" in line or line.lstrip().startswith("|")


_ITEM = re.compile(r"(?:(?<=\s)|^)\(?(\d{1,2}|[a-z])[.)]\s+(?=\S)")


def _successor(label: str) -> str:
    return str(int(label) + 1) if label.isdigit() else chr(ord(label) + 1)


def list_item_cuts(line: str) -> list[int]:
    """Where the items of a list run together on one line start ("1. A 2. B 3. C"): only the
    labels that follow each other in sequence count, so "No. 41" or a lone "5." is no item."""
    found = [(m.start(), m.group(1)) for m in _ITEM.finditer(line)]
    best: list[int] = []
    for k, (_, first) in enumerate(found):
        chain, expected = [], _successor(first)
        for pos, label in found[k + 1 :]:
            if label == expected:
                chain.append(pos)
                expected = _successor(label)
        if len(chain) > len(best):
            best = chain
    return best


def split_run_together(line: str) -> list[str]:
    """One line cut before every label or list item that starts inside it."""
    if _is_table_line(line):
        return [line]
    splits, _ = _rules()
    cuts = sorted(
        {m.start() for p in splits for m in p.finditer(line) if m.start() > 0}
        | set(list_item_cuts(line))
        | set(label_cuts(line))
    )
    if not cuts:
        return [line]
    bounds = [0, *cuts, len(line)]
    parts = [line[a:b].strip() for a, b in itertools.pairwise(bounds)]
    return [p for p in parts if p]


def break_lines(lines: list[str]) -> list[str]:
    """Text lines cut at their `<br>` (a converter's line break outside a table: a picture's
    text, a signature block)."""
    out: list[str] = []
    for line in lines:
        out += [line] if _is_table_line(line) else BR.split(line)
    return out


_LABEL_ROW = re.compile(r"^\s*\|([^|]+)\|\s*(:[^|]*)\|[\s|]*$")
_LABEL_COLON_ROW = re.compile(r"^\s*\|([^|]+)\|\s*:\s*\|([^|]*[^|\s][^|]*)\|[\s|]*$")


def label_rows_to_lines(lines: list[str]) -> list[str]:
    """`| 1. Jabatan | : X |  |  |` or `| Nama | : | X |  |` (a label and its value that a
    converter framed as a table row, with an empty `|---|` under it) -> `1. Jabatan : X`; line
    count kept. A label wrapped in its cell ("Nama" / "Organisasi" on the line under the row)
    is joined when the two words make a field label."""
    out = list(lines)
    for i, line in enumerate(lines):
        m = _LABEL_ROW.match(line) or _LABEL_COLON_ROW.match(line)
        if not m:
            continue
        label, value = m.group(1).strip(), m.group(2).strip()
        value = value if value.startswith(":") else f": {value}"
        out[i] = f"{label} {value}"
        if i + 1 < len(lines) and LOOSE_SEPARATOR.match(lines[i + 1]):
            nxt = lines[i + 2] if i + 2 < len(lines) else ""
            if not nxt.lstrip().startswith("|"):
                out[i + 1] = ""
            wrapped = f"{label} {nxt.strip()}"
            if nxt.strip() and labels_only(label) is None and labels_only(wrapped) == [wrapped]:
                out[i], out[i + 2] = f"{wrapped} {value}", ""
    return out


def _pipe_cells(line: str) -> list[str]:
    return [c.strip() for c in pipe_cells(line)]


def profile_rows_to_lines(lines: list[str]) -> list[str]:
    """`|1.<br>Jabatan<br>2.<br>Tugas|: X<br>: a) ...|...|` (profile labels and their colon-led values
    that a converter wrote as a row of the table above) -> "1. Jabatan : X", "2. Tugas : a) ...";
    the other cells' text (a value cut at the converter's column lines) kept as lines after them."""
    _, value_line = _rules()
    bare_label = re.compile(renderings()["run_together"]["bare_label"])
    out: list[str] = []
    for line in lines:
        cells = _pipe_cells(line) if line.lstrip().startswith("|") else []
        if len(cells) < 2:
            out.append(line)
            continue
        labels = split_run_together(" ".join(BR.split(cells[0])))
        values = [v.strip() for v in BR.split(cells[1]) if v.strip()]
        starts = [k for k, v in enumerate(values) if value_line.match(v)]
        # several labels in one cell (one label framed as a row is label_rows_to_lines's)
        if not (len(labels) > 1 and all(bare_label.match(lb) for lb in labels) and starts[:1] == [0]):
            out.append(line)
            continue
        if len(starts) != len(labels):
            out.append(line)
            continue
        for label, a, b in zip(labels, starts, [*starts[1:], len(values)], strict=True):
            out.append(f"{label} : {value_line.sub('', values[a], count=1)}")
            out += values[a + 1 : b]
        out += [v for cell in cells[2:] for v in BR.split(cell) if v.strip()]
    return out


_LIST_NUMBER = re.compile(r"^\d{1,2}\.$")


def numbers_into_labels(lines: list[str]) -> list[str]:
    """`|1.<br>|Jabatan|: X|||` or `|2.<br><br>3.<br>|Tugas<br>Fungsi|: ...|` (a profile's list
    numbers and labels in cells of their own, framed as a row of the table above) -> the numbers
    put before their labels in one cell (`|1. Jabatan|: X|||`), the form the label and profile
    rows are read in; only when the second cell holds one bare label per number."""
    bare_label = re.compile(renderings()["run_together"]["bare_label"])
    out = list(lines)
    for i, line in enumerate(lines):
        cells = _pipe_cells(line) if line.lstrip().startswith("|") else []
        if len(cells) < 3 or not cells[2].lstrip().startswith(":"):
            continue
        numbers = [n.strip() for n in BR.split(cells[0]) if n.strip()]
        labels = [lb.strip() for lb in BR.split(cells[1]) if lb.strip()]
        if not numbers or len(numbers) != len(labels) or not all(_LIST_NUMBER.match(n) for n in numbers):
            continue
        joined = [f"{n} {lb}" for n, lb in zip(numbers, labels, strict=True)]
        if all(bare_label.match(j) for j in joined):
            out[i] = "|" + "|".join(["<br>".join(joined), *cells[2:]]) + "|"
    return out


def unrun_lines(lines: list[str]) -> list[str]:
    """A page's lines with run-together labels split and colon-led values joined to their label.

    Converters that lay labels out before their values ("1. Jabatan", "2. Tugas", then "- : X",
    "- : Y") are paired in order: the first value goes to the first label still waiting.
    """
    _, value_line = _rules()
    bare_label = re.compile(renderings()["run_together"]["bare_label"])
    lone_number = re.compile(renderings()["run_together"]["lone_number"])
    out: list[str] = []
    waiting: list[int] = []  # indices in `out` of labels still without a value
    wrap: int | None = None  # index in `out` of a value paired with a label above, wrapping on
    framed = profile_rows_to_lines(numbers_into_labels(break_lines(bullets_to_items(lines))))
    for line in label_tables_to_lines(label_rows_to_lines(framed)):
        if not line.strip():
            out.append(line)
            wrap = None
            continue
        if value_line.match(line) and not _is_table_line(line):
            filled = [i for i, ln in enumerate(out) if ln.strip()]
            target = waiting.pop(0) if waiting else (filled[-1] if filled else None)
            if target is not None and not _is_table_line(out[target]):
                label = out[target]
                value = value_line.sub("", line, count=1)
                # the value may itself run several items together ("- : 1. A 2. B 3. C")
                parts = split_run_together(label.rstrip() + " : " + value)
                if target == (filled[-1] if filled else None):
                    out[target] = ""  # markdown's blank line between a label and its value
                    out.extend(parts)
                    wrap = None
                else:
                    out[target : target + 1] = parts
                    waiting = [w + len(parts) - 1 if w > target else w for w in waiting]
                    out.append("")
                    wrap = target + len(parts) - 1
                continue
        labels = labels_only(line)
        if wrap is not None and not labels:  # the value's next line, in the same paragraph
            wrap += 1
            out.insert(wrap, line)
            waiting = [w + 1 if w >= wrap else w for w in waiting]
            continue
        wrap = None
        if labels:  # labels printed together before their values: each waits for its own
            waiting += range(len(out), len(out) + len(labels))
            out.extend(labels)
            continue
        if waiting and lone_number.match(line):
            out.append("")  # a waiting label's number printed apart from it
            continue
        parts = split_run_together(line)
        if all(bare_label.match(part) for part in parts):  # "1. Jabatan 2. Tugas": each waits
            waiting += range(len(out), len(out) + len(parts))
        elif not is_heading(line):  # a title pdfminer put between the labels and their values
            waiting = []
        out.extend(parts)
    return out


def is_heading(line: str) -> bool:
    """A title line: two or more words, every letter upper case, no colon ("INDIKATOR KINERJA UTAMA")."""
    text = line.strip()
    letters = [ch for ch in text if ch.isalpha()]
    return (
        len(text.split()) >= 2 and ":" not in text and bool(letters) and all(ch.isupper() for ch in letters)
    )
