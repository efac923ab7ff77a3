"""The comparison report: one self-contained HTML file (inline CSS, SVG and script, no network).

The page opens at the provinsi and kabupaten roll-ups; a page script (pipeline/data/report.js)
drills down to the kecamatan of one kabupaten and browses indicators, reading the data embedded
in the page (pipeline/report_data.py). Charts stay within one screen (top-N + the rest).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from html import escape
from importlib import resources
from typing import Any

Rows = list[dict[str, Any]]


@dataclass(frozen=True)
class ReportParts:
    """What the report shows besides the comparison tables: roll-ups, coverage grid, page data."""

    documents: Rows
    provinsi: Rows
    kabupaten: Rows
    coverage: Rows
    payload: str  # pipeline.report_data.encode_payload


_PALETTE = [
    *("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22"),
    *("#17becf", "#aec7e8", "#ffbb78", "#98df8a"),
]
MAX_WIDTH = 1200  # px: the charts stay within one screen however many kecamatan are compared
SMALL = 60  # kecamatan up to which the report lists every one of them on the page itself
WHERE = 10  # kecamatan named per shared indicator; the browser has them all


def _blue(t: float) -> str:
    """Sequential colour from light to dark blue for t in 0..1."""
    lo, hi = (222, 235, 247), (8, 48, 107)
    return "#" + "".join(f"{round(a + (b - a) * t):02x}" for a, b in zip(lo, hi, strict=True))


def _order(rows: Rows, key: str) -> list[str]:
    return list(dict.fromkeys(r[key] for r in rows))


def _column_label(text: str, x: float, y: float, rotate: bool) -> str:
    """A column heading; rotated when columns are narrow so long kabupaten names still fit."""
    shown = text if len(text) <= 24 else text[:23] + "…"
    if not rotate:
        return f'<text x="{x}" y="{y}" text-anchor="middle" class="col-label">{escape(shown)}</text>'
    return (
        f'<text x="{x}" y="{y}" text-anchor="start" transform="rotate(-30 {x} {y})" class="col-label">'
        f"<title>{escape(text)}</title>{escape(shown)}</text>"
    )


def _cell_shade(r: dict[str, Any], top_n: int) -> tuple[float, str]:
    """Colour level 0..1 and label: indicator rows for a kecamatan, share having the family for a group."""
    if r["n_kecamatan"] == 1:
        # square root: small counts stay tellable apart next to a large one
        return (r["n_indicators"] / top_n) ** 0.5, f"{r['n_indicators']}"
    share = r["n_present"] / r["n_kecamatan"]
    return share, f"{round(100 * share)}%"


def heatmap_svg(grid: Rows) -> str:
    """Coverage heatmap: family (rows) x column (kecamatan, or kabupaten / top-N + rest) <= 1200 px."""
    families, columns = _order(grid, "family"), _order(grid, "column")
    left, cell_h = 200, 26
    cell_w = min(110, (MAX_WIDTH - left - 10) // max(len(columns), 1))
    rotate = cell_w < 100 or any(len(c) > cell_w // 8 for c in columns)
    if rotate:  # room on the right for the last rotated label
        cell_w = min(cell_w, (MAX_WIDTH - left - 130) // max(len(columns), 1))
    top = 120 if rotate else 40
    top_n = max([r["n_indicators"] for r in grid if r["n_kecamatan"] == 1] or [1]) or 1
    fam_at, col_at = {f: i for i, f in enumerate(families)}, {c: j for j, c in enumerate(columns)}
    parts = [
        f'<svg id="coverage-heatmap" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'width="{left + cell_w * len(columns) + (130 if rotate else 10)}" '
        f'height="{top + cell_h * len(families) + 10}">',
        "<title>Coverage: indicator rows (kecamatan) or share of kecamatan with the family (groups)</title>",
    ]
    for j, col in enumerate(columns):
        x = left + j * cell_w + (cell_w / 3 if rotate else cell_w / 2)
        parts.append(_column_label(col, x, top - 12, rotate))
    for i, fam in enumerate(families):
        y = top + i * cell_h
        parts.append(
            f'<text x="{left - 8}" y="{y + 17}" text-anchor="end" class="row-label">{escape(fam)}</text>'
        )
    for r in grid:
        x, y = left + col_at[r["column"]] * cell_w, top + fam_at[r["family"]] * cell_h
        t, label = _cell_shade(r, top_n)
        fill = _blue(0.15 + 0.85 * t) if r["present"] else "#f4f4f4"
        ink = "#fff" if r["present"] and t > 0.45 else "#222"
        label = label if r["present"] else "–"
        tip = (
            f"{r['family']} / {r['column']}: {r['n_positions']} positions, {r['n_indicators']} indicators"
            + (f", {r['n_present']} of {r['n_kecamatan']} kecamatan" if r["n_kecamatan"] > 1 else "")
        )
        rect = f'<rect x="{x}" y="{y}" width="{cell_w - 2}" height="{cell_h - 2}" fill="{fill}">'
        text = f'<text x="{x + cell_w / 2}" y="{y + 17}" text-anchor="middle" fill="{ink}">{label}</text>'
        parts.append(
            f'<g class="cell" data-family="{escape(r["family"])}" data-column="{escape(r["column"])}">'
            f"{rect}<title>{escape(tip)}</title></rect>{text}</g>"
        )
    return "\n".join([*parts, "</svg>"])


def bars_svg(grid: Rows) -> str:
    """Indicators per family: one horizontal bar per family, stacked by column, with a legend."""
    families, places = _order(grid, "family"), _order(grid, "column")
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for r in grid:
        counts[r["family"]][r["column"]] = r["n_indicators"]
    longest = max([sum(c.values()) for c in counts.values()] or [1]) or 1
    left, width, bar_h, top = 200, 640, 22, 30
    height = top + bar_h * len(families) + 20 * (len(places) // 4 + 1) + 30
    parts = [
        f'<svg id="family-bars" xmlns="http://www.w3.org/2000/svg" role="img" width="{left + width + 80}" '
        f'height="{height}"><title>Indicator rows per family, by kecamatan</title>'
    ]
    for i, fam in enumerate(families):
        y, x = top + i * bar_h, float(left)
        parts.append(f'<text x="{left - 8}" y="{y + 15}" text-anchor="end">{escape(fam)}</text>')
        for j, place in enumerate(places):
            w = width * counts[fam].get(place, 0) / longest
            if w > 0:
                colour = _PALETTE[j % len(_PALETTE)]
                tip = f"{fam} / {place}: {counts[fam][place]}"
                geometry = f'x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h - 4}"'
                parts.append(
                    f'<rect class="bar" {geometry} fill="{colour}"><title>{escape(tip)}</title></rect>'
                )
                x += w
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 15}">{sum(counts[fam].values())}</text>')
    legend_y = top + bar_h * len(families) + 20
    for j, place in enumerate(places):
        lx, ly = left + (j % 4) * 160, legend_y + (j // 4) * 20
        parts.append(
            f'<rect x="{lx}" y="{ly - 10}" width="12" height="12" fill="{_PALETTE[j % len(_PALETTE)]}"/>'
        )
        parts.append(f'<text x="{lx + 18}" y="{ly}" class="legend">{escape(place)}</text>')
    return "\n".join([*parts, "</svg>"])


def _table(rows: Rows, columns: list[tuple[str, str]], limit: int = 200) -> str:
    head = "".join(f"<th>{escape(title)}</th>" for _, title in columns)
    body = []
    for r in rows[:limit]:
        cells = []
        for key, _ in columns:
            v = r.get(key)
            text = ", ".join(map(str, v)) if isinstance(v, list) else "" if v is None else str(v)
            cells.append(
                f'<td class="n">{text}</td>' if isinstance(v, int | float) else f"<td>{escape(text)}</td>"
            )
        body.append("<tr>" + "".join(cells) + "</tr>")
    more = f"<p>… and {len(rows) - limit} more rows (see the Parquet file).</p>" if len(rows) > limit else ""
    return f"<table><tr>{head}</tr>{''.join(body)}</table>{more}"


def _kecamatan_rows(tables: dict[str, Rows], documents: Rows) -> Rows:
    by_name: dict[str, dict[str, Any]] = {}
    for d in sorted(documents, key=lambda d: d["doc_id"]):
        name = d.get("kecamatan") or d.get("instansi") or d["source_file"]
        row = by_name.setdefault(
            name, {"kecamatan": name, "documents": 0, "indicators": 0, "shared": 0, "unique": 0}
        )
        row["documents"] += 1
        for col in ("kode_kecamatan", "kabupaten_gazetteer", "provinsi"):
            row[col] = row.get(col) or d.get(col)
    for r in tables["indicator_kecamatan"]:
        row = by_name.setdefault(r["kecamatan"], {"kecamatan": r["kecamatan"], "documents": 0})
        row["indicators"] = row.get("indicators", 0) + 1
        row["shared"] = row.get("shared", 0) + (r["n_kecamatan"] > 1)
    for r in tables["unique_indicators"]:
        by_name[r["kecamatan"]]["unique"] = by_name[r["kecamatan"]].get("unique", 0) + 1
    return [by_name[k] for k in sorted(by_name)]


def _asset(name: str) -> str:
    return resources.files("pipeline").joinpath("data", name).read_text(encoding="utf-8")


def _rollup_tables(provinsi: Rows, kabupaten: Rows) -> str:
    """Provinsi and kabupaten roll-ups side by side; a kabupaten button opens its kecamatan."""
    prov_rows = "".join(
        f'<tr data-provinsi="{escape(r["name"])}"><td><button class="prov" type="button">'
        f'{escape(r["name"])}</button></td><td class="n">{r["n_kecamatan"]}</td>'
        f'<td class="n">{r["n_documents"]}</td><td class="n">{r["n_distinct"]}</td>'
        f'<td class="n">{"" if r["n_common"] is None else r["n_common"]}</td></tr>'
        for r in provinsi
    )
    kab_rows = "".join(
        f'<tr data-provinsi="{escape(r["provinsi"])}" data-kabupaten="{escape(r["name"])}">'
        f'<td><button class="kab" type="button" title="{escape(r["kode_kabupaten"] or "")}">'
        f"{escape(r['name'])}</button></td><td>{escape(r['provinsi'])}</td>"
        f'<td class="n">{r["n_kecamatan"]}</td><td class="n">{r["n_documents"]}</td>'
        f'<td class="n">{r["n_rows"]}</td><td class="n">{r["n_distinct"]}</td>'
        f'<td class="n">{"" if r["n_common"] is None else r["n_common"]}</td></tr>'
        for r in kabupaten
    )
    common = "in every one of its kecamatan"
    return (
        '<div class="rollups"><div class="box"><h2>Provinsi</h2><table id="rollup-provinsi">'
        "<tr><th>provinsi</th><th>kecamatan</th><th>docs</th><th>distinct indicators</th>"
        f'<th title="{common}">common</th></tr>{prov_rows}</table></div>'
        '<div class="box wide"><h2>Kabupaten <small id="kabupaten-filter"></small></h2>'
        '<table id="rollup-kabupaten"><tr><th>kabupaten</th><th>provinsi</th><th>kecamatan</th>'
        "<th>docs</th><th>indicator rows</th><th>distinct indicators</th>"
        f'<th title="{common}">common</th></tr>{kab_rows}</table></div></div>'
    )


def _coverage_note(grid: Rows) -> str:
    """What the columns are when they are not one kecamatan each."""
    columns = {r["column"]: r["n_kecamatan"] for r in grid}
    if all(n == 1 for n in columns.values()):
        return ""
    return (
        f'<p class="note">{len(columns)} columns: the kabupaten (or kecamatan) with the most indicator rows, '
        "the rest summed in the last one. A cell is the share of their kecamatan that have the family; "
        "the bars below count indicator rows.</p>"
    )


def _drilldown(kabupaten: Rows) -> str:
    options = "".join(f'<option value="{escape(r["name"])}">{escape(r["name"])}</option>' for r in kabupaten)
    return (
        '<h2 id="drill">Kecamatan of one kabupaten</h2><p><label>Kabupaten: <select id="kabupaten-select">'
        f'<option value="">choose…</option>{options}</select></label></p><div id="drilldown"></div>'
    )


_BROWSER = (
    '<h2 id="browser">Indicator browser</h2><p><label>Search an indicator (words or indicator_key): '
    '<input id="indicator-search" type="search" size="50" autocomplete="off"></label> '
    '<label><input id="browser-in-kabupaten" type="checkbox"> only the kabupaten chosen above</label></p>'
    '<div id="indicator-results"></div><div id="indicator-detail"></div>'
)


def render_report(tables: dict[str, Rows], parts: ReportParts, selection: str) -> str:
    """The whole report as one HTML string."""
    grid = tables["family_kecamatan"]
    # Names repeat across kabupaten (there are many a Sukamaju): count kecamatan by code and name.
    n_kecamatan = len({(r["kode_kecamatan"], r["kecamatan"]) for r in grid})
    shared: dict[str, dict[str, Any]] = {}
    for r in tables["indicator_kecamatan"]:
        if r["n_kecamatan"] > 1:
            entry = shared.setdefault(r["indicator_key"], {**r, "kecamatan_list": []})
            if len(entry["kecamatan_list"]) < WHERE:
                entry["kecamatan_list"].append(r["kecamatan"])
            elif len(entry["kecamatan_list"]) == WHERE:
                entry["kecamatan_list"].append(f"… {r['n_kecamatan'] - WHERE} more (indicator browser)")
    shared_rows = sorted(shared.values(), key=lambda r: (-r["n_kecamatan"], r["representative"]))
    kecamatan_section = (
        _table(
            _kecamatan_rows(tables, parts.documents),
            [
                ("kecamatan", "kecamatan"),
                ("kode_kecamatan", "kode"),
                ("kabupaten_gazetteer", "kabupaten"),
                ("provinsi", "provinsi"),
                ("documents", "documents"),
                ("indicators", "distinct indicators"),
                ("shared", "shared"),
                ("unique", "unique"),
            ],
        )
        if n_kecamatan <= SMALL
        else f"<p>{n_kecamatan} kecamatan: choose a kabupaten above to list its kecamatan.</p>"
    )
    overview = [_rollup_tables(parts.provinsi, parts.kabupaten), _drilldown(parts.kabupaten), _BROWSER]
    kecamatan = [
        "<h2>Kecamatan</h2>",
        kecamatan_section,
        '<h2 id="coverage">Coverage: indicator rows per family and kecamatan</h2>',
        _coverage_note(parts.coverage),
        heatmap_svg(parts.coverage),
        "<h2>Indicators per family</h2>",
        bars_svg(parts.coverage),
    ]
    sections = [
        "<h1>Perbandingan indikator kinerja antar kecamatan</h1>",
        f'<p id="selection">Selection: {escape(selection) if selection else "all documents"}.</p>',
        f"<p>{len(parts.documents)} documents, {n_kecamatan} kecamatan, {len(parts.kabupaten)} kabupaten, "
        f"{len(parts.provinsi)} provinsi, "
        f"{len({r['indicator_key'] for r in tables['indicator_kecamatan']})} distinct indicators, "
        f"{len(shared_rows)} shared by two or more kecamatan.</p>",
        '<p class="nav"><a href="#drill">kecamatan of a kabupaten</a> · <a href="#browser">indicator '
        'browser</a> · <a href="#coverage">coverage</a> · <a href="#shared">shared</a> · '
        '<a href="#formulas">formula differences</a> · <a href="#unique">unique</a></p>',
        # A few kecamatan open as they always did (their table and charts first); a corpus opens at
        # the roll-ups, its kecamatan one kabupaten at a time.
        *(kecamatan + overview if n_kecamatan <= SMALL else overview + kecamatan),
        '<h2 id="shared">Indicators shared by several kecamatan</h2>',
        _table(
            shared_rows,
            [
                ("indicator_key", "key"),
                ("representative", "indicator"),
                ("n_kecamatan", "kecamatan"),
                ("kecamatan_list", "where"),
            ],
        ),
        '<h2 id="formulas">Formula differences for shared indicators</h2>',
        _table(
            tables["formula_differences"],
            [
                ("representative", "indicator"),
                ("kecamatan", "kecamatan"),
                ("formula", "formula"),
                ("similarity", "similarity"),
            ],
        ),
        '<h2 id="unique">Indicators unique to one kecamatan</h2>',
        _table(
            tables["unique_indicators"],
            [("kecamatan", "kecamatan"), ("representative", "indicator"), ("families", "families")],
        ),
    ]
    footer = (
        "<footer>Kode wilayah: contains information from idn-area-data, made available under the Open "
        "Database License (ODbL), https://opendatacommons.org/licenses/odbl/1-0/.</footer>"
    )
    # The data is base64 (no "<" in it), so it cannot end its script element early.
    scripts = (
        f'<script type="application/gzip-base64" id="report-data">{parts.payload}</script>\n'
        f"<script>{_asset('report.js')}</script>"
    )
    return (
        '<!DOCTYPE html>\n<html lang="id"><head><meta charset="utf-8">'
        f"<title>Perbandingan kecamatan</title><style>{_asset('report.css')}</style></head><body>\n"
        + "\n".join(sections)
        + f"\n{footer}\n{scripts}\n</body></html>\n"
    )
