"""A running footer cut into a table's columns: "|Meningkatnya<br>Lampira|Rata-rata nilai SKP<br>n
INDIKATOR KINERJA U|...|Sub Bagian<br>Halaman 2|".

A converter that draws a rule-less table's columns down the page takes the footer printed under
the table's last row on the page ("Lampiran INDIKATOR KINERJA UTAMA ... - Halaman 2") into that
row, a piece in each cell. The footer is known from the pages where it stands on a line of its own
(the same text, a page label at its end, twice or more): in a pipe row, the cell lines that put
together spell a stretch of it in three cells or more (or all of it), are taken out.
"""

from __future__ import annotations

import re
from collections import Counter

from parsers.md_syntax import BR, pipe_cells
from parsers.vocab import is_page_number

_MIN_CELLS = 3


def _is_label(span: str) -> bool:
    """A page label, a dash the footer put before it kept ("- Halaman 6"); a bare number may be a
    row's number: it is none."""
    text = span.strip().lstrip("-–— ").strip()
    return any(ch.isalpha() for ch in text) and is_page_number(text)


def _squeezed(text: str) -> str:
    return re.sub(r"[\s*_]+", "", text).lower()


def _without_page_label(line: str) -> str | None:
    """A footer line's text before its trailing page label ("... KABUPATEN - Halaman 1" -> "...
    KABUPATEN -"), or None when it ends in no page label."""
    words = line.split()
    for k in range(1, len(words)):  # the longest label first ("Halaman 1", not "1")
        if is_page_number(" ".join(words[k:])):
            return " ".join(words[:k])
    return None


def running_footers(lines: list[str]) -> list[str]:
    """The texts (squeezed) that stand before a page label on two lines or more, outside tables."""
    found = Counter(
        _squeezed(head)
        for line in lines
        if not line.lstrip().startswith("|") and (head := _without_page_label(line.strip())) is not None
    )
    return [text for text, n in found.items() if n >= 2 and len(text) >= 12]


def _footer_spans(cells: list[str], footer: str) -> set[tuple[int, int]]:
    """(cell, span) of the spans that spell a stretch of `footer` across the row, in cell order."""
    picked: list[tuple[int, int]] = []
    pieces: list[str] = []
    for c, cell in enumerate(cells):
        spans = BR.split(cell)
        for k in range(len(spans) - 1, -1, -1):  # the footer is printed under the row's text
            text = _squeezed(_without_page_label(spans[k].strip()) or spans[k])
            if text and not _is_label(spans[k]) and text in footer:
                picked.append((c, k))
                pieces.append(text)
                break
    joined = "".join(pieces)
    if joined not in footer or (len({c for c, _ in picked}) < _MIN_CELLS and joined != footer):
        return set()  # a short stretch in one or two cells may be a cell's own words
    return set(picked)


def footer_out_of_rows(lines: list[str]) -> list[str]:
    """A page's lines with the running footer's pieces taken out of pipe rows (a row left empty
    goes); the page labels beside them are left to the cells' own page-label rule."""
    footers = running_footers(lines)
    if not footers:
        return lines
    out: list[str] = []
    for line in lines:
        s = line.strip()
        if not (s.startswith("|") and s.endswith("|")):
            out.append(line)
            continue
        cells = pipe_cells(s)
        spans = next((found for f in footers if (found := _footer_spans(cells, f))), set())
        if not spans:
            out.append(line)
            continue
        kept = [
            "<br>".join(p for k, p in enumerate(BR.split(cell)) if (c, k) not in spans and not _is_label(p))
            for c, cell in enumerate(cells)
        ]
        if any(_squeezed(k) and not _is_label(k) for k in kept):
            out.append("|" + "|".join(kept) + "|")
    return out
