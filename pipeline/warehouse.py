"""The embedded warehouse: every output table loaded into one DuckDB file (OUT/warehouse.duckdb).

Tables and column comments are created from the Arrow schema (pipeline/schema.py); a column added
to the schema is added to an existing warehouse. Loading is an upsert by document, in one
transaction, so a crash leaves the previous state and loading the same batch twice changes nothing:
- the rows of every incoming document replace the rows of that doc_id and of any older version of
  the same source file (a changed document has a new doc_id: its old rows go);
- rejects are replaced per source file; a file that is now a document loses its old reject;
- `indicator_clusters` rows are upserted by indicator_key, and clusters no indicator refers to any
  more are pruned. Documents of earlier batches that this batch does not mention are kept, unless
  the load mirrors the input folder (`mirror=True`, what the batch runner does): then they go.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from pipeline.assemble import MEMORY_LIMIT
from pipeline.schema import KEYS, TABLES
from pipeline.writer import table_from_rows

WAREHOUSE = "warehouse.duckdb"
DOC_SCOPED = ("documents", "positions", "duties", "indicators", "issues", "review", "pages", "table_reports")

_TYPES = {
    pa.string(): "VARCHAR",
    pa.int32(): "INTEGER",
    pa.int64(): "BIGINT",
    pa.float64(): "DOUBLE",
    pa.bool_(): "BOOLEAN",
    pa.list_(pa.string()): "VARCHAR[]",
    pa.list_(pa.float64()): "DOUBLE[]",
}


def _sql_type(field: pa.Field) -> str:
    return _TYPES[field.type]


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def create_table_sql(name: str) -> str:
    """CREATE TABLE statement of one output table (types and NOT NULL from the Arrow schema)."""
    cols = [f'"{f.name}" {_sql_type(f)}{"" if f.nullable else " NOT NULL"}' for f in TABLES[name]]
    if name in KEYS:
        cols.append("PRIMARY KEY (" + ", ".join(f'"{k}"' for k in KEYS[name]) + ")")
    return f'CREATE TABLE IF NOT EXISTS "{name}" (\n  ' + ",\n  ".join(cols) + "\n)"


def _ensure_tables(con: duckdb.DuckDBPyConnection) -> None:
    for name, schema in TABLES.items():
        con.execute(create_table_sql(name))
        present = {r[0] for r in con.execute(f'SELECT column_name FROM (DESCRIBE "{name}")').fetchall()}
        for f in schema:
            if f.name not in present:  # columns are only ever added to the schema, never renamed
                con.execute(f'ALTER TABLE "{name}" ADD COLUMN "{f.name}" {_sql_type(f)}')
            doc = (f.metadata or {}).get(b"doc", b"").decode()
            con.execute(f'COMMENT ON COLUMN "{name}"."{f.name}" IS {_quote(doc)}')


def _incoming(name: str) -> str:
    return f'"incoming_{name}"'


def _upsert(con: duckdb.DuckDBPyConnection, mirror: bool) -> None:
    """Upsert the views incoming_<table> (one per output table) into the warehouse tables."""
    con.execute(
        "CREATE OR REPLACE TEMP TABLE incoming_files AS SELECT DISTINCT source_file FROM "
        f"(SELECT source_file FROM {_incoming('documents')} UNION ALL "
        f"SELECT source_file FROM {_incoming('rejects')})"
    )
    # incoming doc_ids, those of older versions of the incoming files, and (mirror) of files gone
    gone = "OR source_file NOT IN (SELECT source_file FROM incoming_files)" if mirror else ""
    con.execute(
        "CREATE OR REPLACE TEMP TABLE stale AS "
        f"SELECT doc_id FROM {_incoming('documents')} UNION "
        f"SELECT doc_id FROM documents WHERE source_file IN (SELECT source_file FROM incoming_files) {gone}"
    )
    if mirror:
        con.execute("DELETE FROM rejects WHERE source_file NOT IN (SELECT source_file FROM incoming_files)")
    for name in DOC_SCOPED:
        con.execute(f'DELETE FROM "{name}" WHERE doc_id IN (SELECT doc_id FROM stale)')
    con.execute("DELETE FROM rejects WHERE source_file IN (SELECT source_file FROM incoming_files)")
    con.execute(
        "DELETE FROM indicator_clusters WHERE indicator_key IN "
        f"(SELECT indicator_key FROM {_incoming('indicator_clusters')})"
    )
    for name in TABLES:
        con.execute(f'INSERT INTO "{name}" BY NAME SELECT * FROM {_incoming(name)}')
    con.execute(
        "DELETE FROM indicator_clusters WHERE indicator_key NOT IN "
        "(SELECT indicator_key FROM indicators WHERE indicator_key IS NOT NULL)"
    )


def _transaction(path: Path, mirror: bool, register: Callable[[duckdb.DuckDBPyConnection], None]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    try:
        con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
        con.execute("SET threads = 2")
        register(con)
        con.execute("BEGIN TRANSACTION")
        try:
            _ensure_tables(con)
            _upsert(con, mirror)
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")
    finally:
        con.close()


def load_warehouse(rows: dict[str, list[dict[str, Any]]], path: Path, mirror: bool = False) -> None:
    """Upsert the batch's rows into the DuckDB file at `path`, all or nothing. With `mirror`, rows of
    source files that are not in this batch are removed (the warehouse mirrors the input folder)."""

    def register(con: duckdb.DuckDBPyConnection) -> None:
        for name in TABLES:
            con.register(f"incoming_{name}", table_from_rows(name, rows.get(name, [])))

    _transaction(path, mirror, register)


def load_warehouse_parquet(tables: dict[str, Path], path: Path, mirror: bool = False) -> None:
    """The same upsert with DuckDB reading the batch's Parquet tables itself (nothing in Python)."""

    def register(con: duckdb.DuckDBPyConnection) -> None:
        for name in TABLES:
            source = "'" + str(tables[name]).replace("'", "''") + "'"
            con.execute(
                f"CREATE OR REPLACE TEMP VIEW incoming_{name} AS SELECT * FROM read_parquet({source})"
            )

    _transaction(path, mirror, register)
