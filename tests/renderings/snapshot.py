"""The blocks of a rendering case as JSON-ready data: the parser kind and, per page, lines and tables."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from parsers.base import parser_for, sniff_text_parser
from parsers.model import Cell, Table
from parsers.text import decode_file


def _cell(cell: Cell) -> Any:
    """A cell as its paragraphs; a merged (spanned) cell as {"merged": true}."""
    if cell.merged:
        return {"merged": True}
    return [p if isinstance(p, str) else {"fraction": [p.numerator, p.denominator]} for p in cell.paragraphs]


def case_blocks(path: Path) -> dict[str, Any]:
    """What the parser chosen for `path` reads from it."""
    doc = parser_for(path).parse(path)
    pages = []
    for page in doc.pages:
        blocks: list[Any] = []
        for block in page.blocks:
            if isinstance(block, Table):
                blocks.append(
                    {"engine": block.engine, "rows": [[_cell(c) for c in r.cells] for r in block.rows]}
                )
            else:
                blocks.append(block.text)
        pages.append(blocks)
    return {"kind": sniff_text_parser(decode_file(path)[0]).kind, "pages": pages}
