"""Curation rows (review.parquet): low-score matches and unknown names, with their best candidates.

Nothing here decides anything: the normalisers did; this lists what an analyst should look at and
which vocabulary entry (data/*.yaml) would settle it.
"""

from __future__ import annotations

import hashlib
from typing import Any

from normalizers.jabatan import JabatanMatch
from normalizers.org import (
    best_candidates,
    known_acronyms,
    known_jabatan,
    known_units,
    match_unit,
    unknown_acronyms,
)
from normalizers.wilayah import WilayahLink
from problems import Problem, Severity, problem

Row = dict[str, Any]


def review_row(
    doc: str,
    found: Problem,
    subject: tuple[str, str, str],
    value: str,
    score: float | None,
    candidates: list[tuple[str, float]],
) -> Row:
    """One review row of problem `found` (its code is the row's kind); `subject` is (table, row id,
    field). Its id hashes all but the scores and the message."""
    assert found.severity is not Severity.REJECT, found
    table, subject_id, field = subject
    kind = found.code
    parts = [kind, subject_id, field, value, *(c for c, _ in candidates)]
    digest = hashlib.sha256("|".join(parts).encode("utf-8")).hexdigest()
    return {
        "review_id": f"R-{digest[:16]}",
        "doc_id": doc,
        "kind": kind,
        "subject_table": table,
        "subject_id": subject_id,
        "field": field,
        "value": value,
        "score": score,
        "candidates": [c for c, _ in candidates],
        "candidate_scores": [float(s) for _, s in candidates],
        "message": found.message,
    }


def wilayah_review(doc: str, printed: str | None, link: WilayahLink) -> list[Row]:
    """A printed kecamatan that is unlinked (the wilayah-unknown / wilayah-ambiguous issue is listed
    with its candidates) or linked with a low score."""
    if not printed or not link.needs_review:
        return []
    unlinked = {"wilayah-unknown", "wilayah-ambiguous"}
    found = next((p for p in link.problems if p.code in unlinked), None)
    if found is None:
        linked = f"{link.kecamatan} ({link.kode_kecamatan})"
        found = problem(
            "wilayah-low-score", field="kecamatan", kecamatan=printed, linked=linked, score=link.score
        )
    candidates = [(c.label(), c.score) for c in link.candidates]
    return [review_row(doc, found, ("documents", doc, "kecamatan"), printed, link.score, candidates)]


def jabatan_review(doc: str, position_id: str, match: JabatanMatch, low: Problem) -> list[Row]:
    """The jabatan-low-score issue `low` of a jabatan, with its best candidates."""
    candidates = best_candidates(match.canonical, known_jabatan())
    subject = ("positions", position_id, "jabatan")
    return [review_row(doc, low, subject, match.printed, match.score, candidates)]


def indicator_review(doc: str, row: Row) -> list[Row]:
    """Unknown penanggung jawab units and unknown acronyms in sumber data / penanggung jawab."""
    out: list[Row] = []
    iid = row["indicator_id"]
    for item in row.get("penanggung_jawab") or []:
        unit = match_unit(item)
        if unit.needs_review:
            subject = ("indicators", iid, "penanggung_jawab")
            candidates = best_candidates(unit.canonical, known_units())
            found = problem("penanggung-jawab-unknown", field="penanggung_jawab", value=item)
            out.append(review_row(doc, found, subject, item, unit.score, candidates))
    for field in ("sumber_data", "penanggung_jawab"):
        value = row.get(field)
        text = " ; ".join(value) if isinstance(value, list) else value
        for acronym in unknown_acronyms(text):
            candidates = best_candidates(acronym, known_acronyms())
            found = problem("org-acronym-unknown", field=field, acronym=acronym)
            out.append(review_row(doc, found, ("indicators", iid, field), acronym, None, candidates))
    return out
