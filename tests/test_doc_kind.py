"""doc_kind: what the document holds, and for a document holding one kind, the kind its title names."""

from __future__ import annotations

import pytest

from parsers.model import Cell, Line, Page, Provenance, RawDocument, Row, Table
from structure.extract import extract
from structure.titles import title_kind

SOURCE = "kind.pdf"


def _doc(title: list[str]) -> RawDocument:
    """A title, one jabatan block and its indicator table."""
    prov = Provenance(SOURCE, 1, 1)
    lines: list[Line | Table] = [Line(t, prov, t) for t in [*title, "Jabatan : Kepala Bidang Umum"]]
    header = ("NO", "SASARAN", "INDIKATOR KINERJA", "SUMBER DATA")
    body = ("1", "Meningkatnya pelayanan", "Indeks Kepuasan Masyarakat", "Survei IKM")
    rows = [Row(tuple(Cell(text=t, paragraphs=(t,)) for t in r), prov) for r in (header, body)]
    lines.append(Table(rows=rows, prov=prov, engine="pdfplumber"))
    return RawDocument(SOURCE, "0" * 64, "pdf", [Page(1, lines)])


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        (["INDIKATOR KINERJA UTAMA BIDANG"], "IKU"),  # an IKU laid out per jabatan
        (["INDIKATOR KINERJA INDIVIDU"], "IKI"),
        ([], "IKI"),  # no title: the jabatan block makes it an IKI
    ],
)
def test_kind_of_a_document_laid_out_per_position(title: list[str], kind: str) -> None:
    ex = extract(_doc(title))
    assert [p.jabatan for p in ex.positions] == ["Kepala Bidang Umum"]
    assert ex.doc_kind == kind


def test_a_title_naming_both_kinds_names_none() -> None:
    assert title_kind("Indikator Kinerja Utama dan Indikator Kinerja Individu") is None
    assert title_kind("INDIKATOR  KINERJA\nUTAMA (IKU)") == "IKU"
