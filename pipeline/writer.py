"""Output tables -> Parquet files, each written to a temp file and renamed into place."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.schema import SCHEMA_VERSION, TABLES


class SchemaMismatch(ValueError):
    """A row whose keys are not exactly the declared columns of its table (a pipeline bug)."""


def check_columns(name: str, rows: list[dict[str, Any]], schema: pa.Schema) -> None:
    """Raise SchemaMismatch unless every row has exactly the schema's columns: an unknown key is
    a field renamed or never declared, a missing one would silently become an all-null column."""
    declared = set(schema.names)
    for n, row in enumerate(rows):
        if set(row) != declared:
            unknown, missing = sorted(set(row) - declared), sorted(declared - set(row))
            raise SchemaMismatch(f"{name} row {n}: columns not in the schema {unknown}, missing {missing}")


def table_from_rows(name: str, rows: list[dict[str, Any]]) -> pa.Table:
    """Rows -> Arrow table with the declared schema; SchemaMismatch on an unknown or missing column."""
    schema = TABLES[name]
    check_columns(name, rows, schema)
    columns = {f.name: [r[f.name] for r in rows] for f in schema}
    table = pa.Table.from_pydict(columns, schema=schema)
    meta = {b"schema_version": SCHEMA_VERSION.encode(), b"table": name.encode()}
    return table.replace_schema_metadata({**(schema.metadata or {}), **meta})


def _staged(table: pa.Table, path: Path) -> str:
    """Write `table` to a synced temp file beside `path`; return the temp file's name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        pq.write_table(table, tmp, compression="zstd")
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


def write_atomic(table: pa.Table, path: Path) -> None:
    """Write to a temp file in the same folder, fsync, then rename over `path`."""
    os.replace(_staged(table, path), path)


def write_tables(rows: dict[str, list[dict[str, Any]]], out_dir: Path) -> dict[str, Path]:
    """Write every declared table (empty ones too, so readers always find the full set).

    All tables are staged first and renamed into place only when every one was written, so a
    crash while writing leaves the previous set whole.
    """
    staged: dict[str, tuple[str, Path]] = {}
    try:
        for name in TABLES:
            path = out_dir / f"{name}.parquet"
            staged[name] = (_staged(table_from_rows(name, rows.get(name, [])), path), path)
    except BaseException:
        for tmp, _ in staged.values():
            os.unlink(tmp)
        raise
    for tmp, path in staged.values():
        os.replace(tmp, path)
    return {name: path for name, (_, path) in staged.items()}
