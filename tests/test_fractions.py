"""Fractions travel as `Fraction` paragraphs from every producer to the formula normaliser."""

from __future__ import annotations

import ast
from pathlib import Path

from normalizers.document import normalize_indicator
from normalizers.formula import parse_formula
from parsers.markup import markup_to_paragraphs
from parsers.model import Fraction
from parsers.pdf_text import BAR, logical_paragraphs
from parsers.text import raw_to_cell
from structure.cells import carry_fraction
from structure.model import Indicator

ROOT = Path(__file__).resolve().parents[1]


def test_latex_fraction_in_a_text_rendering_is_a_fraction_with_the_text_around_it() -> None:
    cell = raw_to_cell(r"$IKM = \frac{\text{Total Nilai}}{\text{Total Unsur}} \times 100\%$ <p>Catatan</p>")
    assert cell.paragraphs == (Fraction("Total Nilai", "Total Unsur", "IKM =", "x 100%"), "Catatan")
    assert cell.text == "IKM = Total Nilai / Total Unsur x 100% Catatan"


def test_fraction_outside_math_and_nested_fraction_read_as_text_parts() -> None:
    (bare,) = markup_to_paragraphs(r"= \frac{Jumlah A}{Jumlah B} \times 100")
    assert bare == Fraction("Jumlah A", "Jumlah B", "=", "x 100")
    (nested,) = markup_to_paragraphs(r"$\frac{\frac{a}{b}}{c}$")
    assert nested == Fraction("a / b", "c")


def test_frac_without_its_two_groups_is_dropped_and_the_text_stays_plain() -> None:
    assert markup_to_paragraphs(r"$\frac{A} rest$") == ["A rest"]


def test_drawn_bar_between_visual_lines_makes_one_drawn_fraction() -> None:
    lines = ["IKU = Jumlah A", "yang selesai", BAR, "Jumlah B", "1. rincian"]
    assert logical_paragraphs(lines) == [
        Fraction("IKU = Jumlah A yang selesai", "Jumlah B", drawn=True),
        "1. rincian",
    ]
    assert logical_paragraphs([BAR, "Jumlah B"]) == ["Jumlah B"]  # no line above: no fraction


def test_a_line_opening_with_a_multiplication_under_the_denominator_follows_the_fraction() -> None:
    lines = ["Jumlah ketidakhadiran", BAR, "Jumlah pegawai", "x jumlah hari efektif"]
    paragraphs = logical_paragraphs(lines)
    assert paragraphs == [
        Fraction("Jumlah ketidakhadiran", "Jumlah pegawai", drawn=True),
        "x jumlah hari efektif",
    ]
    parts = parse_formula(paragraphs)
    assert (parts.numerator, parts.denominator) == ("Jumlah ketidakhadiran", "Jumlah pegawai")
    assert parts.formula == "Jumlah ketidakhadiran / Jumlah pegawai x jumlah hari efektif"
    # a denominator wrapped over two lines stays one denominator
    assert logical_paragraphs(["Jumlah A", BAR, "Jumlah pegawai", "yang hadir"])[0] == Fraction(
        "Jumlah A", "Jumlah pegawai yang hadir", drawn=True
    )


def test_a_numerator_cut_by_a_page_break_starts_in_the_paragraph_before_the_bar() -> None:
    cell = [
        "Jumlah fasilitasi kesehatan dan",
        Fraction("kesejahteraan sosial", "Jumlah Desa", drawn=True),
        "x 100",
    ]
    parts = parse_formula(cell)
    assert (parts.numerator, parts.denominator, parts.multiplier) == (
        "Jumlah fasilitasi kesehatan dan kesejahteraan sosial",
        "Jumlah Desa",
        100,
    )
    # a lead that ends ("IKM =" printed above, or a sentence) is no part of the numerator
    parts = parse_formula(["Rumus:", Fraction("jumlah A", "jumlah B", drawn=True)])
    assert parts.numerator == "jumlah A"


def test_drawn_fraction_parts_are_read_like_a_drawn_bar() -> None:
    parts = parse_formula([Fraction("IKU = Jumlah A x 100%", "Jumlah B", drawn=True)])
    assert (parts.numerator, parts.denominator, parts.multiplier) == ("Jumlah A", "Jumlah B", 100)
    assert parts.formula == "IKU = Jumlah A / Jumlah B x 100%"


def test_text_cut_from_a_fraction_paragraph_keeps_its_fraction() -> None:
    source = [Fraction("Jumlah A", "Jumlah B", "=", "x 100 1. Penerbitan KK")]
    assert carry_fraction("= Jumlah A / Jumlah B x 100", source) == Fraction(
        "Jumlah A", "Jumlah B", "=", "x 100"
    )
    assert carry_fraction("Penerbitan KK", source) == "Penerbitan KK"


def test_normalising_an_indicator_reads_its_fraction_and_leaves_it_unchanged() -> None:
    ind = Indicator(
        "Persentase surat selesai",
        formula_paragraphs=(Fraction("Surat selesai", "Surat masuk", "", "x 100%"),),
        catatan="per triwulan",
    )
    norm = normalize_indicator(ind)
    assert (norm.parts.numerator, norm.parts.denominator, norm.parts.multiplier) == (
        "Surat selesai",
        "Surat masuk",
        100,
    )
    assert norm.measure == "persentase" and norm.catatan == "per triwulan"
    assert norm.printed is ind and ind.formula_paragraphs[0].numerator == "Surat selesai"


def _imports(package: str) -> set[str]:
    found: set[str] = set()
    for path in (ROOT / package).glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                found.add(node.module)
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names)
    return found


def test_structure_extraction_does_not_normalise() -> None:
    assert not {
        m for m in _imports("structure") if m.startswith("normalizers")
    }  # vocabulary/ is its own package


def test_no_fraction_marker_strings_in_the_stages() -> None:
    for package in ("parsers", "structure", "normalizers"):
        for path in (ROOT / package).glob("*.py"):
            text = path.read_text(encoding="utf-8")
            assert "\u27ea" not in text and "\u27eb" not in text and "\u2014" * 3 not in text, path
