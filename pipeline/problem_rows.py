"""Problems -> rows of the `rejects` and `issues` tables, and back (the batch summary reads rejects)."""

from __future__ import annotations

from typing import Any

from problems import Problem, Severity, spec

Row = dict[str, Any]


def reject_row(reject: Problem, sha256: str | None) -> Row:
    """The `rejects` row of a file that gave no document."""
    assert reject.severity is Severity.REJECT, reject
    return {
        "source_file": reject.source_file or "?",
        "source_sha256": sha256,
        "stage": reject.stage,
        "code": reject.code,
        "message": reject.message,
    }


def issue_row(doc_id: str, found: Problem) -> Row:
    """The `issues` row of a problem noticed in a document that came out."""
    assert found.severity is Severity.ISSUE, found
    return {
        "doc_id": doc_id,
        "source_file": found.source_file or "?",
        "code": found.code,
        "message": found.message,
        "page": found.page,
        "field": found.field,
        "stage": found.stage,
    }


def problem_from_row(row: Row) -> Problem:
    """A Problem read back from a `rejects` or `issues` row (its message kept as written)."""
    entry = spec(row["code"])
    return Problem(
        entry.code,
        entry.severity,
        row["message"],
        row.get("stage") or entry.stage,
        row.get("source_file"),
        row.get("page"),
        row.get("field"),
    )
