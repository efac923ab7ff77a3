"""Batch stage: indicator identity across documents (normalizers/identity.py).

Gives every indicator row its `indicator_key` and `identity_score`, builds the `indicator_clusters`
table and lists near misses for review. It needs the whole batch, so `run_batch` calls it after every
document is converted and before validation and writing. Input rows are not modified.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from normalizers.identity import Cluster, IndicatorText, cluster_indicators, near_misses
from pipeline.review import review_row
from problems import problem

Rows = dict[str, list[dict[str, Any]]]


def _kecamatan_of(docs: dict[str, dict[str, Any]], doc: str) -> tuple[str, str] | None:
    """(identity, display name) of a document's kecamatan: the kode when linked, else the name."""
    d = docs.get(doc) or {}
    name = d.get("kecamatan")
    if not name and not d.get("kode_kecamatan"):
        return None
    return str(d.get("kode_kecamatan") or str(name).lower()), str(name or d.get("kecamatan_gazetteer"))


def _cluster_row(
    c: Cluster, by_id: dict[str, dict[str, Any]], docs: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    members = [by_id[m] for m in c.members]
    places = {k for m in members if (k := _kecamatan_of(docs, m["doc_id"]))}
    measures = Counter(m["measure"] for m in members if m.get("measure"))
    return {
        "indicator_key": c.key,
        "representative": by_id[c.representative_id]["indikator"],
        "representative_normalized": c.representative,
        "measure": min(measures, key=lambda x: (-measures[x], x)) if measures else None,
        "n_members": len(members),
        "n_documents": len({m["doc_id"] for m in members}),
        "n_kecamatan": len({k for k, _ in places}),
        "kecamatan": sorted({name for _, name in places}),
        "member_ids": list(c.members),
        "min_identity_score": min(c.scores.values()),
    }


def assign_identity(rows: Rows) -> Rows:
    """The batch's rows with indicator keys, plus `indicator_clusters` and near-miss `review` rows."""
    docs = {d["doc_id"]: d for d in rows.get("documents", [])}
    indicators = [dict(r) for r in rows.get("indicators", [])]
    by_id = {r["indicator_id"]: r for r in indicators}
    items = [
        IndicatorText(r["indicator_id"], r["indikator"], r.get("formula"), r.get("measure"), r["doc_id"])
        for r in indicators
    ]
    clusters = cluster_indicators(items)
    for c in clusters:
        for m in c.members:
            by_id[m].update(indicator_key=c.key, identity_score=c.scores[m])
    review = list(rows.get("review", []))
    for miss in near_misses(items, clusters):
        a, b = by_id[miss.a], by_id[miss.b]
        place = (_kecamatan_of(docs, b["doc_id"]) or ("", "?"))[1]
        candidate = (f"{b['indikator']} [{place}; {b['indicator_key']}]", miss.score)
        subject = ("indicators", a["indicator_id"], "indikator")
        near = problem("indicator-near-miss", field="indikator", indikator=a["indikator"][:60])
        review.append(review_row(a["doc_id"], near, subject, a["indikator"], None, [candidate]))
    clusters_rows = [_cluster_row(c, by_id, docs) for c in clusters]
    return {**rows, "indicators": indicators, "indicator_clusters": clusters_rows, "review": review}
