"""Opening any PDF a reader opens: pdfium and qpdf rewrites before a pdf-no-pages / pdf-corrupt reject.

The PDF under test is built here, as scanner software writes it: PDF 1.5 with a cross-reference
stream, the page tree in an object stream, every `stream` keyword ended by a bare CR, and page tree
nodes without `/Type`. poppler, pdfium and qpdf read its two pages; pdfminer finds none.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest
from pypdf import PdfWriter

from parsers.errors import ParseError
from parsers.pdf import parse_pdf
from parsers.pdf_repair import RepairError, pdfium_rewrite, qpdf_rewrite

needs_qpdf = pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf is not installed (make rundeps)")
TEXTS = ["INDIKATOR KINERJA UTAMA halaman 1", "INDIKATOR KINERJA UTAMA halaman 2"]


def _obj(number: int, body: bytes) -> bytes:
    return b"%d 0 obj\n" % number + body + b"\nendobj\n"


def bare_cr_pdf(texts: list[str] = TEXTS) -> bytes:
    """Pages (1 content stream each) whose page tree sits untyped in a bare-CR object stream."""
    n = len(texts)
    pages, contents = list(range(3, 3 + n)), list(range(3 + n, 3 + 2 * n))
    font, objstm, xref = 3 + 2 * n, 4 + 2 * n, 5 + 2 * n
    kids = " ".join(f"{p} 0 R" for p in pages)
    packed = {2: f"<< /Kids [{kids}] /Count {n} >>".encode()}  # no /Type /Pages
    for page, content in zip(pages, contents, strict=True):
        resources = f"/Resources << /Font << /F1 {font} 0 R >> >>"
        packed[page] = (
            f"<< /Parent 2 0 R /MediaBox [0 0 595 842] {resources} /Contents {content} 0 R >>".encode()
        )
    body, index = b"", []
    for number, text in packed.items():
        index.append(f"{number} {len(body)}")
        body += text + b"\n"
    head = (" ".join(index) + "\n").encode()
    stream = zlib.compress(head + body)
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}

    def put(number: int, data: bytes) -> None:
        offsets[number] = len(out)
        out.extend(_obj(number, data))

    put(1, b"<< /Type /Catalog /Pages 2 0 R >>")
    for content, text in zip(contents, texts, strict=True):
        ops = f"BT /F1 14 Tf 72 720 Td ({text}) Tj ET".encode()
        put(content, b"<< /Length %d >>\nstream\r" % len(ops) + ops + b"\nendstream")
    put(font, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    dictionary = b"<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>"
    put(objstm, dictionary % (len(packed), len(head), len(stream)) + b"\nstream\r" + stream + b"\nendstream")
    offsets[xref] = len(out)
    rows = struct.pack(">BIH", 0, 0, 65535)
    for number in range(1, xref + 1):
        if number in packed:
            rows += struct.pack(">BIH", 2, objstm, list(packed).index(number))
        else:
            rows += struct.pack(">BIH", 1, offsets[number], 0)
    table = zlib.compress(rows)
    xref_dict = b"<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Filter /FlateDecode /Length %d >>"
    out.extend(_obj(xref, xref_dict % (xref + 1, len(table)) + b"\nstream\r" + table + b"\nendstream"))
    out.extend(b"startxref\n%d\n%%%%EOF\n" % offsets[xref])
    return bytes(out)


@pytest.fixture
def bare_cr(tmp_path: Path) -> Path:
    path = tmp_path / "scan_bare_cr.pdf"
    path.write_bytes(bare_cr_pdf())
    return path


def _plumber_texts(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [page.extract_text() for page in pdf.pages]


def test_other_readers_open_what_pdfminer_does_not(bare_cr: Path) -> None:
    data = bare_cr.read_bytes()
    assert data.count(b"stream\r") == 4 and b"stream\r\n" not in data
    assert _plumber_texts(data) == []  # the refusal this file stands for
    doc = pdfium.PdfDocument(data)
    assert [doc[i].get_textpage().get_text_range() for i in range(len(doc))] == TEXTS
    if shutil.which("pdftotext"):
        shown = subprocess.run(["pdftotext", str(bare_cr), "-"], capture_output=True, text=True).stdout
        assert all(text in shown for text in TEXTS)


def test_bare_cr_pdf_is_read_not_rejected(bare_cr: Path) -> None:
    doc = parse_pdf(bare_cr)
    texts = [block.text for page in doc.pages for block in page.blocks if hasattr(block, "text")]
    assert [p.number for p in doc.pages] == [1, 2]
    assert texts == TEXTS
    assert doc.source_file == "scan_bare_cr.pdf"
    assert doc.source_sha256 == hashlib.sha256(bare_cr.read_bytes()).hexdigest()


def test_pdfium_rewrite_gives_pdfminer_the_pages(bare_cr: Path) -> None:
    assert _plumber_texts(pdfium_rewrite(bare_cr.read_bytes())) == TEXTS


@needs_qpdf
def test_qpdf_rewrite_gives_pdfminer_the_pages(bare_cr: Path) -> None:
    assert _plumber_texts(qpdf_rewrite(bare_cr.read_bytes())) == TEXTS


def test_rewriters_say_why_they_cannot_help() -> None:
    with pytest.raises(RepairError, match="cannot open it"):
        pdfium_rewrite(b"%PDF-1.4\nnothing here\n%%EOF\n")
    if shutil.which("qpdf"):
        with pytest.raises(RepairError, match="qpdf"):
            qpdf_rewrite(b"%PDF-1.4\nnothing here\n%%EOF\n")


@needs_qpdf
def test_reject_says_what_every_reader_said(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    with path.open("wb") as fh:
        PdfWriter().write(fh)
    with pytest.raises(ParseError) as err:
        parse_pdf(path)
    assert err.value.code == "pdf-no-pages"
    message = err.value.message
    assert message.startswith("the PDF has no pages for any reader (pdfplumber: the PDF has no pages; ")
    assert "; pdfium: " in message
    assert "; qpdf: " in message or "; pdfplumber after the qpdf rewrite: " in message
