"""The real agency PDFs of ../shared/real through the whole pipeline (skipped when absent).

They are read in place and never copied into the project.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from evaluation.evaluate import evaluate
from tests.conftest import SHARED_REAL, read_table, run_folder

DIGITAL = [
    "real_bkpd_iku.pdf",
    "real_bkpd_iku_eselon_3_4.pdf",
    "real_dinkes_iku_2017.pdf",
    "real_disnak_iku.pdf",
    "real_disnak_kasi_pembibitan_iku.pdf",
]

pytestmark = pytest.mark.skipif(not SHARED_REAL.is_dir(), reason="../shared/real is absent")


@pytest.fixture(scope="module")
def real_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("real_in")
    for name in DIGITAL:
        (src / name).symlink_to(SHARED_REAL / name)
    out = tmp_path_factory.mktemp("real_out")
    run_folder(src, out)
    return out


def test_digital_real_pdfs_overall_f1(real_out: Path) -> None:
    result = evaluate(real_out, SHARED_REAL)
    kinds = result.by_format()
    assert kinds["pdf"][0] == len(DIGITAL)
    assert kinds["pdf"][1].f1 >= 0.90, f"pdf F1 {kinds['pdf'][1].f1:.3f}"


@pytest.mark.parametrize("name", DIGITAL)
def test_each_digital_real_pdf(real_out: Path, name: str) -> None:
    (doc,) = evaluate(real_out, SHARED_REAL, only=name).documents
    assert doc.totals.f1 >= 0.85, f"{name}: F1 {doc.totals.f1:.3f}"


def test_pages_of_positions_and_indicators_are_recorded(real_out: Path) -> None:
    docs = {d["doc_id"]: d for d in read_table(real_out, "documents")}
    assert all(d["input_format"] == "pdf" and d["n_pages"] >= 2 for d in docs.values())
    for row in read_table(real_out, "indicators") + read_table(real_out, "positions"):
        assert 1 <= row["page"] <= docs[row["doc_id"]]["n_pages"]


def test_scanned_pdf_without_tesseract_is_a_specific_reject(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pytesseract

    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(tmp_path / "no-tesseract"))
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(SHARED_REAL / "real_diskominfo_kep_iku_2017_scan.pdf", src / "scan.pdf")
    run_folder(src, tmp_path / "out")
    (reject,) = read_table(tmp_path / "out", "rejects")
    assert reject["code"] == "ocr-unavailable"
    assert "tesseract is not installed" in reject["message"]
