"""Indicator identity: one key for the same indicator across documents, independent of order."""

from __future__ import annotations

import random
from pathlib import Path

from bench.national_corpus import gazetteer_places
from normalizers.blocking import containment_pairs
from normalizers.identity import (
    IndicatorText,
    _form,
    _neighbours,
    cluster_indicators,
    near_misses,
    normalize_text,
)
from pipeline.run import input_files, run_batch
from tests.conftest import GOLDEN, RAW, load_json, read_table


def _by_kecamatan(out: Path) -> dict[str, list[dict]]:
    kec = {d["doc_id"]: d["kecamatan"] for d in read_table(out, "documents")}
    found: dict[str, list[dict]] = {}
    for row in read_table(out, "indicators"):
        found.setdefault(kec[row["doc_id"]], []).append(row)
    return found


def _key(rows: list[dict], indikator: str) -> str:
    (key,) = {r["indicator_key"] for r in rows if r["indikator"] == indikator}
    return key


def test_attendance_rate_of_ngantang_and_kepanjen_share_a_key(seeds_out: Path) -> None:
    rows = _by_kecamatan(seeds_out)
    name = "Persentase Tingkat Kehadiran PNS lingkup Kecamatan"
    assert _key(rows["Ngantang"], name) == _key(rows["Kepanjen"], name)


def test_shared_indicators_of_ngantang_and_kepanjen(seeds_out: Path) -> None:
    rows = _by_kecamatan(seeds_out)
    shared = {r["indicator_key"] for r in rows["Ngantang"]} & {r["indicator_key"] for r in rows["Kepanjen"]}
    assert len(shared) >= 15
    # worded differently, still the same indicator
    assert _key(rows["Ngantang"], "Jumlah Kegiatan Pembinaan linmas") == _key(
        rows["Kepanjen"], "Pembinaan linmas"
    )
    # one word apart, not the same indicator
    assert _key(rows["Ngantang"], "Jumlah usulan dalam Musrenbangdes") != _key(
        rows["Kepanjen"], "Jumlah usulan dalam Musrenbangcam"
    )


def test_every_indicator_has_a_key_and_clusters_list_them(seeds_out: Path) -> None:
    indicators = read_table(seeds_out, "indicators")
    clusters = read_table(seeds_out, "indicator_clusters")
    assert all(r["indicator_key"] and 0 <= r["identity_score"] <= 100 for r in indicators)
    members = {m: c["indicator_key"] for c in clusters for m in c["member_ids"]}
    assert members == {r["indicator_id"]: r["indicator_key"] for r in indicators}
    assert sum(c["n_members"] for c in clusters) == len(indicators)
    attendance = [c for c in clusters if c["representative"].startswith("Persentase Tingkat Kehadiran")]
    assert attendance[0]["kecamatan"] == ["Kepanjen", "Ngantang"] and attendance[0]["n_kecamatan"] == 2


def _items() -> list[IndicatorText]:
    return [
        IndicatorText(
            "a1", "Persentase Tingkat Kehadiran PNS lingkup Kecamatan", "x / y x 100%", "persentase", "A"
        ),
        IndicatorText("b1", "Persentase tingkat kehadiran PNS lingkup kecamatan", None, "persentase", "B"),
        IndicatorText(
            "a2", "Jumlah Kegiatan Pembinaan linmas", "Jumlah Kegiatan Pembinaan Linmas", "jumlah", "A"
        ),
        IndicatorText("b2", "Pembinaan linmas", "Jumlah Kegiatan Pembinaan Linmas", "lainnya", "B"),
        IndicatorText("a3", "Jumlah usulan dalam Musrenbangdes", None, "jumlah", "A"),
        IndicatorText("b3", "Jumlah usulan dalam Musrenbangcam", None, "jumlah", "B"),
        IndicatorText("b4", "Jumlah usulan dalam Musrebangdes", None, "jumlah", "B"),
        IndicatorText("a5", "Jumlah Kehadiran PNS lingkup Kecamatan", None, "jumlah", "A"),
        IndicatorText("a6", "Jumlah dokumen perencanaan yang disusun", None, "jumlah", "A"),
        IndicatorText("b6", "Jumlah dokumen pelaporan yang disusun", None, "jumlah", "B"),
        IndicatorText("a7", "Prosentase Survey Kepuasan Masyarakat", None, "persentase", "A"),
        IndicatorText("b7", "Persentase Survei Kepuasan Masyarakat", None, "persentase", "B"),
    ]


