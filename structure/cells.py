"""A logical table row -> one or more indicators.

Several indicators crammed into one cell are split and aligned with their own formula and
sumber data; enumerated sub-items go to `sub_items`; "Catatan : ..." goes to `catatan`.
Lists are found in plain text; a formula keeps its fractions (`carry_fraction`) for the normalisers.
"""

from __future__ import annotations

import re

from parsers.markup import collapse
from parsers.model import Fraction, Paragraph, join_text_lines, paragraph_text
from structure.fields import (
    formula_inside,
    has_cell_label,
    labelled,
    labelled_parts,
    split_after_formulas,
    split_at_codes,
    strip_code,
    strip_self_reference,
)
from structure.language import note_label, split_joined_indicators, split_units
from structure.line_groups import aligned_groups
from structure.lists import BULLETS, split_bullets, split_inline_list, split_label
from structure.model import Indicator
from structure.rows import LogicalRow


def _plain(text: str) -> str:
    return collapse(text.strip(BULLETS + " "))


def carry_fraction(text: str, source: list[Paragraph]) -> Paragraph:
    """`text` cut from the plain text of `source`, with the first fraction of `source` it holds."""
    for p in source:
        if not isinstance(p, Fraction):
            continue
        core = f"{collapse(p.numerator)} / {collapse(p.denominator)}"
        at = text.find(core)
        if at >= 0:
            before, after = text[:at].strip(), text[at + len(core) :].strip()
            return Fraction(p.numerator, p.denominator, before, after, p.drawn)
    return text


def _items(paragraphs: list[str]) -> tuple[str, list[str]]:
    """Paragraphs of one cell -> (lead text, item texts): the list structure of the cell."""
    paras = [p for p in paragraphs if p.strip(BULLETS + " ")]
    if not paras:
        return "", []
    bulleted = [split_label(p)[2] and split_label(p)[0] is None for p in paras]
    if len(paras) >= 2 and sum(bulleted) >= 2:  # one paragraph per bullet (HTML <li>, "- ")
        first = bulleted.index(True)
        lead = " ".join(paras[:first])
        items: list[str] = []
        for p, is_item in zip(paras[first:], bulleted[first:], strict=True):
            if is_item or not items:
                items.append(split_label(p)[1])
            else:
                items[-1] = f"{items[-1]} {p}"
        return lead, items
    text = " ".join(paras)
    bullets = split_bullets(text)
    if len(bullets) > 1:
        return "", bullets
    _label, rest, marker = split_label(text)
    lead, inline = split_inline_list(text)
    if inline and (lead or len(inline) >= 2):
        return lead, [i.text for i in inline]
    if marker:
        lead, inline = split_inline_list(rest)
        return (lead, [i.text for i in inline]) if inline else (rest, [])
    return text, []


def _repair_items(items: list[str]) -> list[str]:
    """Join an item a page break cut in two (the second half starts in lower case)."""
    out: list[str] = []
    for item in items:
        if out and item[:1].islower() and not out[-1].rstrip().endswith((";", ".")):
            out[-1] = f"{out[-1]}{item}" if re.search(r"[a-z]$", out[-1]) else f"{out[-1]} {item}"
        else:
            out.append(item)
    return out


def _garbled_fraction(p: Paragraph) -> bool:
    """A typeset fraction opening its paragraph with equal parts: it belongs to the line before."""
    return (
        isinstance(p, Fraction)
        and not p.drawn
        and not p.before.strip()
        and collapse(p.numerator) == collapse(p.denominator)
    )


def _regroup_formula(paragraphs: list[Paragraph], k: int) -> list[list[Paragraph]] | None:
    """Formula paragraphs -> k groups (one per indicator), joining a fraction to its lead line."""
    groups: list[list[Paragraph]] = []
    for p in paragraphs:
        if not paragraph_text(p).strip(BULLETS + " "):
            continue
        if groups and _garbled_fraction(p):
            groups[-1].append(p)
        else:
            groups.append([p])
    if len(groups) == k:
        return groups
    lead, items = _items([paragraph_text(p) for p in paragraphs])
    if not lead and len(items) == k:
        return [[carry_fraction(i, paragraphs)] for i in items]
    return None


