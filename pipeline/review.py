"""Curation rows (review.parquet): low-score matches and unknown names, with their best candidates.

Nothing here decides anything: the normalisers did and listed their doubts
(`normalizers.review.ReviewCandidate`, each carrying its Problem); this gives each its row and id.
"""

from __future__ import annotations

import hashlib
from typing import Any

from normalizers.review import ReviewCandidate
from problems import Problem, Severity

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
    parts = [found.code, subject_id, field, value, *(c for c, _ in candidates)]
    digest = hashlib.sha256("|".join(parts).encode("utf-8")).hexdigest()
    return {
        "review_id": f"R-{digest[:16]}",
        "doc_id": doc,
        "kind": found.code,
        "subject_table": table,
        "subject_id": subject_id,
        "field": field,
        "value": value,
        "page": found.page,
        "score": score,
        "candidates": [c for c, _ in candidates],
        "candidate_scores": [float(s) for _, s in candidates],
        "message": found.message,
    }


def review_rows(doc: str, table: str, subject_id: str, found: tuple[ReviewCandidate, ...]) -> list[Row]:
    """The review rows of what the normalisers found doubtful about one row of `table`."""
    return [
        review_row(doc, c.problem, (table, subject_id, c.field), c.value, c.score, list(c.candidates))
        for c in found
    ]
