"""The comparison at corpus scale: 2,000 documents on real kecamatan (bench/compare_corpus.py), the
report's size, build time and first screen, its embedded data, and the page driven in headless
Chromium through Selenium (select a kabupaten, find its kecamatan; search an indicator, find its
formulas)."""

from __future__ import annotations

import base64
import gzip
import json
import re
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from bench.compare_corpus import build_compare_corpus
from pipeline.compare import write_compare
from pipeline.rollup import TOP_N
from tests.conftest import read_table

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
ATTENDANCE = "Persentase Tingkat Kehadiran PNS lingkup Kecamatan"
N_DOCS = 2000


@pytest.fixture(scope="module")
def corpus(seeds_out: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float]:
    """2,000 documents compared; the CPU seconds the comparison took (the machine may be shared)."""
    out = build_compare_corpus(seeds_out, tmp_path_factory.mktemp("corpus2000"), N_DOCS)
    cpu = time.process_time()
    write_compare(out)
    return out, time.process_time() - cpu


def _html(out: Path) -> str:
    return (out / "compare" / "report.html").read_text(encoding="utf-8")


def _payload(html: str) -> dict[str, Any]:
    data = re.search(r'<script type="application/gzip-base64" id="report-data">([^<]*)</script>', html)
    assert data
    return json.loads(gzip.decompress(base64.b64decode(data.group(1))))


def test_report_of_2000_documents_is_small_and_quick(corpus: tuple[Path, float]) -> None:
    out, cpu_seconds = corpus
    assert (out / "compare" / "report.html").stat().st_size < 3 * 2**20
    assert cpu_seconds < 15


def test_first_screen_is_the_provinsi_and_kabupaten_rollups(corpus: tuple[Path, float]) -> None:
    out, _ = corpus
    html, docs = _html(out), read_table(out, "documents")
    n_kecamatan = len({d["kode_kecamatan"] for d in docs})
    body = html[html.index("<body>") :]
    first = body[: body.index('<h2 id="drill">')]
    assert '<table id="rollup-provinsi">' in first and '<table id="rollup-kabupaten">' in first
    assert first.count("<tr data-provinsi=") == len({d["provinsi"] for d in docs}) + len(
        {d["kode_kabupaten"] for d in docs}
    )
    assert f"<p>{n_kecamatan} kecamatan: choose a kabupaten above to list its kecamatan.</p>" in html
    malang = re.search(r'<tr data-provinsi="Jawa Timur" data-kabupaten="Kabupaten Malang">(.*?)</tr>', html)
    assert malang
    n_malang = len({d["kode_kecamatan"] for d in docs if d["kode_kabupaten"] == "35.07"})
    assert f'<td class="n">{n_malang}</td>' in malang.group(1)


def test_heatmap_is_top_n_plus_the_rest_within_a_screen(corpus: tuple[Path, float]) -> None:
    html = _html(corpus[0])
    svg = re.search(r'<svg id="coverage-heatmap"[^>]*width="(\d+)"', html)
    assert svg and int(svg.group(1)) <= 1280
    columns = list(dict.fromkeys(re.findall(r'class="cell" data-family="[^"]*" data-column="([^"]*)"', html)))
    assert len(columns) == TOP_N + 1 and re.fullmatch(r"other \d+ kabupaten", columns[-1])


