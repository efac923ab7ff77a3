"""Place names beyond the header: the letterhead names the kabupaten when nothing else does, and running
text may place the kecamatan in its kabupaten."""

from __future__ import annotations

from parsers.model import Cell, Line, Page, Provenance, RawDocument, Row, Table
from structure.extract import extract
from structure.header import kabupaten_in_text

SOURCE = "kop.pdf"


def _doc(letterhead: tuple[str, ...], title: list[str]) -> RawDocument:
    prov = Provenance(SOURCE, 1, 1)
    lines: list[Line | Table] = [Line(t, prov, t) for t in title]
    header = ("NO", "SASARAN", "INDIKATOR KINERJA", "SUMBER DATA")
    body = ("1", "Meningkatnya pelayanan", "Indeks Kepuasan Masyarakat", "Survei IKM")
    rows = [Row(tuple(Cell(text=t, paragraphs=(t,)) for t in r), prov) for r in (header, body)]
    lines.append(Table(rows=rows, prov=prov, engine="pdfplumber"))
    return RawDocument(SOURCE, "0" * 64, "pdf", [Page(1, lines)], letterhead=letterhead)


KOP = ("PEMERINTAH KABUPATEN BANYUWANGI", "KECAMATAN MUNCAR", "Jalan Raya Nomor 1 Kecamatan Genteng")


def test_kabupaten_from_the_letterhead_when_the_header_names_none() -> None:
    ex = extract(_doc(KOP, ["INDIKATOR KINERJA UTAMA", "KECAMATAN MUNCAR"]))
    assert (ex.header.kecamatan, ex.header.kabupaten) == ("Muncar", "Banyuwangi")


def test_the_header_wins_over_the_letterhead() -> None:
    ex = extract(_doc(KOP, ["INDIKATOR KINERJA UTAMA", "KECAMATAN MUNCAR KABUPATEN JEMBER"]))
    assert ex.header.kabupaten == "Jember"


def test_no_letterhead_no_kabupaten() -> None:
    ex = extract(_doc((), ["INDIKATOR KINERJA UTAMA", "KECAMATAN MUNCAR"]))
    assert ex.header.kabupaten is None


def test_kabupaten_from_running_text_that_places_the_kecamatan() -> None:
    text = ["Rencana Strategis (RENSTRA) Kecamatan Muncar Kabupaten", "Banyuwangi disusun dengan"]
    assert kabupaten_in_text(text, "Muncar") == "Banyuwangi"
    # another kecamatan's kabupaten, or a kabupaten named alone, is not the document's
    assert kabupaten_in_text(["Kecamatan Genteng Kabupaten Banyuwangi"], "Muncar") is None
    assert kabupaten_in_text(["pembangunan di Kabupaten Banyuwangi."], "Muncar") is None
