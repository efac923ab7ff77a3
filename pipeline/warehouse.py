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

from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

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


def _stale_documents(con: duckdb.DuckDBPyConnection, doc_ids: list[str], files: list[str]) -> list[str]:
    """Incoming doc_ids plus those of older versions of the incoming source files."""
    older = con.execute(
        "SELECT doc_id FROM documents WHERE list_contains(?, source_file)", [files]
    ).fetchall()
    return sorted({*doc_ids, *(r[0] for r in older)})


def _insert(con: duckdb.DuckDBPyConnection, name: str, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    con.register("incoming", table_from_rows(name, rows))
    con.execute(f'INSERT INTO "{name}" BY NAME SELECT * FROM incoming')
    con.unregister("incoming")  # on failure the connection, and the view with it, is closed


def _upsert(con: duckdb.DuckDBPyConnection, rows: dict[str, list[dict[str, Any]]], mirror: bool) -> None:
    docs = rows.get("documents", [])
    reject_files = [r["source_file"] for r in rows.get("rejects", [])]
    files = sorted({*(d["source_file"] for d in docs), *reject_files})
    stale = _stale_documents(con, [d["doc_id"] for d in docs], files)
    if mirror:  # the warehouse mirrors the input folder: documents no longer in it go
        gone = con.execute("SELECT doc_id FROM documents WHERE NOT list_contains(?, source_file)", [files])
        stale = sorted({*stale, *(r[0] for r in gone.fetchall())})
        con.execute("DELETE FROM rejects WHERE NOT list_contains(?, source_file)", [files])
    for name in DOC_SCOPED:
        con.execute(f'DELETE FROM "{name}" WHERE list_contains(?, doc_id)', [stale])
    con.execute("DELETE FROM rejects WHERE list_contains(?, source_file)", [files])
    keys = [c["indicator_key"] for c in rows.get("indicator_clusters", [])]
    con.execute("DELETE FROM indicator_clusters WHERE list_contains(?, indicator_key)", [keys])
    for name in TABLES:
        _insert(con, name, rows.get(name, []))
    con.execute(
        "DELETE FROM indicator_clusters WHERE indicator_key NOT IN "
        "(SELECT indicator_key FROM indicators WHERE indicator_key IS NOT NULL)"
    )


def load_warehouse(rows: dict[str, list[dict[str, Any]]], path: Path, mirror: bool = False) -> None:
    """Upsert the batch's rows into the DuckDB file at `path`, all or nothing. With `mirror`, rows of
    source files that are not in this batch are removed (the warehouse mirrors the input folder)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    try:
        con.execute("BEGIN TRANSACTION")
        try:
            _ensure_tables(con)
            _upsert(con, rows, mirror)
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")
    finally:
        con.close()
