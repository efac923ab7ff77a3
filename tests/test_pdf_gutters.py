"""Rule-less tables (horizontal rules only, or none): columns from gutters, rows from rules or cell starts."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from parsers.model import Table
from parsers.pdf import parse_pdf
from parsers.pdf_gutters import find_bands, row_starts
from tests.fixtures.build_pdf import docx_to_pdf, soffice_binary
from tests.fixtures.build_variants import gold_sources, load_gold, plan
from tests.fixtures.variant_docx import build_variant
from tests.fixtures.variant_gold import expected_gold
from tests.fixtures.word_boxes import row as _row

pytestmark = pytest.mark.skipif(soffice_binary() is None, reason="LibreOffice (soffice) is not installed")
DOC = "002_"  # IKU tables of several rows with shared sasaran, then jabatan tables


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, dict]]:
    """One variant of the seed per rule style, all else equal (full rules as the reference)."""
    out = tmp_path_factory.mktemp("gutters")
    seeds = gold_sources(None, (DOC,))
    base = plan(seeds, 1, 11)[0]
    built: dict[str, tuple[Path, dict]] = {}
    docx = []
    for rules in ("full", "horizontal", "none"):
        variant = dataclasses.replace(base, rules=rules, index={"full": 0, "horizontal": 1, "none": 2}[rules])
        gold = expected_gold(load_gold(seeds[variant.doc]), variant)
        path = out / f"{variant.name}.docx"
        build_variant(gold, variant).save(str(path))
        docx.append(path)
        built[rules] = (out / f"{variant.name}.pdf", gold)
    docx_to_pdf(docx, out)
    return built


def _tables(path: Path) -> list[Table]:
    return [b for page in parse_pdf(path).pages for b in page.blocks if isinstance(b, Table)]


# Measured on seed 002 (18 ruled table pieces): 16 found either way (the two missed are short
# continuations of rows split at a page break, too short to show their columns); 13 of the 16
# have the ruled column count (a column whose gutter a long word bridges is lost).
FOUND_SHARE = 0.85
COLUMNS_SHARE = 0.75
SAME_SHARE = 0.5


@pytest.mark.parametrize("rules", ["horizontal", "none"])
def test_rule_less_tables_read_like_ruled_ones(pdfs: dict[str, tuple[Path, dict]], rules: str) -> None:
    ruled = _tables(pdfs["full"][0])
    tables = _tables(pdfs[rules][0])
    assert {t.engine for t in tables} == {"gutters"}
    assert len(tables) >= FOUND_SHARE * len(ruled), f"{len(tables)} of {len(ruled)} tables found"
    texts = [[r.texts() for r in t.rows] for t in tables]
    reference = [[r.texts() for r in t.rows] for t in ruled]
    columns = {len(t[0]) for t in reference}
    alike = sum(len(t[0]) in columns for t in texts)
    assert alike >= COLUMNS_SHARE * len(texts), f"{alike} of {len(texts)} tables with the ruled columns"
    same = sum(t in reference for t in texts)
    assert same >= SAME_SHARE * len(reference), f"{same} of {len(reference)} tables read alike"


def test_profile_lines_are_not_a_table(pdfs: dict[str, tuple[Path, dict]]) -> None:
    """ "1. Tugas : ..." field lines align like columns but are label-value lines, not a table."""
    doc = parse_pdf(pdfs["none"][0])
    lines = [b.text for page in doc.pages for b in page.blocks if not isinstance(b, Table)]
    assert any(": " in text and "Tugas" in text for text in lines)


def test_columns_from_gutters_and_a_centred_header_is_not_a_column() -> None:
    words = _row(100, [(61, "NO"), (80, "INDIKATOR"), (420, "SUMBER")])  # "NO" centred over the numbers
    words += _row(112, [(50, "1"), (80, "Jumlah desa"), (420, "Data desa")])
    words += _row(124, [(80, "yang tertib"), (420, "BPS")])
    words += _row(136, [(50, "2"), (80, "Nilai IKM"), (420, "Survei")])
    words += _row(148, [(50, "3"), (80, "Indeks"), (420, "Survei")])
    (band,) = find_bands(words)  # type: ignore[arg-type]
    assert len(band.bounds) == 4  # NO | INDIKATOR | SUMBER: the gap between "1" and "NO" is no gutter
    assert row_starts(band, []) == [0, 1, 3, 4]  # a number in the narrow NO column starts a row


def test_label_value_lines_and_loose_paragraphs_are_no_table() -> None:
    words = _row(100, [(50, "1."), (80, "Tugas"), (160, ": Melaksanakan tugas")])
    words += _row(112, [(50, "2."), (80, "Fungsi"), (160, ": a. Menyelenggarakan")])
    words += _row(124, [(50, "3."), (80, "Tujuan"), (160, ": Meningkatkan kinerja")])
    assert find_bands(words) == []  # type: ignore[arg-type]
    spaced = [
        w
        for i, top in enumerate((100, 130, 160, 190))
        for w in _row(top, [(50, f"{i}"), (120, "a"), (300, "b")])
    ]
    assert find_bands(spaced) == []  # type: ignore[arg-type]  # lines a blank line apart


def test_a_wrapped_cell_ending_in_a_colon_beside_other_cells_stays_in_the_table() -> None:
    """ "dan zoonosa :" wraps the indikator cell while the next cells go on beside it: two runs
    after the colon and no second label make it a table line, not a "label : value" field."""
    words = _row(100, [(50, "Sasaran"), (200, "Indikator"), (350, "Formula"), (500, "Penanggung")])
    words += _row(112, [(50, "Terkendalinya"), (200, "Jumlah"), (350, "Jumlah kasus"), (500, "- Bidang")])
    words += _row(124, [(50, "penyakit"), (200, "dan zoonosa"), (350, "tahun-n di"), (500, "Kesmavet")])
    words += _row(136, [(200, ":"), (350, "kabupaten/kota di"), (500, "- Balai")])
    words += _row(148, [(200, "a. Anthrax"), (350, "Barat."), (500, "Penyidikan")])
    (band,) = find_bands(words)  # type: ignore[arg-type]
    assert len(band.lines) == 5
    fields = _row(100, [(50, "Nama"), (120, ": Budi"), (300, "NIP"), (340, ": 1970")])  # two fields on a line
    fields += _row(112, [(50, "Jabatan"), (120, ": Camat")])
    fields += _row(124, [(50, "Unit"), (120, ": Kecamatan")])
    assert find_bands(fields) == []  # type: ignore[arg-type]
    justified = _row(
        100, [(50, "Tugas"), (120, ":"), (140, "Melaksanakan"), (220, "Urusan"), (300, "Pemerintah")]
    )
    justified += _row(112, [(140, "Berdasarkan Asas Ekonomi")])
    justified += _row(124, [(50, "Fungsi"), (120, ":"), (140, "1. Penyelenggaraan")])
    assert find_bands(justified) == []  # type: ignore[arg-type]  # a justified value: words one a run


def test_a_lone_colon_wrapped_off_a_cell_stays_in_the_table() -> None:
    """ "Pemerintahan Umum :" wraps its colon onto a line of its own: no "label : value" field."""
    words = _row(100, [(50, "Sasaran"), (200, "Indikator"), (350, "Catatan")])
    words += _row(112, [(50, "Meningkatnya"), (200, "Jumlah desa"), (350, "Jenis kegiatan")])
    words += _row(124, [(50, "pelayanan"), (200, "tertib"), (350, "Pemerintahan Umum")])
    words += _row(136, [(350, ":")])
    words += _row(148, [(50, "Meningkatnya"), (200, "Nilai IKM"), (350, "Survei")])
    words += _row(160, [(50, "mutu"), (200, "desa"), (350, "BPS")])
    (band,) = find_bands(words)  # type: ignore[arg-type]
    assert len(band.lines) == 6


def test_a_row_number_wrapped_in_a_narrow_no_column_starts_one_row() -> None:
    """A NO column one digit wide prints 10 as "1" over "0": rows 8, 9, 10, 11, not 8, 9, 1, 0, 1, 1."""
    words = _row(100, [(50, "NO"), (80, "INDIKATOR"), (420, "SUMBER")])
    words += _row(112, [(50, "8"), (80, "Jumlah desa"), (420, "Data desa")])
    words += _row(124, [(50, "9"), (80, "Jumlah desa"), (420, "Data desa")])
    words += _row(136, [(50, "1"), (80, "Nilai IKM"), (420, "Survei")])
    words += _row(148, [(50, "0"), (80, "pelayanan"), (420, "tahunan")])
    words += _row(160, [(50, "1"), (80, "Indeks desa"), (420, "BPS")])
    words += _row(172, [(50, "1"), (80, "membangun"), (420, "Kabupaten")])
    (band,) = find_bands(words)  # type: ignore[arg-type]
    assert row_starts(band, []) == [0, 1, 2, 3, 5]
    top = _row(100, [(50, "1"), (80, "Jumlah desa"), (420, "Data desa")])  # the top of a page:
    top += _row(112, [(50, "0"), (80, "pelayanan"), (420, "tahunan")])  # no row number before
    top += _row(124, [(50, "1"), (80, "Nilai IKM"), (420, "Survei")])
    top += _row(136, [(50, "1"), (80, "pelayanan"), (420, "tahunan")])
    top += _row(148, [(50, "1"), (80, "Jumlah"), (420, "BPS")])
    top += _row(160, [(50, "2"), (80, "desa"), (420, "kabupaten")])
    (band,) = find_bands(top)  # type: ignore[arg-type]
    assert row_starts(band, []) == [0, 2, 4]  # 10, 11, 12 ("1" / "2" is 12: 11 came before)
