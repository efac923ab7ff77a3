"""Validation before writing: violations become rejects or issues, never silent bad rows."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from pipeline.checks import ALL_TABLES, _checks, table_rules
from pipeline.compare import compare_tables
from pipeline.schema import TABLES
from pipeline.validate import ValidationFailed, check_tables, validate_rows
from tests.conftest import read_table

Rows = dict[str, list[dict[str, Any]]]


@pytest.fixture(scope="module")
def seed_rows(seeds_out: Path) -> Rows:
    return {name: read_table(seeds_out, name) for name in TABLES}


def _new_issues(before: Rows, after: Rows) -> list[dict[str, Any]]:
    return after["issues"][len(before["issues"]) :]


def test_the_seeds_pass_unchanged(seed_rows: Rows) -> None:
    assert validate_rows(copy.deepcopy(seed_rows)) == seed_rows


def test_bad_value_drops_the_row_and_reports_it(seed_rows: Rows) -> None:
    rows = copy.deepcopy(seed_rows)
    bad = rows["indicators"][5]
    bad["measure"] = "bogus"
    out = validate_rows(rows)
    assert bad["indicator_id"] not in {r["indicator_id"] for r in out["indicators"]}
    (issue,) = _new_issues(seed_rows, out)
    assert issue["code"] == "invalid-row" and issue["field"] == "measure" and issue["doc_id"] == bad["doc_id"]
    assert "bogus" in issue["message"] and bad["indicator_id"] in issue["message"]
    (doc,) = [d for d in out["documents"] if d["doc_id"] == bad["doc_id"]]
    assert doc["status"] == "PARTIAL_SUCCESS"


def test_bad_document_row_rejects_the_whole_document(seed_rows: Rows) -> None:
    rows = copy.deepcopy(seed_rows)
    doc = rows["documents"][1]
    doc["kode_kecamatan"] = "3508.01"
    out = validate_rows(rows)
    assert doc["doc_id"] not in {d["doc_id"] for d in out["documents"]}
    assert not any(
        r["doc_id"] == doc["doc_id"] for t in ("positions", "duties", "indicators") for r in out[t]
    )
    (reject,) = out["rejects"]
    assert reject["code"] == "invalid-document" and reject["source_file"] == doc["source_file"]
    assert "kode_kecamatan" in reject["message"]


def test_duplicate_ids_and_dangling_references_are_caught(seed_rows: Rows) -> None:
    rows = copy.deepcopy(seed_rows)
    rows["positions"].append(dict(rows["positions"][0]))
    rows["indicators"][0]["position_id"] = rows["indicators"][0]["doc_id"] + "-P999"
    rows["indicators"][1]["indikator"] = None
    out = validate_rows(rows)
    fields = sorted(i["field"] for i in _new_issues(seed_rows, out))
    assert fields == ["indikator", "position_id", "position_id", "position_id"]
    assert len(out["positions"]) == len(seed_rows["positions"]) - 1  # both copies of the duplicate go


def test_rows_of_no_document_become_rejects(seed_rows: Rows) -> None:
    rows = copy.deepcopy(seed_rows)
    rows["duties"][0]["doc_id"] = "ffffffffffffffff"
    out = validate_rows(rows)
    assert [r["code"] for r in out["rejects"]] == ["orphan-row"]


def test_bad_batch_table_row_is_a_pipeline_bug(seed_rows: Rows) -> None:
    rows = copy.deepcopy(seed_rows)
    rows["indicator_clusters"][0]["n_members"] = 0
    with pytest.raises(ValidationFailed, match="n_members"):
        validate_rows(rows)


def test_every_table_has_rules_matching_the_arrow_schema() -> None:
    for name, arrow in ALL_TABLES.items():
        rules = table_rules(name)
        assert [r.name for r in rules] == arrow.names
        assert all(r.nullable == f.nullable for r, f in zip(rules, arrow, strict=True))


def test_every_value_rule_names_a_real_column() -> None:
    unknown = [(t, c) for t, c in _checks() if c not in ALL_TABLES[t].names]
    assert unknown == []


def test_a_value_of_the_wrong_type_fails_its_rule_without_raising(seed_rows: Rows) -> None:
    rows = copy.deepcopy(seed_rows)
    bad = rows["pages"][0]
    bad["page"] = "one"
    (issue,) = _new_issues(seed_rows, validate_rows(rows))
    assert issue["code"] == "invalid-row" and issue["field"] == "page"
    assert "pages.page: greater_than_or_equal_to(1) failed for 'one'" in issue["message"]


def test_comparison_tables_are_checked_too(seeds_out: Path) -> None:
    tables = compare_tables(seeds_out)
    check_tables(tables, tables)
    tables["formula_differences"][0]["n_variants"] = 1
    with pytest.raises(ValidationFailed, match="n_variants"):
        check_tables(tables, ["formula_differences"])


def test_a_problem_code_outside_the_catalogue_is_a_pipeline_bug(seed_rows: Rows) -> None:
    rows = copy.deepcopy(seed_rows)
    rows["issues"][0]["code"] = "jabatan-needs-review"  # the old name of jabatan-low-score
    with pytest.raises(ValidationFailed, match=r"issues\.code: isin"):
        validate_rows(rows)
    rows = copy.deepcopy(seed_rows)
    rows["review"][0]["kind"] = "wilayah-unlinked"  # a review row is dropped and reported instead
    (issue,) = _new_issues(seed_rows, validate_rows(rows))
    assert (
        issue["code"] == "invalid-row" and issue["field"] == "kind" and "wilayah-unlinked" in issue["message"]
    )
