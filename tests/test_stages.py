"""The stages around the envelope: parse -> structure -> normalize, then a pure mapping to rows."""

from __future__ import annotations

import copy
from pathlib import Path

from normalizers.document import normalize
from pipeline.convert import convert
from pipeline.result import Status
from pipeline.tables import result_rows
from tests.conftest import RAW, SEEDS


def test_each_stage_output_is_kept_and_timed() -> None:
    res = convert(RAW / SEEDS[0])
    assert res.raw is not None and res.extracted is not None and res.normalized is not None
    assert res.normalized.extracted is res.extracted
    assert list(res.timings) == ["parse", "structure", "normalize"]
    assert [p.code for p in res.problems] == [p.code for p in res.normalized.problems]
    assert all(p.source_file == SEEDS[0] for p in res.problems)  # located by the envelope
    assert res.status is (Status.PARTIAL_SUCCESS if res.problems else Status.SUCCESS)


def test_mapping_to_rows_is_pure() -> None:
    res = convert(RAW / SEEDS[1])
    before = copy.deepcopy(res)
    first, second = result_rows(res), result_rows(res)
    assert first == second
    assert res == before
    assert first["documents"][0]["status"] == res.status.value


def test_a_file_that_is_no_lampiran_is_rejected_at_the_structure_stage(tmp_path: Path) -> None:
    letter = tmp_path / "surat.txt"
    letter.write_text("Dengan hormat,\nbersama ini kami sampaikan undangan rapat.\n", encoding="utf-8")
    res = convert(letter)
    assert res.status is Status.FAILURE and res.reject is not None and res.normalized is None
    assert (res.reject.stage, res.reject.code) == ("structure", "not-a-lampiran")
    assert list(res.timings) == ["parse", "structure"]


def test_normalising_is_pure() -> None:
    res = convert(RAW / SEEDS[2])
    assert res.extracted is not None
    before = copy.deepcopy(res.extracted)
    assert normalize(res.extracted) == normalize(res.extracted) == res.normalized
    assert res.extracted == before
