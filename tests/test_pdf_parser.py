"""Tests of parsers/pdf.py on the real PDFs in shared/real and on PDFs built here with LibreOffice."""

from __future__ import annotations

import hashlib
import json
import pathlib
import re
import shutil
import subprocess
import sys
from typing import Any

import pytest
from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.generic import RectangleObject

from parsers import pdf as pdf_module
from parsers.errors import ParseError
from parsers.model import Fraction, Line, RawDocument, Table, join_text_lines
from parsers.number_row import is_number_row
from parsers.pdf import PdfParser, looks_tabular, parse_pdf
from parsers.pdf_junk import is_margin_junk, is_page_number, running_keys
from parsers.pdf_tables import FoundTable
from parsers.pdf_text import VLine
from pipeline.diagnostics import page_rows, table_rows

_HERE = pathlib.Path(__file__).resolve()
_CANDIDATES = [pathlib.Path("/work/shared/real"), _HERE.parents[2] / "shared" / "real"]
REAL = next((p for p in _CANDIDATES if p.is_dir()), _CANDIDATES[0])

PAGES = {
    "real_bkpd_iku.pdf": 3,
    "real_bkpd_iku_eselon_3_4.pdf": 13,
    "real_dinkes_iku_2017.pdf": 2,
    "real_disnak_iku.pdf": 2,
    "real_disnak_kasi_pembibitan_iku.pdf": 2,
}
# table rows whose indikator column (the third) holds text, header rows excluded
INDICATOR_ROWS = {
    "real_bkpd_iku.pdf": 8,
    "real_bkpd_iku_eselon_3_4.pdf": 16,  # one cell holds "a. ... b. ..." (two gold indicators)
    "real_dinkes_iku_2017.pdf": 11,
    "real_disnak_iku.pdf": 10,
    "real_disnak_kasi_pembibitan_iku.pdf": 8,
}
SCAN = "real_diskominfo_kep_iku_2017_scan.pdf"


def _real(name: str) -> pathlib.Path:
    """Path of a real PDF, skipping the test when shared/real is absent."""
    path = REAL / name
    if not path.exists():
        pytest.skip(f"{path} not available")
    return path


def _norm(text: str) -> str:
    """Whitespace-collapsed, case-folded text for containment checks."""
    return re.sub(r"\s+", " ", text).strip().casefold()


def _tables(doc: RawDocument) -> list[Table]:
    """All tables of the document."""
    return [b for b in doc.blocks() if isinstance(b, Table)]


def _lines(doc: RawDocument) -> list[str]:
    """Texts of all Line blocks."""
    return [b.text for b in doc.blocks() if isinstance(b, Line)]


_PARSED: dict[str, RawDocument] = {}


def _parse_real(name: str) -> RawDocument:
    """Parse a real PDF once per test session."""
    if name not in _PARSED:
        _PARSED[name] = parse_pdf(_real(name))
    return _PARSED[name]


@pytest.mark.parametrize("name", sorted(PAGES))
def test_real_pages_and_metadata(name: str) -> None:
    doc = _parse_real(name)
    assert doc.n_pages == PAGES[name]
    assert [p.number for p in doc.pages] == list(range(1, PAGES[name] + 1))
    assert doc.input_format == "pdf"
    assert doc.source_file == name
    assert doc.source_sha256 == hashlib.sha256((REAL / name).read_bytes()).hexdigest()
    for page in doc.pages:
        starts = [b.prov.line for b in page.blocks]
        assert starts == sorted(starts) and len(set(starts)) == len(starts)
        assert all(b.prov.page == page.number and b.prov.source_file == name for b in page.blocks)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_real_tables_grid(name: str) -> None:
    doc = _parse_real(name)
    tables = _tables(doc)
    assert tables
    for t in tables:
        assert t.engine == "pdfplumber"
        assert 0.9 <= t.quality <= 1.0
        width = len(t.rows[0].cells)
        assert all(len(r.cells) == width for r in t.rows)
        assert [r.prov.line for r in t.rows] == list(range(1, len(t.rows) + 1))
        assert not any(is_number_row(r.texts()) for r in t.rows)  # "1 2 3 4 5" dropped
    indicator_rows = [
        r
        for t in tables
        if len(t.rows[0].cells) >= 5
        for r in t.rows
        if r.cells[2].text and "indikator" not in r.cells[2].text.lower()
    ]
    assert len(indicator_rows) == INDICATOR_ROWS[name]


