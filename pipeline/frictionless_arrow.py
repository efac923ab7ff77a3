"""A frictionless-py plugin that reads Parquet resources with pyarrow, row by row.

frictionless-py's own Parquet parser goes through pandas, which turns a nullable integer column
into floats (null -> NaN, refused by "integer") and a list column into numpy arrays (refused by
"array"). This parser hands frictionless the values as Arrow has them: ints, None, Python lists.
`frictionless validate` finds it through the top-level `frictionless_arrow` module when the
repository root is on the path (`PYTHONPATH=.`); tests register it explicitly.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

import pyarrow.parquet as pq
from frictionless import Plugin
from frictionless.system import Parser


class ArrowParquetParser(Parser):
    """Parquet cells straight from pyarrow (read-only)."""

    supported_types: ClassVar[list[str]] = [
        "any",
        "array",
        "boolean",
        "integer",
        "number",
        "object",
        "string",
    ]

    def read_cell_stream_create(self) -> Iterator[list[Any]]:
        parquet = pq.ParquetFile(self.resource.normpath)
        yield list(parquet.schema_arrow.names)
        for batch in parquet.iter_batches(batch_size=10_000):
            columns = [col.to_pylist() for col in batch.columns]
            yield from (list(row) for row in zip(*columns, strict=True))


class ArrowPlugin(Plugin):
    """Parquet through pyarrow; takes precedence over the bundled pandas-based parser."""

    def create_parser(self, resource: Any) -> Parser | None:
        if resource.format in ("parquet", "parq"):
            return ArrowParquetParser(resource)
        return None
