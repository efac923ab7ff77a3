"""What a comparison covers: kecamatan (names or codes), kabupaten, provinsi, tahun.

Several values of one kind are alternatives (Ngantang or Kepanjen); kinds combine (kecamatan of
Kabupaten Malang in 2022). Names compare as the gazetteer compares them: without case, spaces and
punctuation, and without a leading "Kabupaten" / "Kecamatan" unless the value spells one out
("Kota Malang" is not "Kabupaten Malang", "Malang" is either).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from normalizers.gazetteer import compact, gazetteer, strip_prefix

Rows = list[dict[str, Any]]


@dataclass(frozen=True)
class Selection:
    kecamatan: tuple[str, ...] = ()
    kabupaten: tuple[str, ...] = ()
    provinsi: tuple[str, ...] = ()
    tahun: tuple[int, ...] = ()

    def is_empty(self) -> bool:
        return not (self.kecamatan or self.kabupaten or self.provinsi or self.tahun)

    def describe(self) -> str:
        """One line for the report header: "kabupaten Malang; tahun 2022" (empty: everything)."""
        parts = [
            f"{kind} {', '.join(map(str, values))}"
            for kind, values in (
                ("kecamatan", self.kecamatan),
                ("kabupaten", self.kabupaten),
                ("provinsi", self.provinsi),
                ("tahun", self.tahun),
            )
            if values
        ]
        return "; ".join(parts)


EVERYTHING = Selection()


def split_values(values: Iterable[str] | None) -> tuple[str, ...]:
    """Repeated options and comma-separated lists alike: ["A,B", "C"] -> ("A", "B", "C")."""
    return tuple(v.strip() for value in values or () for v in value.split(",") if v.strip())


def _split_prefix(name: str, level: str) -> tuple[str, str]:
    """compact(name) as (prefix, bare name): "Kab. Malang" -> ("kab", "malang")."""
    whole, bare = compact(name), compact(strip_prefix(name, level, gazetteer()))
    return (whole[: len(whole) - len(bare)], bare) if bare and whole.endswith(bare) else ("", whole)


def _name_matches(term: str, level: str, names: Iterable[str | None]) -> bool:
    """Same bare name; prefixes both spell out must agree ("Kab" ~ "Kabupaten", not "Kota")."""
    t_prefix, t_bare = _split_prefix(term, level)
    for name in filter(None, names):
        n_prefix, n_bare = _split_prefix(name, level)
        if n_bare != t_bare:
            continue
        if not (t_prefix and n_prefix) or n_prefix.startswith(t_prefix) or t_prefix.startswith(n_prefix):
            return True
    return False


def _kecamatan_ok(doc: dict[str, Any], terms: tuple[str, ...]) -> bool:
    names = (doc.get("kecamatan"), doc.get("kecamatan_gazetteer"))
    return any(t == doc.get("kode_kecamatan") or _name_matches(t, "kecamatan", names) for t in terms)


def _kabupaten_ok(doc: dict[str, Any], terms: tuple[str, ...]) -> bool:
    # The gazetteer's name says Kota or Kabupaten; the printed one often does not.
    names = (doc.get("kabupaten_gazetteer") or doc.get("kabupaten"),)
    return any(t == doc.get("kode_kabupaten") or _name_matches(t, "kabupaten", names) for t in terms)


def _provinsi_ok(doc: dict[str, Any], terms: tuple[str, ...]) -> bool:
    code = (doc.get("kode_kabupaten") or "")[:2]
    return any((code and t == code) or compact(t) == compact(doc.get("provinsi") or "") for t in terms)


def select_documents(documents: Rows, selection: Selection) -> Rows:
    """The documents a selection covers (all of them for an empty selection)."""
    return [
        d
        for d in documents
        if (not selection.kecamatan or _kecamatan_ok(d, selection.kecamatan))
        and (not selection.kabupaten or _kabupaten_ok(d, selection.kabupaten))
        and (not selection.provinsi or _provinsi_ok(d, selection.provinsi))
        and (not selection.tahun or d.get("tahun") in selection.tahun)
    ]
