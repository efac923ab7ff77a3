"""The evidence the confidence model separates wrong fields by, and the calibration's check and negatives."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from evaluation.gold import GoldSet
from normalizers.confidence import Logistic
from normalizers.document import normalize
from normalizers.evidence import DocContext, alternative_evidence, document_evidence, indicator_evidence
from normalizers.formula import parse_formula
from normalizers.wilayah import WilayahLink
from parsers.model import Table
from parsers.text import TextParser
from structure.evidence import RowEvidence
from structure.extract import extract
from structure.header import nomor_candidates, signer_candidates
from structure.model import Header, Indicator
from tests.conftest import RAW, SEEDS
from tools.calibrate import samples_of
from tools.calibration_check import report

CTX = DocContext(0.0, 1.0, False)
MENGINGAT = [
    "KEPUTUSAN CAMAT NGANTANG",
    "NOMOR : 188/16/KEP/35.07.13/2025",
    "Mengingat : 1. Undang-Undang Republik Indonesia",
    "Nomor 23 Tahun 2014 tentang Pemerintahan Daerah;",
    "2. Peraturan Pemerintah Republik Indonesia",
    "Nomor 18 Tahun 2016 tentang Perangkat Daerah;",
]


def _fields(ind: Indicator) -> dict[str, dict[str, float]]:
    return {
        ev.field: dict(ev.features)
        for ev in indicator_evidence(ind, parse_formula(ind.formula_paragraphs), CTX)
    }


def test_a_ratio_part_multiplied_by_words_and_an_unsplit_unit_list_are_flagged() -> None:
    ind = Indicator(
        indikator="Persentase ketidakhadiran pegawai",
        formula_paragraphs=("Jumlah ketidakhadiran / Jumlah pegawai x jumlah hari efektif",),
        penanggung_jawab=["Bidang Keswan, Balai Pengujian Lembang"],
    )
    fields = _fields(ind)
    assert fields["denominator"]["times_words"] == 1.0 and fields["numerator"]["times_words"] == 0.0
    assert fields["penanggung_jawab"]["item_comma"] == 1.0
    clean = _fields(
        replace(ind, formula_paragraphs=("Jumlah A / Jumlah B x 100%",), penanggung_jawab=["Camat"])
    )
    assert clean["denominator"]["times_words"] == 0.0 and clean["penanggung_jawab"]["item_comma"] == 0.0


def test_ocr_confidence_of_the_fields_own_cells_is_evidence_for_that_field() -> None:
    row = RowEvidence(
        engine="ocr-grid", ocr_confidence=0.4, column_ocr=(("formula", 0.4), ("indikator", 0.95))
    )
    fields = _fields(Indicator(indikator="Persentase A", formula_paragraphs=("A / B x 100%",), evidence=row))
    assert round(fields["formula"]["ocr_field_gap"], 3) == 0.6
    assert round(fields["numerator"]["ocr_field_gap"], 3) == 0.6  # read from the formula cell
    assert round(fields["indikator"]["ocr_field_gap"], 3) == 0.05
    assert fields["indikator"]["engine_ocr"] == 1.0


def test_ocr_cells_read_with_low_confidence_lower_the_fields_and_raise_low_confidence_issues() -> None:
    raw = TextParser().parse(RAW / SEEDS[1])
    clean = normalize(extract(raw))
    for page in raw.pages:  # the same document as OCR would give it, every cell at word confidence 0.3
        page.blocks = [
            replace(
                b,
                engine="ocr-grid",  # a text reader's own cell confidence is no OCR evidence
                rows=[replace(r, cells=tuple(replace(c, confidence=0.3) for c in r.cells)) for r in b.rows],
            )
            if isinstance(b, Table)
            else b
            for b in page.blocks
        ]
    ocr = normalize(extract(raw))
    before = [c for i in clean.indicators() for c in (i.confidence or {}).values()]
    after = [c for i in ocr.indicators() for c in (i.confidence or {}).values()]
    assert len(before) == len(after) and sum(after) < sum(before)
    found = [p for p in ocr.problems if p.code == "low-confidence"]
    assert found and all(p.stage == "normalize" and p.page is not None for p in found)


def test_the_header_readers_list_the_readings_they_chose_from() -> None:
    assert nomor_candidates(MENGINGAT) == [
        "188/16/KEP/35.07.13/2025",
        "23 Tahun 2014 tentang Pemerintahan Daerah;",
        "18 Tahun 2016 tentang Perangkat Daerah;",
    ]
    tail = ["CAMAT NGANTANG", "BUDI SANTOSO, S.Sos", "Pembina Utama Muda", "NIP. 19700101 199003 1 005"]
    assert signer_candidates(tail) == tail[:3]


def test_a_rank_or_a_cited_law_in_a_document_fields_place_shows_in_its_evidence() -> None:
    h = Header(
        nomor="188/16/KEP/2025", tahun=2025, signer_name="BUDI SANTOSO", signer_nip="197001011990031005"
    )
    link = WilayahLink()
    chosen = {ev.field: dict(ev.features) for ev in document_evidence(h, link, CTX)}
    rank = alternative_evidence(h, link, CTX, "signer", "“-P nbn Utama Muda")
    law = alternative_evidence(h, link, CTX, "nomor", "23 Tahun 2014 tentang Pemerintahan Daerah")
    year = alternative_evidence(h, link, CTX, "tahun", 2014)
    assert rank is not None and law is not None and year is not None
    assert chosen["signer"]["signer_rank_words"] == 0.0 and chosen["signer"]["signer_odd_chars"] == 0.0
    office = alternative_evidence(h, link, CTX, "signer", "KECAMATAN TEMPURSARI")
    degree = alternative_evidence(h, link, CTX, "signer", "Dr.Ir. DEWI SARTIKA, M.Si")
    assert office is not None and office.features["signer_office_words"] == 1.0
    assert degree is not None and degree.features["signer_degree"] == 1.0
    assert chosen["signer"]["signer_degree"] == 0.0
    assert rank.features["signer_rank_words"] == 1.0 and rank.features["signer_odd_chars"] == 1.0
    assert chosen["nomor"]["nomor_law"] == 0.0 and law.features["nomor_law"] == 1.0
    assert chosen["tahun"]["tahun_in_nomor"] == 1.0 and year.features["tahun_in_nomor"] == 0.0
    assert alternative_evidence(h, link, CTX, "tahun", "2014") is None  # a year is a number


def test_fit_samples_include_the_unchosen_readings_labelled_by_the_gold() -> None:
    path = RAW / SEEDS[3]  # signed under a place-and-date line and a title, units listed per row
    gold = GoldSet.open(Path(__file__).parent / "gold")
    plain = list(samples_of(path, gold))
    both = list(samples_of(path, gold, candidates=True))
    extra = both[len(plain) :]
    assert both[: len(plain)] == plain and extra and all(s.get("candidate") for s in extra)
    signers = {s["value"]: s for s in extra if s["field"] == "signer"}
    assert {"CAMAT CANDIPURO", "Candipuro, 17 Mei 2023"} <= set(signers)
    assert not any(s["right"] for s in signers.values())
    units = [s for s in extra if s["field"] == "penanggung_jawab"]
    assert units and all(", " in s["value"] and s["features"]["item_comma"] == 1.0 for s in units)
    assert not any(s["right"] for s in units)  # the gold lists the units one by one


def test_the_check_reports_coverage_reliability_and_the_wrong_fields_left_unflagged() -> None:
    samples = [
        {
            "source": "a.pdf",
            "input_format": "pdf",
            "field": "formula",
            "value": "A / B",
            "features": {},
            "right": True,
        },
        {
            "source": "a.pdf",
            "input_format": "pdf",
            "field": "formula",
            "value": "C",
            "features": {},
            "right": False,
        },
        {
            "source": "b.pdf",
            "input_format": "pdf_ocr",
            "field": "formula",
            "value": "D",
            "features": {"split": 1.0},
            "right": False,
        },
    ]
    models = {"indicator": Logistic(3.0, {"split": -5.0}), "document": Logistic(0.0, {})}
    lines = report(samples, models)
    assert lines[0] == "check: 2 documents, 3 fields"
    assert any(line.startswith("  all ") and "wrong    2 flagged 0.500" in line for line in lines)
    assert "    by field: formula 1" in lines
    assert any("'C'" in line for line in lines) and not any("'D'" in line for line in lines)
    # the documents of a hold-out name (content the fit read in no form) are reported apart
    unseen = report(samples, models, ["b."])
    assert any(line.startswith("  unseen names ") and "fields     1" in line for line in unseen)


def test_a_cell_cut_by_a_page_break_is_evidence_for_its_own_fields() -> None:
    from tests.test_structure_cases import read_case

    ex = extract(read_case(Path(__file__).parent / "structure" / "row-broken-at-a-page-break"))
    cut, whole = ex.positions[0].indicators
    assert cut.evidence.break_columns == frozenset({"indikator", "formula", "sumber_data"})
    assert whole.evidence.break_columns == frozenset()
    fields = _fields(cut)
    assert fields["numerator"]["cell_across_break"] == 1.0  # read from the formula cell
    assert fields["sumber_data"]["cell_across_break"] == 1.0
    assert fields["sasaran"]["cell_across_break"] == 0.0  # printed before the break only
    assert _fields(whole)["numerator"]["cell_across_break"] == 0.0


def test_repeated_tokens_a_list_label_and_odd_characters_in_a_value_are_red_flags() -> None:
    ind = Indicator(
        sasaran="Meningkatnya pelayanan",
        indikator="Persentase desa yang tertib",
        formula_paragraphs=("Jumlah desa tertib / 3. Desa x 100%",),
        sumber_data="DPA DPA DPA",
    )
    fields = _fields(ind)
    assert round(fields["sumber_data"]["repeat_share"], 2) == 0.67
    assert fields["sumber_data"]["own_flags"] >= 1.0  # repeated_phrase too
    assert fields["denominator"]["list_label"] == 1.0 and fields["denominator"]["own_flags"] == 1.0
    assert fields["numerator"]["list_label"] == 0.0 and fields["numerator"]["own_flags"] == 0.0
    assert fields["sumber_data"]["row_flags"] >= 1.0 and fields["numerator"]["row_flags"] >= 2.0
    odd = _fields(replace(ind, sumber_data="D?A", formula_paragraphs=("Jumlah A / Jumlah B x 100%",)))
    assert odd["sumber_data"]["odd_chars"] == 1.0 and odd["sumber_data"]["repeat_share"] == 0.0
    assert odd["denominator"]["list_label"] == 0.0
    # words of the language repeat in any sentence, a reduplicated word is one word: not a repeated cell
    assert (
        _fields(replace(ind, sasaran="Pembakuan Rupa-Rupa Bumi dan mutu dan kinerja"))["sasaran"][
            "repeat_share"
        ]
        == 0.0
    )


def _rendering_rows(case: str) -> list[Indicator]:
    from parsers.base import parser_for

    path = next((Path(__file__).parent / "renderings" / case).glob("input.*"))
    ex = extract(parser_for(path).parse(path))
    return [*ex.iku, *(i for p in ex.positions for i in p.indicators)]


def test_a_text_readers_doubt_is_reader_evidence_not_ocr_evidence() -> None:
    # a run-together line the reader could only place by guess: its cells carry the guess
    rows = _rendering_rows("run-together-table-unsure-cells")
    guessed = [r for r in rows if r.evidence.reader_confidence is not None]
    assert guessed and all(r.evidence.engine == "run-together" for r in rows)
    assert all(r.evidence.ocr_confidence is None and not r.evidence.column_ocr for r in rows)
    fields = _fields(guessed[0])
    assert fields["indikator"]["reader_runtogether"] == 1.0 and fields["indikator"]["reader_guess"] == 1.0
    assert fields["indikator"]["reader_gap"] == 0.7 and fields["indikator"]["ocr_gap"] == 0.0
    assert fields["indikator"]["engine_text"] == 1.0 and fields["indikator"]["reader_model_cut"] == 0.0
    sure = [r for r in rows if r.evidence.reader_confidence is None]
    assert sure and _fields(sure[0])["indikator"]["reader_gap"] == 0.0


def test_a_cell_cut_by_the_cell_boundary_model_shows_its_margin() -> None:
    rows = _rendering_rows("run-together-single-spaced-cells")
    cut = [r for r in rows if r.evidence.reader_confidence is not None]
    assert cut and all(0.5 <= (r.evidence.reader_confidence or 0.0) < 1.0 for r in cut)
    fields = _fields(cut[0])
    assert fields["indikator"]["reader_model_cut"] == 1.0 and fields["indikator"]["reader_guess"] == 0.0
    assert 0.0 < fields["indikator"]["reader_gap"] <= 0.5


def test_the_reader_of_each_rendering_kind_is_evidence() -> None:
    kinds = {
        "pipe-table-br": "reader_pipe",
        "layout-wrapped-cell": "reader_layout",
        "html-rowspan-colspan": "reader_html",
        "run-together-numbered-rows": "reader_runtogether",
    }
    for case, reader in kinds.items():
        rows = _rendering_rows(case)
        assert rows, case
        fields = _fields(rows[0])["indikator"]
        assert fields[reader] == 1.0, case
        assert sum(v for k, v in fields.items() if k.startswith("reader_") and "gap" not in k) == 1.0, case
    seed = TextParser().parse(RAW / SEEDS[0])  # tab-separated rows
    ex = extract(seed)
    first = [*ex.iku, *(i for p in ex.positions for i in p.indicators)][0]
    assert _fields(first)["indikator"]["reader_tab"] == 1.0
    pdf_row = Indicator(indikator="Persentase A", evidence=RowEvidence(engine="pdfplumber"))
    assert not any(v for k, v in _fields(pdf_row)["indikator"].items() if k.startswith("reader_"))


def test_a_table_with_its_own_header_after_running_text_in_one_block_is_evidence(tmp_path: Path) -> None:
    from parsers.base import parser_for

    table = (
        "| Sasaran | Indikator Kinerja | Formulasi | Sumber Data |\n"
        "| --- | --- | --- | --- |\n"
        "| Meningkatnya {n} | Persentase {n} | Jumlah {n} / Jumlah semua x 100% | DPA |\n"
    )
    text = (
        "INDIKATOR KINERJA INDIVIDU\n\n1. Jabatan : Sekretaris Camat\n\n"
        + table.format(n="layanan")
        # the next jabatan's tugas, its heading unread
        + "\nf. Pelaksanaan tugas lain yang diberikan oleh camat.\n\n"
        + table.format(n="arsip")
    )
    path = tmp_path / "lampiran.md"
    path.write_text(text, encoding="utf-8")
    ex = extract(parser_for(path).parse(path))
    first, second = ex.positions[0].indicators
    assert first.evidence.restarts == 0 and second.evidence.restarts == 1
    assert (
        _fields(first)["indikator"]["restarted"] == 0.0 and _fields(second)["indikator"]["restarted"] == 1.0
    )


def test_a_word_cut_at_a_line_end_and_header_words_in_a_value_are_red_flags() -> None:
    ind = Indicator(
        sasaran="Meningkatn ya Kualitas Pelayanan",
        indikator="Persentase / INDIKATOR KINERJA sarana pelayanan",
        sumber_data="DPA KECAMATAN",
    )
    fields = _fields(ind)
    assert fields["sasaran"]["broken_word"] == 1.0 and fields["sasaran"]["own_flags"] >= 1.0
    assert fields["indikator"]["caps_run"] == 1.0 and fields["indikator"]["broken_word"] == 0.0
    assert fields["sumber_data"]["caps_run"] == 0.0  # printed in capitals as a whole
    clean = _fields(
        replace(ind, sasaran="Meningkatnya kualitas air bersih", indikator="Survey Kepuasan (SKM)")
    )
    assert clean["sasaran"]["broken_word"] == 0.0 and clean["indikator"]["caps_run"] == 0.0


def test_an_odd_character_inside_a_word_is_a_red_flag_and_one_standing_apart_is_not() -> None:
    ind = Indicator(sasaran="Meningkatnya pe|ayanan publik", indikator="Persentase desa", sumber_data="D?A")
    fields = _fields(ind)
    assert fields["sumber_data"]["odd_in_word"] == 1.0 and fields["sumber_data"]["own_flags"] >= 1.0
    assert fields["sasaran"]["odd_in_word"] == 1.0
    apart = _fields(replace(ind, sasaran="> Meningkatnya pelayanan publik", sumber_data="DPA"))
    assert apart["sasaran"]["odd_chars"] == 1.0 and apart["sasaran"]["odd_in_word"] == 0.0
    assert apart["sumber_data"]["odd_in_word"] == 0.0


def test_bare_numbers_of_other_columns_in_a_text_value_are_evidence() -> None:
    ind = Indicator(sasaran="1 2 peternakan kelompok", indikator="Persentase desa 2024", sumber_data="LKPJ")
    fields = _fields(ind)
    assert fields["sasaran"]["stray_numbers"] == 1.0
    assert fields["indikator"]["stray_numbers"] == 0.0  # one number (a year) is a value's own
