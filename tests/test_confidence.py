"""Per-field confidence: evidence kept from structure, the fitted model, review rows, reliability."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

from evaluation.records import Record
from evaluation.reliability import Outcome, band_label, coverage, record_outcomes, reliability
from normalizers.confidence import (
    Logistic,
    ModelError,
    confidence_of,
    low_confidence_candidates,
    model,
    parse_model,
    row_confidence,
)
from normalizers.evidence import DOCUMENT_FIELDS, FieldEvidence
from parsers.base import parser_for
from pipeline.schema import DOCUMENT_CONFIDENCE_FIELDS, INDICATOR_CONFIDENCE_FIELDS
from structure.extract import extract
from tests.conftest import read_table, seed_fixture_pdf
from tools.calibrate import fit_group

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "data" / "raw"


def test_shipped_model_scores_every_field_group() -> None:
    groups = model()
    assert set(groups) == {"indicator", "document"}
    data = json.loads((ROOT / "normalizers" / "data" / "confidence_model.json").read_text())
    assert data["scikit_learn"] and data["fitted_on"]
    assert any("real_" in source for source in data["fitted_on"])  # the held-out documents are named


def test_a_model_file_without_the_indicator_model_is_refused() -> None:
    with pytest.raises(
        ModelError, match=re.escape("confidence_model.json: needs the models 'indicator' and 'document'")
    ):
        parse_model({"models": {"document": {"intercept": 0.0, "weights": {}}}})


def test_logistic_is_the_sigmoid_of_the_weighted_evidence() -> None:
    m = Logistic(1.0, {"split": -2.0, "ocr_gap": -3.0})
    assert m.probability({}) == pytest.approx(1 / (1 + math.exp(-1.0)))
    assert m.probability({"split": 1.0, "ocr_gap": 0.5, "unknown": 9.0}) == pytest.approx(
        1 / (1 + math.exp(-(1.0 - 2.0 - 1.5)))
    )
    assert row_confidence({"a": 0.5, "b": 0.5}) == 0.25
    assert row_confidence({}) == 1.0


def test_text_rendering_rows_record_the_vote_that_cut_them() -> None:
    path = SEEDS / "000_5ca69c8368cad832.txt"
    ex = extract(parser_for(path).parse(path))
    evidence = [i.evidence for p in ex.positions for i in p.indicators]
    assert evidence and all(not e.ruled and e.engine != "pdfplumber" for e in evidence)
    assert any(e.vote_margin is not None for e in evidence)
    assert any(e.fragments > 1 for e in evidence)  # wrapped cells reassembled from visual lines


def test_pdf_fixture_rows_are_ruled_with_the_table_engine(tmp_path: Path) -> None:
    path = seed_fixture_pdf(tmp_path, "003")
    ex = extract(parser_for(path).parse(path))
    evidence = [i.evidence for i in [*ex.iku, *(i for p in ex.positions for i in p.indicators)]]
    assert evidence and all(e.engine in ("pdfplumber", "gutters") for e in evidence)
    ruled = [e for e in evidence if e.ruled]
    assert ruled and all(e.vote_margin is None for e in ruled)
    assert all(0.0 <= e.table_quality <= 1.0 for e in evidence)


def test_output_has_a_confidence_per_field_and_the_row_is_their_product(seeds_out: Path) -> None:
    indicators = read_table(seeds_out, "indicators")
    for row in indicators:
        fields = {n: row[f"confidence_{n}"] for n in INDICATOR_CONFIDENCE_FIELDS}
        for name, conf in fields.items():
            value = row[name]
            assert (conf is None) == (value is None or value == []), (name, value, conf)
            assert conf is None or 0.0 <= conf <= 1.0
        present = {n: c for n, c in fields.items() if c is not None}
        assert row["confidence"] == pytest.approx(math.prod(present.values()), abs=0.002)
    for doc in read_table(seeds_out, "documents"):
        for name in DOCUMENT_CONFIDENCE_FIELDS:
            value = doc["signer_name" if name == "signer" else name]
            assert (doc[f"confidence_{name}"] is None) == (value is None), (name, value)


def test_every_field_below_the_threshold_has_a_review_row(seeds_out: Path) -> None:
    low = {
        (r["indicator_id"], n)
        for r in read_table(seeds_out, "indicators")
        for n in INDICATOR_CONFIDENCE_FIELDS
        if r[f"confidence_{n}"] is not None and r[f"confidence_{n}"] < 0.9
    }
    reviewed = {
        (r["subject_id"], r["field"]): r
        for r in read_table(seeds_out, "review")
        if r["kind"] == "field-low-confidence" and r["subject_table"] == "indicators"
    }
    assert low == set(reviewed)
    for row in reviewed.values():
        assert row["page"] is not None and row["value"]


def test_a_low_field_becomes_a_review_item_with_page_and_alternatives() -> None:
    ev = FieldEvidence("numerator", "Jumlah A", {}, page=3, alternatives=("Jumlah A / Jumlah B x 100%",))
    (item,) = low_confidence_candidates([ev], {"numerator": 0.42})
    assert item.problem.code == "field-low-confidence"
    assert (
        item.problem.message
        == "numerator 'Jumlah A' has confidence 0.42, below 0.90: check it against the page"
    )
    assert item.problem.page == 3 and item.field == "numerator" and item.score == 42.0
    assert item.candidates[0][0] == "Jumlah A / Jumlah B x 100%"
    assert low_confidence_candidates([ev], {"numerator": 0.95}) == ()


def test_document_fields_share_one_model() -> None:
    for name in DOCUMENT_FIELDS:
        ev = FieldEvidence(name, "x", {f"field_{name}": 1.0})
        assert 0.0 < confidence_of(ev) < 1.0


def test_a_field_is_right_only_when_the_scorer_counts_it_correct() -> None:
    gold = Record(
        {"indicators.indikator": "Persentase A", "indicators.penanggung_jawab": ["Camat", "Sekcam"]}
    )
    predicted = Record(
        {
            "indicators.indikator": "Persentase  A",
            "indicators.penanggung_jawab": ["Camat"],
            "indicators.catatan": "x",
        },
        key="I1",
        confidence={"indicators.indikator": 0.97, "indicators.penanggung_jawab": 0.5},
    )
    outcomes = {o.column: o for o in record_outcomes(gold, predicted)}
    assert set(outcomes) == {"indikator", "penanggung_jawab"}  # catatan has no confidence
    assert outcomes["indikator"].right and not outcomes["penanggung_jawab"].right  # one item missed
    assert not any(o.right for o in record_outcomes(None, predicted))  # a row with no gold row


def test_reliability_bands_and_review_coverage() -> None:
    outcomes = [
        Outcome("I1", "formula", 0.97, True),
        Outcome("I1", "numerator", 0.93, False),
        Outcome("I2", "formula", 0.4, False),
        Outcome("I2", "sasaran", None, False),
    ]
    bands = {b.label: (b.fields, b.right) for b in reliability(outcomes)}
    assert bands == {band_label(5): (1, 1), band_label(4): (1, 0), band_label(0): (1, 0)}
    assert band_label(5) == "[0.95, 1.00]" and band_label(0) == "[0.00, 0.50)"
    c = coverage(outcomes, {("I2", "formula")})
    assert (c.trusted, c.trusted_right, c.wrong, c.wrong_flagged) == (2, 1, 2, 1)


def test_fit_is_reproducible_and_falls_back_to_the_smoothed_share() -> None:
    samples = [
        {"field": "formula", "features": {"split": float(i % 2)}, "right": i % 2 == 0 or i % 5 == 0}
        for i in range(40)
    ]
    first, second = fit_group(samples), fit_group(samples)
    assert first == second and first["weights"]["split"] < 0  # split fields were wrong more often
    assert set(first["weights"]) == {"split", "field=formula", "formula:split"}
    all_right = fit_group([{"field": "formula", "features": {"split": 0.0}, "right": True}] * 10)
    assert all_right["weights"] == {} and all_right["intercept"] == pytest.approx(math.log(11 / 1))


def test_a_red_flag_cap_lowers_the_confidence_of_flagged_fields_only() -> None:
    from normalizers.confidence import apply_cap

    ocr = {"odd_chars": 1.0, "doc_ocr_gap": 0.2}
    digital = {"odd_chars": 1.0, "engine_ruled": 1.0}
    assert apply_cap(0.99, ocr, {"ocr:odd_chars": 0.8}) == 0.8
    assert apply_cap(0.99, digital, {"ocr:odd_chars": 0.8}) == 0.99  # an OCR cap leaves digital fields
    assert apply_cap(0.99, digital, {"odd_chars": 0.8}) == 0.8
    assert apply_cap(0.5, ocr, {"odd_chars": 0.8}) == 0.5  # a cap never raises
    assert apply_cap(0.99, {"odd_chars": 0.0, "doc_ocr_gap": 0.2}, {"ocr:odd_chars": 0.8}) == 0.99
    assert apply_cap(0.99, ocr, {}) == 0.99


def test_ocr_flag_inputs_pair_the_red_flags_of_ocr_fields_only() -> None:
    from normalizers.confidence import model_features

    ocr = model_features("sumber_data", {"repeated_phrase": 1.0, "own_flags": 1.0, "engine_ocr": 1.0}, True)
    assert ocr["ocr:repeated_phrase"] == 1.0 and ocr["ocr:own_flags"] == 1.0
    digital = model_features("sumber_data", {"repeated_phrase": 1.0, "engine_ruled": 1.0}, True)
    assert not any(k.startswith("ocr:") for k in digital)
    off = model_features("sumber_data", {"repeated_phrase": 1.0, "engine_ocr": 1.0}, False)
    assert not any(k.startswith("ocr:") for k in off)
    assert off["sumber_data:repeated_phrase"] == 1.0 and off["field=sumber_data"] == 1.0


def test_cross_validation_folds_keep_a_document_and_its_variants_and_scans_together() -> None:
    from tools.calibration_cv import cross_validate, document_of, scan_dpi

    assert document_of("v012_002_39dbc4c731527464_scan200.pdf") == "002_39dbc4c731527464"
    assert document_of("v003_dev_kec_muncar_iku.pdf") == "dev_kec_muncar_iku"
    assert document_of("001_986b65ef04023ab4.txt") == "001_986b65ef04023ab4"
    assert scan_dpi("v012_002_39db_scan150.pdf") == 150 and scan_dpi("v003_dev_x.pdf") is None
    samples = [
        {
            "source": f"v{n:03d}_doc{n % 4}.pdf",
            "input_format": "pdf",
            "field": "sumber_data",
            "features": {"odd_chars": float(n % 5 == 0)},
            "right": n % 5 != 0,
        }
        for n in range(40)
    ]
    (none, capped) = cross_validate(samples, 2, lambda s: True, [{}, {"odd_chars": 0.5}], False)
    assert len(none) == len(capped) == len(samples)  # every sample scored once, out of its fold
    assert all(c <= 0.5 for s, c in capped if s["features"]["odd_chars"])
    assert all(c < 0.5 for s, c in none if not s["right"])  # learnt from the other fold's documents


def test_cross_validation_reports_renderings_by_tool_and_can_fit_without_them() -> None:
    from tools.calibration_cv import document_of, kind_of, report

    rendering = {"source": "v003_dev_kec_muncar_iku.md", "input_format": "text", "kind": "text/markitdown"}
    scan = {"source": "v012_002_39db_scan200.pdf", "input_format": "pdf_ocr"}
    assert kind_of(rendering) == "text/markitdown" and kind_of(scan) == "pdf_ocr@200"
    assert document_of(rendering["source"]) == "dev_kec_muncar_iku"  # in the fold of its PDF
    pairs = [({**rendering, "right": False}, 0.95), ({**scan, "right": True}, 0.95)]
    lines = report(pairs, 0.9)
    assert any(line.startswith("  all renderings ") and "wrong    1 flagged 0.000" in line for line in lines)
    assert any(line.startswith("  text/markitdown ") for line in lines)
