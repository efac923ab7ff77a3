"""The envelope of a converted document -> rows of the canonical output tables (pipeline/schema.py).

A pure mapping: it reads the stages' outputs and assigns ids, and changes nothing it is given.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from normalizers.confidence import row_confidence
from normalizers.document import Normalized, NormalizedIndicator, NormalizedPosition
from pipeline import __version__, ids
from pipeline.diagnostics import page_rows, table_rows, timing_columns
from pipeline.problem_rows import issue_row
from pipeline.result import ConversionResult
from pipeline.review import review_rows
from pipeline.schema import DOCUMENT_CONFIDENCE_FIELDS, INDICATOR_CONFIDENCE_FIELDS, SCHEMA_VERSION
from structure.model import Item

Rows = dict[str, list[dict[str, Any]]]


def _document_row(res: ConversionResult, norm: Normalized, doc: str) -> dict[str, Any]:
    assert res.raw is not None
    ex, h, link = norm.extracted, norm.extracted.header, norm.wilayah
    return {
        "doc_id": doc,
        "source_file": res.source_file,
        "source_sha256": res.raw.source_sha256,
        "input_format": res.raw.input_format,
        "doc_kind": ex.doc_kind,
        "title": h.title,
        "instansi": ex.institution.instansi,
        "kecamatan": h.kecamatan,
        "kabupaten": h.kabupaten,
        "nomor": h.nomor,
        "tahun": h.tahun,
        "tempat_tanggal": h.tempat_tanggal,
        "signer_name": h.signer_name,
        "signer_nip": h.signer_nip,
        "signer_title": h.signer_title,
        "signer_rank": h.signer_rank,
        "n_pages": res.raw.n_pages,
        "ocr_pages": res.raw.ocr_pages,
        "ocr_page_share": round(res.raw.ocr_pages / res.raw.n_pages, 3) if res.raw.n_pages else 0.0,
        "status": res.status.value,
        "quality": norm.quality,
        "kode_kecamatan": link.kode_kecamatan,
        "kode_kabupaten": link.kode_kabupaten,
        "kabupaten_gazetteer": link.kabupaten,
        "provinsi": link.provinsi,
        "kecamatan_gazetteer": link.kecamatan,
        "wilayah_score": link.score,
        "wilayah_method": link.method,
        **_confidence_columns(norm.confidence, DOCUMENT_CONFIDENCE_FIELDS),
        **timing_columns(res.timings),
        "schema_version": SCHEMA_VERSION,
        "pipeline_version": __version__,
    }


def _confidence_columns(
    fields: Mapping[str, float] | None, names: tuple[str, ...]
) -> dict[str, float | None]:
    """The confidence_<field> columns: the normalisers' calibrated confidences, null for no value."""
    return {f"confidence_{name}": (fields or {}).get(name) for name in names}


def _duty_rows(doc: str, pseq: int | None, kind: str, items: list[Item]) -> list[dict[str, Any]]:
    return [
        {
            "duty_id": ids.duty_id(doc, pseq, kind, n),
            "doc_id": doc,
            "position_id": ids.position_id(doc, pseq) if pseq else None,
            "kind": kind,
            "seq": n,
            "label": item.label,
            "text": item.text,
        }
        for n, item in enumerate(items, 1)
    ]


def _indicator_row(doc: str, pseq: int | None, n: int, ind: NormalizedIndicator) -> dict[str, Any]:
    printed, parts = ind.printed, ind.parts
    return {
        "indicator_id": ids.indicator_id(doc, pseq, n),
        "doc_id": doc,
        "position_id": ids.position_id(doc, pseq) if pseq else None,
        "level": "IKU" if pseq is None else "IKI",
        "seq": n,
        "indikator": printed.indikator,
        "sasaran": printed.sasaran,
        "formula": parts.formula,
        "numerator": parts.numerator,
        "denominator": parts.denominator,
        "multiplier": parts.multiplier,
        "measure": ind.measure,
        "sumber_data": printed.sumber_data,
        "sumber_data_canonical": ind.sumber_data_canonical,
        "penanggung_jawab": list(printed.penanggung_jawab),
        "penanggung_jawab_canonical": list(ind.penanggung_jawab_canonical),
        "sub_items": list(printed.sub_items),
        "catatan": ind.catatan,
        "context_misi": printed.context_misi,
        "context_tujuan": printed.context_tujuan,
        "page": printed.page,
        "confidence": row_confidence(ind.confidence or {}),
        **_confidence_columns(ind.confidence, INDICATOR_CONFIDENCE_FIELDS),
        # batch columns: identity needs every document, so pipeline/identity.py fills them at assembly
        "indicator_key": None,
        "identity_score": None,
    }


def _indicator_rows(doc: str, pseq: int | None, indicators: tuple[NormalizedIndicator, ...]) -> Rows:
    rows = [_indicator_row(doc, pseq, n, ind) for n, ind in enumerate(indicators, 1)]
    review = [
        r
        for row, ind in zip(rows, indicators, strict=True)
        for r in review_rows(doc, "indicators", row["indicator_id"], ind.review)
    ]
    return {"indicators": rows, "review": review}


def _position_row(doc: str, seq: int, pos: NormalizedPosition) -> dict[str, Any]:
    return {
        "position_id": ids.position_id(doc, seq),
        "doc_id": doc,
        "seq": seq,
        "jabatan": pos.printed.jabatan,
        "jabatan_canonical": pos.jabatan.canonical,
        "family": pos.jabatan.family,
        "match_score": float(pos.jabatan.score),
        "page": pos.printed.page,
    }


def result_rows(res: ConversionResult) -> Rows:
    """All output rows of one successful conversion."""
    norm = res.normalized
    assert norm is not None and res.raw is not None
    ex = norm.extracted
    doc = ids.doc_id(res.raw.source_sha256)
    positions = list(enumerate(norm.positions, 1))
    iku = _indicator_rows(doc, None, norm.iku)
    iki = [_indicator_rows(doc, seq, pos.indicators) for seq, pos in positions]
    return {
        "documents": [_document_row(res, norm, doc)],
        "positions": [_position_row(doc, seq, pos) for seq, pos in positions],
        "duties": [
            *(r for kind, items in ex.institution.duties.items() for r in _duty_rows(doc, None, kind, items)),
            *(
                r
                for seq, pos in positions
                for kind, items in (("tugas", pos.printed.tugas), ("fungsi", pos.printed.fungsi))
                for r in _duty_rows(doc, seq, kind, items)
            ),
        ],
        "indicators": [*iku["indicators"], *(r for rows in iki for r in rows["indicators"])],
        "issues": [issue_row(doc, p) for p in res.problems],
        "review": [
            *review_rows(doc, "documents", doc, norm.wilayah_review),
            *review_rows(doc, "documents", doc, norm.review),
            *(
                r
                for seq, pos in positions
                for r in review_rows(doc, "positions", ids.position_id(doc, seq), pos.review)
            ),
            *iku["review"],
            *(r for rows in iki for r in rows["review"]),
        ],
        "pages": page_rows(doc, res.raw),
        "table_reports": table_rows(doc, res.raw),
    }
