"""Validation before writing: every table checked against the output contract.

Column presence and nullability come from the Arrow schema (pipeline/schema.py), value rules from
`pipeline/checks.py`, uniqueness from `KEYS`, and references to positions / documents from the batch.
A violation never becomes a silent bad row:
- a bad `documents` row rejects its whole document (reject code `invalid-document`);
- a bad row of another document table is dropped and reported as an issue (`invalid-row`) of its
  document, whose status is then decided again from all its issues (`problems.determine_status`);
- a bad row of a batch table (`issues`, `rejects`, `indicator_clusters`) or of a comparison table
  (`make compare`) is a pipeline bug and raises `ValidationFailed`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from pipeline.checks import ColumnRule, is_null, table_rules
from pipeline.problem_rows import issue_row, reject_row
from pipeline.schema import KEYS, TABLES
from problems import determine_status, problem, spec

Rows = dict[str, list[dict[str, Any]]]
DOC_TABLES = ("documents", "positions", "duties", "indicators", "review", "pages", "table_reports")


class ValidationFailed(Exception):
    """A batch table (issues, rejects, indicator_clusters) broke the contract: a pipeline bug."""


def _column_failures(table: str, rule: ColumnRule, values: list[Any]) -> Iterable[tuple[int, str]]:
    """(row index, description) of every value of one column that breaks its rule."""
    where = f"{table}.{rule.name}"
    for i, value in enumerate(values):
        if is_null(value):
            if not rule.nullable:
                yield i, f"{where}: not_nullable failed for None"
            continue
        for check in rule.checks:
            if not check.passes(value):
                yield i, f"{where}: {check.name} failed for {value!r}"
    if rule.unique:
        counts = Counter(v for v in values if not is_null(v))
        for i, value in enumerate(values):
            if not is_null(value) and counts[value] > 1:
                yield i, f"{where}: field_uniqueness failed for {value!r}"


def _failures(name: str, rows: list[dict[str, Any]], refs: dict[str, set[str]]) -> dict[int, list[str]]:
    """Row index -> descriptions of the checks it failed."""
    found: dict[int, list[str]] = defaultdict(list)
    for rule in table_rules(name):
        values = [r.get(rule.name) for r in rows]
        for i, message in _column_failures(name, rule, values):
            found[i].append(message)
        if rule.name in refs:
            ok = refs[rule.name]
            for i, value in enumerate(values):
                if not is_null(value) and value not in ok:
                    found[i].append(f"{name}.{rule.name}: known_id failed for {value!r}")
    return dict(found)


def _row_id(name: str, row: dict[str, Any]) -> str:
    return ", ".join(str(row.get(k)) for k in KEYS.get(name, ())) or "?"


def _drop_documents(rows: Rows, bad: dict[str, str]) -> Rows:
    """Move documents whose row is invalid to rejects, with every row that belongs to them."""
    docs = {d["doc_id"]: d for d in rows.get("documents", [])}
    kept = {
        t: [r for r in rs if r.get("doc_id") not in bad] if t != "rejects" else rs for t, rs in rows.items()
    }
    kept["rejects"] = list(rows.get("rejects", [])) + [
        reject_row(
            problem("invalid-document", source_file=docs[doc]["source_file"] or "?", failures=message),
            docs[doc].get("source_sha256"),
        )
        for doc, message in sorted(bad.items())
    ]
    return kept


def _issue(row: dict[str, Any], sources: dict[str, str], message: str, row_id: str) -> dict[str, Any]:
    doc = str(row.get("doc_id"))
    invalid = problem(
        "invalid-row",
        source_file=sources.get(doc, "?"),
        page=row.get("page"),
        field=message.split(":")[0].split(".", 1)[1],
        failure=message,
        row_id=row_id,
    )
    return issue_row(doc, invalid)


def _orphan(issue: dict[str, Any]) -> dict[str, Any]:
    """A row of no document in the batch cannot become an issue: it is reported as a reject."""
    orphan = problem("orphan-row", source_file="?", doc_id=issue["doc_id"], detail=issue["message"])
    return reject_row(orphan, None)


def _restatus(documents: list[dict[str, Any]], issues: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each document's status decided again from all its issues (validation may have added some)."""
    codes: dict[str, list[str]] = defaultdict(list)
    for i in issues:
        codes[i["doc_id"]].append(i["code"])
    return [
        {**d, "status": determine_status(spec(c).severity for c in codes[d["doc_id"]]).value}
        for d in documents
    ]


def check_tables(rows: Rows, names: Iterable[str]) -> None:
    """Raise ValidationFailed when a derived table (batch or comparison table) breaks the contract."""
    for name in names:
        if failures := _failures(name, rows.get(name, []), {}):
            raise ValidationFailed("; ".join(m for ms in failures.values() for m in ms))


def validate_rows(rows: Rows, tables: Iterable[str] = tuple(TABLES)) -> Rows:
    """The rows that satisfy the contract; every violation turned into a reject or an issue row."""
    wanted = set(tables)
    rows = {name: list(rs) for name, rs in rows.items()}
    if "documents" in wanted:
        failures = _failures("documents", rows.get("documents", []), {})
        bad = {rows["documents"][i]["doc_id"]: "; ".join(ms) for i, ms in failures.items()}
        rows = _drop_documents(rows, bad)
    doc_ids = {d["doc_id"] for d in rows.get("documents", [])}
    position_ids = {p["position_id"] for p in rows.get("positions", [])}
    refs = {"doc_id": doc_ids, "position_id": position_ids}
    sources = {d["doc_id"]: d["source_file"] for d in rows.get("documents", [])}
    new_issues: list[dict[str, Any]] = []
    for name in (t for t in DOC_TABLES[1:] if t in wanted):
        failures = _failures(name, rows.get(name, []), refs)
        for i, messages in sorted(failures.items()):
            row = rows[name][i]
            new_issues += [_issue(row, sources, m, _row_id(name, row)) for m in messages]
        rows[name] = [r for i, r in enumerate(rows.get(name, [])) if i not in failures]
    rows["issues"] = list(rows.get("issues", [])) + [i for i in new_issues if i["doc_id"] in doc_ids]
    rows["rejects"] = list(rows.get("rejects", [])) + [
        _orphan(i) for i in new_issues if i["doc_id"] not in doc_ids
    ]
    check_tables(rows, [t for t in TABLES if t in wanted and t not in DOC_TABLES])
    rows["documents"] = _restatus(rows.get("documents", []), rows["issues"])  # codes now known good
    return rows
