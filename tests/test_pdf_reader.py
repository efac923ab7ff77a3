"""The pdfium page reader (parsers/pdf_reader.py) gives what pdfminer gives, so rows do not change.

Every PDF fixture and every digital PDF of ../shared/real parses to the same intermediate document
whichever reader reads its pages (the pipeline's rows are a function of that document); the
fixtures and the real PDFs are checked to be read by pdfium indeed, character boxes to sit where
pdfminer puts them, the spaces pdfium's text page leaves out (blank text objects) to be read back,
and the files pdfium would read otherwise (rotated pages, overprints) to stay with pdfminer.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pdfplumber
import pypdf
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pdfminer.psparser import LIT as pdfminer_literal

from parsers.errors import ParseError
from parsers.pdf import _words, parse_pdf
from parsers.pdf_fonts import font_descents, odd_font, odd_fonts, page_fonts
from parsers.pdf_guard import check_images, open_pdfium
from parsers.pdf_reader import PdfiumPage, read_pages, same_words
from parsers.pdf_text import centre_in, centred_in
from tests.conftest import seed_fixture_pdf
from tests.fixtures.build_pdf import soffice_binary
from tests.fixtures.hostile import image_bomb_pdf
from tests.fixtures.spaced_words import LINES, build_spaced_words

REAL = Path(__file__).resolve().parents[1] / ".." / "shared" / "real"
SEEDS = ("000", "001", "002", "003", "004")


def _real_digital() -> list[Path]:
    return sorted(p for p in REAL.glob("*.pdf") if "scan" not in p.name) if REAL.is_dir() else []


def _pdfium_pages(data: bytes) -> list[PdfiumPage] | None:
    fast_pdf = open_pdfium(data)
    assert fast_pdf is not None
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return read_pages(fast_pdf, pdf.pages, font_descents(page_fonts(pdf.pages)))
    finally:
        fast_pdf.close()


@pytest.mark.parametrize("seed", SEEDS)
def test_fixture_pdf_same_document_from_pdfium_and_pdfminer(
    seed: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = seed_fixture_pdf(tmp_path_factory.getbasetemp() / "fixture_pdf_reader", seed)
    assert _pdfium_pages(path.read_bytes()) is not None
    assert parse_pdf(path) == parse_pdf(path, how="pdfminer")


@pytest.mark.parametrize("path", _real_digital(), ids=lambda p: p.stem)
def test_real_pdf_read_by_pdfium_same_document_as_pdfminer(path: Path) -> None:
    # their word spaces are blank text objects of their own, which pdfium's text page leaves out
    data = path.read_bytes()
    fast = _pdfium_pages(data)
    assert fast is not None
    with pdfplumber.open(path) as pdf:
        assert all(same_words(a, b, _words) for a, b in zip(fast, pdf.pages, strict=True))
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


def _texts(pages: list[Any]) -> list[list[str]]:
    return [[w["text"] for w in _words(p)] for p in pages]


def test_space_object_squeezed_under_next_word_read_back() -> None:
    # real_bkpd_iku_eselon_3_4.pdf prints "penyelenggaraan pengkajian" with the space a text object
    # of its own and "p" 0.2pt after the last "n": pdfium's text page leaves the blank object out
    data = _one_line_pdf(
        b"BT /F1 11 Tf 72 700 Td (b.) Tj ET BT /F1 11 Tf 81.2 700 Td ( ) Tj ET "
        b"BT /F1 11 Tf 81.4 700 Td (Penyelenggaraan) Tj ET"
    )
    pages = _pdfium_pages(data)
    assert pages is not None
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert _texts(pages) == _texts(pdf.pages) == [["b.", "Penyelenggaraan"]]


def test_letters_kerned_apart_read_by_pdfium_as_pdfminer() -> None:
    # kerning inside one text object: no space is drawn, and both readers run the letters together
    data = _one_line_pdf(b"BT /F1 11 Tf 72 700 Td [(b.) -30 (Penyelenggaraan)] TJ ET")
    pages = _pdfium_pages(data)
    assert pages is not None
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert _texts(pages) == _texts(pdf.pages) == [["b.Penyelenggaraan"]]


def test_overprint_pdfium_leaves_out_keeps_file_with_pdfminer() -> None:
    # the same text drawn twice 0.3pt apart (fake bold): pdfium keeps one, pdfminer both
    data = _one_line_pdf(b"BT /F1 11 Tf 72 700 Td (Tebal) Tj ET BT /F1 11 Tf 72.3 700 Td (Tebal) Tj ET")
    assert _pdfium_pages(data) is None


@pytest.mark.skipif(soffice_binary() is None, reason="LibreOffice (soffice) builds the PDF")
def test_office_pdf_with_squeezed_space_objects_read_by_pdfium(tmp_path: Path) -> None:
    path = build_spaced_words(tmp_path)
    data = path.read_bytes()
    pages = _pdfium_pages(data)
    assert pages is not None
    with pdfplumber.open(path) as pdf:
        ref = pdf.pages
        # the spaces are squeezed: without them the words would run together (gap < x_tolerance)
        chars = ref[0].chars
        gaps = [chars[i + 1]["x0"] - chars[i - 1]["x1"] for i, c in enumerate(chars) if c["text"] == " "]
        assert gaps and max(gaps) < 1.0
        assert _texts(pages) == _texts(ref) == [[w for line in LINES for w in line.split()]]
    assert parse_pdf(path) == parse_pdf(path, how="pdfminer")


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


def _odd(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return odd_fonts(page_fonts(pdf.pages))


def test_odd_fonts_keep_the_check_page_plain_office_fonts_do_not() -> None:
    # Helvetica without /Encoding or ToUnicode: its built-in encoding is odd, the check page stays
    assert _odd(_one_line_pdf(b"BT /F1 11 Tf 72 700 Td (Tebal) Tj ET")) == [
        "Helvetica: Type1 encoding built-in without ToUnicode"
    ]
    win_ansi = {"Subtype": pdfminer_literal("TrueType"), "Encoding": pdfminer_literal("WinAnsiEncoding")}
    assert odd_font(win_ansi) is None
    assert odd_font({"Subtype": pdfminer_literal("Type3")}) == "Type3"
    assert odd_font({"Subtype": pdfminer_literal("Type0"), "Encoding": pdfminer_literal("Identity-H")}) == (
        "Type0 without ToUnicode"
    )
    for path in _real_digital():  # office exports: TrueType WinAnsi or Type0 with a ToUnicode map
        assert _odd(path.read_bytes()) == [], path.name


def test_pdfium_guard_password_and_pictures() -> None:
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(_one_line_pdf(b"BT /F1 11 Tf 72 700 Td (Tebal) Tj ET")))
    writer.encrypt(user_password="rahasia", owner_password="pemilik")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(ParseError) as err:
        open_pdfium(out.getvalue())
    assert err.value.code == "pdf-encrypted"
    assert open_pdfium(b"%PDF-1.4 not really a pdf %%EOF") is None  # pypdf and pdfminer decide
    # pdfium's last error is still "incorrect password" after this failing load: not encrypted
    empty = io.BytesIO()
    pypdf.PdfWriter().write(empty)
    assert open_pdfium(empty.getvalue()) is None
    bomb = open_pdfium(image_bomb_pdf())
    assert bomb is not None
    with pytest.raises(ParseError) as err:
        check_images(bomb)
    bomb.close()
    assert err.value.code == "pdf-image-too-large"
