"""The five seeds as office-made PDFs (python-docx + LibreOffice) through the real pipeline and scorer.

The PDFs are built from the gold (tests/fixtures/build_pdf.py), so every point lost here is lost
by the digital-PDF path: parsers/pdf.py, structure/ or normalizers/. Thresholds that do not hold
yet are strict xfails carrying the measured figure and the cause; remove the mark once fixed.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from evaluation.align import align, indicator_similarity
from evaluation.evaluate import Evaluation, evaluate
from evaluation.gold import GoldSet
from evaluation.predicted import load_output
from evaluation.records import Record
from evaluation.text import CORRECT_AT, similarity
from pipeline.run import input_files, run_batch
from tests.conftest import GOLD
from tests.fixtures.build_pdf import build_all, gold_files, report_built, soffice_binary

pytestmark = pytest.mark.skipif(soffice_binary() is None, reason="LibreOffice (soffice) is not installed")

STEMS = [p.stem for p in gold_files()]
DOC_F1 = 0.95
OVERALL_F1 = 0.97
COMPARED = ("indikator", "formula", "numerator", "denominator", "multiplier", "sumber_data")

# Per-document F1 below DOC_F1 and why (none at present).
DOC_XFAIL: dict[str, str] = {}
OVERALL_XFAIL: str | None = None
# Seeds whose PDF indicator rows differ from the text rendering's rows, and why.
SAME_ROWS_XFAIL: dict[str, str] = {}  # none at present


@pytest.fixture(scope="session")
def pdf_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five fixture PDFs, built once per session."""
    out = tmp_path_factory.mktemp("fixture_pdf")
    build_all(out)
    return out


