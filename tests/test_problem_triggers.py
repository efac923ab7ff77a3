"""Each problem code no other test reached, triggered through the real code path that reports it."""

from __future__ import annotations

import multiprocessing
import shutil
from multiprocessing.queues import Queue
from pathlib import Path

import psutil
import pytest

import pipeline.convert
from normalizers.confidence import low_confidence_row
from normalizers.review import org_candidates, wilayah_candidates
from normalizers.wilayah import link_wilayah
from pipeline.convert import convert
from pipeline.review import review_rows
from pipeline.run import RunOptions, input_files, run_batch
from pipeline.worker import Limits, convert_document, init_worker
from tests.conftest import RAW, SEEDS, read_table, run_folder
from tests.fixtures.hostile import many_pages_pdf

BIGGEST_SEED = RAW / SEEDS[4]


def test_a_folder_named_like_a_file_cannot_be_read(tmp_path: Path) -> None:
    folder = tmp_path / "lampiran.txt"
    folder.mkdir()
    reject = convert(folder).reject
    assert reject is not None and (reject.code, reject.stage) == ("unreadable-file", "read")
    assert reject.message.startswith("cannot read the file: ")


def test_an_office_document_is_unsupported(tmp_path: Path) -> None:
    path = tmp_path / "lampiran.docx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    reject = convert(path).reject
    assert reject is not None and reject.code == "unsupported-format"
    assert reject.message == "unsupported input: '.docx' file is a ZIP archive (e.g. a .docx or .xlsx)"


def test_a_pdf_with_blank_pages_has_no_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "kosong.pdf"
    path.write_bytes(many_pages_pdf(1))  # no text layer, and OCR finds nothing on white paper
    reject = convert(path).reject
    assert reject is not None and reject.code == "pdf-no-text-layer"
    assert reject.message == "no page has extractable text, nor text that OCR could read"


def test_a_bug_in_structure_costs_only_that_document(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(_raw: object) -> None:
        raise RuntimeError("a rule tripped over its own feet")

    monkeypatch.setattr(pipeline.convert, "extract", broken)
    reject = convert(BIGGEST_SEED).reject
    assert reject is not None and (reject.code, reject.stage) == ("extraction-failed", "structure")
    assert reject.message == "structure extraction failed: RuntimeError: a rule tripped over its own feet"


def test_a_worker_that_cannot_even_start_is_reported_as_crashed(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(BIGGEST_SEED, src)
    options = RunOptions(workers=1, limits=Limits(memory_mb=1))  # 1 MB: the worker cannot load a library
    (reject,) = run_batch(input_files(src), tmp_path / "out", options=options).rejects
    assert (reject.code, reject.stage) == ("worker-crashed", "limits")
    assert reject.message.startswith("the worker process failed: ")


def _convert_over_the_cap(big: str, queue: Queue[str | None]) -> None:
    convert_document(str(BIGGEST_SEED), Limits(seconds=0))  # every module loaded before the cap
    cap = psutil.Process().memory_info().vms // (1 << 20) + 48
    init_worker(Limits(memory_mb=cap))
    out = convert_document(big, Limits(seconds=0, memory_mb=cap))
    queue.put(out.reject and out.reject["message"])


def test_a_document_needing_more_memory_than_the_cap_is_rejected(tmp_path: Path) -> None:
    big = tmp_path / "besar.txt"
    seed = BIGGEST_SEED.read_text(encoding="utf-8")
    big.write_text(seed * (60_000_000 // len(seed)), encoding="utf-8")  # 60 MB: more than 48 MB spare
    ctx = multiprocessing.get_context("fork")  # the cap must not reach this test process
    queue: Queue[str | None] = ctx.Queue()
    child = ctx.Process(target=_convert_over_the_cap, args=(str(big), queue))
    child.start()
    message = queue.get(timeout=120)
    child.join(30)
    assert message is not None and message.startswith("conversion needed more than ")


def test_a_bare_jabatan_block_and_an_unknown_jabatan_are_issues(tmp_path: Path) -> None:
    seed = (RAW / SEEDS[0]).read_text(encoding="utf-8")
    start = seed.index("1. Jabatan : PRAMU KEBERSIHAN")
    table = seed.index("SASARAN/KINERJA UTAMA", start)
    end = seed.index("1. Jabatan :", table)
    text = seed[:start] + "1. Jabatan : TUKANG QWERTZ\n\n" + seed[end:]
    src = tmp_path / "in"
    src.mkdir()
    (src / "lampiran.txt").write_text(text, encoding="utf-8")
    run_folder(src, tmp_path / "out")
    issues = {i["code"]: i for i in read_table(tmp_path / "out", "issues")}
    assert issues["position-without-indicators"]["message"] == "no indicator table under 'TUKANG QWERTZ'"
    low = issues["jabatan-low-score"]
    assert (low["stage"], low["field"]) == ("normalize", "jabatan")
    assert low["message"].startswith("'TUKANG QWERTZ' matched LAINNYA with score ")
    (review,) = [r for r in read_table(tmp_path / "out", "review") if r["kind"] == "jabatan-low-score"]
    assert review["message"] == low["message"]  # one condition, one problem: an issue listed for review
    (doc,) = read_table(tmp_path / "out", "documents")
    assert doc["status"] == "PARTIAL_SUCCESS"


def test_a_low_score_wilayah_link_is_listed_for_review() -> None:
    link = link_wilayah("Ngantan", "Malang")
    (row,) = review_rows(
        "0123456789abcdef", "documents", "0123456789abcdef", wilayah_candidates("Ngantan", link)
    )
    assert row["kind"] == "wilayah-low-score" and row["candidates"][0].endswith("(35.07.27)")
    assert row["message"].startswith("kecamatan 'Ngantan' linked to Ngantang (35.07.27) with score ")


def test_an_unknown_kecamatan_is_listed_for_review_under_its_issue_code() -> None:
    link = link_wilayah("Zzyzxville")
    (row,) = review_rows(
        "0123456789abcdef", "documents", "0123456789abcdef", wilayah_candidates("Zzyzxville", link)
    )
    assert row["kind"] == "wilayah-unknown" == link.problems[0].code


def test_unknown_acronyms_and_units_are_listed_for_review() -> None:
    found = org_candidates("Laporan QZX", ["Seluruh Kasi"])
    rows = review_rows("0123456789abcdef", "indicators", "0123456789abcdef-IKU-I001", found)
    assert [(r["kind"], r["value"]) for r in rows] == [
        ("penanggung-jawab-unknown", "Seluruh Kasi"),
        ("org-acronym-unknown", "QZX"),
    ]
    assert rows[1]["message"] == "acronym 'QZX' is not in the abbreviation list"


def test_a_row_with_a_field_below_the_calibrated_threshold_gets_a_low_confidence_issue() -> None:
    found = low_confidence_row("Persentase A", 2, {"indikator": 0.97, "numerator": 0.42, "formula": 0.8})
    assert found is not None and (found.code, found.stage, found.page) == ("low-confidence", "normalize", 2)
    assert found.field == "numerator"  # the least confident field
    assert found.message == (
        "'Persentase A': 2 field(s) below confidence 0.90, the lowest numerator at 0.42:"
        " check the row against the document"
    )
    assert low_confidence_row("Persentase A", 2, {"indikator": 0.97}) is None
