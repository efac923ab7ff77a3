"""Structure heuristics, one case folder each: tests/structure/<what-it-tests>/input.* + expected.json.

`input.txt` is a text rendering (read with the text parser: tab-separated table rows, a form feed
starts a page). `input.json` is a compact intermediate document, for what only a PDF can print
(merged cells, ruled rows cut by a page break, repeated header rows):

    {"pages": [{"blocks": [
        {"line": "Jabatan : Camat"},
        {"table": {"engine": "pdfplumber", "rows": [["NO", "INDIKATOR"], ["1", {"paragraphs": ["a", "b"]}],
                                                   ["", {"text": "", "merged": true}]]}}]}]}

A cell is a string (its lines split on "\\n" are the cell's paragraphs) or an object with `text`,
`paragraphs` and `merged`. `engine` defaults to "text" (a table whose rows are visual lines);
`columns_left_out` marks a converter's table that may leave out a column empty on its page
(pymupdf4llm's pipe tables).

`expected.json` holds what a person reading the input extracts, STRUCTURE only (no formula parts,
measures or canonical names; `formula` is the plain text of the indicator's formula paragraphs,
`catatan` the "Catatan :" note of its sumber data cell): any of `header`, `institution`,
`positions`, `iku` and `issues` (the codes of the problems structure reports); each section
present is compared in full, absent ones are not looked at. A case whose current output is wrong
carries `"xfail": "<why>"` and is a strict xfail until the rule is fixed.
Expected files are written by hand, deliberately: there is no command that regenerates them.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest

from parsers.markup import collapse
from parsers.model import Block, Cell, Line, Page, Provenance, RawDocument, Row, Table, paragraphs_text
from parsers.text import text_to_document
from structure.extract import extract
from structure.model import Extracted, Indicator, Item

CASES = Path(__file__).parent / "structure"
_SECTIONS = ("header", "institution", "positions", "iku", "issues")


def _cell(spec: str | dict[str, Any]) -> Cell:
    """A cell of input.json: a string (its lines are the paragraphs) or {text, paragraphs, merged}."""
    if isinstance(spec, str):
        spec = {"paragraphs": spec.split("\n")} if spec else {"text": ""}
    paragraphs = tuple(spec.get("paragraphs", [spec["text"]] if spec.get("text") else []))
    text = spec.get("text", collapse(" ".join(paragraphs)))
    return Cell(text=text, paragraphs=paragraphs, raw="\n".join(paragraphs), merged=bool(spec.get("merged")))


def _block(spec: dict[str, Any], source: str, page: int, line: int) -> Block:
    prov = Provenance(source, page, line)
    if "line" in spec:
        return Line(spec["line"], prov, spec["line"])
    table = spec["table"]
    rows = [
        Row(tuple(_cell(c) for c in cells), Provenance(source, page, line + i))
        for i, cells in enumerate(table["rows"])
    ]
    return Table(
        rows=rows,
        prov=prov,
        engine=table.get("engine", "text"),
        columns_left_out=bool(table.get("columns_left_out")),
    )


def json_to_document(data: dict[str, Any], source: str) -> RawDocument:
    """The compact JSON form of an intermediate document -> RawDocument."""
    pages = [
        Page(n, [_block(b, source, n, i + 1) for i, b in enumerate(page["blocks"])])
        for n, page in enumerate(data["pages"], 1)
    ]
    return RawDocument(source, "0" * 64, "json", pages)


def read_case(folder: Path) -> RawDocument:
    """The intermediate document of a case folder, from input.txt or input.json."""
    if (folder / "input.txt").exists():
        return text_to_document((folder / "input.txt").read_text(encoding="utf-8"), "input.txt", "0" * 64)
    return json_to_document(json.loads((folder / "input.json").read_text(encoding="utf-8")), "input.json")


def _items(items: list[Item]) -> list[dict[str, Any]]:
    return [{"label": i.label, "text": i.text} for i in items]


def _indicator(ind: Indicator) -> dict[str, Any]:
    keep = ("sasaran", "indikator", "sumber_data", "penanggung_jawab", "sub_items", "catatan")
    out: dict[str, Any] = {k: getattr(ind, k) for k in keep}
    out["formula"] = (
        paragraphs_text(ind.formula_paragraphs) or None
    )  # as printed; its parts are normalising's
    out["context"] = {"misi": ind.context_misi, "tujuan": ind.context_tujuan}
    out["page"] = ind.page
    return out


def structure_view(ex: Extracted) -> dict[str, Any]:
    """The structure output of one document in the shape of expected.json."""
    return {
        "header": asdict(ex.header),
        "institution": {
            "instansi": ex.institution.instansi,
            "duties": {k: _items(v) for k, v in ex.institution.duties.items()},
        },
        "positions": [
            {
                "jabatan": p.jabatan,
                "tugas": _items(p.tugas),
                "fungsi": _items(p.fungsi),
                "indicators": [_indicator(i) for i in p.indicators],
            }
            for p in ex.positions
        ],
        "iku": [_indicator(i) for i in ex.iku],
        "issues": sorted(p.code for p in ex.problems),
    }


def _case_params() -> list[Any]:
    params = []
    for folder in sorted(p for p in CASES.iterdir() if p.is_dir()):
        path = folder / "expected.json"
        expected = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
        marks = [pytest.mark.xfail(strict=True, reason=expected["xfail"])] if "xfail" in expected else []
        params.append(pytest.param(folder, id=folder.name, marks=marks))
    return params


def test_there_are_enough_cases() -> None:
    folders = [p for p in CASES.iterdir() if p.is_dir()]
    assert len(folders) >= 25
    for folder in folders:
        assert (folder / "expected.json").is_file(), folder.name
        assert len(list(folder.glob("input.*"))) == 1, folder.name
        sections = set(json.loads((folder / "expected.json").read_text(encoding="utf-8"))) - {"xfail", "why"}
        assert sections and sections <= set(_SECTIONS), folder.name


@pytest.mark.parametrize("folder", _case_params())
def test_case(folder: Path) -> None:
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    got = structure_view(extract(read_case(folder)))
    for section in _SECTIONS:
        if section in expected:
            assert got[section] == expected[section], section
