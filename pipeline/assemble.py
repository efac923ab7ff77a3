"""Batch tables from the documents' Parquet parts, by DuckDB: no table is ever held in memory whole.

`assemble` concatenates each document table over the parts of the batch's documents in input order
(DuckDB reads the parts, spilling to disk past its memory limit); `write_stream` turns a query into a
Parquet file with the declared Arrow schema, batch by batch.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.schema import SCHEMA_VERSION, TABLES

BATCH_ROWS = 20_000
MEMORY_LIMIT = "256MB"  # DuckDB's own cap; past it, joins and sorts spill to its temp folder


def connect(tmp: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with a memory cap and a spill folder."""
    tmp.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    con.execute(f"SET temp_directory = '{tmp}'")
    con.execute("SET threads = 2")
    con.execute("SET preserve_insertion_order = true")
    return con


def _quote(path: Path | str) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def schema_of(name: str) -> pa.Schema:
    schema = TABLES[name]
    meta = {b"schema_version": SCHEMA_VERSION.encode(), b"table": name.encode()}
    return schema.with_metadata({**(schema.metadata or {}), **meta})


def columns(name: str, prefix: str = "") -> str:
    return ", ".join(f'{prefix}"{f.name}"' for f in TABLES[name])


def _batches(reader: pa.RecordBatchReader, schema: pa.Schema) -> Iterator[pa.RecordBatch]:
    for batch in reader:
        if len(batch):
            yield from pa.Table.from_batches([batch]).select(schema.names).cast(schema).to_batches()


def write_stream(name: str, readers: Iterable[pa.RecordBatchReader], path: Path) -> int:
    """Write the batches of `readers`, cast to the table's schema, into one Parquet file."""
    schema = schema_of(name)
    n = 0
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        for reader in readers:
            for batch in _batches(reader, schema):
                writer.write_batch(batch)
                n += len(batch)
    return n


def query_reader(con: duckdb.DuckDBPyConnection, sql: str) -> pa.RecordBatchReader:
    return con.sql(sql).to_arrow_reader(BATCH_ROWS)


def empty_reader(name: str) -> pa.RecordBatchReader:
    schema = schema_of(name)
    return pa.RecordBatchReader.from_batches(schema, iter(()))


def register_order(con: duckdb.DuckDBPyConnection, entries: list[Path]) -> None:
    """The batch's documents in input order: part folder -> position."""
    order = pa.table({"entry": [str(e) for e in entries], "ord": list(range(len(entries)))})
    con.register("part_order_arrow", order)
    con.execute("CREATE OR REPLACE TEMP TABLE part_order AS SELECT * FROM part_order_arrow")
    con.unregister("part_order_arrow")


def parts_sql(name: str, entries: list[Path]) -> str | None:
    """SELECT of one table's rows over the parts, in input order then row order (None: no rows)."""
    files = [e / f"{name}.parquet" for e in entries if (e / f"{name}.parquet").is_file()]
    if not files:
        return None
    listed = "[" + ", ".join(_quote(f) for f in files) + "]"
    return (
        f"SELECT {columns(name, 'p.')} FROM read_parquet({listed}, filename = true, "
        f"file_row_number = true) p JOIN part_order o ON parse_dirpath(p.filename) = o.entry "
        f"ORDER BY o.ord, p.file_row_number"
    )


def assemble(con: duckdb.DuckDBPyConnection, name: str, entries: list[Path], path: Path) -> int:
    """One document table of the batch, from the parts, into the Parquet file at `path`."""
    sql = parts_sql(name, entries)
    reader = query_reader(con, sql) if sql else empty_reader(name)
    return write_stream(name, [reader], path)
