"""The OCR path on real tesseract and real rendered images (skipped when tesseract is absent).

Synthetic pages are drawn with PIL at 200 dpi and wrapped as image-only PDFs; the scanned seed
fixture is built once per session and only for the one document these tests need.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont
from rapidfuzz import fuzz

from evaluation.evaluate import evaluate
from parsers.model import Fraction, Line, RawDocument, Table
from parsers.ocr import OcrPage, ocr_page, tesseract_lang
from parsers.ocr_correct import correct_line, correct_token, correct_words
from parsers.pdf import parse_pdf
from pipeline.diagnostics import page_rows
from tests.conftest import GOLD, SHARED_REAL, read_table, run_folder, seed_fixture_pdf

DPI = 200
FONT_PATH = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
REAL_SCAN = "real_diskominfo_kep_iku_2017_scan.pdf"
REAL_SCAN_F1_FLOOR = 0.92  # measured 1.000 (0.971 before the second engine read the signer over the stamp)


def _has_tesseract() -> bool:
    try:
        return "ind" in tesseract_lang()
    except Exception:
        return False


needs_tesseract = pytest.mark.skipif(not _has_tesseract(), reason="tesseract with 'ind' is not installed")


def similar(a: str, b: str) -> bool:
    """OCR text equal to the expected text up to a stray character (rapidfuzz ratio >= 90)."""
    return fuzz.ratio(" ".join(a.split()), " ".join(b.split())) >= 90


# ------------------------------------------------------------------------------ drawn pages


def _px(pt: float) -> int:
    return round(pt * DPI / 72)


def _font(size_pt: float = 11) -> ImageFont.FreeTypeFont:
    if not FONT_PATH.exists():
        pytest.skip(f"{FONT_PATH} not installed")
    return ImageFont.truetype(str(FONT_PATH), _px(size_pt))


def blank(width_pt: float = 595, height_pt: float = 842) -> Image.Image:
    return Image.new("L", (_px(width_pt), _px(height_pt)), 255)


def write(image: Image.Image, x_pt: float, y_pt: float, text: str, size_pt: float = 11) -> None:
    ImageDraw.Draw(image).text((_px(x_pt), _px(y_pt)), text, font=_font(size_pt), fill=0)


def rule(image: Image.Image, x0: float, y0: float, x1: float, y1: float) -> None:
    ImageDraw.Draw(image).line([(_px(x0), _px(y0)), (_px(x1), _px(y1))], fill=0, width=3)


def save_pdf(image: Image.Image, path: Path) -> Path:
    image.save(path, "PDF", resolution=float(DPI))
    return path


def read(path: Path) -> OcrPage:
    lang = tesseract_lang()
    import pytesseract

    return ocr_page(path, 1, path.name, lang, str(pytesseract.pytesseract.tesseract_cmd))


TEXT_LINES = [
    "INDIKATOR KINERJA INDIVIDU",
    "Jabatan : Kepala Seksi Pemerintahan",
    "Tugas : Melaksanakan pembinaan pemerintahan desa",
    "Sasaran : Meningkatnya kualitas pelayanan publik",
]


def text_page(width_pt: float = 595, height_pt: float = 842) -> Image.Image:
    page = blank(width_pt, height_pt)
    for i, text in enumerate(TEXT_LINES):
        write(page, 60, 80 + 24 * i, text)
    return page


# ------------------------------------------------------------------------------ page geometry


@needs_tesseract
def test_skewed_page_is_deskewed_and_read(tmp_path: Path) -> None:
    page = text_page().rotate(1.2, resample=Image.Resampling.BICUBIC, fillcolor=255)
    path = save_pdf(page, tmp_path / "skewed.pdf")
    doc = parse_pdf(path)
    assert doc.input_format == "pdf_ocr" and doc.ocr_pages == 1
    lines = [b.text for b in doc.blocks() if isinstance(b, Line)]
    assert len(lines) == len(TEXT_LINES)
    assert all(similar(got, want) for got, want in zip(lines, TEXT_LINES, strict=True)), lines
    page_data = read(path)
    assert page_data.rotation == 0
    assert abs(page_data.skew - 1.2) <= 0.15
    (row,) = page_rows("0123456789abcdef", doc)  # rotation, skew and confidence reach the pages table
    assert (row["read_by"], row["rotation"], row["n_words"]) == ("ocr", 0, page_data.words)
    assert abs(row["skew"] - 1.2) <= 0.15 and 0.5 < row["ocr_confidence"] <= 1.0


@needs_tesseract
@pytest.mark.parametrize(
    ("turn", "expected"), [(Image.Transpose.ROTATE_90, 90), (Image.Transpose.ROTATE_270, 270)]
)
def test_page_turned_90_degrees_is_detected_and_read(
    tmp_path: Path, turn: Image.Transpose, expected: int
) -> None:
    page = text_page(842, 595).transpose(turn)  # a landscape page scanned on portrait paper
    path = save_pdf(page, tmp_path / "turned.pdf")
    result = read(path)
    assert result.rotation == expected
    assert result.width > result.height  # read upright: landscape again
    assert [similar(ln.text, want) for ln, want in zip(result.lines, TEXT_LINES, strict=True)] == [True] * 4


# ------------------------------------------------------------------------------ ruled tables

XS = [50, 80, 230, 420, 545]
YS = [100, 124, 164, 204, 230]


def table_page() -> Image.Image:
    """A ruled 4x4 table whose Sasaran cell spans data rows 1-2; two cells hold two lines."""
    page = blank()
    for x in XS:
        rule(page, x, YS[0], x, YS[-1])
    for i, y in enumerate(YS):
        if i == 2:  # no border under the spanning Sasaran cell
            rule(page, XS[0], y, XS[1], y)
            rule(page, XS[2], y, XS[-1], y)
        else:
            rule(page, XS[0], y, XS[-1], y)
    header = ["No", "Sasaran", "Indikator", "Sumber Data"]
    for x, text in zip(XS, header, strict=False):
        write(page, x + 4, YS[0] + 5, text)
    write(page, XS[0] + 4, YS[1] + 5, "1")
    write(page, XS[1] + 4, YS[1] + 5, "Meningkatnya")
    write(page, XS[1] + 4, YS[1] + 19, "pelayanan publik")
    write(page, XS[2] + 4, YS[1] + 5, "Persentase surat selesai")
    write(page, XS[2] + 4, YS[1] + 19, "tepat waktu")
    write(page, XS[3] + 4, YS[1] + 5, "Agenda surat")
    write(page, XS[0] + 4, YS[2] + 5, "2")
    write(page, XS[2] + 4, YS[2] + 5, "Jumlah pengaduan selesai")
    write(page, XS[3] + 4, YS[2] + 5, "Buku pengaduan")
    write(page, XS[0] + 4, YS[3] + 5, "3")
    write(page, XS[1] + 4, YS[3] + 5, "Tertibnya arsip")
    write(page, XS[2] + 4, YS[3] + 5, "Jumlah arsip tertata")
    write(page, XS[3] + 4, YS[3] + 5, "Daftar arsip")
    return page


@needs_tesseract
def test_ruled_table_gives_the_cell_grid_with_a_merged_cell(tmp_path: Path) -> None:
    path = save_pdf(table_page(), tmp_path / "table.pdf")
    doc: RawDocument = parse_pdf(path)
    (table,) = [b for b in doc.blocks() if isinstance(b, Table)]
    assert table.engine == "ocr-grid" and table.quality >= 0.9
    expected = [
        ["No", "Sasaran", "Indikator", "Sumber Data"],
        ["1", "Meningkatnya pelayanan publik", "Persentase surat selesai tepat waktu", "Agenda surat"],
        ["2", "", "Jumlah pengaduan selesai", "Buku pengaduan"],
        ["3", "Tertibnya arsip", "Jumlah arsip tertata", "Daftar arsip"],
    ]
    assert len(table.rows) == len(expected)
    for row, want in zip(table.rows, expected, strict=True):
        assert len(row.cells) == 4
        assert all(similar(c.text, w) for c, w in zip(row.cells, want, strict=True)), row.texts()
    assert [c.merged for c in table.rows[2].cells] == [False, True, False, False]
    assert table.rows[1].cells[2].paragraphs and len(table.rows[1].cells[2].raw.splitlines()) == 2
    confidences = [c.confidence for r in table.rows for c in r.cells if c.text]
    assert all(c is not None and 0.5 <= c <= 1.0 for c in confidences)
    assert table.rows[2].cells[1].confidence is None  # covered by the spanning cell: no words of its own


FRACTION_XS = [50, 80, 300, 545]
FRACTION_YS = [100, 124, 184]


@needs_tesseract
def test_drawn_fraction_in_a_scanned_cell_is_a_fraction(tmp_path: Path) -> None:
    page = blank()
    for x in FRACTION_XS:
        rule(page, x, FRACTION_YS[0], x, FRACTION_YS[-1])
    for y in FRACTION_YS:
        rule(page, FRACTION_XS[0], y, FRACTION_XS[-1], y)
    for x, text in zip(FRACTION_XS, ["No", "Indikator", "Formula"], strict=False):
        write(page, x + 4, FRACTION_YS[0] + 5, text)
    top, left = FRACTION_YS[1], FRACTION_XS[2]
    write(page, FRACTION_XS[0] + 4, top + 5, "1")
    write(page, FRACTION_XS[1] + 4, top + 5, "Persentase surat selesai")
    write(page, left + 20, top + 10, "Jumlah surat selesai")
    rule(page, left + 15, top + 30, left + 170, top + 30)
    write(page, left + 20, top + 36, "Jumlah surat masuk")
    doc = parse_pdf(save_pdf(page, tmp_path / "fraction.pdf"))
    (table,) = [b for b in doc.blocks() if isinstance(b, Table)]
    assert table.engine == "ocr-grid"
    (frac,) = table.rows[1].cells[2].paragraphs
    assert isinstance(frac, Fraction) and frac.drawn
    assert similar(frac.numerator, "Jumlah surat selesai") and similar(frac.denominator, "Jumlah surat masuk")


# ------------------------------------------------------------------------------ post-correction


def test_post_correction_fixes_garbled_words_and_leaves_unknown_ones() -> None:
    assert correct_token("SASAKAN", 40) == "SASARAN"  # a garbled header word
    assert correct_token("Recamatan:", 50) == "Kecamatan:"  # the SPEC's "Recamatan"
    assert correct_token("Jumiah", 60) == "Jumlah"
    assert correct_token("Terselengaranya", 40) == "Terselengaranya"  # a printed typo is not ours to fix
    assert correct_token("penyusun", 40) == "penyusun"  # a real word one letter from "menyusun"
    assert correct_token("MINEKUA", 30) == "MINEKUA"  # unknown: left as read, never invented
    assert correct_token("Jumiah", 95) == "Jumiah"  # tesseract was sure: left alone


def test_post_correction_of_marks() -> None:
    def run(*texts: str) -> list[str]:
        return correct_line([{"text": t, "conf": 90.0} for t in texts])

    assert run("&", "Menyusun", "rencana") == ["•", "Menyusun", "rencana"]  # a bullet read as "&"
    assert run("Umum", "&", "Kepegawaian") == ["Umum", "&", "Kepegawaian"]  # mid-line "&" is text
    assert run("*", "100%") == ["*", "100%"]
    assert run("3.", "Fungsi", "1-") == ["3.", "Fungsi", ":-"]
    assert run("MISI", "1", ":", "Meningkatkan") == ["MISI", "1", ":", "Meningkatkan"]
    assert run("Pembina", "Tingkat", "|") == ["Pembina", "Tingkat", "I"]
    assert run("ditindaklanjuti", "x1009") == ["ditindaklanjuti", "x 100%"]
    assert run("tahun", "1009") == ["tahun", "1009"]
    tab = [
        {"text": "Fungsi", "x0": 60, "x1": 90, "top": 0, "bottom": 8},
        {"text": "1-", "x0": 150, "x1": 156},
    ]
    assert correct_line(tab) == ["Fungsi", ":-"]  # the colon set at a tab stop, far from its label


def test_post_correction_of_a_blurred_multiplication_sign() -> None:
    def box(text: str, x0: float, x1: float, top: float = 175.0, bottom: float = 184.0) -> dict[str, object]:
        return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "conf": 50.0}

    # "x 100 %" beside a fraction bar, its "x" read as ":" and set a little lower than the number
    words = [
        box("Jumlah", 267, 298, 180, 192),
        box(":", 470, 474, 177, 183),
        box("100", 477, 491),
        box("%", 494, 501),
    ]
    assert [w["text"] for w in correct_words(words)] == ["Jumlah", "x", "100", "%"]
    ratio = [box(":", 470, 474), box("100%", 477, 501)]
    assert [w["text"] for w in correct_words(ratio)] == ["x", "100%"]
    assert [w["text"] for w in correct_words([box("j", 470, 474), box("100%", 477, 501)])] == ["x", "100%"]
    # a colon before a number that is no percentage multiplier, or far from it, is left as read
    assert [w["text"] for w in correct_words([box(":", 470, 474), box("100", 477, 491)])] == [":", "100"]
    assert [w["text"] for w in correct_words([box(":", 400, 404), box("100%", 477, 501)])] == [":", "100%"]
    # the mark glued to the number ("x 100 %" read as "+100" "%" from a low-resolution scan's mask)
    assert [w["text"] for w in correct_words([box("+100", 466, 491), box("%", 494, 501)])] == ["x 100", "%"]
    assert [w["text"] for w in correct_words([box(":100%", 466, 501)])] == ["x 100%"]
    assert [w["text"] for w in correct_words([box("+100", 466, 491)])] == ["+100"]  # no % after it
    assert [w["text"] for w in correct_words([box("+12", 466, 480), box("%", 483, 490)])] == ["+12", "%"]


# ------------------------------------------------------------------------------ whole documents


@pytest.fixture(scope="session")
def seed_scan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 200 dpi scan of seed 001 (two pages, one turned 90 degrees), built once per session."""
    from tests.fixtures.build_scans import build_scan

    root = tmp_path_factory.mktemp("scan_fixture")
    pdf = seed_fixture_pdf(root / "pdf", "001_")
    src = root / "in"
    src.mkdir()
    build_scan(pdf, src, DPI)
    return src


