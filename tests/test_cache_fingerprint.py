"""The cache fingerprint covers every setting and program version that changes the output."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

import parsers.ocr
from pipeline.cache import environment, fingerprint


@pytest.fixture(autouse=True)
def _fresh_fingerprint() -> Iterator[None]:
    fingerprint.cache_clear()
    yield
    fingerprint.cache_clear()


def test_fingerprint_is_stable_within_a_process() -> None:
    assert fingerprint() == fingerprint() and len(fingerprint()) == 16


def test_a_changed_ocr_setting_changes_the_fingerprint(monkeypatch: pytest.MonkeyPatch) -> None:
    before = fingerprint()
    fingerprint.cache_clear()
    monkeypatch.setattr(parsers.ocr, "TESSERACT_CONFIG", "--psm 4")
    assert environment()["config"] == "--psm 4"
    assert fingerprint() != before


def test_the_page_limit_is_part_of_the_fingerprint() -> None:
    assert fingerprint(max_pages=5) != fingerprint(max_pages=1000)


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")
def test_the_tesseract_build_and_languages_are_part_of_the_environment() -> None:
    env = environment()
    assert env["tesseract"].startswith("tesseract ") and "ind" in env["tesseract"].split("langs=")[1]
    assert env["pdfplumber"] != "absent" and env["langs"] == "ind+eng"