@pytest.mark.parametrize("name", sorted(PAGES))
def test_real_gold_texts_in_cells(name: str) -> None:
    doc = _parse_real(name)
    gold = json.loads((REAL / name).with_suffix(".json").read_text(encoding="utf-8"))
    indicators = list(gold["iku"]) + [i for p in gold["positions"] for i in p["indicators"]]
    cells = " || ".join(_norm(c.text) for t in _tables(doc) for r in t.rows for c in r.cells)
    for field in ("indikator", "sumber_data"):
        missing = [i[field] for i in indicators if i[field] and _norm(i[field]) not in cells]
        assert not missing, f"{field} not in any cell: {missing}"


@pytest.mark.parametrize("name", sorted(PAGES))
def test_real_no_letterhead_or_page_numbers(name: str) -> None:
    lines = _lines(_parse_real(name))
    assert lines
    assert not [ln for ln in lines if re.search(r"\btelp|\bfax|www\.|e-mail", ln, re.IGNORECASE)]
    assert not [ln for ln in lines if is_page_number(ln)]


def test_real_reading_order_and_wrapped_cells() -> None:
    doc = _parse_real("real_disnak_iku.pdf")
    first = doc.pages[0].blocks
    assert isinstance(first[0], Line) and first[0].text == "INDIKATOR KINERJA UTAMA"
    assert isinstance(first[2], Table)
    assert isinstance(first[-1], Line) and first[-1].text.startswith("NIP.")
    header = first[2].rows[0].texts()
    assert header == [
        "No.",
        "Sasaran Strategis",
        "Indikator Kinerja Utama",
        "Penjelasan",
        "Sumber Data",
        "Penanggungjawab",
    ]
    row = first[2].rows[1]
    assert row.cells[1].paragraphs == ("Meningkatnya Produksi dan Populasi Ternak",)  # wrapped lines joined
    assert row.cells[1].raw.splitlines()[:2] == ["Meningkatnya", "Produksi dan"]
    assert row.cells[4].text == "Kabupaten/Kota se Jawa Barat"
    assert "- Daging" in row.cells[2].paragraphs
    assert first[2].rows[2].cells[1].text == ""  # under the merged sasaran cell
    assert first[2].rows[2].cells[1].merged


def test_low_quality_table_falls_back_to_camelot_lattice(monkeypatch: pytest.MonkeyPatch) -> None:
    plumber = _parse_real("real_disnak_iku.pdf")
    original = pdf_module.find_plumber_tables

    def poor(*args: Any) -> list[FoundTable]:
        found = original(*args)
        for f in found:
            f.table.quality = 0.3
        return found

    monkeypatch.setattr(pdf_module, "find_plumber_tables", poor)
    doc = parse_pdf(_real("real_disnak_iku.pdf"))
    (table,) = _tables(doc)
    assert table.engine == "camelot-lattice" and table.quality >= 0.9
    assert [r.texts() for r in table.rows] == [r.texts() for r in _tables(plumber)[0].rows]
    assert _lines(doc) == _lines(plumber)


def test_scan_pages_need_ocr_and_digital_pages_do_not() -> None:
    import pdfplumber

    from parsers.ocr import needs_ocr

    with pdfplumber.open(_real(SCAN)) as pdf:
        assert all(needs_ocr(p) for p in pdf.pages)
    with pdfplumber.open(_real("real_disnak_iku.pdf")) as pdf:
        assert not any(needs_ocr(p) for p in pdf.pages)


def test_scan_without_tesseract_is_ocr_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    import pytesseract

    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    with pytest.raises(ParseError) as err:
        parse_pdf(_real(SCAN))
    assert err.value.code == "ocr-unavailable"
    assert "tesseract is not installed" in err.value.message


