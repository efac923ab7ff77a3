"""Validation before writing: every table checked with pandera against the output contract.

Column presence and nullability come from the Arrow schema (pipeline/schema.py), value rules from
`_CHECKS` below, uniqueness from `KEYS`, and references to positions / documents from the batch.
A violation never becomes a silent bad row:
- a bad `documents` row rejects its whole document (reject code `invalid-document`);
- a bad row of another document table is dropped and reported as an issue (`invalid-row`) of its
  document, whose status is then decided again from all its issues (`problems.determine_status`);
- a bad row of a batch table (`issues`, `rejects`, `indicator_clusters`) or of a comparison table
  (`make compare`) is a pipeline bug and raises `ValidationFailed`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from typing import Any

import pandas as pd
import pandera.pandas as pa
import pyarrow
from pandera.errors import SchemaErrors

from normalizers.jabatan import FAMILIES
from pipeline.problem_rows import issue_row, reject_row
from pipeline.schema import (
    COMPARE_TABLES,
    DOCUMENT_CONFIDENCE_FIELDS,
    INDICATOR_CONFIDENCE_FIELDS,
    KEYS,
    TABLES,
)
from problems import Severity, catalogue, determine_status, problem, spec
from problems.catalogue import STAGES
from vocabulary import load
from vocabulary.schemas import Language

Rows = dict[str, list[dict[str, Any]]]
DOC_TABLES = ("documents", "positions", "duties", "indicators", "review", "pages", "table_reports")

_ALL = {**TABLES, **COMPARE_TABLES}
_IDS = r"^[0-9a-f]{16}$"
_MEASURES = [m.measure for m in load(Language).measures if m.measure] + ["lainnya"]
_DUTY_KINDS = ["tugas", "fungsi", "tujuan", "indikator_tujuan", "visi", "misi"]


def _codes(*severities: Severity) -> list[str]:
    """Catalogued codes of these severities: a row's code must be one (docs/problems.md)."""
    return [c.code for c in catalogue().values() if c.severity in severities]


def _list_of_text(value: Any) -> bool:
    return value is None or all(isinstance(v, str) and v.strip() for v in value)


_CHECKS: dict[tuple[str, str], list[pa.Check]] = {
    ("documents", "doc_id"): [pa.Check.str_matches(_IDS)],
    ("documents", "input_format"): [pa.Check.isin(["text", "pdf", "pdf_ocr"])],
    ("documents", "doc_kind"): [pa.Check.isin(["IKI", "IKU", "IKU+IKI"])],
    ("documents", "status"): [pa.Check.isin(["SUCCESS", "PARTIAL_SUCCESS"])],
    ("documents", "tahun"): [pa.Check.in_range(1945, 2100)],
    ("documents", "quality"): [pa.Check.in_range(0.0, 1.0)],
    ("documents", "kode_kecamatan"): [pa.Check.str_matches(r"^\d{2}\.\d{2}\.\d{2}$")],
    ("documents", "kode_kabupaten"): [pa.Check.str_matches(r"^\d{2}\.\d{2}$")],
    ("documents", "wilayah_score"): [pa.Check.in_range(0.0, 100.0)],
    ("positions", "seq"): [pa.Check.ge(1)],
    ("positions", "jabatan"): [pa.Check.str_length(min_value=1)],
    ("positions", "family"): [pa.Check.isin(list(FAMILIES))],
    ("positions", "match_score"): [pa.Check.in_range(0.0, 100.0)],
    ("duties", "kind"): [pa.Check.isin(_DUTY_KINDS)],
    ("duties", "seq"): [pa.Check.ge(1)],
    ("duties", "text"): [pa.Check.str_length(min_value=1)],
    ("indicators", "level"): [pa.Check.isin(["IKU", "IKI"])],
    ("indicators", "seq"): [pa.Check.ge(1)],
    ("indicators", "indikator"): [pa.Check.str_length(min_value=1)],
    ("indicators", "multiplier"): [pa.Check.gt(0)],
    ("indicators", "measure"): [pa.Check.isin(_MEASURES)],
    ("indicators", "confidence"): [pa.Check.in_range(0.0, 1.0)],
    **{("indicators", f"confidence_{n}"): [pa.Check.in_range(0.0, 1.0)] for n in INDICATOR_CONFIDENCE_FIELDS},
    **{("documents", f"confidence_{n}"): [pa.Check.in_range(0.0, 1.0)] for n in DOCUMENT_CONFIDENCE_FIELDS},
    ("review", "page"): [pa.Check.ge(1)],
    ("indicators", "indicator_key"): [pa.Check.str_matches(r"^IND-[0-9a-f]{12}$")],
    ("indicators", "identity_score"): [pa.Check.in_range(0.0, 100.0)],
    ("indicator_clusters", "n_members"): [pa.Check.ge(1)],
    ("review", "score"): [pa.Check.in_range(0.0, 100.0)],
    ("review", "kind"): [pa.Check.isin(_codes(Severity.ISSUE, Severity.REVIEW))],
    ("issues", "code"): [pa.Check.isin(_codes(Severity.ISSUE))],
    ("issues", "stage"): [pa.Check.isin(sorted(STAGES))],
    ("rejects", "code"): [pa.Check.isin(_codes(Severity.REJECT))],
    ("rejects", "stage"): [pa.Check.isin(sorted(STAGES))],
    ("pages", "page"): [pa.Check.ge(1)],
    ("pages", "read_by"): [pa.Check.isin(["text", "text-layer", "ocr"])],
    ("pages", "rotation"): [pa.Check.isin([0, 90, 180, 270])],
    ("pages", "ocr_confidence"): [pa.Check.in_range(0.0, 1.0)],
    ("pages", "n_tables"): [pa.Check.ge(0)],
    ("table_reports", "seq"): [pa.Check.ge(1)],
    ("table_reports", "page"): [pa.Check.ge(1)],
    ("table_reports", "quality"): [pa.Check.in_range(0.0, 1.0)],
    ("table_reports", "n_rows"): [pa.Check.ge(0)],
    ("table_reports", "n_cols"): [pa.Check.ge(0)],
    ("documents", "parse_seconds"): [pa.Check.ge(0.0)],
    ("documents", "structure_seconds"): [pa.Check.ge(0.0)],
    ("documents", "normalize_seconds"): [pa.Check.ge(0.0)],
    ("pages", "text_layer_score"): [pa.Check.in_range(0.0, 1.0)],
    ("documents", "convert_seconds"): [pa.Check.ge(0.0)],
    ("family_kecamatan", "n_indicators"): [pa.Check.ge(0)],
    ("family_kecamatan", "n_positions"): [pa.Check.ge(0)],
    ("indicator_kecamatan", "n_kecamatan"): [pa.Check.ge(1)],
    ("formula_differences", "n_variants"): [pa.Check.ge(2)],
    ("formula_differences", "similarity"): [pa.Check.in_range(0.0, 100.0)],
}


