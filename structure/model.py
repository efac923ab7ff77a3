"""What structure extraction finds in one document, before ids and output tables."""

from __future__ import annotations

from dataclasses import dataclass, field

from parsers.model import Paragraph
from problems import Problem
from structure.evidence import RowEvidence
from structure.titles import title_kind


@dataclass(frozen=True)
class Item:
    """One list entry (tugas, fungsi, misi ...): its printed label (a, 1) or None, and its text."""

    label: str | None
    text: str


@dataclass
class Indicator:
    """One indicator row as printed; its formula still paragraphs (normalizers read its parts)."""

    indikator: str
    sasaran: str | None = None
    formula_paragraphs: tuple[Paragraph, ...] = ()  # the formula cell without the list printed under it
    sumber_data: str | None = None
    penanggung_jawab: list[str] = field(default_factory=list)
    sub_items: list[str] = field(default_factory=list)
    catatan: str | None = None  # "Catatan : ..." printed in the sumber data cell
    context_misi: str | None = None
    context_tujuan: str | None = None
    page: int | None = None
    lines: tuple[tuple[int, int], tuple[int, int]] | None = None  # (page, line) of its first and last row
    evidence: RowEvidence = field(default_factory=RowEvidence)  # how the row was read: the confidence input


@dataclass
class Position:
    jabatan: str
    page: int | None
    tugas: list[Item] = field(default_factory=list)
    fungsi: list[Item] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)


@dataclass
class Institution:
    instansi: str | None = None
    duties: dict[str, list[Item]] = field(default_factory=dict)  # kind -> items

    def is_empty(self) -> bool:
        return self.instansi is None and not any(self.duties.values())


@dataclass
class Header:
    title: str | None = None
    kecamatan: str | None = None
    kabupaten: str | None = None
    nomor: str | None = None
    tahun: int | None = None
    tempat_tanggal: str | None = None
    signer_name: str | None = None
    signer_nip: str | None = None
    signer_title: str | None = None
    signer_rank: str | None = None


@dataclass
class Extracted:
    header: Header
    institution: Institution
    iku: list[Indicator]
    positions: list[Position]
    problems: list[Problem] = field(default_factory=list)
    ocr_confidence: float | None = None  # lowest mean OCR word confidence of an OCR'd page (None: no OCR)
    ocr_low_resolution: bool = False  # some page was OCR'd from a scan sparser than 150 dpi

    @property
    def doc_kind(self) -> str | None:
        """IKU+IKI, IKI or IKU from what the document holds; a document holding one kind takes the
        kind its title names (an IKU laid out per position is still an IKU)."""
        if self.iku and self.positions:
            return "IKU+IKI"
        if self.positions or self.iku or not self.institution.is_empty():
            return title_kind(self.header.title) or ("IKI" if self.positions else "IKU")
        # a header alone (its table written column by column, not read): the kind its title names
        return title_kind(self.header.title)
