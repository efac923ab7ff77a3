"""Bad input becomes a `rejects` row with a specific code; the rest of the batch comes out."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pyarrow.parquet as pq

from pipeline.cli import EXIT_REJECTS, main
from tests.conftest import RAW, SEEDS, read_table, run_folder


def _batch_with(tmp_path: Path, extra: dict[str, bytes]) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    for seed in SEEDS:
        shutil.copy(RAW / seed, src / seed)
    for name, data in extra.items():
        (src / name).write_bytes(data)
    return src


def test_empty_and_binary_files_are_rejected_while_seeds_come_out(tmp_path: Path) -> None:
    src = _batch_with(
        tmp_path,
        {"empty.txt": b"", "random.bin": os.urandom(4096), "zeros.txt": b"\x00" * 512 + b"abc" * 100},
    )
    out = tmp_path / "out"
    summary = run_folder(src, out)
    rejects = {r["source_file"]: r for r in read_table(out, "rejects")}
    assert rejects["empty.txt"]["code"] == "empty-file"
    assert "empty" in rejects["empty.txt"]["message"]
    assert rejects["random.bin"]["code"] == "binary-file"
    assert rejects["zeros.txt"]["code"] == "binary-file"
    assert "binary" in rejects["zeros.txt"]["message"]
    assert sorted(d["source_file"] for d in read_table(out, "documents")) == SEEDS
    assert summary.rejected == 3 and summary.total == len(SEEDS) + 3


def test_text_that_is_not_a_lampiran_is_rejected(tmp_path: Path) -> None:
    letter = "Kepada Yth. Bapak Camat\nDengan hormat, bersama ini kami sampaikan undangan rapat.\n"
    src = _batch_with(tmp_path, {"surat.txt": letter.encode()})
    out = tmp_path / "out"
    run_folder(src, out)
    (reject,) = read_table(out, "rejects")
    assert (reject["source_file"], reject["code"], reject["stage"]) == (
        "surat.txt",
        "not-a-lampiran",
        "structure",
    )
    assert "no jabatan block" in reject["message"]


def test_fake_pdf_is_rejected_with_its_own_code(tmp_path: Path) -> None:
    src = _batch_with(tmp_path, {"page.pdf": b"<html><body>not a pdf</body></html>"})
    out = tmp_path / "out"
    run_folder(src, out)
    (reject,) = read_table(out, "rejects")
    assert reject["code"] == "not-a-pdf" and "an HTML page" in reject["message"]


def test_duplicate_content_is_rejected_once(tmp_path: Path) -> None:
    src = _batch_with(tmp_path, {"copy_of_seed.txt": (RAW / SEEDS[1]).read_bytes()})
    out = tmp_path / "out"
    run_folder(src, out)
    (reject,) = read_table(out, "rejects")
    assert reject["code"] == "duplicate-document"


def test_cli_exit_code_reports_rejects_and_keeps_tables_readable(tmp_path: Path) -> None:
    src = _batch_with(tmp_path, {"empty.txt": b""})
    out = tmp_path / "out"
    assert main(["extract", str(src), "--out", str(out)]) == EXIT_REJECTS
    for name in ("documents", "positions", "duties", "indicators", "rejects", "issues"):
        assert pq.read_table(out / f"{name}.parquet").schema.metadata[b"schema_version"]
    assert not list(out.glob("*.tmp")) and not list(out.glob(".*.tmp"))


def test_raw_folder_is_never_modified(tmp_path: Path) -> None:
    before = {p.name: p.read_bytes() for p in RAW.iterdir() if p.is_file()}
    run_folder(RAW, tmp_path / "out")
    assert {p.name: p.read_bytes() for p in RAW.iterdir() if p.is_file()} == before
