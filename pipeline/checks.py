"""The value rules of the output contract, as plain predicates over Python values.

Validation runs in the worker on every document (a few hundred rows): pandera on a pandas frame cost
more than converting the document and loaded ~60 MB of pandas into every worker, so the rules are
small named predicates here, applied row by row (`pipeline/validate.py`). A rule sees only non-null
values (null is the column's nullability, from the Arrow schema); a value of the wrong type fails it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

import pyarrow

from normalizers.jabatan import FAMILIES
from pipeline.schema import (
    COMPARE_TABLES,
    DOCUMENT_CONFIDENCE_FIELDS,
    INDICATOR_CONFIDENCE_FIELDS,
    KEYS,
    TABLES,
)
from problems import Severity, catalogue
from problems.catalogue import STAGES
from vocabulary import load
from vocabulary.schemas import Language

ALL_TABLES = {**TABLES, **COMPARE_TABLES}
_IDS = r"^[0-9a-f]{16}$"
_DUTY_KINDS = ["tugas", "fungsi", "tujuan", "indikator_tujuan", "visi", "misi"]


@dataclass(frozen=True)
class Check:
    """A named rule on one non-null value; `name` is what a failure message shows."""

    name: str
    test: Callable[[Any], bool]

    def passes(self, value: Any) -> bool:
        try:
            return bool(self.test(value))
        except (TypeError, ValueError):  # e.g. a number where text is due: a failure, not a crash
            return False


def isin(values: list[str] | list[int]) -> Check:
    allowed = frozenset(values)
    return Check("isin", lambda v: v in allowed)


def str_matches(pattern: str) -> Check:
    compiled = re.compile(pattern)
    return Check(f"str_matches({pattern!r})", lambda v: isinstance(v, str) and bool(compiled.match(v)))


def in_range(low: float, high: float) -> Check:
    return Check(f"in_range({low}, {high})", lambda v: _number(v) and low <= v <= high)


def ge(low: float) -> Check:
    return Check(f"greater_than_or_equal_to({low})", lambda v: _number(v) and v >= low)


def gt(low: float) -> Check:
    return Check(f"greater_than({low})", lambda v: _number(v) and v > low)


def min_length(n: int) -> Check:
    return Check(f"str_length({n}, None)", lambda v: isinstance(v, str) and len(v) >= n)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _list_of_text(value: Any) -> bool:
    return all(isinstance(v, str) and v.strip() for v in value)


LIST_OF_TEXT = Check("list_of_text", _list_of_text)


def is_null(value: Any) -> bool:
    """None, or a float NaN (what a null number becomes on its way through a frame)."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def _codes(*severities: Severity) -> list[str]:
    """Catalogued codes of these severities: a row's code must be one (docs/problems.md)."""
    return [c.code for c in catalogue().values() if c.severity in severities]


def _measures() -> list[str]:
    return [m.measure for m in load(Language).measures if m.measure] + ["lainnya"]


def _checks() -> dict[tuple[str, str], list[Check]]:
    return {
        ("documents", "doc_id"): [str_matches(_IDS)],
        ("documents", "input_format"): [isin(["text", "pdf", "pdf_ocr"])],
        ("documents", "doc_kind"): [isin(["IKI", "IKU", "IKU+IKI"])],
        ("documents", "status"): [isin(["SUCCESS", "PARTIAL_SUCCESS"])],
        ("documents", "tahun"): [in_range(1945, 2100)],
        ("documents", "quality"): [in_range(0.0, 1.0)],
        ("documents", "kode_kecamatan"): [str_matches(r"^\d{2}\.\d{2}\.\d{2}$")],
        ("documents", "kode_kabupaten"): [str_matches(r"^\d{2}\.\d{2}$")],
        ("documents", "wilayah_score"): [in_range(0.0, 100.0)],
        ("documents", "parse_seconds"): [ge(0.0)],
        ("documents", "structure_seconds"): [ge(0.0)],
        ("documents", "normalize_seconds"): [ge(0.0)],
        ("documents", "convert_seconds"): [ge(0.0)],
        ("positions", "seq"): [ge(1)],
        ("positions", "jabatan"): [min_length(1)],
        ("positions", "family"): [isin(list(FAMILIES))],
        ("positions", "match_score"): [in_range(0.0, 100.0)],
        ("duties", "kind"): [isin(_DUTY_KINDS)],
        ("duties", "seq"): [ge(1)],
        ("duties", "text"): [min_length(1)],
        ("indicators", "level"): [isin(["IKU", "IKI"])],
        ("indicators", "seq"): [ge(1)],
        ("indicators", "indikator"): [min_length(1)],
        ("indicators", "multiplier"): [gt(0)],
        ("indicators", "measure"): [isin(_measures())],
        ("indicators", "confidence"): [in_range(0.0, 1.0)],
        **{("indicators", f"confidence_{n}"): [in_range(0.0, 1.0)] for n in INDICATOR_CONFIDENCE_FIELDS},
        **{("documents", f"confidence_{n}"): [in_range(0.0, 1.0)] for n in DOCUMENT_CONFIDENCE_FIELDS},
        ("review", "page"): [ge(1)],
        ("indicators", "indicator_key"): [str_matches(r"^IND-[0-9a-f]{12}$")],
        ("indicators", "identity_score"): [in_range(0.0, 100.0)],
        ("indicator_clusters", "n_members"): [ge(1)],
        ("review", "score"): [in_range(0.0, 100.0)],
        ("review", "kind"): [isin(_codes(Severity.ISSUE, Severity.REVIEW))],
        ("issues", "code"): [isin(_codes(Severity.ISSUE))],
        ("issues", "stage"): [isin(sorted(STAGES))],
        ("rejects", "code"): [isin(_codes(Severity.REJECT))],
        ("rejects", "stage"): [isin(sorted(STAGES))],
        ("pages", "page"): [ge(1)],
        ("pages", "read_by"): [isin(["text", "text-layer", "ocr"])],
        ("pages", "rotation"): [isin([0, 90, 180, 270])],
        ("pages", "ocr_confidence"): [in_range(0.0, 1.0)],
        ("pages", "n_tables"): [ge(0)],
        ("pages", "text_layer_score"): [in_range(0.0, 1.0)],
        ("table_reports", "seq"): [ge(1)],
        ("table_reports", "page"): [ge(1)],
        ("table_reports", "quality"): [in_range(0.0, 1.0)],
        ("table_reports", "n_rows"): [ge(0)],
        ("table_reports", "n_cols"): [ge(0)],
        ("family_kecamatan", "n_indicators"): [ge(0)],
        ("family_kecamatan", "n_positions"): [ge(0)],
        ("indicator_kecamatan", "n_kecamatan"): [ge(1)],
        ("formula_differences", "n_variants"): [ge(2)],
        ("formula_differences", "similarity"): [in_range(0.0, 100.0)],
    }


@dataclass(frozen=True)
class ColumnRule:
    """What one column of a table must satisfy."""

    name: str
    nullable: bool
    unique: bool  # the table's key is this column alone
    checks: tuple[Check, ...]


@cache
def table_rules(name: str) -> tuple[ColumnRule, ...]:
    """The rules of every column of one output or comparison table, in schema order."""
    checks = _checks()
    keys = KEYS.get(name, ())
    rules = []
    for f in ALL_TABLES[name]:
        extra = (LIST_OF_TEXT,) if f.type == pyarrow.list_(pyarrow.string()) else ()
        own = tuple(checks.get((name, f.name), ()))
        rules.append(ColumnRule(f.name, f.nullable, keys == (f.name,), own + extra))
    return tuple(rules)
