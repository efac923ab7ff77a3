"""The flat shape both gold and output are loaded into: documents, positions and indicator records."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

Value = str | int | list[str]

DOCUMENT_FIELDS = (
    "doc_kind",
    "kecamatan",
    "kabupaten",
    "nomor",
    "tahun",
    "tempat_tanggal",
    "signer_name",
    "signer_nip",
    "instansi",
)
INSTITUTION_KINDS = ("tugas", "fungsi", "tujuan", "indikator_tujuan", "visi", "misi")
POSITION_FIELDS = ("jabatan", "jabatan_canonical", "family")
POSITION_KINDS = ("tugas", "fungsi")
# The indicator fields the output gives a calibrated confidence for. The pipeline declares its own
# list (normalizers.evidence); the scorer imports nothing from it, tests/test_evaluation.py keeps
# the two equal.
SCORED_INDICATOR_FIELDS = (
    "sasaran",
    "indikator",
    "formula",
    "numerator",
    "denominator",
    "multiplier",
    "sumber_data",
    "penanggung_jawab",
)
INDICATOR_FIELDS = (*SCORED_INDICATOR_FIELDS, "sub_items", "context_misi", "context_tujuan")
NUMERIC_FIELDS = frozenset({"documents.tahun", "indicators.multiplier"})
# Scored fields the output gives a calibrated confidence for: output column confidence_<key> -> field.
CONFIDENCE_FIELDS = {
    "indicators": {name: name for name in SCORED_INDICATOR_FIELDS},
    "documents": {"nomor": "nomor", "tahun": "tahun", "kecamatan": "kecamatan", "signer": "signer_name"},
}


@dataclass
class Record:
    """One scored record: qualified field name (table.field) -> non-null value, and fields to skip."""

    fields: dict[str, Value] = field(default_factory=dict)
    ambiguous: frozenset[str] = frozenset()
    key: str | None = None  # output records: the row's id (indicator_id, doc_id)
    confidence: dict[str, float] = field(default_factory=dict)  # output: qualified field -> confidence

    def text(self, name: str) -> str:
        """The field as one string (list items joined), '' when absent."""
        value = self.fields.get(name)
        if value is None:
            return ""
        return " ".join(value) if isinstance(value, list) else str(value)


@dataclass
class PositionData:
    """A position record with the indicator records under it."""

    record: Record
    indicators: list[Record] = field(default_factory=list)


@dataclass
class DocData:
    """Everything scored for one document."""

    document: Record = field(default_factory=Record)
    iku: list[Record] = field(default_factory=list)
    positions: list[PositionData] = field(default_factory=list)


def bare(name: str) -> str:
    """The field name without its table prefix."""
    return name.split(".", 1)[-1]


def clean_value(value: object) -> Value | None:
    """Non-null scored value: blank strings and empty lists are None, list entries are cleaned."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, list | tuple):
        items = [str(v).strip() for v in value if v is not None and str(v).strip()]
        return items or None
    text = str(value).strip()
    return text or None


def confidences_of(table: str, row: Mapping[str, object]) -> dict[str, float]:
    """Qualified field -> confidence, from an output row's confidence_<field> columns (when present)."""
    out: dict[str, float] = {}
    for column, name in CONFIDENCE_FIELDS.get(table, {}).items():
        value = row.get(f"confidence_{column}")
        if isinstance(value, int | float) and not isinstance(value, bool):
            out[f"{table}.{name}"] = float(value)
    return out


def make_record(table: str, values: Mapping[str, object], ambiguous: Iterable[str] = ()) -> Record:
    """A Record of `table.field` names holding only the non-null values."""
    fields: dict[str, Value] = {}
    for name, raw in values.items():
        cleaned = clean_value(raw)
        if cleaned is not None:
            fields[name if "." in name else f"{table}.{name}"] = cleaned
    return Record(fields, frozenset(ambiguous))
