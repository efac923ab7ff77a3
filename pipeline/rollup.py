"""Kecamatan figures rolled up to kabupaten and provinsi, and coverage grids no wider than a screen.

A place is a kecamatan (pipeline.compare.Place); its region is the gazetteer's kabupaten and
provinsi of its first document (the printed kabupaten when unlinked).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

Rows = list[dict[str, Any]]
IKU = "IKU"
UNLINKED = "(not linked)"
TOP_N = 12  # heatmap columns before the rest is summarised in one column


@dataclass(frozen=True, order=True)
class Region:
    provinsi: str
    kabupaten: str
    kode_kabupaten: str | None


@dataclass
class PlaceStats:
    documents: int = 0
    tahun: set[int] = field(default_factory=set)
    positions: Counter[str] = field(default_factory=Counter)  # family -> positions
    rows: Counter[str] = field(default_factory=Counter)  # family -> indicator rows
    keys: set[str] = field(default_factory=set)  # indicator_key present

    def families(self) -> set[str]:
        return {f for f, n in self.positions.items() if n} | {f for f, n in self.rows.items() if n}


def regions_of(documents: Rows, places: dict[str, Any]) -> dict[Any, Region]:
    """place -> its kabupaten and provinsi (first document by doc_id decides)."""
    out: dict[Any, Region] = {}
    for d in sorted(documents, key=lambda d: d["doc_id"]):
        kabupaten = d.get("kabupaten_gazetteer") or d.get("kabupaten") or UNLINKED
        out.setdefault(
            places[d["doc_id"]], Region(d.get("provinsi") or UNLINKED, kabupaten, d.get("kode_kabupaten"))
        )
    return out


def place_stats(
    documents: Rows, places: dict[str, Any], positions: Rows, indicators: Rows
) -> dict[Any, PlaceStats]:
    """Per kecamatan: documents, years, positions and indicator rows per family, indicator keys."""
    family = {p["position_id"]: p.get("family") or "LAINNYA" for p in positions}
    stats: dict[Any, PlaceStats] = defaultdict(PlaceStats)
    for d in documents:
        s = stats[places[d["doc_id"]]]
        s.documents += 1
        if d.get("tahun"):
            s.tahun.add(d["tahun"])
    for p in positions:
        stats[places[p["doc_id"]]].positions[family[p["position_id"]]] += 1
    for i in indicators:
        s = stats[places[i["doc_id"]]]
        s.rows[family.get(i["position_id"] or "", IKU)] += 1
        if i.get("indicator_key"):
            s.keys.add(i["indicator_key"])
    return dict(stats)


def _group_row(name: str, members: list[Any], stats: dict[Any, PlaceStats]) -> dict[str, Any]:
    keys = [stats[m].keys for m in members]
    common = set.intersection(*keys) if len(keys) > 1 else set()
    return {
        "name": name,
        "n_kecamatan": len(members),
        "n_documents": sum(stats[m].documents for m in members),
        "n_rows": sum(sum(stats[m].rows.values()) for m in members),
        "n_distinct": len(set().union(*keys)),
        "n_common": len(common) if len(keys) > 1 else None,
        "n_families": len(set().union(*(stats[m].families() for m in members))),
    }


def rollup(level: str, regions: dict[Any, Region], stats: dict[Any, PlaceStats]) -> Rows:
    """One row per provinsi or kabupaten ("provinsi" | "kabupaten"), largest first."""
    groups: dict[tuple[str, ...], list[Any]] = defaultdict(list)
    for place, region in regions.items():
        if level == "provinsi":
            groups[(region.provinsi,)].append(place)
        else:
            groups[(region.kabupaten, region.kode_kabupaten or "", region.provinsi)].append(place)
    rows = []
    for key, members in groups.items():
        row = _group_row(key[0], members, stats)
        if level == "kabupaten":
            row |= {"kode_kabupaten": key[1] or None, "provinsi": key[2]}
        rows.append(row)
    return sorted(rows, key=lambda r: (-r["n_kecamatan"], -r["n_rows"], r["name"]))


def _columns(
    regions: dict[Any, Region], stats: dict[Any, PlaceStats], top_n: int
) -> list[tuple[str, list[Any]]]:
    """Heatmap columns: kecamatan when few, else kecamatan of one kabupaten or kabupaten; top-N + rest."""
    places = sorted(regions, key=lambda p: (p.name, p.kode or ""))
    names = Counter(p.name for p in places)
    label = {p: p.name if names[p.name] == 1 else f"{p.name} ({p.kode or '?'})" for p in places}
    if len(places) <= top_n:
        return [(label[p], [p]) for p in places]
    by_kabupaten: dict[str, list[Any]] = defaultdict(list)
    for p in places:
        by_kabupaten[regions[p].kabupaten].append(p)
    if len(by_kabupaten) == 1:
        groups, unit = [(label[p], [p]) for p in places], "kecamatan"
    else:
        groups, unit = list(by_kabupaten.items()), "kabupaten"
    groups.sort(key=lambda g: (-sum(sum(stats[m].rows.values()) for m in g[1]), g[0]))
    head, rest = groups[:top_n], groups[top_n:]
    if rest:
        head.append((f"other {len(rest)} {unit}", [m for _, ms in rest for m in ms]))
    return head


def coverage_grid(
    families: list[str], regions: dict[Any, Region], stats: dict[Any, PlaceStats], top_n: int = TOP_N
) -> Rows:
    """family x column: kecamatan in the column, how many have the family, positions, indicator rows."""
    out = []
    columns = _columns(regions, stats, top_n)
    present = {m: stats[m].families() for m in regions}
    for fam in families:
        for label, members in columns:
            n_present = sum(fam in present[m] for m in members)
            out.append(
                {
                    "family": fam,
                    "column": label,
                    "n_kecamatan": len(members),
                    "n_present": n_present,
                    "present": n_present > 0,
                    "n_positions": sum(stats[m].positions[fam] for m in members),
                    "n_indicators": sum(stats[m].rows[fam] for m in members),
                }
            )
    return out
