"""datapackage.json: generated from the Arrow schema, valid for frictionless, every table readable."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest
from frictionless import Package, system

from pipeline.datapackage import DESCRIPTOR
from pipeline.frictionless_arrow import ArrowPlugin
from pipeline.schema import KEYS, TABLES
from tests.conftest import ROOT

FRICTIONLESS = ROOT / ".venv" / "bin" / "frictionless"


@pytest.fixture(scope="module", autouse=True)
def _arrow_parquet() -> None:
    system.register("arrow", ArrowPlugin())


def _descriptor(out: Path) -> dict:
    return json.loads((out / DESCRIPTOR).read_text(encoding="utf-8"))


def test_every_table_is_a_resource_with_its_fields_and_keys(seeds_out: Path) -> None:
    desc = _descriptor(seeds_out)
    assert desc["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    resources = {r["name"]: r for r in desc["resources"]}
    for name, schema in TABLES.items():
        fields = resources[name]["schema"]["fields"]
        assert [f["name"] for f in fields] == schema.names
        assert all(f["description"] for f in fields)
        assert resources[name]["schema"].get("primaryKey") == (list(KEYS[name]) if name in KEYS else None)
    fks = {
        (r["name"], fk["fields"][0]): fk["reference"]["resource"]
        for r in desc["resources"]
        for fk in r["schema"].get("foreignKeys", [])
    }
    assert fks[("documents", "kode_kecamatan")] == "wilayah_districts"
    assert fks[("indicators", "position_id")] == "positions"
    assert fks[("indicators", "indicator_key")] == "indicator_clusters"
    assert fks[("pages", "doc_id")] == fks[("table_reports", "doc_id")] == "documents"
    assert resources["pages"]["schema"]["primaryKey"] == ["doc_id", "page"]


def test_the_package_validates_with_the_frictionless_library(seeds_out: Path) -> None:
    report = Package(str(seeds_out / DESCRIPTOR)).validate()
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])[:10]


def test_frictionless_validate_command(seeds_out: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}  # lets frictionless find frictionless_arrow
    done = subprocess.run(
        [str(FRICTIONLESS), "validate", "--json", DESCRIPTOR],
        cwd=seeds_out,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(done.stdout)
    assert done.returncode == 0 and report["valid"], done.stdout[:2000]
    assert len(report["tasks"]) == len(TABLES) + 3


def test_a_broken_foreign_key_is_caught(seeds_out: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(seeds_out, out, ignore=shutil.ignore_patterns(".cache", "*.duckdb*"))
    docs = pq.read_table(out / "documents.parquet")
    codes = docs.column("kode_kecamatan").to_pylist()
    codes[0] = "99.99.99"  # no such kecamatan in the gazetteer
    pq.write_table(
        docs.set_column(
            docs.schema.get_field_index("kode_kecamatan"), docs.schema.field("kode_kecamatan"), [codes]
        ),
        out / "documents.parquet",
    )
    report = Package(str(out / DESCRIPTOR)).validate()
    (error,) = report.flatten(["type", "note"])
    assert error[0] == "foreign-key" and "kode_kecamatan" in error[1] and "99.99.99" in error[1]


def test_duckdb_and_pandas_read_every_table(seeds_out: Path) -> None:
    for resource in _descriptor(seeds_out)["resources"]:
        path = seeds_out / resource["path"]
        reader = "read_parquet" if resource["format"] == "parquet" else "read_csv"
        ((n,),) = duckdb.sql(f"SELECT count(*) FROM {reader}('{path}')").fetchall()
        frame = pd.read_parquet(path) if resource["format"] == "parquet" else pd.read_csv(path, dtype=str)
        assert n == len(frame)
        assert list(frame.columns) == [f["name"] for f in resource["schema"]["fields"]]
