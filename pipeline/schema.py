"""The canonical output contract: one Arrow schema per output table, with a schema version.

Columns may be added; never renamed. The warehouse and `docs/schema.md` are generated from here.
"""

from __future__ import annotations

import pyarrow as pa

# Fields with a calibrated confidence column (`confidence_<field>`): the fields the normalisers
# give a confidence for (normalizers/evidence.py, normalizers/confidence.py).
from normalizers.evidence import DOCUMENT_FIELDS as DOCUMENT_CONFIDENCE_FIELDS
from normalizers.evidence import INDICATOR_FIELDS as INDICATOR_CONFIDENCE_FIELDS

SCHEMA_VERSION = "1.5.0"


_str = pa.string()
_int = pa.int32()
_list_str = pa.list_(pa.string())
_list_float = pa.list_(pa.float64())


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
        _f("ocr_pages", _int, "Pages read by OCR (input_format pdf_ocr when above 0)"),
        _f("ocr_page_share", pa.float64(), "Share of the document's pages read by OCR (0..1)"),
        _f("status", _str, "SUCCESS | PARTIAL_SUCCESS (issues were recorded)"),
        _f("quality", pa.float64(), "Share of indicator rows with indikator and formula (0..1)"),
        _f(
            "kode_kecamatan",
            _str,
            "Kode wilayah of the kecamatan (gazetteer), e.g. 35.07.27; null if unlinked",
        ),
        _f("kode_kabupaten", _str, "Kode wilayah of the kabupaten / kota (gazetteer), e.g. 35.07"),
        _f("kabupaten_gazetteer", _str, "Kabupaten / kota name in the gazetteer, e.g. Kabupaten Malang"),
        _f("provinsi", _str, "Province name in the gazetteer, e.g. Jawa Timur"),
        _f("kecamatan_gazetteer", _str, "Kecamatan name in the gazetteer spelling, e.g. Long Kali"),
        _f("wilayah_score", pa.float64(), "Confidence 0..100 of kode_kecamatan"),
        _f(
            "wilayah_method",
            _str,
            "Evidence of the link: name | alias | fuzzy | nomor, + kabupaten, context, nomor",
        ),
        *(
            _f(
                f"confidence_{name}",
                pa.float64(),
                f"Calibrated probability 0..1 that {'signer_name' if name == 'signer' else name} is right"
                " (null when it has no value)",
            )
            for name in DOCUMENT_CONFIDENCE_FIELDS
        ),
        _f("parse_seconds", pa.float64(), "Seconds spent parsing the file (volatile: differs run to run)"),
        _f("structure_seconds", pa.float64(), "Seconds spent extracting structure (volatile)"),
        _f("normalize_seconds", pa.float64(), "Seconds spent normalising (volatile)"),
        _f("convert_seconds", pa.float64(), "Seconds of the whole conversion, rows included (volatile)"),
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
        _f(
            "sumber_data_canonical",
            _str,
            "sumber_data with organisation terms in canonical form (SKPD -> Perangkat Daerah)",
        ),
        _f(
            "penanggung_jawab_canonical",
            _list_str,
            "Responsible units, canonical unit names (Kasi X -> Seksi X)",
        ),
        _f("indicator_key", _str, "Identity of the indicator across documents (see indicator_clusters)"),
        _f("identity_score", pa.float64(), "Text similarity 0..100 to its cluster's representative row"),
        _f("sub_items", _list_str, "Enumerated sub-items listed in the indicator/formula cell"),
        _f("catatan", _str, "Notes printed in a cell"),
        _f("context_misi", _str, "MISI heading the IKU table sits under"),
        _f("context_tujuan", _str, "TUJUAN heading the IKU table sits under"),
        _f("page", _int, "Page of the row"),
        _f(
            "confidence",
            pa.float64(),
            "Row confidence 0..1: the product of its fields' confidences (the row is right when all are)",
        ),
        *(
            _f(
                f"confidence_{name}",
                pa.float64(),
                f"Calibrated probability 0..1 that {name} is right (null when it has no value)",
            )
            for name in INDICATOR_CONFIDENCE_FIELDS
        ),
    ]
)

