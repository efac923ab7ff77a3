"""Property test: mutated intermediate documents never break extraction or normalisation.

The intermediate documents of the seeds and of the rendering cases (text, markdown, HTML, layout
text) are mutated the way real documents differ from ours: blocks dropped, duplicated and moved,
cells blanked, labels printed with and without spaces or colons. Whatever comes in, `extract` and
`normalize` return, and no block needed the `problems.guard` fallback (a `block-failed` / `field-failed`
issue here is a bug the guard hid).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from normalizers.document import normalize
from parsers.base import parser_for
from parsers.model import Block, Cell, Line, Page, RawDocument, Row, Table
from problems import Problem, guard, problem
from structure.extract import extract

ROOT = Path(__file__).resolve().parents[1]
INPUTS = sorted(ROOT.glob("data/raw/*.txt")) + sorted(ROOT.glob("tests/renderings/*/input.*"))
GUARD_CODES = {"block-failed", "field-failed"}


@cache
def _raw(path: Path) -> RawDocument:
    return parser_for(path).parse(path)


def _cell_text(cell: Cell, text: str) -> Cell:
    return replace(cell, text=text, paragraphs=(text,) if text else (), raw=text)


def _label_variant(text: str, how: int) -> str:
    """A label line spelled as another office prints it: no colon, no space, spaced colon, upper."""
    if how == 0:
        return text.replace(":", " ")
    if how == 1:
        return re.sub(r"(?<=[A-Za-z]) (?=[A-Za-z])", "", text, count=1)
    if how == 2:
        return text.replace(":", " : ").replace("  ", " ")
    return text.upper()


def _blank_cell(block: Block, pick: int) -> Block:
    if not isinstance(block, Table) or not block.rows:
        return block
    rows = list(block.rows)
    r = pick % len(rows)
    cells = list(rows[r].cells)
    if cells:
        cells[pick % len(cells)] = _cell_text(cells[pick % len(cells)], "")
    rows[r] = Row(tuple(cells), rows[r].prov)
    return Table(rows, block.prov, block.engine, block.quality)


def _mutate(blocks: list[Block], op: int, a: int, b: int) -> list[Block]:
    """One mutation of the document's block list (indices taken modulo its length)."""
    if not blocks:
        return blocks
    i, j = a % len(blocks), b % len(blocks)
    out = list(blocks)
    if op == 0:  # drop a block
        del out[i]
    elif op == 1:  # duplicate a block
        out.insert(j, out[i])
    elif op == 2:  # move a block
        out.insert(j, out.pop(i))
    elif op == 3:  # blank a cell
        out[i] = _blank_cell(out[i], b)
    elif op == 4 and isinstance(out[i], Line):  # respell a label
        line = out[i]
        assert isinstance(line, Line)
        text = _label_variant(line.text, b % 4)
        out[i] = Line(text, line.prov, text)
    elif op == 5 and isinstance(out[i], Table):  # drop a table row (a row lost at a page break)
        table = out[i]
        assert isinstance(table, Table)
        if table.rows:
            rows = [r for k, r in enumerate(table.rows) if k != b % len(table.rows)]
            out[i] = Table(rows, table.prov, table.engine, table.quality)
    return out


def _rebuild(raw: RawDocument, mutations: list[tuple[int, int, int]]) -> RawDocument:
    """The document with its blocks mutated; the blocks keep their pages, pages may empty."""
    placed = [(page.number, block) for page in raw.pages for block in page.blocks]
    blocks = [b for _, b in placed]
    for op, a, b in mutations:
        blocks = _mutate(blocks, op, a, b)
    pages: dict[int, Page] = {}
    for block in blocks:
        number = block.prov.page
        pages.setdefault(number, Page(number, read_by="text")).blocks.append(block)
    return replace(raw, pages=[pages[n] for n in sorted(pages)])


MUTATIONS = st.lists(
    st.tuples(st.integers(0, 5), st.integers(0, 10_000), st.integers(0, 10_000)), min_size=1, max_size=8
)


@pytest.mark.parametrize(
    "path", INPUTS, ids=lambda p: p.parent.name if p.name.startswith("input") else p.stem
)
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutations=MUTATIONS)
def test_mutated_documents_never_raise(path: Path, mutations: list[tuple[int, int, int]]) -> None:
    doc = _rebuild(_raw(path), mutations)
    normalized = normalize(extract(doc))
    hidden = [p for p in normalized.problems if p.code in GUARD_CODES]
    assert not hidden, [p.message for p in hidden]


def _broken() -> str:
    raise ValueError("a cell the reader did not expect")


def test_a_failing_block_becomes_an_issue_and_the_rest_comes_out() -> None:
    found: list[Problem] = []
    kept = guard.block("the IKU table", _broken, "", found, page=3)
    assert kept == ""
    (p,) = found
    assert (p.code, p.severity.value, p.page) == ("block-failed", "issue", 3)
    assert p.message == (
        "the IKU table could not be read (ValueError: a cell the reader did not expect); "
        "the rest of the document came out"
    )


def test_a_failing_value_is_kept_as_printed_with_an_issue() -> None:
    found: list[Problem] = []
    kept = guard.value("the jabatan 'Camat'", _broken, "Camat", found)
    assert kept == "Camat"
    assert [p.code for p in found] == ["field-failed"]
    assert found[0].message.startswith("the jabatan 'Camat' could not be normalised (ValueError: ")


def test_memory_errors_are_not_swallowed() -> None:
    def exhausted() -> None:
        raise MemoryError

    with pytest.raises(MemoryError):
        guard.block("the header", exhausted, None, [])


def test_guard_problems_are_catalogued_issues() -> None:
    for code in GUARD_CODES:
        assert problem(code, block="x", error="E: y").severity.value == "issue"
