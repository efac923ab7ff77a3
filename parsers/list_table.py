"""An indicator table of one column: a line that only names the indikator column, then a list of
indicator names, one a line (a one-column table a text rendering printed as plain lines):

    INDIKATOR
    Indeks Kinerja Wilayah (IKW)
    Indeks Kepuasan Masyarakat (IKM) Kecamatan

Read only where every line under the header reads as an indicator name (settings in
parsers/data/renderings.yaml `list_table`): a tugas / fungsi list (items ending ";"), a title
(all capitals), a lead-in sentence (":") or the wrapped lines of one cell of a table written
column by column (a line starting in lower case, a bracket left open) is not one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from parsers.model import Cell
from parsers.text import PAGE_BREAK, TableRead
from parsers.vocab import fold_header, header_column, header_words
from vocabulary import load
from vocabulary.schemas import ListTable, Renderings

ENGINE = "list"


def _conf() -> ListTable:
    return load(Renderings).list_table


@lru_cache(maxsize=1)
def _marker() -> re.Pattern[str]:
    return re.compile(_conf().item_marker)


def _plain(line: str) -> str:
    """A line without markdown heading and emphasis marks."""
    return line.strip().lstrip("#").strip().strip("*_").strip()


def _one_cell(text: str) -> bool:
    return not any(mark in text for mark in _conf().refused_marks)


def names_only_indikator(line: str) -> bool:
    """A header line of one cell naming the indikator column, made of header words only."""
    words = fold_header(_plain(line)).split()
    return (
        _one_cell(_plain(line))
        and bool(words)
        and "indikator" in words
        and header_column(_plain(line)) == "indikator"
        and all(w in header_words() for w in words)
    )


def list_item(line: str) -> str | None:
    """The indicator name a list line holds (its number or bullet taken off), or None."""
    text = line.strip()
    if not text or text == PAGE_BREAK or text.startswith("#") or not _one_cell(text):
        return None
    conf = _conf()
    name = _marker().sub("", text, count=1).strip()
    words = name.split()
    if not conf.min_item_words <= len(words) <= conf.max_item_words:
        return None
    if name.endswith(tuple(conf.refused_ends)) or name.upper() == name:
        return None
    if not name[0].isupper() or name.count("(") != name.count(")"):
        return None  # a wrapped cell's next line (a table written column by column), not a name
    if all(w in header_words() for w in fold_header(name).split()):
        return None
    return name


def read_list_table(lines: Sequence[str], start: int) -> TableRead | None:
    """A one-column indicator table starting at its header line lines[start]."""
    if not names_only_indikator(lines[start]):
        return None
    first = start + 1
    if first < len(lines) and not lines[first].strip():  # one blank line under the header
        first += 1
    end = first
    while end < len(lines) and lines[end].strip() and lines[end] != PAGE_BREAK:
        end += 1
    items = [list_item(line) for line in lines[first:end]]
    if len(items) < _conf().min_items or any(item is None for item in items):
        return None
    rows = [[Cell(_plain(lines[start]))], *[[Cell(item)] for item in items if item is not None]]
    offsets = (0, *range(first - start, end - start))
    return TableRead(rows, end, ENGINE, _conf().quality, row_lines=offsets)
