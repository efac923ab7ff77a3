"""The per-document stage, run in the worker: convert, validate, write the document's Parquet part.

A part is a folder of the content-hash cache (OUT/.cache/docs/<entry>/) holding one Parquet file per
non-empty table of the document (written with the Arrow schema, `writer.table_from_rows`) and a
`meta.json` written last: a part without it is incomplete and ignored. The worker returns the
document's envelope without its rows, so the parent never holds a batch's rows.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

import pyarrow.parquet as pq

from pipeline.validate import DOC_TABLES, validate_rows
from pipeline.worker import DocOutput, Limits, convert_document, init_worker
from pipeline.writer import table_from_rows
from problems import Status

__all__ = ["META", "TRANSIENT", "convert_part", "init_worker", "read_meta", "validate_output", "write_part"]

META = "meta.json"
TRANSIENT = frozenset({"timeout", "memory-limit", "worker-crashed", "ocr-unavailable"})


def validate_output(out: DocOutput) -> DocOutput:
    """The document's rows checked against the contract; an invalid document row rejects it."""
    if out.reject is not None or not out.rows:
        return out
    rows = validate_rows(out.rows, DOC_TABLES)
    if not rows.get("documents"):
        reject = rows["rejects"][-1]
        return replace(out, rows={}, reject=reject, status=Status.FAILURE.value)
    status = rows["documents"][0]["status"]
    return replace(out, rows={k: v for k, v in rows.items() if v}, status=status)


def write_part(entry: Path, out: DocOutput) -> None:
    """Write the document's tables into `entry` (a temp folder renamed), then its meta: the meta is
    written last, so a part is complete exactly when its meta.json is there."""
    entry.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{entry.name}.", dir=entry.parent))
    try:
        for name, rows in out.rows.items():
            pq.write_table(table_from_rows(name, rows), tmp / f"{name}.parquet", compression="zstd")
        if entry.exists():  # the same document converted again (--full): the new part wins
            shutil.rmtree(entry, ignore_errors=True)
        os.replace(tmp, entry)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    meta = {**replace(out, rows={}).to_json(), "tables": sorted(out.rows)}
    staged = entry / f".{META}.tmp"
    staged.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    os.replace(staged, entry / META)


def read_meta(entry: Path) -> DocOutput | None:
    """The envelope of a complete part (rows not loaded), or None."""
    try:
        data = json.loads((entry / META).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    data.pop("tables", None)
    try:
        return DocOutput.from_json(data)
    except TypeError:
        return None


def convert_part(path_text: str, limits: Limits, sha: str | None, entry: str | None) -> DocOutput:
    """Convert and validate one file; write its part into `entry` unless the reject is transient."""
    out = validate_output(convert_document(path_text, limits, sha))
    transient = out.reject is not None and out.reject.get("code") in TRANSIENT
    if entry is None:
        return out
    if not transient:
        write_part(Path(entry), out)
    return replace(out, rows={})
