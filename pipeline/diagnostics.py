"""Diagnostics kept as data: how each page was read and how each table was built (like camelot's
parsing report), rows of the `pages` and `table_reports` output tables."""

from __future__ import annotations

from typing import Any

from parsers.model import RawDocument, Table

Row = dict[str, Any]


def page_rows(doc: str, raw: RawDocument) -> list[Row]:
    """One `pages` row per page: text or OCR, the text layer's score, OCR's rotation, skew, confidence."""
    return [
        {
            "doc_id": doc,
            "page": page.number,
            "read_by": page.read_by,
            "text_layer_score": page.text_layer_score,
            "rotation": page.ocr.rotation if page.ocr else None,
            "skew": page.ocr.skew if page.ocr else None,
            "ocr_confidence": page.ocr.confidence if page.ocr else None,
            "n_words": page.ocr.n_words if page.ocr else None,
            "low_resolution": page.ocr.low_resolution if page.ocr else None,
            "n_tables": sum(1 for b in page.blocks if isinstance(b, Table)),
        }
        for page in raw.pages
    ]


def table_rows(doc: str, raw: RawDocument) -> list[Row]:
    """One `table_reports` row per table: the engine that built its grid, its quality score and its size."""
    tables = [b for b in raw.blocks() if isinstance(b, Table)]
    return [
        {
            "doc_id": doc,
            "seq": seq,
            "page": table.prov.page,
            "engine": table.engine,
            "quality": round(float(table.quality), 4),
            "n_rows": len(table.rows),
            "n_cols": max((len(r.cells) for r in table.rows), default=0),
        }
        for seq, table in enumerate(tables, 1)
    ]


def timing_columns(timings: dict[str, float]) -> Row:
    """The documents' timing columns from a conversion's stage timings (convert_seconds is set by
    the worker once the rows are built)."""
    return {
        "parse_seconds": _seconds(timings.get("parse")),
        "structure_seconds": _seconds(timings.get("structure")),
        "normalize_seconds": _seconds(timings.get("normalize")),
        "convert_seconds": None,
    }


def _seconds(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