def _sumber_and_catatan(paragraphs: list[str]) -> tuple[list[str], str | None]:
    """A sumber data cell's source and its note: a "Catatan :" runs to the end of the cell (a
    rendering that keeps each printed line as a paragraph leaves the note's lines after it)."""
    catatan: list[str] = []
    kept: list[str] = []
    for p in paragraphs:
        m = note_label().search(p)
        if catatan and not m:
            catatan.append(p)
        elif m:
            if p[: m.start()].strip():
                kept.append(p[: m.start()])
            catatan.append(p[m.end() :])
        else:
            kept.append(p)
    return kept, " ".join(catatan) or None


def _pj(paragraphs: list[str]) -> list[str]:
    """Penanggung jawab cell -> one entry per organisational unit."""
    out: list[str] = []
    for b in split_bullets(" ".join(paragraphs)):
        out.extend(split_units(_plain(b)))
    return [x for x in out if x]


def _formula_and_list(
    formula: list[Paragraph], sub_items: list[str]
) -> tuple[tuple[Paragraph, ...], list[str]]:
    """Formula cell -> its formula paragraphs; a list printed under the formula becomes the sub-items,
    and so does a cell holding nothing but a list of two or more items (then there is no formula)."""
    texts = [paragraph_text(p) for p in formula]
    lead, items = _items(texts)
    if not lead and len(items) >= 2 and not sub_items:
        return (), items
    if not (lead and items):
        return tuple(formula), sub_items
    lead_paras: list[Paragraph] = []
    for p, text in zip(formula, texts, strict=True):  # the paragraphs before the list
        head, inline = _items([text])
        if split_label(text)[0] is not None and not inline:
            break
        if inline:
            if head:
                lead_paras.append(carry_fraction(head, [p]))
            break
        lead_paras.append(p)
    return tuple(lead_paras) or (carry_fraction(lead, formula),), sub_items or items


def _sumber_text(paragraphs: list[str]) -> str | None:
    lead, items = _items(paragraphs)
    text = "; ".join(x for x in (lead, *items) if x) if items else join_text_lines(paragraphs)
    return _plain(text) or None


def _indicator(
    ind_text: str,
    sub_items: list[str],
    formula: list[Paragraph],
    sumber: list[str],
    row: LogicalRow,
    split: bool = False,
) -> Indicator:
    if not formula:  # "Indeks X (Formula : A dibagi B)": the formula printed inside the indikator cell
        ind_text, inside = formula_inside(ind_text)
        formula = [inside] if inside else []
    label_notes: list[str] = []
    texts = [p for p in formula if isinstance(p, str)]
    if len(texts) == len(formula) and has_cell_label(texts):  # a web print: labelled fields in one cell
        formula_texts, label_notes, label_sumber = labelled_parts(texts)
        formula, sumber = list(formula_texts), sumber or label_sumber
    formula_paragraphs, sub_items = _formula_and_list(formula, sub_items)
    sumber_kept, catatan = _sumber_and_catatan(sumber)
    _label, rest, marker = split_label(ind_text)
    notes = " ".join(x for x in (catatan, *label_notes, " ".join(_texts(row, "catatan"))) if x)
    return Indicator(
        indikator=_plain(strip_code(rest if marker else ind_text)),
        formula_paragraphs=formula_paragraphs,
        sumber_data=_sumber_text(sumber_kept),
        penanggung_jawab=_pj(_texts(row, "penanggung_jawab")),
        sub_items=[_plain(s) for s in _repair_items(sub_items) if _plain(s)],
        catatan=notes or None,
        context_misi=row.misi,
        context_tujuan=row.tujuan,
        page=row.page,
        lines=(row.lines[0], row.lines[-1]) if row.lines else None,
        evidence=row.evidence(split),
    )


def _texts(row: LogicalRow, column: str) -> list[str]:
    """A column's paragraphs as plain text: only the formula's fractions are read as parts."""
    return [paragraph_text(p) for p in row.cols.get(column, [])]


