"""`make compare`: comparison tables of the seeds, and the HTML report rendered in headless Chromium."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.compare import main, write_compare
from pipeline.schema import COMPARE_TABLES
from tests.conftest import read_table

CHROMIUM = Path("/usr/bin/chromium")
KECAMATAN = ["Candipuro", "Kepanjen", "Longkali", "Ngantang", "Tempursari"]
ATTENDANCE = "Persentase Tingkat Kehadiran PNS lingkup Kecamatan"


@pytest.fixture(scope="module")
def compared(seeds_out: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the seeds' output folder with its compare/ folder written."""
    out = tmp_path_factory.mktemp("compare_out")
    for p in seeds_out.glob("*.parquet"):
        shutil.copy(p, out / p.name)
    write_compare(out)
    return out


def _compare(out: Path, name: str) -> list[dict]:
    return pq.read_table(out / "compare" / f"{name}.parquet").to_pylist()


def test_all_comparison_tables_are_written_with_their_schema(compared: Path) -> None:
    for name, schema in COMPARE_TABLES.items():
        assert pq.read_schema(compared / "compare" / f"{name}.parquet").names == schema.names


def test_family_by_kecamatan_grid(compared: Path) -> None:
    grid = _compare(compared, "family_kecamatan")
    assert sorted({r["kecamatan"] for r in grid}) == KECAMATAN
    assert len(grid) == len({r["family"] for r in grid}) * len(KECAMATAN)
    cell = {(r["family"], r["kecamatan"]): r for r in grid}
    assert cell["CAMAT", "Ngantang"]["present"] and not cell["CAMAT", "Kepanjen"]["present"]
    assert (
        cell["IKU", "Longkali"]["n_indicators"] == 14
        and cell["IKU", "Longkali"]["kode_kecamatan"] == "64.01.08"
    )
    assert sum(r["n_indicators"] for r in grid) == len(read_table(compared, "indicators"))


def test_shared_and_unique_indicators(compared: Path) -> None:
    by_kec = _compare(compared, "indicator_kecamatan")
    attendance = [r for r in by_kec if r["representative"] == ATTENDANCE]
    assert [r["kecamatan"] for r in attendance] == ["Kepanjen", "Ngantang"]
    assert {r["n_kecamatan"] for r in attendance} == {2}
    unique = _compare(compared, "unique_indicators")
    shared_keys = {r["indicator_key"] for r in by_kec if r["n_kecamatan"] > 1}
    assert unique and not shared_keys & {r["indicator_key"] for r in unique}
    clusters = read_table(compared, "indicator_clusters")
    assert len({r["indicator_key"] for r in unique}) == sum(c["n_kecamatan"] == 1 for c in clusters)


def test_formula_differences_only_list_shared_keys_with_differing_formulas(compared: Path) -> None:
    diffs = _compare(compared, "formula_differences")
    assert diffs
    keys = {r["indicator_key"] for r in diffs}
    for key in keys:
        rows = [r for r in diffs if r["indicator_key"] == key]
        assert len({r["kecamatan"] for r in rows}) >= 2 and all(r["n_variants"] >= 2 for r in rows)
        assert all(0 <= r["similarity"] < 100 for r in rows) or len({r["formula"] for r in rows}) > 1


def test_report_is_self_contained_html_with_both_charts(compared: Path) -> None:
    html = (compared / "compare" / "report.html").read_text(encoding="utf-8")
    assert '<svg id="coverage-heatmap"' in html and '<svg id="family-bars"' in html
    assert html.count('class="cell"') == len(_compare(compared, "family_kecamatan"))
    assert html.count('class="bar"') >= 20
    assert all(name in html for name in KECAMATAN) and ATTENDANCE in html and "35.07.27" in html
    # Nothing loaded from outside: the page script and its data are inline, and they fetch nothing.
    assert "<link" not in html and "src=" not in html and "@import" not in html
    assert re.findall(r"<script[^>]*>", html) == [
        '<script type="application/gzip-base64" id="report-data">',
        "<script>",
    ]
    assert "fetch(" not in html and "XMLHttpRequest" not in html and "import(" not in html


