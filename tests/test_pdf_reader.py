"""The pdfium page reader (parsers/pdf_reader.py) gives what pdfminer gives, so rows do not change.

Every PDF fixture and every digital PDF of ../shared/real parses to the same intermediate document
whichever reader reads its pages (the pipeline's rows are a function of that document); the
fixtures are checked to be read by pdfium indeed, character boxes to sit where pdfminer puts them,
and the files pdfium would read otherwise (letters kerned apart, rotated pages) to stay with pdfminer.
"""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pypdf
import pytest
from hypothesis import given
from hypothesis import strategies as st

from parsers.pdf import parse_pdf
from parsers.pdf_fonts import font_descents
from parsers.pdf_reader import PdfiumPage, read_pages
from parsers.pdf_text import centre_in, centred_in
from tests.conftest import seed_fixture_pdf

REAL = Path(__file__).resolve().parents[1] / ".." / "shared" / "real"
# seed -> read by pdfium; 003 prints "Jabatan" and its ":" 1.2pt apart, which the kerning guard
# cannot tell from a space pdfium dropped, so that file stays with pdfminer
SEEDS = {"000": True, "001": True, "002": True, "003": False, "004": True}


def _real_digital() -> list[Path]:
    return sorted(p for p in REAL.glob("*.pdf") if "scan" not in p.name) if REAL.is_dir() else []


def _pdfium_pages(data: bytes) -> list[PdfiumPage] | None:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return read_pages(data, pdf.pages, font_descents(pypdf.PdfReader(io.BytesIO(data))))


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_fixture_pdf_same_document_from_pdfium_and_pdfminer(
    seed: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = seed_fixture_pdf(tmp_path_factory.getbasetemp() / "fixture_pdf_reader", seed)
    assert (_pdfium_pages(path.read_bytes()) is not None) is SEEDS[seed]
    assert parse_pdf(path) == parse_pdf(path, how="pdfminer")


@pytest.mark.parametrize("path", _real_digital(), ids=lambda p: p.stem)
def test_real_pdf_same_document_from_pdfium_and_pdfminer(path: Path) -> None:
    assert parse_pdf(path) == parse_pdf(path, how="pdfminer")


def test_char_boxes_are_pdfminers(tmp_path_factory: pytest.TempPathFactory) -> None:
    path = seed_fixture_pdf(tmp_path_factory.getbasetemp() / "fixture_pdf_reader", "002")
    data = path.read_bytes()
    fast = _pdfium_pages(data)
    assert fast is not None
    with pdfplumber.open(path) as pdf:
        ref = pdf.pages[1]
        ours = fast[1]
        ref_chars = [c for c in ref.chars if c["text"] != " "]
        our_chars = [c for c in ours.chars if c["text"] != " "]
        assert "".join(c["text"] for c in our_chars) == "".join(c["text"] for c in ref_chars)
        for a, b in zip(ref_chars, our_chars, strict=True):
            assert abs(a["x0"] - b["x0"]) < 0.05 and abs(a["x1"] - b["x1"]) < 0.35
            assert abs(a["top"] - b["top"]) < 0.05 and abs(a["bottom"] - b["bottom"]) < 0.05
            assert a["upright"] == b["upright"] and a["fontname"].split("+")[-1] == b["fontname"]
        assert (len(ours.lines), len(ours.rects), len(ours.curves)) == (
            len(ref.lines),
            len(ref.rects),
            len(ref.curves),
        )
        for a, b in zip(ref.lines, ours.lines, strict=True):
            assert all(abs(a[k] - b[k]) < 0.05 for k in ("x0", "x1", "top", "bottom"))


def _one_line_pdf(content: bytes, rotate: int = 0) -> bytes:
    """A one-page PDF drawing `content` with Helvetica as /F1."""
    writer = pypdf.PdfWriter()
    page = writer.add_blank_page(595, 842)
    font = pypdf.generic.DictionaryObject(
        {
            pypdf.generic.NameObject("/Type"): pypdf.generic.NameObject("/Font"),
            pypdf.generic.NameObject("/Subtype"): pypdf.generic.NameObject("/Type1"),
            pypdf.generic.NameObject("/BaseFont"): pypdf.generic.NameObject("/Helvetica"),
        }
    )
    fonts = pypdf.generic.DictionaryObject({pypdf.generic.NameObject("/F1"): writer._add_object(font)})
    page[pypdf.generic.NameObject("/Resources")] = pypdf.generic.DictionaryObject(
        {pypdf.generic.NameObject("/Font"): fonts}
    )
    stream = pypdf.generic.DecodedStreamObject()
    stream.set_data(content)
    page[pypdf.generic.NameObject("/Contents")] = writer._add_object(stream)
    if rotate:
        page.rotate(rotate)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_letters_kerned_apart_keep_file_with_pdfminer() -> None:
    # real_bkpd_iku_eselon_3_4.pdf prints "penyelenggaraan pengkajian" with its space kerned back
    # under the "p": pdfium drops that space and leaves the words 0.2pt apart, as kerning would;
    # a file whose letters stand kerned apart is therefore read by pdfminer
    data = _one_line_pdf(b"BT /F1 11 Tf 72 700 Td [(b.) -30 (Penyelenggaraan)] TJ ET")
    assert _pdfium_pages(data) is None


def test_letters_edge_to_edge_read_by_pdfium() -> None:
    data = _one_line_pdf(b"BT /F1 11 Tf 72 700 Td (b. Penyelenggaraan) Tj ET")
    pages = _pdfium_pages(data)
    assert pages is not None
    assert "".join(c["text"] for c in pages[0].chars) == "b. Penyelenggaraan"


def test_rotated_page_keeps_file_with_pdfminer() -> None:
    data = _one_line_pdf(b"BT /F1 11 Tf 72 700 Td (b. Penyelenggaraan) Tj ET", rotate=90)
    assert _pdfium_pages(data) is None


_coord = st.floats(0, 600, allow_nan=False)


@given(
    st.lists(st.tuples(_coord, st.floats(0, 20), _coord, st.floats(0, 15)), max_size=60),
    st.tuples(_coord, _coord, st.floats(0, 200), st.floats(0, 80)),
    st.sampled_from([0.0, 1.0]),
)
def test_centred_in_is_the_scan(
    boxes: list[tuple[float, float, float, float]], box: tuple[float, float, float, float], pad: float
) -> None:
    objs = [{"x0": x, "x1": x + w, "top": t, "bottom": t + h} for x, w, t, h in boxes]
    cell = (box[0], box[1], box[0] + box[2], box[1] + box[3])
    assert centred_in(objs, cell, pad) == [o for o in objs if centre_in(o, cell, pad)]