def test_embedded_data_holds_every_kecamatan_and_indicator_occurrence(corpus: tuple[Path, float]) -> None:
    out, _ = corpus
    data = _payload(_html(out))
    by_kec = pq.read_table(out / "compare" / "indicator_kecamatan.parquet").to_pylist()
    assert len(data["kec"]) == len({d["kode_kecamatan"] for d in read_table(out, "documents")})
    assert sum(len(ind[3]) // 6 for ind in data["ind"]) == len(by_kec)
    assert {ind[0] for ind in data["ind"]} == {r["indicator_key"] for r in by_kec}
    assert all(len(k[5]) == len(data["families"]) for k in data["kec"])


# --- the page in a real browser -------------------------------------------------------------------


@pytest.fixture(scope="module")
def page(corpus: tuple[Path, float], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.skip("chromium / chromedriver not installed (make sysdeps installs them)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    profile = tmp_path_factory.mktemp("chromium-profile")
    for flag in (
        *("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"),
        *(
            "--disable-component-update",
            "--no-first-run",
            f"--user-data-dir={profile}",
            "--window-size=1400,1000",
        ),
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        driver.get((corpus[0] / "compare" / "report.html").resolve().as_uri())
        WebDriverWait(driver, 60).until(
            lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready")
        )
        assert driver.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "true"
        yield driver
    finally:
        driver.quit()


def _rows(driver: Any, css: str) -> list[Any]:
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, css)


def _biggest_kabupaten(docs: list[dict[str, Any]]) -> tuple[str, set[str]]:
    kec: dict[str, set[str]] = defaultdict(set)
    for d in docs:
        kec[d["kabupaten_gazetteer"]].add(d["kecamatan"])
    name = min(kec, key=lambda k: (-len(kec[k]), k))
    return name, kec[name]


def test_choosing_a_kabupaten_lists_its_kecamatan(
    page: Any, corpus: tuple[Path, float], tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    docs = read_table(corpus[0], "documents")
    name, kecamatan = _biggest_kabupaten(docs)
    page.find_element(By.CSS_SELECTOR, f'#rollup-kabupaten tr[data-kabupaten="{name}"] button.kab').click()
    rows = _rows(page, "#drilldown-table tr[data-kecamatan]")
    assert sorted(r.get_attribute("data-kecamatan") for r in rows) == sorted(kecamatan)
    assert f": {len(kecamatan)} kecamatan" in page.find_element(By.CSS_SELECTOR, "#drilldown h3").text
    page.save_screenshot(str(tmp_path / "drilldown.png"))
    assert (tmp_path / "drilldown.png").stat().st_size > 20_000  # drawn, not blank
    # The same through the drop-down, for another kabupaten.
    Select(page.find_element(By.ID, "kabupaten-select")).select_by_value("Kabupaten Malang")
    malang = {d["kecamatan"] for d in docs if d["kabupaten_gazetteer"] == "Kabupaten Malang"}
    assert {
        r.get_attribute("data-kecamatan") for r in _rows(page, "#drilldown-table tr[data-kecamatan]")
    } == malang
    # A provinsi narrows the kabupaten roll-up to its own kabupaten.
    page.find_element(By.CSS_SELECTOR, '#rollup-provinsi tr[data-provinsi="Jawa Timur"] button.prov').click()
    shown = [r for r in _rows(page, "#rollup-kabupaten tr[data-kabupaten]") if r.is_displayed()]
    assert shown and {r.get_attribute("data-provinsi") for r in shown} == {"Jawa Timur"}


def _first_formulas(out: Path, key: str) -> Counter[tuple[str, str]]:
    """(kecamatan, formula of its first row of the key) for every kecamatan stating the key."""
    docs = {d["doc_id"]: d for d in read_table(out, "documents")}
    first: dict[str, dict[str, Any]] = {}
    for r in sorted(read_table(out, "indicators"), key=lambda r: r["indicator_id"]):
        if r["indicator_key"] == key:
            first.setdefault(
                docs[r["doc_id"]]["kode_kecamatan"], {**r, "kec": docs[r["doc_id"]]["kecamatan"]}
            )
    return Counter((r["kec"], " ".join((r["formula"] or "").split())) for r in first.values())


def _search(page: Any, text: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    box, results = page.find_element(By.ID, "indicator-search"), page.find_element(By.ID, "indicator-results")
    # Empty first: an earlier search of the same text must not count as this one's answer. Typed,
    # not clear(): WebDriver's clear fires no input event.
    if box.get_attribute("value"):
        box.send_keys(Keys.CONTROL, "a")
        box.send_keys(Keys.DELETE)
    WebDriverWait(page, 10).until(lambda d: not results.get_attribute("data-query"))
    box.send_keys(text)
    WebDriverWait(page, 10).until(lambda d: results.get_attribute("data-query") == text)


def test_searching_an_indicator_shows_every_kecamatan_with_its_formula(
    page: Any, corpus: tuple[Path, float]
) -> None:
    from selenium.webdriver.common.by import By

    out = corpus[0]
    # The corpus-wide key of the seeds' attendance indicator (its kabupaten variants share the text).
    clusters = [c for c in read_table(out, "indicator_clusters") if c["representative"] == ATTENDANCE]
    key = max(clusters, key=lambda c: c["n_kecamatan"])["indicator_key"]
    _search(page, "kehadiran pns lingkup")
    hits = _rows(page, "#indicator-results button.hit")
    assert ATTENDANCE in [h.text for h in hits]
    next(h for h in hits if h.get_attribute("data-key") == key).click()
    rows = _rows(page, "#indicator-table tr[data-kecamatan]")
    shown = Counter(
        # a browser shows runs of white space as one
        (
            r.get_attribute("data-kecamatan"),
            " ".join(r.find_element(By.CSS_SELECTOR, "td.formula").text.split()),
        )
        for r in rows
    )
    assert shown == _first_formulas(out, key)
    assert page.find_element(By.ID, "indicator-summary").text.startswith(f"{key}: {len(rows)} kecamatan")


def test_differing_formulas_are_marked(page: Any, corpus: tuple[Path, float]) -> None:
    from selenium.webdriver.common.by import By

    diffs = pq.read_table(corpus[0] / "compare" / "formula_differences.parquet").to_pylist()
    key, n_variants = max(
        ((r["indicator_key"], r["n_variants"]) for r in diffs), key=lambda kv: (kv[1], kv[0])
    )
    _search(page, key)  # an indicator_key finds exactly its indicator, opened at once
    rows = _rows(page, "#indicator-table tr[data-kecamatan]")
    variants = Counter(
        int(r.get_attribute("data-variant")) for r in rows if r.get_attribute("data-variant") != "-1"
    )
    assert len(variants) == n_variants and variants[0] == max(variants.values())  # A: the most used
    differs = _rows(page, "#indicator-table tr.differs")
    assert len(differs) == sum(n for v, n in variants.items() if v > 0)
    summary = page.find_element(By.ID, "indicator-summary").text
    assert f"{n_variants} formula variant(s)" in summary and "marked" in summary


def test_browser_narrowed_to_the_chosen_kabupaten(page: Any, corpus: tuple[Path, float]) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    out = corpus[0]
    docs = read_table(out, "documents")
    Select(page.find_element(By.ID, "kabupaten-select")).select_by_value("Kabupaten Malang")
    in_malang = {d["doc_id"] for d in docs if d["kabupaten_gazetteer"] == "Kabupaten Malang"}
    key = Counter(
        r["indicator_key"] for r in read_table(out, "indicators") if r["doc_id"] in in_malang
    ).most_common(1)[0][0]
    only = page.find_element(By.ID, "browser-in-kabupaten")
    if not only.is_selected():
        only.click()
    try:
        _search(page, key)
        rows = _rows(page, "#indicator-table tr[data-kecamatan]")
        malang = {d["kecamatan"] for d in docs if d["doc_id"] in in_malang}
        assert rows and {r.get_attribute("data-kecamatan") for r in rows} <= malang
        assert {r.find_elements(By.TAG_NAME, "td")[1].text for r in rows} == {"Kabupaten Malang"}
    finally:
        only.click()