def test_compare_needs_an_extracted_folder(tmp_path: Path) -> None:
    assert main([str(tmp_path)]) == 2


@pytest.mark.skipif(not CHROMIUM.exists(), reason="chromium not installed (make sysdeps installs it)")
def test_report_renders_in_headless_chromium(compared: Path, tmp_path: Path) -> None:
    from PIL import Image  # a dependency of pdfplumber

    shot = tmp_path / "report.png"
    cmd = [
        str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={shot}", "--window-size=1280,2000",
        (compared / "compare" / "report.html").resolve().as_uri(),
    ]  # fmt: skip
    subprocess.run(cmd, check=True, capture_output=True, timeout=120)
    assert shot.exists()
    with Image.open(shot) as img:
        assert img.size == (1280, 2000)
        rgb = img.convert("RGB")
        charts = rgb.crop((0, 300, 1280, 1300))  # below the kecamatan table: heatmap and bars
        colours = {c for _, c in charts.getcolors(maxcolors=1 << 20) or []}
    assert len(colours) > 200  # not a blank page
    bar_colours = {(0x1F, 0x77, 0xB4), (0xFF, 0x7F, 0x0E), (0x2C, 0xA0, 0x2C), (0xD6, 0x27, 0x28)}
    assert bar_colours <= colours  # the stacked bars of four kecamatan were drawn
    assert (0xF4, 0xF4, 0xF4) in colours  # empty heatmap cells
    assert any(b > 150 and r < 120 for r, _, b in colours)  # filled (blue) heatmap cells


def test_seeds_report_opens_as_before_then_rollups_and_browser(compared: Path) -> None:
    html = (compared / "compare" / "report.html").read_text(encoding="utf-8")
    headings = re.findall(r"<h2[^>]*>([^<]*)", html)
    assert headings == [
        "Kecamatan",
        "Coverage: indicator rows per family and kecamatan",
        "Indicators per family",
        "Provinsi",
        "Kabupaten ",
        "Kecamatan of one kabupaten",
        "Indicator browser",
        "Indicators shared by several kecamatan",
        "Formula differences for shared indicators",
        "Indicators unique to one kecamatan",
    ]
    assert "<p>5 documents, 5 kecamatan, 3 kabupaten, 2 provinsi," in html
    assert "<tr><td>Ngantang</td><td>35.07.27</td><td>Kabupaten Malang</td><td>Jawa Timur</td>" in html
    columns = list(dict.fromkeys(re.findall(r'class="cell" data-family="[^"]*" data-column="([^"]*)"', html)))
    assert columns == KECAMATAN  # one column per kecamatan, no roll-up column


def test_unlinked_kecamatan_roll_up_apart(compared: Path, tmp_path: Path) -> None:
    import pyarrow as pa

    for p in compared.glob("*.parquet"):
        shutil.copy(p, tmp_path / p.name)
    docs = read_table(tmp_path, "documents")
    wilayah = ("kode_kecamatan", "kode_kabupaten", "kabupaten_gazetteer", "provinsi", "kecamatan_gazetteer")
    for d in docs:
        if d["kecamatan"] == "Longkali":
            d.update(dict.fromkeys(wilayah), kabupaten=None)
    schema = pq.read_schema(tmp_path / "documents.parquet")
    pq.write_table(pa.Table.from_pylist(docs, schema=schema), tmp_path / "documents.parquet")
    html = write_compare(tmp_path).read_text(encoding="utf-8")
    assert '<tr data-provinsi="(not linked)" data-kabupaten="(not linked)">' in html
    assert '<tr data-provinsi="(not linked)"><td><button class="prov" type="button">(not linked)' in html
