"""Generated run-together table rows for the cell-boundary model (tools/cell_model.py).

A row is printed the way markitdown writes a PDF table whose columns it did not see: each cell
wrapped at its column's width, then one text line per visual line holding that line of every
cell, left to right, joined by one or two spaces. The labels are the word positions where a
cell starts. Only dev gold goes in (tools/cell_model.py checks the names).
"""

from __future__ import annotations

import json
import random
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FIELDS = ("sasaran", "indikator", "catatan", "formula", "sumber_data", "penanggung_jawab")
_FRACTION = re.compile(r"\s+(?:/|:|dibagi)\s+", re.I)
_TIMES = re.compile(r"\s*(?:x|×|X)\s*100\s*%?\s*$")
_ACRONYM = re.compile(r"\b[A-Z][A-Za-z]*[A-Z]\b")


@dataclass
class Pools:
    rows: list[dict[str, str]] = field(default_factory=list)
    cells: dict[str, list[str]] = field(default_factory=dict)

    @staticmethod
    def merge(pools: Sequence[Pools]) -> Pools:
        out = Pools()
        for p in pools:
            out.rows += p.rows
            for k, v in p.cells.items():
                out.cells.setdefault(k, []).extend(v)
        return out


def _indicators(gold: dict[str, Any]) -> list[dict[str, Any]]:
    found = list(gold.get("iku") or [])
    for pos in gold.get("positions") or []:
        found += pos.get("indicators") or []
    return found


def pools_from_gold(files: Sequence[Path]) -> Pools:
    """The indicator cells of these gold files, per indicator and per field."""
    pools = Pools()
    for path in files:
        for ind in _indicators(json.loads(path.read_text(encoding="utf-8"))):
            row = {k: " ".join(str(ind[k]).split()) for k in FIELDS[:-1] if ind.get(k)}
            pj = [" ".join(str(p).split()) for p in ind.get("penanggung_jawab") or [] if p]
            if pj:
                row["penanggung_jawab"] = " dan ".join(pj)
            items = [str(s) for s in ind.get("sub_items") or [] if s]
            if items and "indikator" in row:
                row["indikator"] += " " + " ".join(f"{chr(97 + i)}. {s}" for i, s in enumerate(items))
            if row:
                pools.rows.append(row)
                for k, v in row.items():
                    pools.cells.setdefault(k, []).append(v)
                # the acronyms of the dev cells ("IKW", "PADes") as short cells: a sumber data or a
                # unit printed as an abbreviation
                for v in row.values():
                    pools.cells.setdefault("acronym", []).extend(_ACRONYM.findall(v))
    return pools


def _columns(rng: random.Random) -> list[str]:
    cols = ["sasaran", "indikator", "formula", "sumber_data", "penanggung_jawab"]
    if rng.random() < 0.4:
        cols[3], cols[4] = cols[4], cols[3]
    if rng.random() < 0.25:
        cols.insert(2, "catatan")
    for drop in ("sasaran", "sumber_data", "penanggung_jawab"):
        if rng.random() < 0.25 and len(cols) > 2:
            cols.remove(drop)
    return cols


def _cell_lines(text: str, width: int, stacked: bool, justified: bool) -> list[str]:
    parts = [text]
    if stacked:
        times = _TIMES.search(text)
        body = text[: times.start()] if times else text
        pieces = _FRACTION.split(body, maxsplit=1)
        if len(pieces) == 2:
            parts = [*pieces, *([times.group(0).strip()] if times else [])]
    lines: list[str] = []
    for part in parts:
        wrapped = textwrap.wrap(part, width=width, break_long_words=False) or [part]
        if justified:
            wrapped = [ln.replace(" ", "  ") if i < len(wrapped) - 1 else ln for i, ln in enumerate(wrapped)]
        lines += wrapped
    return lines


def _row_cells(pools: Pools, cols: list[str], rng: random.Random) -> list[str]:
    base = rng.choice(pools.rows)
    cells = []
    for col in cols:
        pool = pools.cells.get(col) or pools.cells.get("indikator") or [""]
        text = base[col] if col in base and rng.random() < 0.5 else rng.choice(pool)
        if col in ("sumber_data", "penanggung_jawab") and pools.cells.get("acronym") and rng.random() < 0.3:
            text = rng.choice(pools.cells["acronym"])
        cells.append(text)
    if cols[0] == "sasaran" and rng.random() < 0.3:
        cells[0] = ""  # a sasaran merged over the rows above
    return cells


def generate_lines(
    pools: Pools, n_rows: int, rng: random.Random, mix: bool = True
) -> list[tuple[str, set[int]]]:
    """Visual lines of n_rows generated rows, each with the word indices where a cell starts."""
    out: list[tuple[str, set[int]]] = []
    for _ in range(n_rows):
        cols = _columns(rng)
        cells = _row_cells(pools, cols, rng)
        wide_share = rng.random()
        columns: list[list[str]] = []
        apart: list[list[str]] = []
        for col, text in zip(cols, cells, strict=True):
            width = rng.randint(12, 45)
            lines = (
                _cell_lines(text, width, col == "formula" and rng.random() < 0.5, rng.random() < 0.2)
                if text
                else []
            )
            if lines and rng.random() < 0.2:
                lines = [""] * rng.randint(1, 2) + lines  # a cell centred in a taller row
            if mix and lines and rng.random() < 0.15:
                apart.append([ln for ln in lines if ln])  # a cell pdfminer printed as a paragraph
                continue
            columns.append(lines)
        height = max((len(c) for c in columns), default=0)
        for t in range(height):
            words: list[str] = []
            cuts: set[int] = set()
            text = ""
            for lines in columns:
                piece = lines[t] if t < len(lines) else ""
                if not piece:
                    continue
                if words:
                    cuts.add(len(words))
                    text += "  " if rng.random() < wide_share else " "
                text += piece
                words += piece.split()
            if words:
                out.append((text, cuts))
        for lines in apart:
            out += [(ln, set()) for ln in lines]
    return out