REJECTS = pa.schema(
    [
        _f("source_file", _str, "File that could not be turned into a document", False),
        _f("source_sha256", _str, "SHA-256 of its bytes (null if unreadable)"),
        _f("stage", _str, "read | parse | structure | limits | validate", False),
        _f("code", _str, "Stable kebab-case reject code (docs/problems.md)", False),
        _f("message", _str, "What went wrong, specifically", False),
    ]
)

ISSUES = pa.schema(
    [
        _f("doc_id", _str, "Document the issue concerns", False),
        _f("source_file", _str, "Source file", False),
        _f("code", _str, "Stable kebab-case issue code (docs/problems.md)", False),
        _f("message", _str, "What was noticed", False),
        _f("page", _int, "Page concerned"),
        _f("field", _str, "Field concerned"),
        _f("stage", _str, "Stage that noticed it: structure | normalize | validate (docs/problems.md)"),
    ]
)

INDICATOR_CLUSTERS = pa.schema(
    [
        _f("indicator_key", _str, "Stable id: hash of the representative normalised indikator text", False),
        _f("representative", _str, "Indikator text of the representative row, as printed", False),
        _f("representative_normalized", _str, "Normalised indikator text the key is derived from", False),
        _f("measure", _str, "Most frequent measure of the members"),
        _f("n_members", _int, "Indicator rows in the cluster", False),
        _f("n_documents", _int, "Documents with at least one member", False),
        _f("n_kecamatan", _int, "Kecamatan with at least one member", False),
        _f("kecamatan", _list_str, "Those kecamatan (document spelling), sorted"),
        _f("member_ids", _list_str, "indicator_id of every member, sorted"),
        _f("min_identity_score", pa.float64(), "Lowest member similarity to the representative (0..100)"),
    ]
)

REVIEW = pa.schema(
    [
        _f("review_id", _str, "Stable id: hash of kind, subject and value", False),
        _f("doc_id", _str, "Document the item was found in", False),
        _f(
            "kind",
            _str,
            "Problem code (docs/problems.md): jabatan-low-score | wilayah-unknown | wilayah-ambiguous"
            " | wilayah-low-score | penanggung-jawab-unknown | org-acronym-unknown | indicator-near-miss"
            " | field-low-confidence",
            False,
        ),
        _f("subject_table", _str, "Table of the row concerned", False),
        _f("subject_id", _str, "Id of the row concerned (position_id, indicator_id, doc_id)", False),
        _f("field", _str, "Field concerned", False),
        _f("value", _str, "The value as found", False),
        _f("page", _int, "Page the value was read on (null when not known)"),
        _f("score", pa.float64(), "Match score 0..100 of the value as it stands (null: no match)"),
        _f("candidates", _list_str, "Best candidates, best first"),
        _f("candidate_scores", _list_float, "Their scores 0..100"),
        _f("message", _str, "What was noticed (the problem's message)"),
    ]
)

PAGES = pa.schema(
    [
        _f("doc_id", _str, "Document of the page", False),
        _f("page", _int, "1-based page number", False),
        _f("read_by", _str, "text (a text rendering) | text-layer (digital PDF) | ocr", False),
        _f("text_layer_score", pa.float64(), "PDF: how much the page's text layer looks like text (0..1)"),
        _f("rotation", _int, "OCR: degrees the page image was turned clockwise to stand upright"),
        _f("skew", pa.float64(), "OCR: degrees of skew removed"),
        _f("ocr_confidence", pa.float64(), "OCR: mean tesseract word confidence of the page (0..1)"),
        _f("n_words", _int, "OCR: words tesseract read on the page"),
        _f(
            "low_resolution",
            pa.bool_(),
            "OCR: the page's scan was sparser than 150 dpi and scaled up before it was read (its"
            " fields are review rows whatever the model says: confidence.yaml red_flag_cap)",
        ),
        _f("n_tables", _int, "Tables found on the page", False),
    ]
)

TABLE_REPORTS = pa.schema(
    [
        _f("doc_id", _str, "Document of the table", False),
        _f("seq", _int, "1-based order of the table in the document", False),
        _f("page", _int, "Page the table starts on", False),
        _f(
            "engine",
            _str,
            (
                "What built its cell grid: a PDF's pdfplumber | camelot-lattice | camelot-stream | gutters"
                " (rule-less columns); a scan's ocr-grid; a Word file's docx; a text rendering's text"
                " (tab-separated) | markdown (pipe tables) | html | layout (pdftotext -layout) |"
                " run-together (cells joined by spaces) | column-dump (a table written column by column)"
            ),
            False,
        ),
        _f("quality", pa.float64(), "Parsing report: how much the cell grid is trusted (0..1)", False),
        _f("n_rows", _int, "Rows of the grid", False),
        _f("n_cols", _int, "Cells of its widest row", False),
    ]
)

