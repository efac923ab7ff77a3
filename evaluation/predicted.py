"""Load the pipeline's Parquet output (documents, positions, duties, indicators) into the flat shape."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from evaluation.records import (
    DOCUMENT_FIELDS,
    INDICATOR_FIELDS,
    INSTITUTION_KINDS,
    POSITION_FIELDS,
    POSITION_KINDS,
    DocData,
    PositionData,
    Record,
    confidences_of,
    make_record,
)

Row = dict[str, Any]
_Key = tuple[str, str | None]


@dataclass
class OutputDoc:
    """One output document: its identity and its flat records."""

    doc_id: str
    source_file: str
    input_format: str
    data: DocData


def read_rows(out: Path, table: str) -> list[Row]:
    """All rows of OUT/<table>.parquet as dicts ([] when the file is absent)."""
    path = out / f"{table}.parquet"
    return pq.read_table(path).to_pylist() if path.exists() else []


def _by_seq(rows: list[Row]) -> list[Row]:
    """Rows ordered by their seq column (missing seq last)."""
    return sorted(rows, key=lambda r: (r.get("seq") is None, r.get("seq") or 0))


def _duty_texts(duties: dict[_Key, list[Row]], key: _Key, kind: str) -> list[str]:
    """Texts of the duties of one owner and kind, in seq order."""
    return [r["text"] for r in _by_seq([d for d in duties.get(key, []) if d.get("kind") == kind])]


def _indicator(row: Row) -> Record:
    """An indicator record from an indicators.parquet row, with its id and field confidences."""
    record = make_record("indicators", {name: row.get(name) for name in INDICATOR_FIELDS})
    record.key, record.confidence = row.get("indicator_id"), confidences_of("indicators", row)
    return record


def _positions(
    doc_id: str, positions: list[Row], duties: dict[_Key, list[Row]], indicators: dict[_Key, list[Row]]
) -> list[PositionData]:
    """Positions of a document with their duties and indicators; orphan position ids become bare positions."""
    rows = _by_seq(positions)
    known = {r["position_id"] for r in rows}
    orphans = sorted({pid for d, pid in (*duties, *indicators) if d == doc_id and pid and pid not in known})
    result = []
    for row in [*rows, *({"position_id": pid} for pid in orphans)]:
        key = (doc_id, row["position_id"])
        values: dict[str, object] = {name: row.get(name) for name in POSITION_FIELDS}
        values.update({kind: _duty_texts(duties, key, kind) for kind in POSITION_KINDS})
        items = [_indicator(r) for r in _by_seq(indicators.get(key, []))]
        result.append(PositionData(make_record("positions", values), items))
    return result


def _group(rows: list[Row]) -> dict[_Key, list[Row]]:
    """Rows grouped by (doc_id, position_id)."""
    groups: dict[_Key, list[Row]] = defaultdict(list)
    for row in rows:
        groups[(row["doc_id"], row.get("position_id"))].append(row)
    return groups


def load_output(out: Path) -> list[OutputDoc]:
    """Every document of an output folder with its records, in documents.parquet order."""
    tables = ("documents", "positions", "duties", "indicators")
    return docs_from_rows({name: read_rows(out, name) for name in tables})


def docs_from_rows(tables: dict[str, list[Row]]) -> list[OutputDoc]:
    """Every document of output rows (table -> rows) with its records, in documents order."""
    positions: dict[str, list[Row]] = defaultdict(list)
    for row in tables.get("positions", []):
        positions[row["doc_id"]].append(row)
    duties = _group(tables.get("duties", []))
    indicators = _group(tables.get("indicators", []))
    docs = []
    for row in tables.get("documents", []):
        doc_id = row["doc_id"]
        values: dict[str, object] = {name: row.get(name) for name in DOCUMENT_FIELDS}
        for kind in INSTITUTION_KINDS:
            values[f"duties.{kind}"] = _duty_texts(duties, (doc_id, None), kind)
        document = make_record("documents", values)
        document.key, document.confidence = doc_id, confidences_of("documents", row)
        data = DocData(
            document,
            [_indicator(r) for r in _by_seq(indicators.get((doc_id, None), []))],
            _positions(doc_id, positions[doc_id], duties, indicators),
        )
        docs.append(OutputDoc(doc_id, row["source_file"], row.get("input_format") or "unknown", data))
    return docs
