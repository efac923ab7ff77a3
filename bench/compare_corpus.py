"""A corpus-scale output folder for the comparison bench: the seeds' extracted tables, copied N times
and moved to real kecamatan of the gazetteer, with varied indicator identities and formulas.

The comparison reads the output tables (documents, positions, indicators, indicator_clusters), not
the documents, so this writes those tables directly: it measures `make compare`, not extraction
(the extraction scale corpus of issue 13 lives in its own bench module). Deterministic per seed.

Each copied indicator row keeps its indicator_key (shared across the corpus), or becomes a variant
shared within its kabupaten, or one found in its document only; variants, and some shared rows,
get their wording and formula varied so the formula comparison has real differences to find.
"""

from __future__ import annotations

import hashlib
import random
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from normalizers.gazetteer import District, gazetteer
from pipeline.schema import SCHEMA_VERSION, TABLES

Rows = list[dict[str, Any]]

# Words a copy swaps in for each other, so variants differ in wording, not only in key.
_SWAPS = [
    ("Jumlah", "Banyaknya"),
    ("Persentase", "Prosentase"),
    ("dokumen", "berkas"),
    ("Desa", "Kelurahan"),
    ("laporan", "pelaporan"),
    ("kegiatan", "program"),
]
_TAHUN = (2021, 2022, 2023, 2024)


@dataclass(frozen=True)
class Mix:
    """Shares of copied indicator rows that stay corpus-wide, become kabupaten-wide or document-only."""

    regional: float = 0.2
    unique: float = 0.1
    formula_varied: float = 0.2  # of the corpus-wide rows
    kabupaten_format: float = 0.7  # documents copied from their kabupaten's template


def _hex(*parts: object) -> str:
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:16]


def _vary(text: str | None, rng: random.Random) -> str | None:
    if not text:
        return text
    for a, b in rng.sample(_SWAPS, k=2):
        text = text.replace(a, b)
    return text


def _read(out_dir: Path, name: str) -> Rows:
    return pq.read_table(out_dir / f"{name}.parquet").to_pylist()


def _document(doc: dict[str, Any], new_id: str, place: District, rng: random.Random) -> dict[str, Any]:
    reg = place.regency
    return {
        **doc,
        "doc_id": new_id,
        "source_file": f"c{new_id[:6]}_{doc['source_file']}",
        "source_sha256": hashlib.sha256(new_id.encode()).hexdigest(),
        "kecamatan": place.name,
        "kabupaten": reg.short,
        "tahun": rng.choice(_TAHUN),
        "kode_kecamatan": place.code,
        "kode_kabupaten": reg.code,
        "kabupaten_gazetteer": reg.name,
        "provinsi": reg.province,
        "kecamatan_gazetteer": place.name,
        "wilayah_score": 100.0,
        "wilayah_method": "name+kabupaten",
    }


def _indicator(
    row: dict[str, Any], doc: str, place: District, rng: random.Random, mix: Mix
) -> dict[str, Any]:
    draw, key = rng.random(), row["indicator_key"]
    out = {**row, "doc_id": doc, "indicator_id": doc + row["indicator_id"][16:]}
    if row.get("position_id"):
        out["position_id"] = doc + row["position_id"][16:]
    if draw < mix.unique:
        out["indicator_key"] = "IND-" + _hex(key, doc, row["indicator_id"])[:12]
    elif draw < mix.unique + mix.regional:
        out["indicator_key"] = "IND-" + _hex(key, place.regency.code)[:12]
    elif draw > 1 - mix.formula_varied:
        out["formula"], out["numerator"] = _vary(row["formula"], rng), _vary(row["numerator"], rng)
        return out
    else:
        return out
    # A variant key: worded as its kabupaten (or document) words it, with its own formula.
    vary = random.Random(out["indicator_key"])
    for field in ("indikator", "formula", "numerator", "denominator"):
        out[field] = _vary(row[field], vary)
    return out


def _clusters(indicators: Rows, kecamatan_of: dict[str, str]) -> Rows:
    members: dict[str, Rows] = defaultdict(list)
    for r in indicators:
        members[r["indicator_key"]].append(r)
    out = []
    for key, rows in members.items():
        rows.sort(key=lambda r: r["indicator_id"])
        places = sorted({kecamatan_of[r["doc_id"]] for r in rows})
        out.append(
            {
                "indicator_key": key,
                "representative": rows[0]["indikator"],
                "representative_normalized": rows[0]["indikator"].lower(),
                "measure": rows[0].get("measure"),
                "n_members": len(rows),
                "n_documents": len({r["doc_id"] for r in rows}),
                "n_kecamatan": len(places),
                "kecamatan": places,
                "member_ids": [r["indicator_id"] for r in rows],
                "min_identity_score": 100.0,
            }
        )
    return out


def build_compare_corpus(seeds_out: Path, dst: Path, n_docs: int, seed: int = 15, mix: Mix = Mix()) -> Path:
    """Write documents / positions / indicators / indicator_clusters of n_docs copies into dst."""
    rng = random.Random(seed)
    docs, positions = _read(seeds_out, "documents"), _read(seeds_out, "positions")
    indicators = _read(seeds_out, "indicators")
    districts = sorted(gazetteer().districts.values(), key=lambda d: d.code)
    pos_of: dict[str, Rows] = defaultdict(list)
    ind_of: dict[str, Rows] = defaultdict(list)
    for p in positions:
        pos_of[p["doc_id"]].append(p)
    for i in indicators:
        ind_of[i["doc_id"]].append(i)
    out: dict[str, Rows] = {"documents": [], "positions": [], "indicators": []}
    kecamatan_of: dict[str, str] = {}
    for n in range(n_docs):
        place = rng.choice(districts)
        # Kecamatan of one kabupaten mostly follow the kabupaten's own format (one template each).
        own = int(hashlib.sha256(place.regency.code.encode()).hexdigest(), 16) % len(docs)
        template = docs[own] if rng.random() < mix.kabupaten_format else docs[n % len(docs)]
        new = _hex(seed, n, template["doc_id"])
        out["documents"].append(_document(template, new, place, rng))
        kecamatan_of[new] = place.name
        out["positions"] += [
            {**p, "doc_id": new, "position_id": new + p["position_id"][16:]}
            for p in pos_of[template["doc_id"]]
        ]
        out["indicators"] += [_indicator(i, new, place, rng, mix) for i in ind_of[template["doc_id"]]]
    out["indicator_clusters"] = _clusters(out["indicators"], kecamatan_of)
    dst.mkdir(parents=True, exist_ok=True)
    for name, rows in out.items():
        table = pa.Table.from_pylist(rows, schema=TABLES[name])
        meta = {b"schema_version": SCHEMA_VERSION.encode(), b"table": name.encode()}
        pq.write_table(table.replace_schema_metadata(meta), dst / f"{name}.parquet")
    return dst
