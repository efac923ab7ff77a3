"""Formula parts from every way the lampiran print a ratio."""

from __future__ import annotations

import pytest

from normalizers.formula import measure_of, parse_formula
from parsers.markup import markup_to_paragraphs
from parsers.model import Fraction

CASES = [
    # (paragraphs, numerator, denominator, multiplier)
    (
        markup_to_paragraphs(r"$\frac{\text{Jumlah A}}{\text{Jumlah B}} \times 100\%$"),
        "Jumlah A",
        "Jumlah B",
        100,
    ),
    (
        ["∑ A yang dicairkan ————————", "∑ A yang seharusnya"],
        "∑ A yang dicairkan",
        "∑ A yang seharusnya",
        None,
    ),
    (
        ["∑ Pegawai X (∑ Hari - ∑ libur) x 100%", "∑ Pegawai X ∑ hari"],
        "∑ Pegawai X (∑ Hari - ∑ libur)",
        "∑ Pegawai X ∑ hari",
        100,
    ),
    (
        ["Sarana yang tersedia : sarana yang diperlukan x 100%"],
        "Sarana yang tersedia",
        "sarana yang diperlukan",
        100,
    ),
    (
        ["Jumlah kematian ibu dibagi jumlah kelahiran hidup dikalikan 100.000"],
        "Jumlah kematian ibu",
        "jumlah kelahiran hidup",
        100000,
    ),
    (["Jumlah bayi --dibagi-- jumlah kelahiran dikalikan 1.000"], "Jumlah bayi", "jumlah kelahiran", 1000),
    (["∑ Desa baik ∑ Desa ∑ Desa"], "∑ Desa baik", "∑ Desa", None),
    (
        ["Hasil survei internal + hasil survei eksternal : 2"],
        "Hasil survei internal + hasil survei eksternal",
        "2",
        None,
    ),
    (["UHH = ( Lo : Lx ) ×100%"], "Lo", "Lx", 100),
    (
        ["Jumlah koordinasi tindak lanjut / Jumlah koordinasi dengan lembaga/instansi x 100%"],
        "Jumlah koordinasi tindak lanjut",
        "Jumlah koordinasi dengan lembaga/instansi",
        100,
    ),
]


@pytest.mark.parametrize(("paragraphs", "num", "den", "mult"), CASES)
def test_ratio_parts(paragraphs: list[str], num: str, den: str, mult: int | None) -> None:
    parts = parse_formula(paragraphs)
    assert (parts.numerator, parts.denominator, parts.multiplier) == (num, den, mult)
    assert parts.formula and num in parts.formula


def test_garbled_fraction_with_equal_parts_takes_the_line_before_as_numerator() -> None:
    paras = [
        "(A + B)",
        *markup_to_paragraphs(r"$\frac{\text{Desa} \times 3}{\text{Desa} \times 3} \times 100\%$"),
    ]
    parts = parse_formula(paras)
    assert (parts.numerator, parts.denominator, parts.multiplier) == ("(A + B)", "Desa x 3", 100)


def test_multiplier_under_the_bar_is_moved_out() -> None:
    paras = markup_to_paragraphs(
        r"$\frac{\sum \text{Konflik selesai}}{\text{X 100\%}}$ \(\Sigma\) Konflik terdata"
    )
    parts = parse_formula(paras)
    assert (parts.numerator, parts.denominator, parts.multiplier) == (
        "∑ Konflik selesai",
        "∑ Konflik terdata",
        100,
    )


def test_plain_count_is_not_a_ratio() -> None:
    parts = parse_formula(["Jumlah Pegawai x (∑ hari kerja efektif - ∑ hari tidak masuk kerja)"])
    assert parts.numerator is None and parts.denominator is None and parts.multiplier is None
    assert parse_formula(["Nilai Rata-rata Tertimbang X 25 Unsur"]).multiplier is None
    assert parse_formula(["Tahap : 2"]).numerator is None  # a label and its value


def test_restatement_after_a_fraction_goes_to_catatan() -> None:
    paras = [*markup_to_paragraphs(r"$= \frac{\text{A}}{\text{B}} \times 100$"), "A/ B x 100"]
    parts = parse_formula(paras)
    assert parts.formula == "A / B x 100" and parts.catatan == "A/ B x 100"


def test_empty_and_placeholder_cells() -> None:
    assert parse_formula([]).formula is None
    assert parse_formula(["-", "· ·"]).formula is None


@pytest.mark.parametrize(
    ("indikator", "measure"),
    [
        ("Persentase desa", "persentase"),
        ("Jumlah laporan", "jumlah"),
        ("Rata-rata nilai SKP", "rata_rata"),
        ("Indeks Kepuasan", "indeks"),
        ("Nilai IKM", "nilai"),
        ("Survey Kepuasan Masyarakat (SKM)", "indeks"),
        ("Koefisien Variasi Harga", "lainnya"),
    ],
)
def test_measure(indikator: str, measure: str) -> None:
    assert measure_of(indikator, parse_formula([])) == measure


def test_brackets_around_a_drawn_fraction_bracket_the_whole_fraction() -> None:
    """ "(" printed before the numerator, ")" after the denominator: neither part keeps one."""
    parts = parse_formula([Fraction("( Σ Balita stunting", "Σ Balita ) ×100%", drawn=True)])
    assert (parts.numerator, parts.denominator, parts.multiplier) == ("Σ Balita stunting", "Σ Balita", 100)
    assert parts.formula == "(Σ Balita stunting / Σ Balita) x 100%"
    balanced = parse_formula([Fraction("(A + B)", "(C x 3) x 100%", drawn=True)])
    assert (balanced.numerator, balanced.denominator) == ("(A + B)", "(C x 3)")
