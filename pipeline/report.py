"""The comparison report: one self-contained HTML file (inline CSS and SVG, no script, no network)."""

from __future__ import annotations

from collections import defaultdict
from html import escape
from typing import Any

Rows = list[dict[str, Any]]

_PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22"]
_CSS = """
body { font-family: system-ui, sans-serif; margin: 24px; color: #222; }
h1 { font-size: 22px; } h2 { font-size: 17px; margin-top: 28px; }
table { border-collapse: collapse; font-size: 13px; margin: 8px 0; }
th, td { border: 1px solid #ccc; padding: 3px 7px; text-align: left; vertical-align: top; }
th { background: #f0f0f0; } td.n { text-align: right; }
svg text { font-family: system-ui, sans-serif; font-size: 12px; }
footer { margin-top: 32px; font-size: 11px; color: #666; }
"""


def _blue(t: float) -> str:
    """Sequential colour from light to dark blue for t in 0..1."""
    lo, hi = (222, 235, 247), (8, 48, 107)
    return "#" + "".join(f"{round(a + (b - a) * t):02x}" for a, b in zip(lo, hi, strict=True))


def _order(rows: Rows, key: str) -> list[str]:
    return list(dict.fromkeys(r[key] for r in rows))


def heatmap_svg(grid: Rows) -> str:
    """Coverage heatmap: family (rows) x kecamatan (columns), colour by indicator rows."""
    families, places = _order(grid, "family"), sorted(_order(grid, "kecamatan"))
    cell_w, cell_h, left, top = 110, 26, 200, 40
    top_n = max([r["n_indicators"] for r in grid] or [1]) or 1
    parts = [
        f'<svg id="coverage-heatmap" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'width="{left + cell_w * len(places) + 10}" height="{top + cell_h * len(families) + 10}">',
        "<title>Coverage: indicator rows per family and kecamatan</title>",
    ]
    for j, place in enumerate(places):
        x = left + j * cell_w + cell_w / 2
        parts.append(
            f'<text x="{x}" y="{top - 12}" text-anchor="middle" class="col-label">{escape(place)}</text>'
        )
    for i, fam in enumerate(families):
        y = top + i * cell_h
        parts.append(
            f'<text x="{left - 8}" y="{y + 17}" text-anchor="end" class="row-label">{escape(fam)}</text>'
        )
    for r in grid:
        i, j = families.index(r["family"]), places.index(r["kecamatan"])
        x, y, n = left + j * cell_w, top + i * cell_h, r["n_indicators"]
        t = (n / top_n) ** 0.5  # square root: small counts stay tellable apart next to a large one
        fill = _blue(0.15 + 0.85 * t) if r["present"] else "#f4f4f4"
        ink = "#fff" if r["present"] and t > 0.45 else "#222"
        label = f"{n}" if r["present"] else "–"
        tip = f"{r['family']} / {r['kecamatan']}: {r['n_positions']} positions, {n} indicators"
        rect = f'<rect x="{x}" y="{y}" width="{cell_w - 2}" height="{cell_h - 2}" fill="{fill}">'
        text = f'<text x="{x + cell_w / 2}" y="{y + 17}" text-anchor="middle" fill="{ink}">{label}</text>'
        parts.append(
            f'<g class="cell" data-family="{escape(r["family"])}" data-kecamatan="{escape(r["kecamatan"])}">'
            f"{rect}<title>{escape(tip)}</title></rect>{text}</g>"
        )
    return "\n".join([*parts, "</svg>"])


def bars_svg(grid: Rows) -> str:
    """Indicators per family: one horizontal bar per family, stacked by kecamatan, with a legend."""
    families, places = _order(grid, "family"), sorted(_order(grid, "kecamatan"))
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for r in grid:
        counts[r["family"]][r["kecamatan"]] = r["n_indicators"]
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


def render_report(tables: dict[str, Rows], documents: Rows) -> str:
    """The whole report as one HTML string."""
    grid = tables["family_kecamatan"]
    shared: dict[str, dict[str, Any]] = {}
    for r in tables["indicator_kecamatan"]:
        if r["n_kecamatan"] > 1:
            entry = shared.setdefault(r["indicator_key"], {**r, "kecamatan_list": []})
            entry["kecamatan_list"].append(r["kecamatan"])
    shared_rows = sorted(shared.values(), key=lambda r: (-r["n_kecamatan"], r["representative"]))
    sections = [
        "<h1>Perbandingan indikator kinerja antar kecamatan</h1>",
        f"<p>{len(documents)} documents, {len(_order(grid, 'kecamatan'))} kecamatan, "
        f"{len({r['indicator_key'] for r in tables['indicator_kecamatan']})} distinct indicators, "
        f"{len(shared_rows)} shared by two or more kecamatan.</p>",
        "<h2>Kecamatan</h2>",
        _table(
            _kecamatan_rows(tables, documents),
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
        ),
        "<h2>Coverage: indicator rows per family and kecamatan</h2>",
        heatmap_svg(grid),
        "<h2>Indicators per family</h2>",
        bars_svg(grid),
        "<h2>Indicators shared by several kecamatan</h2>",
        _table(
            shared_rows,
            [
                ("indicator_key", "key"),
                ("representative", "indicator"),
                ("n_kecamatan", "kecamatan"),
                ("kecamatan_list", "where"),
            ],
        ),
        "<h2>Formula differences for shared indicators</h2>",
        _table(
            tables["formula_differences"],
            [
                ("representative", "indicator"),
                ("kecamatan", "kecamatan"),
                ("formula", "formula"),
                ("similarity", "similarity"),
            ],
        ),
        "<h2>Indicators unique to one kecamatan</h2>",
        _table(
            tables["unique_indicators"],
            [("kecamatan", "kecamatan"), ("representative", "indicator"), ("families", "families")],
        ),
    ]
    footer = (
        "<footer>Kode wilayah: contains information from idn-area-data, made available under the Open "
        "Database License (ODbL), https://opendatacommons.org/licenses/odbl/1-0/.</footer>"
    )
    return (
        '<!DOCTYPE html>\n<html lang="id"><head><meta charset="utf-8">'
        f"<title>Perbandingan kecamatan</title><style>{_CSS}</style></head><body>\n"
        + "\n".join(sections)
        + f"\n{footer}\n</body></html>\n"
    )