@pytest.fixture(scope="session")
def pdf_out(pdf_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The pipeline run on the fixture PDFs."""
    out = tmp_path_factory.mktemp("fixture_pdf_out")
    summary = run_batch(input_files(pdf_dir), out)
    assert summary.rejected == 0, summary.rejects
    return out


@pytest.fixture(scope="session")
def pdf_eval(pdf_out: Path) -> Evaluation:
    """The scorer's verdict on the PDF run."""
    return evaluate(pdf_out, GOLD)


def _params(xfails: dict[str, str]) -> list[object]:
    """One parameter per seed, strict-xfail marked where a reason is recorded."""
    return [
        pytest.param(s, marks=pytest.mark.xfail(strict=True, reason=xfails[s])) if s in xfails else s
        for s in STEMS
    ]


def test_fixtures_have_the_intended_layout(pdf_dir: Path) -> None:
    pdfs = sorted(pdf_dir.glob("*.pdf"))
    assert [p.stem for p in pdfs] == STEMS
    shapes: dict[str, set[str]] = {}
    texts: dict[str, str] = {}
    for path in pdfs:
        with pdfplumber.open(path) as pdf:
            shapes[path.stem] = {"landscape" if p.width > p.height else "portrait" for p in pdf.pages}
            texts[path.stem] = "\n".join(p.extract_text() or "" for p in pdf.pages)
    assert shapes[STEMS[1]] == {"landscape"} and shapes[STEMS[3]] == {"landscape"}
    assert shapes[STEMS[2]] == {"portrait", "landscape"}  # portrait profile, landscape tables
    assert shapes[STEMS[0]] == {"portrait"} and shapes[STEMS[4]] == {"portrait"}
    assert "Halaman 2" in texts[STEMS[2]] and "Halaman 2" in texts[STEMS[4]]
    assert "Halaman" not in texts[STEMS[0]]
    assert texts[STEMS[4]].count("SUMBER DATA") > 22  # 22 tables, headers repeated on continued pages


def test_long_table_rows_split_across_pages(pdf_dir: Path) -> None:
    """Seed 004 allows row splitting: some page opens with a row whose indikator cell starts mid-sentence."""
    continued = 0
    with pdfplumber.open(pdf_dir / f"{STEMS[4]}.pdf") as pdf:
        for page in pdf.pages[1:]:
            tables = page.extract_tables()
            if tables and len(tables[0]) > 1:
                first = tables[0][1]  # the row under the repeated header
                continued += bool(first[1] and first[1][:1].islower())
    assert continued >= 1


@pytest.mark.parametrize("stem", _params(DOC_XFAIL))
def test_document_f1(stem: str, pdf_eval: Evaluation) -> None:
    (result,) = [r for r in pdf_eval.documents if r.gold_file == f"{stem}.json"]
    assert result.input_format == "pdf"
    assert result.totals.f1 >= DOC_F1, f"{stem}: F1 {result.totals.f1:.3f}"


@pytest.mark.xfail(OVERALL_XFAIL is not None, strict=True, reason=OVERALL_XFAIL or "")
def test_overall_f1(pdf_eval: Evaluation) -> None:
    assert not pdf_eval.missing
    assert pdf_eval.overall.f1 >= OVERALL_F1, f"overall F1 {pdf_eval.overall.f1:.3f}"


def _rows(out: Path, stem: str) -> list[Record]:
    """Indicator records of one document in document order (IKU list, then positions in order)."""
    (doc,) = [d for d in load_output(out) if Path(d.source_file).stem == stem]
    return [*doc.data.iku, *(i for p in doc.data.positions for i in p.indicators)]


def _gold_rows(stem: str) -> list[Record]:
    """The gold indicator records of one seed, in document order."""
    data = GoldSet.open(GOLD).load(f"{stem}.json")
    return [*data.iku, *(i for p in data.positions for i in p.indicators)]


def _same(a: Record, b: Record, name: str) -> bool:
    """Scorer's test of one field: equal numbers, or normalised text similarity >= 0.90; both absent."""
    key = f"indicators.{name}"
    x, y = a.fields.get(key), b.fields.get(key)
    if x is None or y is None:
        return x is None and y is None
    if name == "multiplier":
        return x == y
    return similarity(a.text(key), b.text(key)) >= CORRECT_AT


def row_differences(text_rows: list[Record], pdf_rows: list[Record], gold_rows: list[Record]) -> list[str]:
    """Rows of one run the other lacks, and differing fields of rows aligned as the scorer aligns them.

    Fields the gold marks ambiguous for a row are skipped: the text rendering is garbled there and
    the PDF prints the gold's reading, so the two legitimately differ (the scorer skips them too).
    """
    ambiguous = {
        i: gold_rows[g].ambiguous
        for g, i in align(gold_rows, text_rows, indicator_similarity)
        if g is not None and i is not None
    }
    diffs: list[str] = []
    for i, j in align(text_rows, pdf_rows, indicator_similarity):
        if i is not None and j is None:
            diffs.append(f"text row {i + 1} not in PDF: {text_rows[i].text('indicators.indikator')!r}")
        elif j is not None and i is None:
            diffs.append(f"PDF row {j + 1} not in text: {pdf_rows[j].text('indicators.indikator')!r}")
        elif i is not None and j is not None:
            t, p = text_rows[i], pdf_rows[j]
            for name in COMPARED:
                if name not in ambiguous.get(i, frozenset()) and not _same(t, p, name):
                    key = f"indicators.{name}"
                    diffs.append(f"row {i + 1} {name}: text={t.fields.get(key)!r} pdf={p.fields.get(key)!r}")
    return diffs


@pytest.mark.parametrize("stem", _params(SAME_ROWS_XFAIL))
def test_same_rows_as_text(stem: str, pdf_out: Path, seeds_out: Path) -> None:
    """The same document as text and as PDF gives the same indicator rows."""
    diffs = row_differences(_rows(seeds_out, stem), _rows(pdf_out, stem), _gold_rows(stem))
    assert not diffs, "\n".join(diffs[:20])


def test_a_fixture_builder_prints_what_it_built_or_why_not(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    built = [tmp_path / "a.pdf", tmp_path / "b.pdf"]
    assert report_built("build_x", lambda: built) == 0
    assert capsys.readouterr().out.splitlines() == [str(p) for p in built]

    def refused() -> list[Path]:
        raise RuntimeError("font 'Arial' is not installed")

    assert report_built("build_x", refused) == 1
    assert capsys.readouterr().err == "build_x: font 'Arial' is not installed\n"