def test_encrypted_pdf(tmp_path: pathlib.Path) -> None:
    writer = PdfWriter(clone_from=_real("real_disnak_iku.pdf"))
    writer.encrypt(user_password="rahasia", owner_password="pemilik")
    path = tmp_path / "encrypted.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    with pytest.raises(ParseError) as err:
        parse_pdf(path)
    assert err.value.code == "pdf-encrypted"


def test_truncated_and_garbage_pdf(tmp_path: pathlib.Path) -> None:
    data = _real("real_bkpd_iku.pdf").read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: len(data) // 2])
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"this is not a pdf at all\n" * 50)
    for path in (cut, junk):
        with pytest.raises(ParseError) as err:
            parse_pdf(path)
        assert err.value.code == "pdf-corrupt"


def test_no_pages(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "empty.pdf"
    with path.open("wb") as fh:
        PdfWriter().write(fh)
    with pytest.raises(ParseError) as err:
        parse_pdf(path)
    assert err.value.code == "pdf-no-pages"


def test_helpers() -> None:
    joined = join_text_lines(["penyelesaian", "masalah-", "masalah publik"])
    assert joined == "penyelesaian masalah-masalah publik"
    assert join_text_lines(["Dinas Kesehatan -", "Provinsi"]) == "Dinas Kesehatan - Provinsi"
    assert join_text_lines(["Kabupaten/", "Kota"]) == "Kabupaten/Kota"
    assert is_number_row(["1", "2", "3", "4", "5"]) and is_number_row(["(1)", "(2)", "(3)", "", "(4)"])
    assert not is_number_row(["1", "Meningkatnya", "3", "4"]) and not is_number_row(["3", "4", "5"])
    # one rule for the PDF, OCR and text readers: ascending, gaps allowed (a scan may lose a number)
    assert is_number_row(["1", "3", "5"]) and not is_number_row(["1", "3", "2"])
    assert not is_number_row(["1", "2", "3", "", "", "", ""])  # too few of the row's cells
    for text in ("3", "- 3 -", "Halaman 3", "3 / 10", "Hal. 2 dari 7"):
        assert is_page_number(text), text
    assert not is_page_number("Tahun 2017") and not is_page_number("1. Persentase")
    assert looks_tabular([]) is False
    header = VLine("Laporan Kinerja Kecamatan", 50, 10, 300, 20)
    title = VLine("INDIKATOR KINERJA UTAMA", 50, 30, 300, 40)
    body = VLine("Laporan Kinerja Kecamatan", 50, 400, 300, 410)
    running = running_keys([([header, title], 800.0)] * 3 + [([body], 800.0)])
    assert is_margin_junk(header, 800.0, running)
    assert not is_margin_junk(title, 800.0, running) and not is_margin_junk(body, 800.0, running)
    assert is_margin_junk(VLine("- 4 -", 290, 770, 310, 780), 800.0, set())
    parser = PdfParser()
    assert parser.kind == "pdf" and parser.suffixes == (".pdf",)


# ---------------------------------------------------------------- PDFs built with LibreOffice

_BUILD = r"""
import sys
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

def rule(par, size):
    b = OxmlElement("w:bottom")
    for k, v in {"w:val": "single", "w:sz": str(size), "w:space": "1", "w:color": "000000"}.items():
        b.set(qn(k), v)
    bdr = OxmlElement("w:pBdr"); bdr.append(b); par._p.get_or_add_pPr().append(bdr)

def fill(table, rows):
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            if v is not None:
                table.cell(i, j).text = v

out = sys.argv[1]
doc = Document()
first = doc.sections[0]
foot = first.footer.paragraphs[0]
foot.add_run("Halaman ")
fld = OxmlElement("w:fldSimple"); fld.set(qn("w:instr"), "PAGE")
r = OxmlElement("w:r"); t = OxmlElement("w:t"); t.text = "1"; r.append(t); fld.append(r); foot._p.append(fld)
doc.add_paragraph("PEMERINTAH KABUPATEN CONTOH")
rule(doc.add_paragraph("Jalan Merdeka No. 1 Telp. (022) 123456 Kode Pos 40111"), 18)
doc.add_paragraph("INDIKATOR KINERJA INDIVIDU")
t = doc.add_table(rows=5, cols=4); t.style = "Table Grid"
fill(t, [["No", "Sasaran", "Indikator", "Formula"], ["1", "2", "3", "4"],
         ["1", None, "Persentase kehadiran pegawai", None],
         [None, None, "Jumlah dokumen perencanaan", "Jumlah dokumen yang disusun"],
         [None, None, "Indeks kepuasan masyarakat",
          "Hasil survei kepuasan terhadap penyelesaian masalah-masalah pelayanan publik di kecamatan"]])
t.cell(2, 1).merge(t.cell(4, 1)).text = "Meningkatnya kualitas pelayanan"
f = t.cell(2, 3)
f.paragraphs[0].text = "Jumlah pegawai hadir"
rule(f.paragraphs[0], 8)
f.add_paragraph("Jumlah seluruh pegawai")
land = doc.add_section(WD_SECTION.NEW_PAGE)
land.orientation = WD_ORIENT.LANDSCAPE
land.page_width, land.page_height = first.page_height, first.page_width
doc.add_paragraph("TABEL LANSKAP")
t2 = doc.add_table(rows=3, cols=5); t2.style = "Table Grid"
fill(t2, [["No", "Sasaran", "Indikator", "Sumber Data", "Penanggung Jawab"],
          ["1", "Tertibnya administrasi", "Persentase surat selesai tepat waktu", "Agenda surat",
           "Kasubag Umum"],
          ["2", "Meningkatnya ketertiban", "Jumlah pelanggaran perda", "Laporan Satpol PP", "Kasi Trantib"]])
doc.save(out + "/ruled.docx")

doc = Document()
doc.add_paragraph("TABEL TANPA GARIS")
t3 = doc.add_table(rows=6, cols=5)
fill(t3, [["No", "Sasaran", "Indikator", "Sumber", "Pelaksana"]]
      + [[str(i), f"Sasaran {i}", f"Indikator {i}", f"Laporan {i}", f"Seksi {i}"] for i in range(1, 6)])
doc.save(out + "/plain.docx")
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    """Directory with ruled.pdf, plain.pdf (python-docx + LibreOffice) and rotated.pdf (/Rotate 90)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    out = tmp_path_factory.mktemp("pdfbuild")
    subprocess.run([sys.executable, "-c", _BUILD, str(out)], check=True, timeout=120)
    profile = (out / "lo-profile").as_uri()
    cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir"]
    subprocess.run(
        [*cmd, str(out), str(out / "ruled.docx"), str(out / "plain.docx")], check=True, timeout=180
    )
    writer = PdfWriter(clone_from=out / "ruled.pdf")
    for page in writer.pages:
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        if w > h:  # draw the landscape page sideways on portrait media, shown upright by /Rotate 90
            page.add_transformation(Transformation().rotate(90).translate(h, 0))
            page.mediabox = page.cropbox = RectangleObject([0, 0, h, w])
            page.rotate(90)
    with (out / "rotated.pdf").open("wb") as fh:
        writer.write(fh)
    return out


def _check_ruled(doc: RawDocument) -> None:
    """The grid, fraction, merged cell, letterhead and footer facts of ruled.pdf."""
    assert doc.n_pages == 2
    p1, p2 = doc.pages
    lines1 = [b.text for b in p1.blocks if isinstance(b, Line)]
    assert lines1 == ["INDIKATOR KINERJA INDIVIDU"]  # letterhead and "Halaman 1" dropped
    (t1,) = [b for b in p1.blocks if isinstance(b, Table)]
    assert p1.blocks.index(t1) == 1
    assert [len(r.cells) for r in t1.rows] == [4, 4, 4, 4]  # the "1 2 3 4" row is dropped
    assert t1.rows[0].texts() == ["No", "Sasaran", "Indikator", "Formula"]
    assert t1.rows[1].cells[1].text == "Meningkatnya kualitas pelayanan"
    assert t1.rows[2].cells[1].text == "" and t1.rows[3].cells[1].text == ""
    assert [r.cells[0].text for r in t1.rows[1:]] == ["1", "", ""]
    formula = t1.rows[1].cells[3]
    assert formula.paragraphs == (Fraction("Jumlah pegawai hadir", "Jumlah seluruh pegawai", drawn=True),)
    assert formula.text == "Jumlah pegawai hadir / Jumlah seluruh pegawai"
    assert not any(isinstance(p, Fraction) for p in t1.rows[2].cells[3].paragraphs)
    assert "masalah-masalah pelayanan publik" in t1.rows[3].cells[3].text
    assert t1.quality >= 0.9 and t1.engine == "pdfplumber"
    assert [b.text for b in p2.blocks if isinstance(b, Line)] == ["TABEL LANSKAP"]
    (t2,) = [b for b in p2.blocks if isinstance(b, Table)]
    assert [r.texts() for r in t2.rows] == [
        ["No", "Sasaran", "Indikator", "Sumber Data", "Penanggung Jawab"],
        [
            "1",
            "Tertibnya administrasi",
            "Persentase surat selesai tepat waktu",
            "Agenda surat",
            "Kasubag Umum",
        ],
        ["2", "Meningkatnya ketertiban", "Jumlah pelanggaran perda", "Laporan Satpol PP", "Kasi Trantib"],
    ]


def test_built_ruled_pdf(built: pathlib.Path) -> None:
    reader = PdfReader(built / "ruled.pdf")
    box = reader.pages[1].mediabox
    assert float(box.width) > float(box.height)  # a landscape page
    _check_ruled(parse_pdf(built / "ruled.pdf"))


def test_camelot_grid_reads_the_drawn_fraction_as_a_fraction(built: pathlib.Path) -> None:
    import pdfplumber

    from parsers.pdf import dedupe_chars
    from parsers.pdf_camelot import camelot_tables
    from parsers.pdf_text import horizontal_rules, words_of

    path = built / "ruled.pdf"
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        chars = dedupe_chars(page.chars)
        objs = (chars, words_of(chars), horizontal_rules(page))
        found = camelot_tables(path, 1, "lattice", float(page.height), objs, path.name)
    cells = [c for f in found for r in f.table.rows for c in r.cells]
    assert found and all(f.table.engine == "camelot-lattice" for f in found)
    assert Fraction("Jumlah pegawai hadir", "Jumlah seluruh pegawai", drawn=True) in [
        p for c in cells for p in c.paragraphs
    ]


def test_built_rotated_pdf(built: pathlib.Path) -> None:
    assert PdfReader(built / "rotated.pdf").pages[1].get("/Rotate") == 90
    _check_ruled(parse_pdf(built / "rotated.pdf"))


def test_built_plain_table_uses_camelot_stream(built: pathlib.Path) -> None:
    doc = parse_pdf(built / "plain.pdf")
    (page,) = doc.pages
    assert isinstance(page.blocks[0], Line) and page.blocks[0].text == "TABEL TANPA GARIS"
    (table,) = [b for b in page.blocks if isinstance(b, Table)]
    assert table.engine == "camelot-stream"
    (report,) = table_rows("0123456789abcdef", doc)  # the engine and quality are kept as data
    assert (report["engine"], report["page"], report["n_rows"]) == ("camelot-stream", 1, len(table.rows))
    assert report["quality"] == round(table.quality, 4) and 0 < report["quality"] <= 1
    (page_row,) = page_rows("0123456789abcdef", doc)
    assert (page_row["read_by"], page_row["rotation"], page_row["n_tables"]) == ("text-layer", None, 1)
    assert 0.6 <= table.quality <= 1.0
    assert [r.texts() for r in table.rows][:2] == [
        ["No", "Sasaran", "Indikator", "Sumber", "Pelaksana"],
        ["1", "Sasaran 1", "Indikator 1", "Laporan 1", "Seksi 1"],
    ]
    assert len(table.rows) == 6