def sasaran_and_tujuan(text: str | None) -> tuple[str | None, str | None]:
    """A sasaran cell -> (sasaran, tujuan): "Tujuan : X" is a tujuan-level row, labels and codes dropped."""
    if not text:
        return None, None
    tujuan = labelled("tujuan", text)
    if tujuan is not None:
        return None, _plain(strip_code(tujuan)) or None
    text = labelled("sasaran", text) or text
    _label, rest, marker = split_label(text)
    return _plain(strip_self_reference(strip_code(rest if marker else text))) or None, None


def row_to_indicators(row: LogicalRow, sasaran: str | None) -> list[Indicator]:
    """Indicators of one logical row (several when the indikator cell lists several)."""
    ind_paras = _texts(row, "indikator")
    formula = row.cols.get("formula", [])
    sumber = _texts(row, "sumber_data")
    coded = split_at_codes(" ".join(ind_paras))
    coded = coded if len(coded) > 1 else split_after_formulas(" ".join(ind_paras))
    lead, items = ("", coded) if len(coded) > 1 else _items(ind_paras)
    if not lead and not items:
        return []
    if lead and not items:
        items = split_joined_indicators(lead)
        lead = "" if len(items) > 1 else lead
        items = items if len(items) > 1 else []
    if lead and items:
        indicators = [_indicator(lead, items, formula, sumber, row)]
    elif items and not lead:
        k = len(items)
        f_groups = _regroup_formula(formula, k) if k > 1 else [formula]
        s_kept = [p for p in sumber if p.strip()]
        s_groups = [[p] for p in s_kept] if len(s_kept) == k and k > 1 else None
        indicators = [
            _indicator(
                item,
                [],
                f_groups[i] if f_groups else formula,
                s_groups[i] if s_groups else sumber,
                row,
                split=k > 1,
            )
            for i, item in enumerate(items)
        ]
    elif (lined := aligned_groups(row.cols.get("indikator", []), formula)) is not None:
        indicators = _lined_indicators(lined, sumber, row)
    else:
        indicators = [_indicator(" ".join(ind_paras), [], formula, sumber, row)]
    sasaran_text, tujuan = sasaran_and_tujuan(sasaran)
    for ind in indicators:
        ind.sasaran = sasaran_text
        ind.context_tujuan = ind.context_tujuan or tujuan
    return [i for i in indicators if i.indikator]


def _lined_indicators(
    lined: tuple[list[list[Paragraph]], list[list[Paragraph]]], sumber: list[str], row: LogicalRow
) -> list[Indicator]:
    """One indicator per line group of the indikator cell, with its formula group; the sumber data
    cell goes with each indicator line by line when it has as many lines, else it is shared."""
    ind_groups, f_groups = lined
    k = len(ind_groups)
    s_kept = [p for p in sumber if p.strip()]
    s_groups = [[p] for p in s_kept] if len(s_kept) == k else None
    return [
        _indicator(
            join_text_lines([paragraph_text(p) for p in group]),
            [],
            f_groups[i],
            s_groups[i] if s_groups else sumber,
            row,
            split=True,
        )
        for i, group in enumerate(ind_groups)
    ]


def tujuan_indicators(row: LogicalRow, tujuan: str | None) -> list[Indicator]:
    """Indicators of the tujuan level printed in an 'Indikator Tujuan' column: no sasaran."""
    level = LogicalRow(cols={"indikator": row.cols.get("indikator_tujuan", [])}, page=row.page)
    level.fragments, level.lines, level.ocr_confidence = row.fragments, row.lines, row.ocr_confidence
    level.votes, level.phys, level.reader_confidence = row.votes, row.phys, row.reader_confidence
    if "indikator_tujuan" in row.column_ocr:
        level.column_ocr = {"indikator": row.column_ocr["indikator_tujuan"]}
    if "indikator_tujuan" in row.column_reader:
        level.column_reader = {"indikator": row.column_reader["indikator_tujuan"]}
    out = row_to_indicators(level, None)
    for ind in out:
        ind.context_tujuan = tujuan
    return out
