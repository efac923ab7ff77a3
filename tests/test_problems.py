"""The problem catalogue: one constructor that checks codes and placeholders, one status rule,
docs/problems.md generated from it, and every code the source can emit catalogued."""

from __future__ import annotations

import ast

import pytest

from pipeline.docstage import TRANSIENT
from problems import (
    CatalogueError,
    Problem,
    ProblemError,
    Severity,
    Status,
    catalogue,
    determine_status,
    problem,
)
from problems.catalogue import parse_catalogue
from problems.docs import problem_catalogue
from tests.conftest import ROOT

SOURCE_PACKAGES = ("problems", "parsers", "structure", "normalizers", "pipeline")
CONSTRUCTORS = {"problem", "ParseError"}  # every call that makes a Problem from a code


def _constructor_calls() -> list[tuple[str, int, ast.expr | None]]:
    """(file, line, first argument) of every Problem constructor call in the pipeline's source."""
    calls = []
    for pkg in SOURCE_PACKAGES:
        for path in sorted((ROOT / pkg).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.Call):
                    continue
                func = node.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
                if name in CONSTRUCTORS:
                    first = node.args[0] if node.args else None
                    calls.append((str(path.relative_to(ROOT)), node.lineno, first))
    return calls


def _literal_codes() -> dict[str, list[str]]:
    codes: dict[str, list[str]] = {}
    for where, line, arg in _constructor_calls():
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            codes.setdefault(arg.value, []).append(f"{where}:{line}")
    return codes


def test_every_code_the_source_emits_is_catalogued_and_literal() -> None:
    calls = _constructor_calls()
    assert len(calls) > 30  # the scan finds the constructors at all
    non_literal = [
        f"{w}:{n}" for w, n, a in calls if not (isinstance(a, ast.Constant) and isinstance(a.value, str))
    ]
    # only ParseError's own definition passes a code on; every other call names its code literally
    assert [w.split(":")[0] for w in non_literal] == ["parsers/errors.py"], non_literal
    uncatalogued = {code: where for code, where in _literal_codes().items() if code not in catalogue()}
    assert uncatalogued == {}


def test_every_catalogued_code_has_a_constructor_call_in_the_source() -> None:
    assert sorted(set(catalogue()) - set(_literal_codes())) == []


def test_problem_formats_the_catalogued_template() -> None:
    found = problem("timeout", source_file="a.pdf", seconds=0.5)
    assert found == Problem(
        "timeout", Severity.REJECT, "conversion took longer than 0.5 s", "limits", "a.pdf"
    )
    issue = problem("indicator-without-formula", page=3, field="formula", indikator="Jumlah desa")
    assert (issue.severity, issue.stage, issue.page, issue.field) == (
        Severity.ISSUE,
        "normalize",
        3,
        "formula",
    )
    assert issue.message == "no formula for 'Jumlah desa'"


def test_unknown_code_raises_at_once() -> None:
    with pytest.raises(KeyError, match=r"problem code 'no-such-code' is not in catalogue\.yaml"):
        problem("no-such-code")


def test_missing_or_unexpected_placeholder_raises_at_once() -> None:
    with pytest.raises(
        TypeError, match=r"problem 'timeout': missing placeholders \['seconds'\], unexpected \[\]"
    ):
        problem("timeout")
    with pytest.raises(TypeError, match=r"missing placeholders \[\], unexpected \['sekonds'\]"):
        problem("timeout", seconds=1, sekonds=1)


def test_problem_error_carries_its_problem() -> None:
    err = ProblemError(problem("pdf-no-pages", detail=""))
    assert (err.code, err.message, str(err)) == (
        "pdf-no-pages",
        "the PDF has no pages",
        "pdf-no-pages: the PDF has no pages",
    )


@pytest.mark.parametrize(
    ("severities", "status"),
    [
        ([], Status.SUCCESS),
        ([Severity.REVIEW], Status.SUCCESS),
        ([Severity.REVIEW, Severity.ISSUE], Status.PARTIAL_SUCCESS),
        ([Severity.ISSUE, Severity.REJECT], Status.FAILURE),
        (["reject"], Status.FAILURE),
    ],
)
def test_status_is_decided_from_the_severities(severities: list[Severity | str], status: Status) -> None:
    assert determine_status(severities) is status


def test_catalogue_entry_with_a_wrong_key_names_file_code_and_keys() -> None:
    text = "codes:\n  pdf-odd:\n    severity: reject\n    stage: parse\n    mesage: x\n    description: y\n"
    with pytest.raises(
        CatalogueError,
        match=r"catalogue.yaml: pdf-odd: needs exactly the keys .* has \['description', 'mesage'",
    ):
        parse_catalogue(text)


@pytest.mark.parametrize(
    ("entry", "error"),
    [
        ("{severity: fatal, stage: parse, message: x, description: y}", "unknown severity 'fatal'"),
        ("{severity: issue, stage: parsing, message: x, description: y}", "unknown stage 'parsing'"),
        ("{severity: issue, stage: parse, message: 'x {}', description: y}", "placeholders must be named"),
    ],
)
def test_catalogue_entry_with_a_bad_value_is_refused(entry: str, error: str) -> None:
    with pytest.raises(CatalogueError, match=error):
        parse_catalogue(f"codes:\n  some-code: {entry}\n")


def test_catalogue_code_must_be_kebab_case() -> None:
    with pytest.raises(CatalogueError, match="Bad_Code: a code is kebab-case letters"):
        parse_catalogue("codes:\n  Bad_Code: {severity: issue, stage: parse, message: x, description: y}\n")


def test_transient_codes_are_catalogued_rejects() -> None:
    assert all(catalogue()[c].severity is Severity.REJECT for c in TRANSIENT)


def test_docs_problems_md_is_up_to_date_and_lists_every_code() -> None:
    text = (ROOT / "docs" / "problems.md").read_text(encoding="utf-8")
    assert text == problem_catalogue()
    assert all(f"| `{code}` |" in text for code in catalogue())


def test_readme_points_to_the_problem_catalogue() -> None:
    assert "docs/problems.md" in (ROOT / "README.md").read_text(encoding="utf-8")