class ValidationFailed(Exception):
    """A batch table (issues, rejects, indicator_clusters) broke the contract: a pipeline bug."""


def table_schema(name: str, refs: dict[str, set[str]] | None = None) -> pa.DataFrameSchema:
    """The pandera schema of one output table; `refs` maps a reference column to its valid ids."""
    arrow = _ALL[name]
    keys = KEYS.get(name, ())
    columns = {}
    for f in arrow:
        checks = list(_CHECKS.get((name, f.name), []))
        if f.type == pyarrow.list_(pyarrow.string()):
            checks.append(pa.Check(_list_of_text, element_wise=True, name="list_of_text"))
        if refs and f.name in refs:
            valid = refs[f.name]
            checks.append(
                pa.Check(lambda v, ok=valid: v is None or v in ok, element_wise=True, name="known_id")
            )
        columns[f.name] = pa.Column(
            nullable=f.nullable, checks=checks, unique=keys == (f.name,), required=True, coerce=False
        )
    return pa.DataFrameSchema(columns, strict=True, name=name)


@cache
def _schema(name: str) -> pa.DataFrameSchema:
    return table_schema(name)


def _ref_failures(name: str, rows: list[dict[str, Any]], refs: dict[str, set[str]]) -> dict[int, list[str]]:
    """References checked in plain Python: validation runs per document, where building a pandera
    schema with the document's ids (and element-wise checks) cost more than the conversion."""
    found: dict[int, list[str]] = defaultdict(list)
    for column in (c for c in _ALL[name].names if c in refs):
        ok = refs[column]
        for i, row in enumerate(rows):
            value = row.get(column)
            if value is not None and value not in ok:
                found[i].append(f"{name}.{column}: known_id failed for {value!r}")
    return found


def _failures(name: str, rows: list[dict[str, Any]], refs: dict[str, set[str]]) -> dict[int, list[str]]:
    """Row index -> descriptions of the checks it failed."""
    frame = pd.DataFrame(
        [{f.name: r.get(f.name) for f in _ALL[name]} for r in rows], columns=_ALL[name].names
    )
    found = _ref_failures(name, rows, refs)
    try:
        _schema(name).validate(frame, lazy=True)
    except SchemaErrors as err:
        for case in err.failure_cases.to_dict("records"):
            index = case.get("index")
            where = list(range(len(rows))) if index is None or pd.isna(index) else [int(index)]
            for i in where:
                found[i].append(
                    f"{name}.{case['column']}: {case['check']} failed for {case['failure_case']!r}"
                )
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
