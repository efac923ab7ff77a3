"""Load a gold folder (SPEC.md JSON files + manifest.json) and map source file names to gold files."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evaluation.records import (
    INDICATOR_FIELDS,
    INSTITUTION_KINDS,
    DocData,
    PositionData,
    Record,
    make_record,
)

MANIFEST = "manifest.json"
# Gold names used in `ambiguous` lists -> the scored field names they stand for.
_AMBIGUOUS_ALIASES: dict[str, tuple[str, ...]] = {
    "penandatangan": ("signer_name", "signer_nip"),
    "penandatangan.nama": ("signer_name",),
    "penandatangan.nip": ("signer_nip",),
    "nama": ("signer_name",),
    "nip": ("signer_nip",),
    "canonical": ("jabatan_canonical",),
    "context": ("context_misi", "context_tujuan"),
    "context.misi": ("context_misi",),
    "context.tujuan": ("context_tujuan",),
}


def ambiguous_names(names: object) -> frozenset[str]:
    """Scored field names (bare) covered by a gold `ambiguous` list."""
    if not isinstance(names, list):
        return frozenset()
    out: set[str] = set()
    for name in (str(n) for n in names):
        out.update(_AMBIGUOUS_ALIASES.get(name, (name.split(".", 1)[-1],)))
    return frozenset(out)


def item_texts(items: object) -> list[str]:
    """Texts of a gold list whose entries are strings or {label, text} objects."""
    if not isinstance(items, list):
        return []
    texts = [item.get("text") if isinstance(item, dict) else item for item in items]
    return [str(t) for t in texts if t is not None]


def _indicator(data: dict[str, Any]) -> Record:
    """An indicator record from a gold INDICATOR object."""
    context = data.get("context") or {}
    values = {name: data.get(name) for name in INDICATOR_FIELDS}
    values["context_misi"] = context.get("misi")
    values["context_tujuan"] = context.get("tujuan")
    return make_record("indicators", values, ambiguous_names(data.get("ambiguous")))


def _position(data: dict[str, Any]) -> PositionData:
    """A position (with its indicators) from a gold POSITION object."""
    values = {
        "jabatan": data.get("jabatan"),
        "jabatan_canonical": data.get("canonical"),
        "family": data.get("family"),
        "tugas": item_texts(data.get("tugas")),
        "fungsi": item_texts(data.get("fungsi")),
    }
    record = make_record("positions", values, ambiguous_names(data.get("ambiguous")))
    return PositionData(record, [_indicator(i) for i in data.get("indicators") or []])


def doc_from_gold(data: dict[str, Any]) -> DocData:
    """The flat records of one parsed gold JSON file."""
    doc = data.get("document") or {}
    signer = doc.get("penandatangan") or {}
    institution = data.get("institution") or {}
    values: dict[str, object] = {
        name: doc.get(name)
        for name in ("doc_kind", "kecamatan", "kabupaten", "nomor", "tahun", "tempat_tanggal")
    }
    values["signer_name"] = signer.get("nama")
    values["signer_nip"] = signer.get("nip")
    values["instansi"] = institution.get("instansi")
    for kind in INSTITUTION_KINDS:
        values[f"duties.{kind}"] = item_texts(institution.get(kind))
    document = make_record("documents", values, ambiguous_names(doc.get("ambiguous")))
    iku = [_indicator(i) for i in data.get("iku") or []]
    return DocData(document, iku, [_position(p) for p in data.get("positions") or []])


@dataclass
class GoldSet:
    """A gold folder: its gold files, manifest and loaded documents."""

    folder: Path
    files: dict[str, Path]
    manifest: dict[str, str]
    _cache: dict[str, DocData] = field(default_factory=dict, repr=False)

    @classmethod
    def open(cls, folder: Path) -> GoldSet:
        """Index the gold JSON files and manifest of a folder."""
        files = {p.name: p for p in sorted(folder.glob("*.json")) if p.name != MANIFEST}
        manifest_path = folder / MANIFEST
        manifest: dict[str, str] = {}
        if manifest_path.is_file():
            loaded = json.loads(manifest_path.read_text(encoding="utf-8"))
            manifest = {str(k): str(v) for k, v in loaded.items() if str(v) in files}
        return cls(folder, files, manifest)

    def resolve(self, source_file: str) -> str | None:
        """Gold file name for an output source file: manifest, then stem, then longest gold-stem prefix."""
        name = Path(source_file).name
        if name in self.manifest:
            return self.manifest[name]
        stem = Path(name).stem
        if f"{stem}.json" in self.files:
            return f"{stem}.json"
        for gold_stem in sorted((Path(g).stem for g in self.files), key=len, reverse=True):
            if stem.startswith(gold_stem) and stem[len(gold_stem) :][:1] in ("_", "."):
                return f"{gold_stem}.json"
        return None

    def names_of(self, gold_file: str) -> list[str]:
        """The gold file name and every manifest source name that maps to it."""
        return [gold_file, *(src for src, g in self.manifest.items() if g == gold_file)]

    def load(self, gold_file: str) -> DocData:
        """The flat records of one gold file (cached)."""
        if gold_file not in self._cache:
            data = json.loads(self.files[gold_file].read_text(encoding="utf-8"))
            self._cache[gold_file] = doc_from_gold(data)
        return self._cache[gold_file]
