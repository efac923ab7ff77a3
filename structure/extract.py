"""RawDocument -> Extracted: header, institution profile, positions and their indicators, as printed.

Nothing here normalises: formula parts, canonical names and kode wilayah are `normalizers.document`'s.
"""

from __future__ import annotations

from parsers.model import RawDocument
from structure.cells import row_to_indicators
from structure.header import place_names, read_decree, read_header, read_signature
from structure.model import Extracted, Indicator, Issue
from structure.rows import TableRef, logical_rows, physical_rows
from structure.sections import split_sections
from structure.vocab import load


def tables_to_indicators(refs: list[TableRef]) -> list[Indicator]:
    """The indicator rows of one block's tables (stitched across page breaks)."""
    rows, sasaran = logical_rows(physical_rows(refs))
    out: list[Indicator] = []
    for row in rows:
        text = sasaran[row.sasaran_group] if row.sasaran_group is not None else None
        out.extend(row_to_indicators(row, text))
    return out


def _issues(ex: Extracted) -> list[Issue]:
    issues: list[Issue] = []
    for pos in ex.positions:
        if not pos.indicators:
            issues.append(
                Issue(
                    "position-without-indicators",
                    f"no indicator table under '{pos.jabatan}'",
                    pos.page,
                    "indicators",
                )
            )
    low = float(load("quality")["low_confidence"])
    for ind in [*ex.iku, *(i for p in ex.positions for i in p.indicators)]:
        if ind.confidence < low:
            issues.append(
                Issue(
                    "low-confidence",
                    f"'{ind.indikator[:60]}' read with confidence "
                    f"{ind.confidence:.2f}: check it against the document",
                    ind.page,
                    "indikator",
                )
            )
    return issues


def extract(doc: RawDocument) -> Extracted:
    """Structure of one lampiran document."""
    sections = split_sections(doc)
    header = read_header(sections.header_lines)
    read_signature(sections.tail_lines, header)
    read_decree(sections.body_lines, header)
    instansi = sections.institution.instansi
    if instansi and (header.kecamatan is None or header.kabupaten is None):
        kec, kab = place_names([instansi])
        header.kecamatan = header.kecamatan or kec
        header.kabupaten = header.kabupaten or kab
    for index, refs in sections.position_tables.items():
        sections.positions[index].indicators = tables_to_indicators(refs)
    ex = Extracted(
        header=header,
        institution=sections.institution,
        iku=tables_to_indicators(sections.iku_tables),
        positions=sections.positions,
    )
    ex.issues = _issues(ex)
    return ex
