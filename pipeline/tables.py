"""Conversion results -> rows of the canonical output tables (see pipeline/schema.py)."""

from __future__ import annotations

from typing import Any

from normalizers.jabatan import normalize_jabatan
from normalizers.org import canonical_penanggung_jawab, canonical_sumber_data
from normalizers.wilayah import WilayahLink, link_wilayah
from pipeline import __version__, ids
from pipeline.diagnostics import page_rows, table_rows, timing_columns
from pipeline.problem_rows import issue_row
from pipeline.result import ConversionResult
from pipeline.review import indicator_review, jabatan_review, wilayah_review
from pipeline.schema import SCHEMA_VERSION
from problems import Problem, Status, determine_status, problem
from structure.model import Extracted, Indicator, Item

Rows = dict[str, list[dict[str, Any]]]


def _quality(ex: Extracted) -> float:
    indicators = [*ex.iku, *(i for p in ex.positions for i in p.indicators)]
    if not indicators:
        return 0.0
    return round(sum(1 for i in indicators if i.indikator and i.formula) / len(indicators), 3)


def _wilayah(ex: Extracted) -> WilayahLink:
    h = ex.header
    context = " ".join(t for t in (h.title, ex.institution.instansi, h.signer_title, h.tempat_tanggal) if t)
    return link_wilayah(h.kecamatan, h.kabupaten, h.nomor, context)


def _document_row(
    res: ConversionResult, ex: Extracted, doc: str, link: WilayahLink, status: Status
) -> dict[str, Any]:
    assert res.raw is not None
    h = ex.header
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
        "status": status.value,
        "quality": _quality(ex),
        "kode_kecamatan": link.kode_kecamatan,
        "kode_kabupaten": link.kode_kabupaten,
        "kabupaten_gazetteer": link.kabupaten,
        "provinsi": link.provinsi,
        "kecamatan_gazetteer": link.kecamatan,
        "wilayah_score": link.score,
        "wilayah_method": link.method,
        **timing_columns(res.timings),
        "schema_version": SCHEMA_VERSION,
        "pipeline_version": __version__,
    }


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


def _indicator_rows(doc: str, pseq: int | None, indicators: list[Indicator]) -> list[dict[str, Any]]:
    rows = []
    for n, ind in enumerate(indicators, 1):
        row = {k: v for k, v in vars(ind).items()}
        row.update(
            indicator_id=ids.indicator_id(doc, pseq, n),
            doc_id=doc,
            position_id=ids.position_id(doc, pseq) if pseq else None,
            level="IKU" if pseq is None else "IKI",
            seq=n,
            sumber_data_canonical=canonical_sumber_data(ind.sumber_data),
            penanggung_jawab_canonical=canonical_penanggung_jawab(ind.penanggung_jawab),
        )
        rows.append(row)
    return rows


def result_rows(res: ConversionResult) -> Rows:
    """All output rows of one successful conversion."""
    ex = res.extracted
    assert ex is not None and res.raw is not None
    doc = ids.doc_id(res.raw.source_sha256)
    out: Rows = {"documents": [], "positions": [], "duties": [], "indicators": [], "issues": [], "review": []}
    out["pages"], out["table_reports"] = page_rows(doc, res.raw), table_rows(doc, res.raw)
    link = _wilayah(ex)
    found: list[Problem] = [*res.problems, *(p.at(res.source_file) for p in link.problems)]
    out["review"] += wilayah_review(doc, ex.header.kecamatan, link)
    for kind, items in ex.institution.duties.items():
        out["duties"] += _duty_rows(doc, None, kind, items)
    out["indicators"] += _indicator_rows(doc, None, ex.iku)
    for seq, pos in enumerate(ex.positions, 1):
        match = normalize_jabatan(pos.jabatan)
        if match.needs_review:
            low = problem(
                "jabatan-low-score",
                source_file=res.source_file,
                page=pos.page,
                field="jabatan",
                jabatan=pos.jabatan,
                family=match.family,
                score=match.score,
            )
            found.append(low)
            out["review"] += jabatan_review(doc, ids.position_id(doc, seq), match, low)
        out["positions"].append(
            {
                "position_id": ids.position_id(doc, seq),
                "doc_id": doc,
                "seq": seq,
                "jabatan": pos.jabatan,
                "jabatan_canonical": match.canonical,
                "family": match.family,
                "match_score": float(match.score),
                "page": pos.page,
            }
        )
        out["duties"] += _duty_rows(doc, seq, "tugas", pos.tugas)
        out["duties"] += _duty_rows(doc, seq, "fungsi", pos.fungsi)
        out["indicators"] += _indicator_rows(doc, seq, pos.indicators)
    out["review"] += [r for row in out["indicators"] for r in indicator_review(doc, row)]
    out["issues"] = [issue_row(doc, p) for p in found]
    status = determine_status(p.severity for p in found)
    out["documents"].append(_document_row(res, ex, doc, link, status))
    return out
