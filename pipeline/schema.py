"""The canonical output contract: one Arrow schema per output table, with a schema version.

Columns may be added; never renamed. The warehouse and `docs/schema.md` are generated from here.
"""

from __future__ import annotations

import pyarrow as pa

SCHEMA_VERSION = "1.0.0"

_str = pa.string()
_int = pa.int32()
_list_str = pa.list_(pa.string())


def _f(name: str, typ: pa.DataType, doc: str, nullable: bool = True) -> pa.Field:
    return pa.field(name, typ, nullable=nullable, metadata={"doc": doc})


DOCUMENTS = pa.schema(
    [
        _f("doc_id", _str, "Stable id: content hash of the source file", False),
        _f("source_file", _str, "File name as found in the input folder", False),
        _f("source_sha256", _str, "SHA-256 of the source bytes", False),
        _f("input_format", _str, "text | pdf | pdf_ocr", False),
        _f("doc_kind", _str, "IKI | IKU | IKU+IKI"),
        _f("title", _str, "Main title as printed"),
        _f("instansi", _str, "Issuing institution as printed (profile block)"),
        _f("kecamatan", _str, "Kecamatan name, proper case, no prefix"),
        _f("kabupaten", _str, "Kabupaten name, proper case, no prefix"),
        _f("nomor", _str, "Keputusan number as printed"),
        _f("tahun", _int, "Year of the keputusan / signature"),
        _f("tempat_tanggal", _str, "Signature place and date as printed"),
        _f("signer_name", _str, "Signer name as printed"),
        _f("signer_nip", _str, "Signer NIP, digits with spaces as printed"),
        _f("signer_title", _str, "Signer jabatan, e.g. CAMAT KEPANJEN"),
        _f("signer_rank", _str, "Signer pangkat"),
        _f("n_pages", _int, "Pages in the source (1 for text without page breaks)"),
        _f("status", _str, "SUCCESS | PARTIAL_SUCCESS (issues were recorded)"),
        _f("quality", pa.float64(), "Share of indicator rows with indikator and formula (0..1)"),
        _f("schema_version", _str, "Version of this schema", False),
        _f("pipeline_version", _str, "Version of the pipeline that wrote the row", False),
    ]
)

POSITIONS = pa.schema(
    [
        _f("position_id", _str, "Stable id: doc_id + position order", False),
        _f("doc_id", _str, "Document the position belongs to", False),
        _f("seq", _int, "Order of appearance in the document, from 1", False),
        _f("jabatan", _str, "Position name as printed, markup removed", False),
        _f("jabatan_canonical", _str, "Canonical full name (abbreviations expanded, Title Case)"),
        _f("family", _str, "Position family (CAMAT, SEKRETARIS, KASI_*, KASUBAG_*, ..., LAINNYA)"),
        _f("match_score", pa.float64(), "Alias match score 0..100 behind jabatan_canonical"),
        _f("page", _int, "Page where the position block starts"),
    ]
)

DUTIES = pa.schema(
    [
        _f("duty_id", _str, "Stable id", False),
        _f("doc_id", _str, "Document", False),
        _f("position_id", _str, "Position; null for the institution profile"),
        _f("kind", _str, "tugas | fungsi | tujuan | indikator_tujuan | visi | misi", False),
        _f("seq", _int, "Order within its kind, from 1", False),
        _f("label", _str, "List label as printed (a, b, 1, 2), without punctuation"),
        _f("text", _str, "Item text", False),
    ]
)

INDICATORS = pa.schema(
    [
        _f("indicator_id", _str, "Stable id", False),
        _f("doc_id", _str, "Document", False),
        _f("position_id", _str, "Position; null for institution-level IKU rows"),
        _f("level", _str, "IKU | IKI", False),
        _f("seq", _int, "Order within its position (or the IKU list), from 1", False),
        _f("sasaran", _str, "Sasaran the indicator belongs to (carried down merged cells)"),
        _f("indikator", _str, "Indicator text", False),
        _f("formula", _str, "Plain-text formula or explanation"),
        _f("numerator", _str, "Numerator of a ratio formula"),
        _f("denominator", _str, "Denominator of a ratio formula"),
        _f("multiplier", _int, "Constant the ratio is multiplied by (100 for x 100%)"),
        _f("measure", _str, "persentase | jumlah | rata_rata | indeks | nilai | lainnya"),
        _f("sumber_data", _str, "Data source"),
        _f("penanggung_jawab", _list_str, "Responsible units, as printed"),
        _f("sub_items", _list_str, "Enumerated sub-items listed in the indicator/formula cell"),
        _f("catatan", _str, "Notes printed in a cell"),
        _f("context_misi", _str, "MISI heading the IKU table sits under"),
        _f("context_tujuan", _str, "TUJUAN heading the IKU table sits under"),
        _f("page", _int, "Page of the row"),
        _f("confidence", pa.float64(), "Extraction confidence 0..1"),
    ]
)

REJECTS = pa.schema(
    [
        _f("source_file", _str, "File that could not be turned into a document", False),
        _f("source_sha256", _str, "SHA-256 of its bytes (null if unreadable)"),
        _f("stage", _str, "read | parse | structure | validate", False),
        _f("code", _str, "Stable kebab-case error code", False),
        _f("message", _str, "What went wrong, specifically", False),
    ]
)

ISSUES = pa.schema(
    [
        _f("doc_id", _str, "Document the issue concerns", False),
        _f("source_file", _str, "Source file", False),
        _f("code", _str, "Stable kebab-case issue code", False),
        _f("message", _str, "What was noticed", False),
        _f("page", _int, "Page concerned"),
        _f("field", _str, "Field concerned"),
    ]
)

TABLES: dict[str, pa.Schema] = {
    "documents": DOCUMENTS,
    "positions": POSITIONS,
    "duties": DUTIES,
    "indicators": INDICATORS,
    "rejects": REJECTS,
    "issues": ISSUES,
}
