"""The intermediate document every input parser produces: pages of text lines and tables.

Nothing here knows about IKI/IKU semantics; structure extraction reads this model.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from problems import Problem

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Fraction:
    """A fraction printed in a cell: LaTeX ``\\frac{A}{B}`` or a bar drawn between two lines.

    `before` / `after` hold the text printed on the same paragraph around it ("IKM =", "x 100%").
    A `drawn` fraction's parts are the visual lines above and below a ruled bar as the page laid
    them out, so text beside the bar may still sit in them; a typeset one's parts are exact.
    """

    numerator: str
    denominator: str
    before: str = ""
    after: str = ""
    drawn: bool = False

    @property
    def text(self) -> str:
        """How the paragraph reads as plain text: "before A / B after"."""
        return " ".join(f"{self.before} {self.numerator} / {self.denominator} {self.after}".split())


Paragraph = str | Fraction  # one paragraph of a cell: plain text, or text around a fraction


def paragraph_text(p: Paragraph) -> str:
    """Plain text of a paragraph (a fraction reads "A / B")."""
    return p.text if isinstance(p, Fraction) else p


def joins_tight(out: str, nxt: str) -> bool:
    """Two lines that join without a space: "masalah-" + "masalah", "Kabupaten/" + "Kota"."""
    hyphen = out.endswith("-") and len(out) > 1 and out[-2].isalpha() and nxt[:1].islower()
    slash = out.endswith("/") and len(out) > 1 and out[-2].isalnum() and nxt[:1].isalnum()
    return hyphen or slash


def join_text_lines(lines: Iterable[str]) -> str:
    """Lines joined with one space, except where a word was cut at a hyphen or a slash."""
    out = ""
    for ln in lines:
        ln = _SPACES.sub(" ", ln).strip()
        if not ln:
            continue
        out = out + ln if out and joins_tight(out, ln) else f"{out} {ln}" if out else ln
    return out


def paragraphs_text(paragraphs: Iterable[Paragraph]) -> str:
    """Plain text of several paragraphs (a text rendering's cell lines), joined by one space
    except where a line ends in a word cut at a hyphen or a slash."""
    return join_text_lines(paragraph_text(p) for p in paragraphs)


@dataclass(frozen=True)
class Provenance:
    """Where a piece of text came from: file, 1-based page and 1-based line (or row) number."""

    source_file: str
    page: int
    line: int


@dataclass(frozen=True)
class Line:
    """One line of running text outside tables, with markup already made plain."""

    text: str
    prov: Provenance
    raw: str = ""  # the line as read, before markup was cleaned (headings, emphasis)


@dataclass(frozen=True)
class Cell:
    """One table cell. `text` is its plain text; `paragraphs` keeps its own paragraphs and fractions."""

    text: str
    paragraphs: tuple[Paragraph, ...] = ()
    raw: str = ""
    merged: bool = False  # covered by a merged (spanning) cell: the value of the cell above/left applies
    confidence: float | None = None  # OCR: mean tesseract word confidence of the cell (0..1); None if digital


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    prov: Provenance

    def texts(self) -> list[str]:
        return [c.text for c in self.cells]


@dataclass
class Table:
    rows: list[Row]
    prov: Provenance
    engine: str = "text"
    quality: float = 1.0  # parsing report: how much we trust the cell grid (0..1)
    # written by a converter that leaves out a column empty on the page (pymupdf4llm's pipe tables):
    # a narrower table going on under a header has its columns matched (structure/column_align.py)
    columns_left_out: bool = False
    # a rule-less table's rows cut at the page's own horizontal rules (pdf_gutters): one row is
    # one printed row, as in a ruled grid, though the columns come from whitespace
    rows_ruled: bool = False


Block = Line | Table


@dataclass(frozen=True)
class OcrReport:
    """What OCR found about a page besides its text (kept as data: the `pages` output table)."""

    rotation: int  # degrees the image was turned clockwise to stand upright
    skew: float  # degrees of skew removed
    confidence: float | None  # mean tesseract word confidence of the page (0..1)
    n_words: int  # words tesseract kept
    low_resolution: bool = False  # a scan sparser than 150 dpi, scaled up before it was read


@dataclass
class Page:
    number: int
    blocks: list[Block] = field(default_factory=list)
    read_by: str = "text"  # "text" (a text rendering), "text-layer" (a PDF's own text) or "ocr"
    text_layer_score: float | None = None  # PDF: how much the page's text layer looks like text (0..1)
    ocr: OcrReport | None = None  # OCR'd pages: rotation, skew, confidence


@dataclass
class RawDocument:
    source_file: str
    source_sha256: str
    input_format: str
    pages: list[Page]
    ocr_pages: int = 0  # pages read by OCR (input_format "pdf_ocr" when > 0)
    problems: list[Problem] = field(default_factory=list)  # issues met while parsing (a page's tables lost)
    letterhead: tuple[str, ...] = ()  # the kop surat's lines: no content, but they name the office

    @property
    def n_pages(self) -> int:
        return len(self.pages)

    def blocks(self) -> list[Block]:
        return [b for p in self.pages for b in p.blocks]
