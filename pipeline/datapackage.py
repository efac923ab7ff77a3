"""`datapackage.json`: the output folder described as a Frictionless Data Package (v2).

Generated from the Arrow schema (pipeline/schema.py): every table is a resource with its fields,
types, descriptions, required fields, primary key and foreign keys. The kode wilayah columns refer
to the vendored gazetteer, copied beside the tables as CSV resources (`wilayah/`, ODbL).

    python -m pipeline.datapackage OUT_DIR     # (re)write OUT_DIR/datapackage.json
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

import pyarrow as pa

from pipeline import __version__
from pipeline.cache import write_json_atomic
from pipeline.schema import KEYS, SCHEMA_VERSION, TABLES

DESCRIPTOR = "datapackage.json"
WILAYAH_SRC = Path(__file__).resolve().parent.parent / "normalizers" / "data" / "wilayah"
WILAYAH_DIR = "wilayah"
_PROFILE = "https://datapackage.org/profiles/2.0/"

_TYPES: dict[pa.DataType, dict[str, Any]] = {
    pa.string(): {"type": "string"},
    pa.int32(): {"type": "integer"},
    pa.int64(): {"type": "integer"},
    pa.float64(): {"type": "number"},
    pa.bool_(): {"type": "boolean"},
    pa.list_(pa.string()): {"type": "array", "arrayItem": {"type": "string"}},
    pa.list_(pa.float64()): {"type": "array", "arrayItem": {"type": "number"}},
}
# (table, column) -> (table, column) it refers to; null references are allowed (nullable columns).
REFERENCES: dict[tuple[str, str], tuple[str, str]] = {
    ("positions", "doc_id"): ("documents", "doc_id"),
    ("duties", "doc_id"): ("documents", "doc_id"),
    ("duties", "position_id"): ("positions", "position_id"),
    ("indicators", "doc_id"): ("documents", "doc_id"),
    ("indicators", "position_id"): ("positions", "position_id"),
    ("indicators", "indicator_key"): ("indicator_clusters", "indicator_key"),
    ("issues", "doc_id"): ("documents", "doc_id"),
    ("review", "doc_id"): ("documents", "doc_id"),
    ("pages", "doc_id"): ("documents", "doc_id"),
    ("table_reports", "doc_id"): ("documents", "doc_id"),
    ("documents", "kode_kecamatan"): ("wilayah_districts", "code"),
    ("documents", "kode_kabupaten"): ("wilayah_regencies", "code"),
}
# The gazetteer as shipped: resource name -> (CSV file, fields, primary key, foreign keys).
GAZETTEER: dict[str, tuple[str, list[tuple[str, str]], str, dict[str, tuple[str, str]]]] = {
    "wilayah_provinces": ("provinces.csv", [("code", "Kode provinsi"), ("name", "Province")], "code", {}),
    "wilayah_regencies": (
        "regencies.csv",
        [("code", "Kode kabupaten / kota"), ("province_code", "Its province"), ("name", "Kabupaten / kota")],
        "code",
        {"province_code": ("wilayah_provinces", "code")},
    ),
    "wilayah_districts": (
        "districts.csv",
        [("code", "Kode kecamatan"), ("regency_code", "Its kabupaten / kota"), ("name", "Kecamatan")],
        "code",
        {"regency_code": ("wilayah_regencies", "code")},
    ),
}


def _field(f: pa.Field) -> dict[str, Any]:
    out: dict[str, Any] = {"name": f.name, **_TYPES[f.type]}
    out["description"] = (f.metadata or {}).get(b"doc", b"").decode()
    if not f.nullable:
        out["constraints"] = {"required": True}
    return out


def _foreign_keys(refs: dict[str, tuple[str, str]]) -> list[dict[str, Any]]:
    return [
        {"fields": [col], "reference": {"resource": table, "fields": [target]}}
        for col, (table, target) in sorted(refs.items())
    ]


def _resource(
    name: str,
    path: str,
    fields: list[dict[str, Any]],
    key: list[str],
    refs: dict[str, Any],
    about: dict[str, Any],
) -> dict[str, Any]:
    """A tabular resource: its file, what the file is (`about`) and its table schema."""
    schema: dict[str, Any] = {"$schema": _PROFILE + "tableschema.json", "fields": fields}
    if key:
        schema["primaryKey"] = key
    if refs:
        schema["foreignKeys"] = _foreign_keys(refs)
    return {"name": name, "type": "table", "path": path, **about, "schema": schema}


def table_resource(name: str) -> dict[str, Any]:
    """The resource of one output table, from its Arrow schema."""
    refs = {col: target for (table, col), target in REFERENCES.items() if table == name}
    fields = [_field(f) for f in TABLES[name]]
    about = {"format": "parquet", "mediatype": "application/vnd.apache.parquet"}
    return _resource(name, f"{name}.parquet", fields, list(KEYS.get(name, ())), refs, about)


def gazetteer_resource(name: str) -> dict[str, Any]:
    file, columns, key, refs = GAZETTEER[name]
    fields = [
        {"name": n, "type": "string", "description": d, "constraints": {"required": True}} for n, d in columns
    ]
    about = {
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "description": "Kemendagri kode wilayah (idn-area-data), as vendored by the pipeline",
        "licenses": [{"name": "ODbL-1.0", "path": "https://opendatacommons.org/licenses/odbl/1-0/"}],
    }
    return _resource(name, f"{WILAYAH_DIR}/{file}", fields, [key], refs, about)


def descriptor() -> dict[str, Any]:
    """The whole Data Package descriptor (deterministic: no timestamps)."""
    return {
        "$schema": _PROFILE + "datapackage.json",
        "name": "lampiran-kinerja",
        "title": "Indikator kinerja (IKI / IKU) of Indonesian kecamatan",
        "description": "Canonical tables extracted from kecamatan performance-indicator lampiran",
        "version": SCHEMA_VERSION,
        "keywords": ["IKI", "IKU", "kecamatan", "indikator kinerja"],
        "sources": [{"title": f"lampiran-kinerja pipeline {__version__}"}],
        "resources": [table_resource(n) for n in TABLES] + [gazetteer_resource(n) for n in GAZETTEER],
    }


def write_datapackage(out_dir: Path) -> Path:
    """Write OUT/datapackage.json and the gazetteer resources beside the tables."""
    target = out_dir / WILAYAH_DIR
    target.mkdir(parents=True, exist_ok=True)
    for file, *_ in GAZETTEER.values():
        shutil.copyfile(WILAYAH_SRC / file, target / file)
    shutil.copyfile(WILAYAH_SRC / "LICENSE.md", target / "LICENSE.md")
    path = out_dir / DESCRIPTOR
    write_json_atomic(path, descriptor())
    return path


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m pipeline.datapackage OUT_DIR", file=sys.stderr)
        return 2
    print(write_datapackage(Path(args[0])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
