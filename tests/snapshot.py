"""Canonical JSON snapshot of one document's output rows, for golden tests.

`python -m tests.snapshot OUT_DIR` rewrites tests/golden/<stem>.json from an output folder.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

TIMINGS = frozenset(
    {"parse_seconds", "structure_seconds", "normalize_seconds", "convert_seconds"}
)  # differ run to run
VOLATILE = {"source_sha256", "pipeline_version", *TIMINGS}
# The fitted confidence model's output changes with every `make calibrate`; tests/test_confidence.py
# checks it, the snapshots keep the values a person reviewed.
MODEL_OUTPUT_PREFIX = "confidence"


def _rows(out: Path, name: str) -> list[dict[str, Any]]:
    return pq.read_table(out / f"{name}.parquet").to_pylist()


def snapshot(out: Path, source_file: str) -> dict[str, Any]:
    docs = [d for d in _rows(out, "documents") if d["source_file"] == source_file]
    if not docs:
        return {}
    doc_id = docs[0]["doc_id"]
    snap: dict[str, Any] = {}
    for name in ("documents", "positions", "duties", "indicators", "issues"):
        rows = [r for r in _rows(out, name) if r["doc_id"] == doc_id]
        snap[name] = [
            {k: v for k, v in r.items() if k not in VOLATILE and not k.startswith(MODEL_OUTPUT_PREFIX)}
            for r in rows
        ]
    return snap


def main(out_dir: str) -> None:
    out = Path(out_dir)
    golden = Path(__file__).resolve().parent / "golden"
    for doc in _rows(out, "documents"):
        stem = Path(doc["source_file"]).stem
        path = golden / f"{stem}.json"
        path.write_text(json.dumps(snapshot(out, doc["source_file"]), ensure_ascii=False, indent=1) + "\n")
        print(f"wrote {path}")


if __name__ == "__main__":
    main(sys.argv[1])
