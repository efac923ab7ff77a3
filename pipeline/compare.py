"""`make compare`: how the kecamatan of an output folder compare, as tables and an HTML report.

`python -m pipeline.compare OUT_DIR` reads OUT_DIR/*.parquet and writes OUT_DIR/compare/:
family_kecamatan, indicator_kecamatan, unique_indicators, formula_differences (.parquet, schemas in
pipeline/schema.py COMPARE_TABLES) and report.html (pipeline/report.py). A kecamatan is identified
by its kode wilayah when linked, else by its name; several documents of one kecamatan add up.
"""

from __future__ import annotations

import os
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from rapidfuzz import fuzz

from normalizers.identity import normalize_text
from normalizers.jabatan import FAMILIES
from pipeline.report import render_report
from pipeline.schema import COMPARE_TABLES, SCHEMA_VERSION
from pipeline.validate import check_tables
from pipeline.writer import write_atomic

Rows = list[dict[str, Any]]
IKU = "IKU"


@dataclass(frozen=True, order=True)
class Place:
    key: str  # kode_kecamatan, or "name:<lower-case name>" when unlinked
    kode: str | None
    name: str


def _read(out_dir: Path, name: str) -> Rows:
    path = out_dir / f"{name}.parquet"
    return pq.read_table(path).to_pylist() if path.exists() else []


def places_of(documents: Rows) -> dict[str, Place]:
    """doc_id -> its kecamatan; the display name is the first printed spelling in name order."""
    names: dict[str, list[str]] = defaultdict(list)
    keys = {}
    for d in documents:
        name = d.get("kecamatan") or d.get("instansi") or d["source_file"]
        keys[d["doc_id"]] = (d.get("kode_kecamatan") or f"name:{name.lower()}", d.get("kode_kecamatan"))
        names[keys[d["doc_id"]][0]].append(name)
    return {doc: Place(key, kode, min(names[key])) for doc, (key, kode) in keys.items()}


def _family_of(positions: Rows) -> dict[str, str]:
    return {p["position_id"]: p.get("family") or "LAINNYA" for p in positions}


def family_kecamatan(places: dict[str, Place], positions: Rows, indicators: Rows) -> Rows:
    """Every family present anywhere x every kecamatan: presence, positions and indicator rows."""
    family = _family_of(positions)
    n_pos: Counter[tuple[str, Place]] = Counter(
        (family[p["position_id"]], places[p["doc_id"]]) for p in positions
    )
    n_ind: Counter[tuple[str, Place]] = Counter(
        (family.get(i["position_id"] or "", IKU), places[i["doc_id"]]) for i in indicators
    )
    seen = {f for f, _ in n_pos} | {f for f, _ in n_ind}
    order = [f for f in (IKU, *FAMILIES) if f in seen] + sorted(seen - {IKU, *FAMILIES})
    return [
        {
            "family": f,
            "kode_kecamatan": place.kode,
            "kecamatan": place.name,
            "present": n_pos[f, place] + n_ind[f, place] > 0,
            "n_positions": n_pos[f, place],
            "n_indicators": n_ind[f, place],
        }
        for f in order
        for place in sorted(set(places.values()))
    ]


def indicator_kecamatan(places: dict[str, Place], positions: Rows, indicators: Rows, clusters: Rows) -> Rows:
    """indicator_key x kecamatan where the key occurs: rows and families."""
    family = _family_of(positions)
    rep = {c["indicator_key"]: c["representative"] for c in clusters}
    cells: dict[tuple[str, Place], list[str]] = defaultdict(list)
    for i in indicators:
        if i.get("indicator_key"):
            cells[i["indicator_key"], places[i["doc_id"]]].append(family.get(i["position_id"] or "", IKU))
    spread = Counter(key for key, _ in cells)
    return [
        {
            "indicator_key": key,
            "representative": rep.get(key, ""),
            "kode_kecamatan": place.kode,
            "kecamatan": place.name,
            "n_rows": len(fams),
            "n_kecamatan": spread[key],
            "families": sorted(set(fams)),
        }
        for (key, place), fams in sorted(cells.items())
    ]


