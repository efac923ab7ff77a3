"""The shipped data dictionary is the one generated from the Arrow schema."""

from __future__ import annotations

from pipeline.docs import data_dictionary
from tests.conftest import ROOT


def test_docs_schema_md_is_up_to_date() -> None:
    assert (ROOT / "docs" / "schema.md").read_text(encoding="utf-8") == data_dictionary()