def _groups(items: list[IndicatorText]) -> dict[str, set[str]]:
    return {c.key: set(c.members) for c in cluster_indicators(items)}


def test_identity_rules() -> None:
    groups = sorted(sorted(g) for g in _groups(_items()).values())
    assert ["a1", "b1"] in groups  # same words, case aside
    assert ["a2", "b2"] in groups  # subset, same formula; measure unknown on one side
    assert ["a3", "b4"] in groups  # spelling slip
    assert ["b3"] in groups  # Musrenbangcam is another forum
    assert ["a5"] in groups  # a count is not a rate
    assert ["a6"] in groups and ["b6"] in groups  # planning is not reporting
    assert ["a7", "b7"] in groups  # spelling variants from the rewrites


def test_keys_do_not_depend_on_order() -> None:
    items = _items()
    expected = _groups(items)
    for seed in range(5):
        shuffled = items[:]
        random.Random(seed).shuffle(shuffled)
        assert _groups(shuffled) == expected


def test_keys_do_not_depend_on_file_order(seeds_out: Path, tmp_path: Path) -> None:
    run_batch(list(reversed(input_files(RAW))), tmp_path)
    reversed_keys = {r["indicator_id"]: r["indicator_key"] for r in read_table(tmp_path, "indicators")}
    forward_keys = {r["indicator_id"]: r["indicator_key"] for r in read_table(seeds_out, "indicators")}
    assert reversed_keys == forward_keys


def test_near_misses_are_between_documents_and_not_linked() -> None:
    items = _items()
    clusters = cluster_indicators(items)
    key_of = {m: c.key for c in clusters for m in c.members}
    misses = near_misses(items, clusters)
    # one word apart, and the same words measured differently (a count vs a rate)
    assert {frozenset((m.a, m.b)) for m in misses} == {frozenset(("a3", "b3")), frozenset(("a5", "b1"))}
    assert all(key_of[m.a] != key_of[m.b] for m in misses)
    assert all(m.a[0] != m.b[0] for m in misses)  # never within one document


def test_an_indikator_of_no_words_is_no_near_miss_and_no_crash() -> None:
    # a rendering read ':' as an indikator: its text has no word for the blocking to key on
    items = [*_items(), IndicatorText("c1", ":", None, "lainnya", "C")]
    clusters = cluster_indicators(items)
    assert all(m.a != "c1" and m.b != "c1" for m in near_misses(items, clusters))


def test_normalize_text() -> None:
    assert normalize_text("∑ Pegawai X (∑ Hari kerja)") == "jumlah pegawai x jumlah hari kerja"
    assert normalize_text("**Prosentase** <b>Survey</b>") == "persentase survei"
    assert normalize_text(None) == ""


def test_seed_keys_scores_clusters_and_near_misses_are_unchanged(seeds_out: Path) -> None:
    """Snapshot taken with the all-pairs implementation, before blocking."""
    expected = load_json(GOLDEN / "identity_seeds.json")
    keys = {
        r["indicator_id"]: [r["indicator_key"], r["identity_score"]]
        for r in read_table(seeds_out, "indicators")
    }
    assert keys == expected["keys"]
    assert read_table(seeds_out, "indicator_clusters") == expected["clusters"]
    misses = [r for r in read_table(seeds_out, "review") if r["kind"] == "indicator-near-miss"]
    assert misses == expected["near_misses"]


def _national_texts(seeds_out: Path, copies: int) -> list[IndicatorText]:
    """The seeds' indicators repeated per kecamatan; every tenth row of a copy names its kecamatan."""
    rows = read_table(seeds_out, "indicators")
    names = [p.kecamatan for p in gazetteer_places()[:copies]]
    return [
        IndicatorText(
            f"{k}-{r['indicator_id']}",
            f"{r['indikator']} Kecamatan {name}" if n % 10 == 0 else r["indikator"],
            r["formula"],
            r["measure"],
            str(k),
        )
        for k, name in enumerate(names)
        for n, r in enumerate(rows)
    ]


def test_candidate_pairs_grow_about_linearly(seeds_out: Path) -> None:
    counts = []
    for copies in (20, 80):
        items = _national_texts(seeds_out, copies)
        forms = list({_form(it) for it in items})
        words = [f.words for f in forms]
        pairs = containment_pairs(words, [f.content for f in forms], _neighbours(words))
        counts.append((len(forms), len(pairs)))
    (n0, p0), (n1, p1) = counts
    assert n1 >= 3 * n0
    assert p1 / p0 <= 1.5 * n1 / n0, counts  # all pairs would grow with the square
