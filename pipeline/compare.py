"""`make compare`: how the kecamatan of an output folder compare, as tables and an HTML report.

`python -m pipeline.compare OUT_DIR [--kecamatan ..] [--kabupaten ..] [--provinsi ..] [--tahun ..]`
reads OUT_DIR/*.parquet and writes OUT_DIR/compare/: family_kecamatan, indicator_kecamatan,
unique_indicators, formula_differences (.parquet, schemas in pipeline/schema.py COMPARE_TABLES) and
report.html (pipeline/report.py), all covering the selection (pipeline/selection.py; none: all).
A kecamatan is identified by its kode wilayah when linked, else by its name; several documents of
one kecamatan add up.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import pyarrow as pa
import pyarrow.parquet as pq
from rapidfuzz import fuzz

from normalizers.jabatan import FAMILIES
from pipeline.report import ReportParts, render_report
from pipeline.report_data import build_payload, encode_payload, normalized_formula
from pipeline.rollup import coverage_grid, place_stats, regions_of, rollup
from pipeline.schema import COMPARE_TABLES, SCHEMA_VERSION
from pipeline.selection import EVERYTHING, Selection, select_documents, split_values
from pipeline.validate import check_tables
from pipeline.writer import write_atomic

Rows = list[dict[str, Any]]
IKU = "IKU"


class Place(NamedTuple):
    """A kecamatan. A tuple, not a dataclass: hashed and compared in C, a million times per corpus."""

    key: str  # kode_kecamatan, or "name:<lower-case name>" when unlinked
    kode: str | None
    name: str


# Only the columns the comparison reads: at corpus scale the indicator table is most of the time.
_COLUMNS = {
    "positions": ["position_id", "doc_id", "family"],
    "indicators": [
        *("indicator_id", "doc_id", "position_id", "indicator_key", "formula"),
        *("numerator", "denominator", "multiplier", "measure"),
    ],
    "indicator_clusters": ["indicator_key", "representative"],
}


def _read(out_dir: Path, name: str, doc_ids: set[str] | None = None) -> Rows:
    path = out_dir / f"{name}.parquet"
    if not path.exists():
        return []
    rows = pq.read_table(path, columns=_COLUMNS.get(name)).to_pylist()
    return rows if doc_ids is None else [r for r in rows if r["doc_id"] in doc_ids]


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
        for place in sorted(set(places.values()), key=lambda p: p.key)
    ]


def indicator_kecamatan(places: dict[str, Place], positions: Rows, indicators: Rows, clusters: Rows) -> Rows:
    """indicator_key x kecamatan where the key occurs: rows and families."""
    family = _family_of(positions)
    rep = {c["indicator_key"]: c["representative"] for c in clusters}
    # Keyed by (indicator_key, place key): plain string tuples hash and sort in C at corpus scale;
    # place keys are unique, so their order is the places' order (and never compares a None kode).
    cells: dict[tuple[str, str], list[str]] = defaultdict(list)
    place_of: dict[str, Place] = {}
    for i in indicators:
        if i.get("indicator_key"):
            place = places[i["doc_id"]]
            place_of[place.key] = place
            cells[i["indicator_key"], place.key].append(family.get(i["position_id"] or "", IKU))
    spread = Counter(key for key, _ in cells)
    out: Rows = []
    for key, place_key in sorted(cells):
        place, fams = place_of[place_key], cells[key, place_key]
        out.append(
            {
                "indicator_key": key,
                "representative": rep.get(key, ""),
                "kode_kecamatan": place.kode,
                "kecamatan": place.name,
                "n_rows": len(fams),
                "n_kecamatan": spread[key],
                "families": sorted(set(fams)) if len(fams) > 1 else fams,
            }
        )
    return out


def unique_indicators(by_kecamatan: Rows) -> Rows:
    """Indicators that only one kecamatan has (empty when the folder holds a single kecamatan)."""
    if len({r["kecamatan"] for r in by_kecamatan}) < 2:
        return []
    keep = ("indicator_key", "representative", "kode_kecamatan", "kecamatan", "n_rows", "families")
    return [{k: r[k] for k in keep} for r in by_kecamatan if r["n_kecamatan"] == 1]


def first_rows(places: dict[str, Place], indicators: Rows) -> dict[str, dict[Place, dict[str, Any]]]:
    """indicator_key -> kecamatan -> its first row of the key (by indicator_id)."""
    first: dict[str, dict[Place, dict[str, Any]]] = defaultdict(dict)
    for i in sorted(indicators, key=lambda r: r["indicator_id"]):
        if i.get("indicator_key"):
            first[i["indicator_key"]].setdefault(places[i["doc_id"]], i)
    return first


def _lowest_similarity(norm: dict[Place, str]) -> dict[str, float]:
    """Each variant's lowest similarity to another variant (pairs of variants, not of kecamatan)."""
    variants = sorted(set(norm.values()))
    return {v: min(float(fuzz.token_sort_ratio(v, w)) for w in variants if w != v) for v in variants}


