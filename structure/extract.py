"""RawDocument -> Extracted: header, institution profile, positions and their indicators, as printed.

Nothing here normalises: formula parts, canonical names and kode wilayah are `normalizers.document`'s.
"""

from __future__ import annotations

import re
from functools import partial

from parsers.model import RawDocument
from problems import Problem, guard, problem
from structure.cells import row_to_indicators, sasaran_and_tujuan, tujuan_indicators
from structure.header import (
    heading_year,
    kabupaten_in_text,
    place_names,
    read_decree,
    read_header,
    read_signature,
    sign_without_nip,
)
from structure.model import Extracted, Header, Indicator
from structure.rows import TableRef, logical_rows, physical_rows
from structure.sections import Sections, split_sections


def tables_to_indicators(refs: list[TableRef]) -> list[Indicator]:
    """The indicator rows of one block's tables (stitched across page breaks)."""
    rows, sasaran = logical_rows(physical_rows(refs))
    out: list[Indicator] = []
    tujuan_level: list[Indicator] = []  # listed first, as a Renstra matrix reads: tujuan, then sasaran
    tujuan: str | None = None
    for row in rows:
        tujuan = sasaran_and_tujuan(row.text("tujuan"))[0] or tujuan  # carried down to the rows below
        if row.cols.get("indikator_tujuan"):
            tujuan_level.extend(tujuan_indicators(row, tujuan))
        text = sasaran[row.sasaran_group] if row.sasaran_group is not None else None
        out.extend(row_to_indicators(row, text))
    return merge_repeated(tujuan_level + out)


def _fold(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def merge_repeated(indicators: list[Indicator]) -> list[Indicator]:
    """An indicator printed again in a later table (the IKU table, then its rumusan table) is one
    record: the repeat fills what the first printing left empty. Two printings that both carry a
    formula are two indicators."""
    out: list[Indicator] = []
    seen: dict[str, Indicator] = {}
    for ind in indicators:
        first = seen.get(_fold(ind.indikator))
        if first is None or (first.formula_paragraphs and ind.formula_paragraphs):
            seen.setdefault(_fold(ind.indikator), ind)
            out.append(ind)
            continue
        first.formula_paragraphs = first.formula_paragraphs or ind.formula_paragraphs
        first.sumber_data = first.sumber_data or ind.sumber_data
        first.penanggung_jawab = first.penanggung_jawab or ind.penanggung_jawab
        first.sub_items = first.sub_items or ind.sub_items
        first.catatan = first.catatan or ind.catatan
    return out


def _problems(ex: Extracted) -> list[Problem]:
    found: list[Problem] = []
    for pos in ex.positions:
        if not pos.indicators:
            found.append(
                problem("position-without-indicators", page=pos.page, field="indicators", jabatan=pos.jabatan)
            )
    return found


def _page(refs: list[TableRef]) -> int | None:
    return refs[0].table.prov.page if refs else None


def _place_from_context(header: Header, sections: Sections, letterhead: tuple[str, ...] = ()) -> None:
    """Kecamatan and kabupaten from the instansi line, the letterhead (kabupaten), a table's caption,
    or running text that names the kecamatan's kabupaten."""
    instansi = sections.institution.instansi
    if instansi and (header.kecamatan is None or header.kabupaten is None):
        kec, kab = place_names([instansi])
        header.kecamatan = header.kecamatan or kec
        header.kabupaten = header.kabupaten or kab
    if letterhead and header.kabupaten is None:
        # "PEMERINTAH KABUPATEN X" heads the kop; its address lines may name another kecamatan
        header.kabupaten = place_names(list(letterhead))[1]
    for ref in sections.iku_tables:  # a table cut from a larger report names its body in its caption
        if header.kecamatan is not None:
            break
        header.kecamatan = place_names(list(ref.caption))[0]
    if header.kecamatan and header.kabupaten is None:  # "... Kecamatan X Kabupaten Y ..." in the text
        header.kabupaten = kabupaten_in_text(sections.body_lines, header.kecamatan)


def extract(doc: RawDocument) -> Extracted:
    """Structure of one lampiran document. Each block is read on its own (`problems.guard`): a failure in
    one costs that block, with a `block-failed` issue, and the rest comes out."""
    failed: list[Problem] = list(doc.problems)
    sections = split_sections(doc)
    header = guard.block("the header", lambda: read_header(sections.header_lines), Header(), failed)
    guard.block("the signature", lambda: read_signature(sections.tail_lines, header), None, failed)
    if header.signer_name is None:  # signed between tables (a keputusan, then its lampiran tables)
        guard.block("the signature", lambda: sign_without_nip(sections.body_lines, header), None, failed)
    guard.block("the decree heading", lambda: read_decree(sections.body_lines, header), None, failed)
    if header.tahun is None:  # the year printed only under a title repeated on a later page
        header.tahun = heading_year([*sections.body_lines, *sections.tail_lines])
    places = partial(_place_from_context, header, sections, doc.letterhead)
    guard.block("the place names", places, None, failed)
    for index, refs in sections.position_tables.items():
        pos = sections.positions[index]
        pos.indicators = guard.block(
            f"the indicator table of '{pos.jabatan[:60]}'",
            partial(tables_to_indicators, refs),
            [],
            failed,
            page=_page(refs),
        )
    iku: list[Indicator] = guard.block(
        "the IKU table",
        lambda: tables_to_indicators(sections.iku_tables),
        [],
        failed,
        page=_page(sections.iku_tables),
    )
    ex = Extracted(header=header, institution=sections.institution, iku=iku, positions=sections.positions)
    ocr = [p.ocr.confidence for p in doc.pages if p.ocr is not None and p.ocr.confidence is not None]
    ex.ocr_confidence = min(ocr) if ocr else None
    ex.ocr_low_resolution = any(p.ocr is not None and p.ocr.low_resolution for p in doc.pages)
    ex.problems = failed + _problems(ex)
    return ex