TABLES: dict[str, pa.Schema] = {
    "documents": DOCUMENTS,
    "positions": POSITIONS,
    "duties": DUTIES,
    "indicators": INDICATORS,
    "rejects": REJECTS,
    "issues": ISSUES,
    "indicator_clusters": INDICATOR_CLUSTERS,
    "review": REVIEW,
    "pages": PAGES,
    "table_reports": TABLE_REPORTS,
}

# Comparison tables written by `make compare` (pipeline/compare.py) into OUT/compare/.
FAMILY_KECAMATAN = pa.schema(
    [
        _f("family", _str, "Position family; IKU for institution-level indicators", False),
        _f("kode_kecamatan", _str, "Kode wilayah of the kecamatan (null if unlinked)"),
        _f("kecamatan", _str, "Kecamatan name (document spelling)", False),
        _f("present", pa.bool_(), "The kecamatan has this family (a position, or IKU rows)", False),
        _f("n_positions", _int, "Positions of the family", False),
        _f("n_indicators", _int, "Indicator rows of the family", False),
    ]
)

INDICATOR_KECAMATAN = pa.schema(
    [
        _f("indicator_key", _str, "Indicator identity (indicator_clusters)", False),
        _f("representative", _str, "Representative indikator text", False),
        _f("kode_kecamatan", _str, "Kode wilayah of the kecamatan (null if unlinked)"),
        _f("kecamatan", _str, "Kecamatan name (document spelling)", False),
        _f("n_rows", _int, "Indicator rows of this key in the kecamatan", False),
        _f("n_kecamatan", _int, "Kecamatan that have this indicator", False),
        _f("families", _list_str, "Families of the positions the rows belong to (IKU for institution rows)"),
    ]
)

UNIQUE_INDICATORS = pa.schema(
    [
        _f("indicator_key", _str, "Indicator identity found in one kecamatan only", False),
        _f("representative", _str, "Representative indikator text", False),
        _f("kode_kecamatan", _str, "Kode wilayah of that kecamatan"),
        _f("kecamatan", _str, "That kecamatan", False),
        _f("n_rows", _int, "Indicator rows of this key there", False),
        _f("families", _list_str, "Families of those rows"),
    ]
)

FORMULA_DIFFERENCES = pa.schema(
    [
        _f("indicator_key", _str, "Indicator shared by several kecamatan whose formulas differ", False),
        _f("representative", _str, "Representative indikator text", False),
        _f("kode_kecamatan", _str, "Kode wilayah of the kecamatan"),
        _f("kecamatan", _str, "Kecamatan", False),
        _f("formula", _str, "Formula as printed there (first row of the key)"),
        _f("numerator", _str, "Its numerator"),
        _f("denominator", _str, "Its denominator"),
        _f("multiplier", _int, "Its multiplier"),
        _f("n_variants", _int, "Distinct normalised formulas of the key across kecamatan", False),
        _f("similarity", pa.float64(), "Lowest similarity 0..100 of this formula to another kecamatan's"),
    ]
)

COMPARE_TABLES: dict[str, pa.Schema] = {
    "family_kecamatan": FAMILY_KECAMATAN,
    "indicator_kecamatan": INDICATOR_KECAMATAN,
    "unique_indicators": UNIQUE_INDICATORS,
    "formula_differences": FORMULA_DIFFERENCES,
}

KEYS: dict[str, tuple[str, ...]] = {
    "documents": ("doc_id",),
    "positions": ("position_id",),
    "duties": ("duty_id",),
    "indicators": ("indicator_id",),
    "indicator_clusters": ("indicator_key",),
    "review": ("review_id",),
    "pages": ("doc_id", "page"),
    "table_reports": ("doc_id", "seq"),
}
"""Primary key of each table that has one (unique in a batch; validated). `rejects` and `issues` have
none: the warehouse replaces them per source file / document."""
