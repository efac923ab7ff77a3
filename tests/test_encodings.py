"""The same lampiran in UTF-8, UTF-16 (with and without BOM) and cp1252 gives the same rows."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from parsers.decode import bytes_to_text
from tests.conftest import RAW, read_table, run_folder

SEED = "002_39dbc4c731527464.txt"  # representable in cp1252 (no ∑ or ❖)
ENCODINGS = {
    "utf-16": "utf-16",
    "utf-16-le": "utf-16-le",
    "utf-16-be": "utf-16-be",
    "cp1252": "cp1252",
    "utf-8-sig": "utf-8-sig",
}

CONTENT_FIELDS = ("indikator", "sasaran", "formula", "numerator", "denominator", "sumber_data")


def _content(out: Path) -> tuple[list[tuple[object, ...]], list[str]]:
    inds = [tuple(r[f] for f in CONTENT_FIELDS) for r in read_table(out, "indicators")]
    jabatan = [p["jabatan"] for p in read_table(out, "positions")]
    return inds, jabatan


@pytest.fixture(scope="module")
def utf8_rows(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[tuple[object, ...]], list[str]]:
    src = tmp_path_factory.mktemp("utf8")
    shutil.copy(RAW / SEED, src / SEED)
    out = tmp_path_factory.mktemp("utf8_out")
    run_folder(src, out)
    return _content(out)


@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
def test_encoding_gives_the_same_rows(tmp_path: Path, encoding: str, utf8_rows: object) -> None:
    text = (RAW / SEED).read_text(encoding="utf-8")
    src = tmp_path / "in"
    src.mkdir()
    (src / f"{encoding}.txt").write_bytes(text.encode(ENCODINGS[encoding]))
    out = tmp_path / "out"
    summary = run_folder(src, out)
    assert summary.rejected == 0
    assert _content(out) == utf8_rows


def test_cp1252_specific_characters_are_decoded() -> None:
    text, encoding = bytes_to_text("Kecamatan – “Longkali” • 100%\n".encode("cp1252"))
    assert text == "Kecamatan – “Longkali” • 100%\n"
    assert encoding.replace("_", "").lower() in {"cp1252", "windows1252"}
