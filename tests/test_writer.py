"""The writer is strict: a row's keys must be exactly its table's declared columns."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.schema import TABLES
from pipeline.writer import SchemaMismatch, table_from_rows, write_tables
from tests.conftest import read_table

ISSUE = {
    "doc_id": "0123456789abcdef",
    "source_file": "a.txt",
    "code": "indicator-without-formula",
    "message": "no formula for 'x'",
    "page": 1,
    "field": "formula",
    "stage": "normalize",
}


def test_a_column_not_in_the_schema_is_an_error() -> None:
    with pytest.raises(
        SchemaMismatch, match=r"issues row 0: columns not in the schema \['severity'\], missing \[\]"
    ):
        table_from_rows("issues", [{**ISSUE, "severity": "issue"}])


def test_a_renamed_column_is_an_error_not_an_all_null_column() -> None:
    renamed = {k: v for k, v in ISSUE.items() if k != "field"} | {"fld": "formula"}
    with pytest.raises(SchemaMismatch, match=r"columns not in the schema \['fld'\], missing \['field'\]"):
        table_from_rows("issues", [ISSUE, renamed])


def test_exact_rows_are_written_with_the_declared_schema(tmp_path: Path) -> None:
    write_tables({"issues": [ISSUE]}, tmp_path)
    assert pq.read_schema(tmp_path / "issues.parquet").names == TABLES["issues"].names
    assert read_table(tmp_path, "issues") == [ISSUE]
    assert all((tmp_path / f"{name}.parquet").is_file() for name in TABLES)  # empty ones too


def test_a_failed_write_leaves_no_table_behind(tmp_path: Path) -> None:
    with pytest.raises(SchemaMismatch):
        write_tables({"issues": [ISSUE], "rejects": [{"source_file": "a.txt"}]}, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_seeds_keep_page_and_table_diagnostics(seeds_out: Path) -> None:
    docs = read_table(seeds_out, "documents")
    pages, tables = read_table(seeds_out, "pages"), read_table(seeds_out, "table_reports")
    assert len(pages) == sum(d["n_pages"] for d in docs) and {p["read_by"] for p in pages} == {"text"}
    assert tables and {t["engine"] for t in tables} == {"text"} and all(t["n_rows"] > 0 for t in tables)
    assert sum(p["n_tables"] for p in pages) == len(tables)
    assert all(d["parse_seconds"] >= 0 and d["convert_seconds"] >= d["structure_seconds"] for d in docs)
