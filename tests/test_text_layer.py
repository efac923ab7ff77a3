"""Text-layer quality: a page whose text layer is an earlier, poor OCR's garbage is OCR'd again."""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluation.evaluate import evaluate
from parsers.pdf import parse_pdf
from parsers.text_layer import layer_quality
from tests.conftest import GOLD, read_table, run_folder, seed_fixture_pdf
from tests.test_ocr import needs_tesseract
from tests.test_pdf_reader import _one_line_pdf

REAL_TEXT = (
    "Persentase ketersediaan ASN sesuai tupoksi : Jumlah aparatur yang penempatannya sesuai "
    "kompetensi dibagi jumlah seluruh aparatur x 100% Sumber data : Subbag Umum dan Kepegawaian"
)
GARBAGE = "I 88.45/34 st 4tS.0tt}0l7 Ii kada INDIMATOR KINERIA Aa Sees DEMAMAA Flaw!” aj eeeun Beare ees"


def test_real_text_scores_high_and_is_kept() -> None:
    quality = layer_quality(REAL_TEXT.split())
    assert quality.score >= 0.85 and not quality.garbage()


def test_earlier_ocr_garbage_scores_low() -> None:
    quality = layer_quality(GARBAGE.split())
    assert quality.score < 0.45 and quality.garbage()
    assert quality.mixed >= 1 and quality.short >= 3


def test_acronyms_and_numbers_are_neither_text_nor_garbage() -> None:
    quality = layer_quality(["SKPD", "BKPSDMD", "188.4/12/35.07.27/2022", "2019-2023", "x100%", "OPD"])
    assert quality.known == quality.tokens and quality.mixed == 0 and not quality.garbage()


def test_too_little_text_to_judge_is_kept() -> None:
    assert not layer_quality(["4tS.0tt}0l7", "qzx"]).garbage()


@pytest.fixture(scope="module")
def garbled_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Seed 001 as a clean scan under tesseract's text layer of a blurred 34-dpi copy."""
    from tests.fixtures.garbled_layer import build

    root = tmp_path_factory.mktemp("garbled")
    pdf = seed_fixture_pdf(root / "pdf", "001_")
    return build(pdf, root / "in" / pdf.name)


@needs_tesseract
def test_garbled_layer_pages_are_ocrd(garbled_pdf: Path) -> None:
    doc = parse_pdf(garbled_pdf)
    assert [p.read_by for p in doc.pages] == ["ocr"] * len(doc.pages)
    first = doc.pages[0]
    assert first.text_layer_score is not None and first.text_layer_score < 0.45


@needs_tesseract
def test_document_with_a_garbled_layer_comes_out(garbled_pdf: Path, tmp_path: Path) -> None:
    run_folder(garbled_pdf.parent, tmp_path)
    assert read_table(tmp_path, "rejects") == []
    (doc,) = read_table(tmp_path, "documents")
    assert doc["input_format"] == "pdf_ocr" and doc["ocr_pages"] == doc["n_pages"]
    (result,) = evaluate(tmp_path, GOLD).documents
    assert result.totals.f1 >= 0.95


def test_digital_fixture_pages_keep_their_layer(tmp_path: Path) -> None:
    pdf = seed_fixture_pdf(tmp_path, "003_")
    doc = parse_pdf(pdf)
    assert {p.read_by for p in doc.pages} == {"text-layer"}
    assert all(p.text_layer_score is not None and p.text_layer_score > 0.8 for p in doc.pages)


def test_a_layer_printed_twice_is_judged_as_printed_once(tmp_path: Path) -> None:
    """Fake bold (the text drawn twice at the same spot): the score reads the page's words with
    each character once, not "PPeerrsseennttaassee" (no known word: a garbage layer, OCR'd)."""
    text = "Persentase pegawai yang hadir tepat waktu setiap hari kerja"
    line = b"BT /F1 11 Tf 72 700 Td (" + text.encode() + b") Tj ET "
    (tmp_path / "sekali").mkdir()
    (tmp_path / "dua_kali").mkdir()
    once, twice = tmp_path / "sekali" / "lampiran.pdf", tmp_path / "dua_kali" / "lampiran.pdf"
    once.write_bytes(_one_line_pdf(line))
    twice.write_bytes(_one_line_pdf(line * 2))
    (page,) = parse_pdf(twice).pages
    assert (page.read_by, page.text_layer_score) == ("text-layer", layer_quality(text.split()).score)
    assert page.text_layer_score == 1.0
    assert parse_pdf(twice).pages == parse_pdf(once).pages