@needs_tesseract
def test_scanned_seed_fixture_matches_the_gold(seed_scan: Path, tmp_path: Path) -> None:
    run_folder(seed_scan, tmp_path)
    (doc,) = read_table(tmp_path, "documents")
    assert doc["input_format"] == "pdf_ocr"
    (result,) = evaluate(tmp_path, GOLD).documents
    print(f"\n{result.source_file}: F1 {result.totals.f1:.3f}")
    assert result.totals.f1 >= 0.95


@pytest.fixture(scope="module")
def real_scan_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (SHARED_REAL / REAL_SCAN).exists():
        pytest.skip("../shared/real is absent")
    src = tmp_path_factory.mktemp("real_scan_in")
    (src / REAL_SCAN).symlink_to(SHARED_REAL / REAL_SCAN)
    out = tmp_path_factory.mktemp("real_scan_out")
    run_folder(src, out)
    return out


@needs_tesseract
def test_real_scan_yields_its_indicators(real_scan_out: Path) -> None:
    rejects = read_table(real_scan_out, "rejects") if (real_scan_out / "rejects.parquet").exists() else []
    result = evaluate(real_scan_out, SHARED_REAL, only=REAL_SCAN)
    f1 = result.documents[0].totals.f1 if result.documents else 0.0
    print(f"\n{REAL_SCAN}: F1 {f1:.3f}")
    assert not rejects, rejects
    assert f1 >= REAL_SCAN_F1_FLOOR
    docs = read_table(real_scan_out, "documents")
    assert docs[0]["input_format"] == "pdf_ocr" and docs[0]["ocr_page_share"] == 1.0
    indicators = read_table(real_scan_out, "indicators")  # calibrated: OCR'd rows may still be trusted
    assert all(0 < i["confidence"] <= 1 and i["confidence_indikator"] is not None for i in indicators)
    pages = read_table(real_scan_out, "pages")  # how each page was read is kept
    assert len(pages) == docs[0]["n_pages"] and {p["read_by"] for p in pages} == {"ocr"}
    assert all(p["rotation"] in (0, 90, 180, 270) and abs(p["skew"]) <= 3 for p in pages)
    assert all(0 < p["ocr_confidence"] <= 1 and p["n_words"] > 0 for p in pages)
    assert {t["engine"] for t in read_table(real_scan_out, "table_reports")} == {"ocr-grid"}


@needs_tesseract
def test_real_scan_tables_hold_the_gold_indicators() -> None:
    if not (SHARED_REAL / REAL_SCAN).exists():
        pytest.skip("../shared/real is absent")
    import json

    gold = json.loads((SHARED_REAL / REAL_SCAN.replace(".pdf", ".json")).read_text(encoding="utf-8"))
    doc = parse_pdf(SHARED_REAL / REAL_SCAN)
    assert doc.input_format == "pdf_ocr" and doc.ocr_pages == doc.n_pages == 6
    rows = [r for b in doc.blocks() if isinstance(b, Table) for r in b.rows]
    found = 0
    for ind in gold["iku"]:
        want = [ind["indikator"], ind["formula"], ind["sumber_data"]]
        found += any(
            all(fuzz.ratio(c.text, w) >= 90 for c, w in zip(r.cells[1:4], want, strict=True))
            for r in rows
            if len(r.cells) == 4
        )
    assert found == len(gold["iku"]) == 7
