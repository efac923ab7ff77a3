"""The DuckDB warehouse: idempotent re-runs, changed documents, transactions, README SQL."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.parquet as pq
import pytest

from pipeline.schema import TABLES
from pipeline.warehouse import WAREHOUSE, load_warehouse
from tests.conftest import RAW, ROOT, read_table, run_folder


def _canonical(rows: list[dict[str, Any]]) -> list[str]:
    return sorted(repr(sorted(r.items())) for r in rows)


def _parquet_state(out: Path) -> dict[str, list[str]]:
    return {name: _canonical(read_table(out, name)) for name in TABLES}


def _duckdb_state(out: Path) -> dict[str, list[str]]:
    with duckdb.connect(str(out / WAREHOUSE), read_only=True) as con:
        return {name: _canonical(con.table(name).arrow().read_all().to_pylist()) for name in TABLES}


def test_second_run_changes_no_row(tmp_path: Path) -> None:
    run_folder(RAW, tmp_path)
    parquet, warehouse = _parquet_state(tmp_path), _duckdb_state(tmp_path)
    run_folder(RAW, tmp_path)
    assert _parquet_state(tmp_path) == parquet
    assert _duckdb_state(tmp_path) == warehouse
    assert warehouse == parquet  # the warehouse holds exactly the batch
    assert len(warehouse["documents"]) == 5 and len(warehouse["indicators"]) > 200


def test_parquet_and_warehouse_agree_on_the_seeds(seeds_out: Path) -> None:
    assert _duckdb_state(seeds_out) == _parquet_state(seeds_out)


def test_changed_document_replaces_its_rows_and_a_removed_one_goes(tmp_path: Path) -> None:
    src, out = tmp_path / "raw", tmp_path / "out"
    src.mkdir()
    small = sorted(RAW.glob("*.txt"), key=lambda p: p.stat().st_size)[:2]
    for p in small:
        shutil.copy(p, src / p.name)
    run_folder(src, out)
    old_ids = {d["doc_id"] for d in read_table(out, "documents")}
    changed = src / small[0].name
    changed.write_bytes(changed.read_bytes() + b"\n\n")  # new content hash, same document
    (src / small[1].name).unlink()  # removed from the input folder: its rows go everywhere
    run_folder(src, out)
    with duckdb.connect(str(out / WAREHOUSE), read_only=True) as con:
        docs = dict(con.sql("SELECT source_file, doc_id FROM documents").fetchall())
        orphans = "SELECT count(*) FROM indicators WHERE doc_id NOT IN (SELECT doc_id FROM documents)"
        assert con.execute(orphans).fetchone() == (0,)
    assert sorted(docs) == [small[0].name]
    assert docs[small[0].name] not in old_ids  # the changed document replaced its old rows
    assert _duckdb_state(out) == _parquet_state(out)  # the warehouse mirrors the batch, no stale rows
    assert len(read_table(out, "documents")) == 1


def test_failed_load_leaves_the_previous_state(tmp_path: Path, seeds_out: Path) -> None:
    shutil.copy(seeds_out / WAREHOUSE, tmp_path / WAREHOUSE)
    before = _duckdb_state(tmp_path)
    rows = {name: read_table(seeds_out, name) for name in TABLES}
    rows["indicators"][-1]["indikator"] = None  # NOT NULL: the insert fails after the deletes
    with pytest.raises(duckdb.ConstraintException):
        load_warehouse(rows, tmp_path / WAREHOUSE)
    assert _duckdb_state(tmp_path) == before


def test_columns_added_to_the_schema_are_added_to_an_old_warehouse(tmp_path: Path, seeds_out: Path) -> None:
    shutil.copy(seeds_out / WAREHOUSE, tmp_path / WAREHOUSE)
    with duckdb.connect(str(tmp_path / WAREHOUSE)) as con:
        con.execute("ALTER TABLE documents DROP COLUMN provinsi")
    load_warehouse({name: read_table(seeds_out, name) for name in TABLES}, tmp_path / WAREHOUSE)
    with duckdb.connect(str(tmp_path / WAREHOUSE), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM documents WHERE provinsi = 'Jawa Timur'").fetchone() == (4,)
        query = "SELECT comment FROM duckdb_columns() WHERE table_name = ? AND column_name = ?"
        comment = con.execute(query, ["documents", "kode_kecamatan"]).fetchone()
        assert comment and "Kode wilayah" in comment[0]


def _readme_queries() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sql\n(.*?)```", text, re.DOTALL)


def test_readme_sql_examples_run_on_the_warehouse(seeds_out: Path) -> None:
    queries = _readme_queries()
    assert len(queries) >= 5
    with duckdb.connect(str(seeds_out / WAREHOUSE), read_only=True) as con:
        results = [con.sql(q).fetchall() for q in queries]
    assert all(results)
    coverage, shared = results[0], results[1]
    assert ("KASI_TRANTIB", "Ngantang", "35.07.27", 3) in coverage
    attendance = [r for r in shared if r[1] == "Persentase Tingkat Kehadiran PNS lingkup Kecamatan"]
    assert attendance and attendance[0][3] == ["Kepanjen", "Ngantang"]


def test_warehouse_types_follow_the_arrow_schema(seeds_out: Path) -> None:
    with duckdb.connect(str(seeds_out / WAREHOUSE), read_only=True) as con:
        types = dict(
            con.sql(
                "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name='indicators'"
            ).fetchall()
        )
    assert types["penanggung_jawab_canonical"] == "VARCHAR[]" and types["multiplier"] == "INTEGER"
    assert pq.read_schema(seeds_out / "indicators.parquet").names == list(types)
