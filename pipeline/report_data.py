"""The data the report's page script browses, pre-aggregated and embedded as gzip + base64 JSON.

Shape (arrays, not objects, and every formula text once in a string table, so 10,000 documents
stay a few hundred kilobytes):
  families: [family]                      kab: [[kabupaten, kode_kabupaten, provinsi]]
  kec: [[name, kode, kab index, documents, "tahun,..", [indicator rows per family], distinct,
         shared, unique]]
  s: [string]                             ind: [[key, representative, n_variants, [occurrence..]]]
  occurrence, flattened in sixes: kec index, formula, numerator, denominator, measure (string
  indexes, -1 for none), variant (0 = the formula most kecamatan use, -1 for no formula).
"""

from __future__ import annotations

import base64
import gzip
import json
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from normalizers.identity import normalize_text
from pipeline.rollup import PlaceStats, Region

if TYPE_CHECKING:
    from pipeline.compare import Inputs, Place

Rows = list[dict[str, Any]]
_FIELDS = ("formula", "numerator", "denominator", "measure")
# Corpus formulas repeat (one wording per template, kabupaten or office): normalise each once.
normalized_formula = lru_cache(maxsize=1 << 16)(normalize_text)


class Strings:
    """Interns texts: each distinct one stored once, referred to by its index."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def ref(self, text: str | None) -> int:
        if not text:
            return -1
        return self.index.setdefault(text, len(self.index))

    def table(self) -> list[str]:
        return list(self.index)


def _variants(by_place: dict[Place, dict[str, Any]]) -> dict[str, int]:
    """Normalised formula -> variant number, the most used first (ties by text)."""
    counts = Counter(normalized_formula(r["formula"]) for r in by_place.values() if r.get("formula"))
    return {v: n for n, (v, _) in enumerate(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))}


def _indicators(
    inputs: Inputs,
    first: dict[str, dict[Place, dict[str, Any]]],
    kec_index: dict[Place, int],
    strings: Strings,
) -> list[list[Any]]:
    rep = {c["indicator_key"]: c["representative"] for c in inputs.clusters}
    out = []
    for key in sorted(first, key=lambda k: (-len(first[k]), rep.get(k, ""), k)):
        by_place, occurrences = first[key], []
        variants = _variants(by_place)
        for place in sorted(by_place, key=lambda p: kec_index[p]):
            row = by_place[place]
            variant = variants[normalized_formula(row["formula"])] if row.get("formula") else -1
            occurrences += [kec_index[place], *(strings.ref(row.get(f)) for f in _FIELDS), variant]
        out.append([key, rep.get(key, ""), len(variants), occurrences])
    return out


def build_payload(
    inputs: Inputs,
    families: list[str],
    regions: dict[Place, Region],
    stats: dict[Place, PlaceStats],
    first: dict[str, dict[Place, dict[str, Any]]],
) -> dict[str, Any]:
    """The page's data for the selected documents."""
    kab = sorted({(r.kabupaten, r.kode_kabupaten or "", r.provinsi) for r in regions.values()})
    kab_index = {k: n for n, k in enumerate(kab)}
    places = sorted(regions, key=lambda p: (p.name, p.key))
    kec_index = {p: n for n, p in enumerate(places)}
    spread = {key: len(by_place) for key, by_place in first.items()}
    kec = []
    for p in places:
        s, r = stats[p], regions[p]
        kec.append(
            [
                p.name,
                p.kode or "",
                kab_index[r.kabupaten, r.kode_kabupaten or "", r.provinsi],
                s.documents,
                ",".join(map(str, sorted(s.tahun))),
                [s.rows[f] for f in families],
                len(s.keys),
                sum(spread.get(k, 0) > 1 for k in s.keys),
                sum(spread.get(k, 0) == 1 for k in s.keys),
            ]
        )
    strings = Strings()
    indicators = _indicators(inputs, first, kec_index, strings)
    return {
        "families": families,
        "kab": [list(k) for k in kab],
        "kec": kec,
        "s": strings.table(),
        "ind": indicators,
    }


def encode_payload(payload: dict[str, Any]) -> str:
    """Compact JSON, gzip (no timestamp: the same data gives the same file), base64."""
    raw = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    # Level 6: 3 % larger than 9 at a fifth of the time.
    return base64.b64encode(gzip.compress(raw, compresslevel=6, mtime=0)).decode("ascii")