def unique_indicators(by_kecamatan: Rows) -> Rows:
    """Indicators that only one kecamatan has (empty when the folder holds a single kecamatan)."""
    if len({r["kecamatan"] for r in by_kecamatan}) < 2:
        return []
    keep = ("indicator_key", "representative", "kode_kecamatan", "kecamatan", "n_rows", "families")
    return [{k: r[k] for k in keep} for r in by_kecamatan if r["n_kecamatan"] == 1]


def formula_differences(places: dict[str, Place], indicators: Rows, clusters: Rows) -> Rows:
    """For indicators shared by several kecamatan: each one's formula, where the formulas differ."""
    rep = {c["indicator_key"]: c["representative"] for c in clusters}
    first: dict[str, dict[Place, dict[str, Any]]] = defaultdict(dict)
    for i in sorted(indicators, key=lambda r: r["indicator_id"]):
        if i.get("indicator_key") and i.get("formula"):
            first[i["indicator_key"]].setdefault(places[i["doc_id"]], i)
    out: Rows = []
    for key, by_place in sorted(first.items()):
        norm = {place: normalize_text(row["formula"]) for place, row in by_place.items()}
        variants = Counter(norm.values())
        if len(by_place) < 2 or len(variants) < 2:
            continue
        for place, row in sorted(by_place.items()):
            others = [fuzz.token_sort_ratio(norm[place], v) for p, v in norm.items() if p != place]
            out.append(
                {
                    "indicator_key": key,
                    "representative": rep.get(key, ""),
                    "kode_kecamatan": place.kode,
                    "kecamatan": place.name,
                    "formula": row["formula"],
                    "numerator": row.get("numerator"),
                    "denominator": row.get("denominator"),
                    "multiplier": row.get("multiplier"),
                    "n_variants": len(variants),
                    "similarity": round(float(min(others)), 1),
                }
            )
    return out


def compare_tables(out_dir: Path) -> dict[str, Rows]:
    """The comparison tables of an output folder."""
    documents, positions = _read(out_dir, "documents"), _read(out_dir, "positions")
    indicators, clusters = _read(out_dir, "indicators"), _read(out_dir, "indicator_clusters")
    places = places_of(documents)
    by_kecamatan = indicator_kecamatan(places, positions, indicators, clusters)
    return {
        "family_kecamatan": family_kecamatan(places, positions, indicators),
        "indicator_kecamatan": by_kecamatan,
        "unique_indicators": unique_indicators(by_kecamatan),
        "formula_differences": formula_differences(places, indicators, clusters),
    }


def write_compare(out_dir: Path) -> Path:
    """Write OUT/compare/*.parquet and OUT/compare/report.html; returns the report's path."""
    target = out_dir / "compare"
    tables = compare_tables(out_dir)
    check_tables(tables, COMPARE_TABLES)
    for name, rows in tables.items():
        schema = COMPARE_TABLES[name]
        table = pa.Table.from_pylist(rows, schema=schema)
        meta = {b"schema_version": SCHEMA_VERSION.encode(), b"table": name.encode()}
        write_atomic(table.replace_schema_metadata(meta), target / f"{name}.parquet")
    report = target / "report.html"
    tmp = target / ".report.html.tmp"
    tmp.write_text(render_report(tables, _read(out_dir, "documents")), encoding="utf-8")
    os.replace(tmp, report)
    return report


def main(argv: list[str]) -> int:
    out_dir = Path(argv[0] if argv else "data/out")
    if not (out_dir / "documents.parquet").exists():
        print(f"no documents.parquet in {out_dir}: run `make extract` first", file=sys.stderr)
        return 2
    print(f"wrote {write_compare(out_dir)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
