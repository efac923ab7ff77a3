"""A list in a pipe-table cell that a converter cut at the row lines beside it.

pymupdf4llm cuts a table into rows at y positions; a cell listing items ("antara lain :" / "a. ..."
/ "b. ...") taller than the cells beside it goes on in rows of their own whose other cells are
empty ("||b. Uang Persediaan (UP);<br>c. Nihil;|||"). Such a row is the rest of the row above
when its item is the next one of the list there.
"""

from __future__ import annotations

import re
from dataclasses import replace

from parsers.model import Cell, paragraph_text, paragraphs_text


def _lines(cell: Cell) -> list[str]:
    return [t for t in (paragraph_text(p).strip() for p in cell.paragraphs) if t]


def _appended(above: Cell, cell: Cell) -> Cell:
    paragraphs = (*above.paragraphs, *cell.paragraphs)
    return replace(
        above, text=paragraphs_text(paragraphs), paragraphs=paragraphs, raw=f"{above.raw}\n{cell.raw}"
    )


_ITEM_LABEL = re.compile(r"^\(?(\d{1,2}|[a-zA-Z])[.)]\s|^([-•●▪❖*])\s")


def _item_label(line: str) -> str | None:
    """The label of a list item line ("b." -> "b", "3)" -> "3", "- x" -> "-"), else None."""
    m = _ITEM_LABEL.match(line)
    return None if m is None else (m.group(1) or m.group(2))


def _next_label(label: str) -> str:
    if label.isdigit():
        return str(int(label) + 1)
    return chr(ord(label) + 1) if label.isalpha() else label


def _goes_on_list(above: Cell, cell: Cell) -> bool:
    """`cell` opens with the list item that comes after the last one of `above` ("b." after
    "a. ..."), or with a first item after a line announcing a list ("antara lain :")."""
    top, low = _lines(above), _lines(cell)
    label = _item_label(low[0]) if low else None
    if not top or label is None:
        return False
    if top[-1].rstrip().endswith(":"):
        return label in {"a", "A", "1", "-", "•", "●", "▪", "❖", "*"}
    last = next((x for x in (_item_label(t) for t in reversed(top)) if x is not None), None)
    return last is not None and _next_label(last) == label


def join_list_rows(rows: list[list[Cell]], first_body: int) -> tuple[list[list[Cell]], list[int]]:
    """A body row whose one filled cell goes on with the list of the cell above ("b. Uang
    Persediaan (UP);" under "... antara lain :<br>a. Ganti Uang (GU);"): a converter cut the cell
    at a row line. It is joined to the row above."""
    out: list[list[Cell]] = []
    kept: list[int] = []
    for i, row in enumerate(rows):
        filled = [c for c, cell in enumerate(row) if cell.text]
        if i > first_body and out and len(kept) > first_body and len(filled) == 1:
            c = filled[0]
            # the row above must be a row of the table, not a label framed alone ("2. Tugas :")
            wide = sum(1 for x in out[-1] if x.text) > 1
            if wide and c < len(out[-1]) and _goes_on_list(out[-1][c], row[c]):
                out[-1][c] = _appended(out[-1][c], row[c])
                continue
        out.append(list(row))
        kept.append(i)
    return out, kept
