"""One-row tables written column by column, several to a page, each put back where that is sure.

A document of one small table per unit (a jabatan's profile, then its table of one indicator,
then the next unit) comes out of markitdown (pdfminer underneath) as blocks that each open with
the No header cell and go on with the other header cells and the row's cells in reading order:
"No." / "Sasaran Strategis" + its cell / "Indikator Kinerja Utama" / "Penjelasan / Formulasi" /
the indikator cell / the formula cell / "Sumber Data" / its cell. Which cell is whose is then
told by count alone: a block naming at least `column_dump.min_columns` core columns
(parsers/data/renderings.yaml) is one row when the paragraphs between its header cells (the No
column's own number left out) are exactly one per column before the last, and the last column
has a paragraph of its own; the cells then stand in the columns' order. A block holding more or
fewer paragraphs (several rows, a cell broken by a blank line, an empty cell) is left as text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from parsers.column_dump import label_lines
from parsers.model import Line
from structure.columns import CORE
from vocabulary import load
from vocabulary.schemas import Renderings


def _min_columns() -> int:
    return load(Renderings).column_dump.min_columns


ROW_NUMBER = re.compile(r"^\d{1,2}\.?$")  # the No column's cell: "1" or "1."

Paragraph = list[Line]


@dataclass(frozen=True)
class OneRowBlock:
    """A one-row table: its header texts and cell texts, and the lines it was read from."""

    first: int  # index of its first line (the No header cell)
    stop: int  # index after its last line
    heads: tuple[str, ...]
    cells: tuple[str, ...]


def paragraphs(lines: Sequence[Line]) -> list[Paragraph]:
    """Lines cut where the source left a blank line between them (a gap in their line numbers)."""
    found: list[Paragraph] = []
    for line in lines:
        if found and line.prov.line == found[-1][-1].prov.line + 1:
            found[-1].append(line)
        else:
            found.append([line])
    return found


def label_span(lines: Sequence[Line], i: int, text: str) -> int:
    """How many lines from lines[i] the label `text` was printed on."""
    used, joined = 0, ""
    while i + used < len(lines) and joined != text:
        joined = f"{joined} {lines[i + used].text.strip()}".strip()
        used += 1
    return used


def paragraph_words(paragraph: Paragraph) -> str:
    """A paragraph's lines joined by one space."""
    return " ".join(ln.text.strip() for ln in paragraph)


def label_cells(lines: Sequence[Line], labels: list[tuple[int, str, str]], end: int) -> list[list[Paragraph]]:
    """The paragraphs after each header label (`label_lines`' (index, column, text)), up to the next
    label or line `end`: a column's cells, as a page written by column gives them."""
    spans: list[list[Paragraph]] = []
    for k, (i, _column, text) in enumerate(labels):
        last = labels[k + 1][0] if k + 1 < len(labels) else end
        spans.append(paragraphs(lines[i + label_span(lines, i, text) : last]))
    return spans


def _block(lines: Sequence[Line], labels: list[tuple[int, str, str]], end: int) -> OneRowBlock | None:
    """The one-row table of the labels from a No header cell up to line `end`, or None."""
    columns = [column for _i, column, _t in labels]
    core = set(columns) & set(CORE)
    # as many core columns as a page reported by column needs: a Perjanjian Kinerja's No /
    # Sasaran / Indikator / Target block is not a lampiran's row
    if len(set(columns)) != len(columns) or "indikator" not in core or len(core) < _min_columns():
        return None
    spans = label_cells(lines, labels, end)
    number = spans[0]
    if len(number) > 1 or (number and not ROW_NUMBER.match(paragraph_words(number[0]))):
        return None
    inner = [p for span in spans[1:-1] for p in span]
    if len(inner) != len(columns) - 2 or not spans[-1]:
        return None
    tail = spans[-1][1:]
    stop = lines.index(tail[0][0]) if tail else end
    cells = [paragraph_words(number[0]) if number else "", *(paragraph_words(p) for p in inner)]
    cells.append(paragraph_words(spans[-1][0]))
    return OneRowBlock(labels[0][0], stop, tuple(t for _i, _c, t in labels), tuple(cells))


def one_row_blocks(lines: Sequence[Line]) -> list[OneRowBlock]:
    """Every block of `lines` that opens with a No header cell and holds a one-row table."""
    labels = label_lines([ln.text for ln in lines])
    opens = [k for k, (_i, column, _t) in enumerate(labels) if column == "no"]
    found: list[OneRowBlock] = []
    for n, k in enumerate(opens):
        upto = opens[n + 1] if n + 1 < len(opens) else len(labels)
        end = labels[upto][0] if upto < len(labels) else len(lines)
        block = _block(lines, labels[k:upto], end)
        if block is not None:
            found.append(block)
    return found