def formula_differences(places: dict[str, Place], indicators: Rows, clusters: Rows) -> Rows:
    """For indicators shared by several kecamatan: each one's formula, where the formulas differ."""
    rep = {c["indicator_key"]: c["representative"] for c in clusters}
    with_formula = [i for i in indicators if i.get("formula")]
    out: Rows = []
    for key, by_place in sorted(first_rows(places, with_formula).items(), key=lambda kv: kv[0]):
        norm = {place: normalized_formula(row["formula"]) for place, row in by_place.items()}
        n_variants = len(set(norm.values()))
        if len(by_place) < 2 or n_variants < 2:
            continue
        # A kecamatan sharing its variant with another is 100 to that one; the minimum is elsewhere.
        lowest = _lowest_similarity(norm)
        for place, row in sorted(by_place.items(), key=lambda kv: kv[0].key):
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
                    "n_variants": n_variants,
                    "similarity": round(lowest[norm[place]], 1),
                }
            )
    return out


@dataclass(frozen=True)
class Inputs:
    """The output tables of the selected documents, as the comparison reads them."""

    documents: Rows
    positions: Rows
    indicators: Rows
    clusters: Rows
    places: dict[str, Place]


def read_inputs(out_dir: Path, selection: Selection = EVERYTHING) -> Inputs:
    documents = select_documents(_read(out_dir, "documents"), selection)
    ids = {d["doc_id"] for d in documents}
    return Inputs(
        documents,
        _read(out_dir, "positions", ids),
        _read(out_dir, "indicators", ids),
        _read(out_dir, "indicator_clusters"),
        places_of(documents),
    )


def tables_of(inputs: Inputs) -> dict[str, Rows]:
    """The comparison tables of the selected documents."""
    places, positions, indicators, clusters = (
        inputs.places,
        inputs.positions,
        inputs.indicators,
        inputs.clusters,
    )
    by_kecamatan = indicator_kecamatan(places, positions, indicators, clusters)
    return {
        "family_kecamatan": family_kecamatan(places, positions, indicators),
        "indicator_kecamatan": by_kecamatan,
        "unique_indicators": unique_indicators(by_kecamatan),
        "formula_differences": formula_differences(places, indicators, clusters),
    }


def compare_tables(out_dir: Path, selection: Selection = EVERYTHING) -> dict[str, Rows]:
    """The comparison tables of an output folder (of the selected documents)."""
    return tables_of(read_inputs(out_dir, selection))


def report_parts(inputs: Inputs, tables: dict[str, Rows]) -> ReportParts:
    """Roll-ups, the coverage grid and the page data of the report."""
    families = list(dict.fromkeys(r["family"] for r in tables["family_kecamatan"]))
    regions = regions_of(inputs.documents, inputs.places)
    stats = place_stats(inputs.documents, inputs.places, inputs.positions, inputs.indicators)
    payload = build_payload(inputs, families, regions, stats, first_rows(inputs.places, inputs.indicators))
    return ReportParts(
        inputs.documents,
        rollup("provinsi", regions, stats),
        rollup("kabupaten", regions, stats),
        coverage_grid(families, regions, stats),
        encode_payload(payload),
    )


def write_compare(out_dir: Path, selection: Selection = EVERYTHING) -> Path:
    """Write OUT/compare/*.parquet and OUT/compare/report.html; returns the report's path."""
    target = out_dir / "compare"
    inputs = read_inputs(out_dir, selection)
    if not inputs.documents:
        raise EmptySelection(f"no document matches the selection ({selection.describe()})")
    tables = tables_of(inputs)
    check_tables(tables, COMPARE_TABLES)
    for name, rows in tables.items():
        schema = COMPARE_TABLES[name]
        table = pa.Table.from_pylist(rows, schema=schema)
        meta = {b"schema_version": SCHEMA_VERSION.encode(), b"table": name.encode()}
        write_atomic(table.replace_schema_metadata(meta), target / f"{name}.parquet")
    report = target / "report.html"
    tmp = target / ".report.html.tmp"
    tmp.write_text(
        render_report(tables, report_parts(inputs, tables), selection.describe()), encoding="utf-8"
    )
    os.replace(tmp, report)
    return report


class EmptySelection(ValueError):
    """The selection matches no document of the folder."""


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m pipeline.compare", description=__doc__.splitlines()[0])
    ap.add_argument("out_dir", nargs="?", default="data/out", help="extracted output folder")
    for kind, example in (("kecamatan", "Ngantang or 35.07.27"), ("kabupaten", "Malang or 35.07")):
        ap.add_argument(f"--{kind}", action="append", help=f"{example}; repeat or comma-separate")
    ap.add_argument("--provinsi", action="append", help="Jawa Timur or 35; repeat or comma-separate")
    ap.add_argument("--tahun", action="append", help="2022; repeat or comma-separate")
    return ap


def selection_of(args: argparse.Namespace) -> Selection:
    tahun = split_values(args.tahun)
    bad = [t for t in tahun if not t.isdigit()]
    if bad:
        raise EmptySelection(f"tahun must be a year: {', '.join(bad)}")
    return Selection(
        split_values(args.kecamatan),
        split_values(args.kabupaten),
        split_values(args.provinsi),
        tuple(int(t) for t in tahun),
    )


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    out_dir = Path(args.out_dir)
    if not (out_dir / "documents.parquet").exists():
        print(f"no documents.parquet in {out_dir}: run `make extract` first", file=sys.stderr)
        return 2
    try:
        print(f"wrote {write_compare(out_dir, selection_of(args))}")
    except EmptySelection as exc:
        print(f"compare: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
