"""Extracted -> Normalized: formula parts and measure, canonical jabatan, org terms, kode wilayah.

The normalisation stage of the pipeline. It reads what structure extraction found and never
changes it: every decision is added beside the printed value, with the problems it noticed and
the doubtful values an analyst should review.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial

from normalizers.confidence import confidences, low_confidence_candidates, low_confidence_row
from normalizers.evidence import DocContext, FieldEvidence, doc_context, document_evidence, indicator_evidence
from normalizers.formula import FormulaParts, measure_of, parse_formula
from normalizers.jabatan import LAINNYA, JabatanMatch, normalize_jabatan
from normalizers.org import canonical_penanggung_jawab, canonical_sumber_data
from normalizers.review import ReviewCandidate, jabatan_candidates, org_candidates, wilayah_candidates
from normalizers.wilayah import WilayahLink, link_wilayah
from parsers.model import paragraphs_text
from problems import Problem, guard, problem
from structure.model import Extracted, Indicator, Position

NO_REVIEW: tuple[ReviewCandidate, ...] = ()


@dataclass(frozen=True)
class NormalizedIndicator:
    """An indicator as printed, with its formula parts, measure and canonical org terms."""

    printed: Indicator
    parts: FormulaParts
    measure: str
    catatan: str | None  # notes under the formula, then the "Catatan :" of the sumber data cell
    sumber_data_canonical: str | None
    penanggung_jawab_canonical: tuple[str, ...]
    review: tuple[ReviewCandidate, ...]
    evidence: tuple[FieldEvidence, ...] = ()  # per field: what its value rests on
    confidence: Mapping[str, float] | None = None  # per field: calibrated confidence 0..1


@dataclass(frozen=True)
class NormalizedPosition:
    printed: Position
    jabatan: JabatanMatch
    indicators: tuple[NormalizedIndicator, ...]
    review: tuple[ReviewCandidate, ...]


@dataclass(frozen=True)
class Normalized:
    """The normalisation stage's output: the extraction it read, and what it decided."""

    extracted: Extracted
    iku: tuple[NormalizedIndicator, ...]
    positions: tuple[NormalizedPosition, ...]
    wilayah: WilayahLink
    wilayah_review: tuple[ReviewCandidate, ...]
    problems: tuple[Problem, ...]  # the extraction's problems, then this stage's (catalogued issues)
    evidence: tuple[FieldEvidence, ...] = ()  # the document fields' evidence (nomor, tahun, ...)
    confidence: Mapping[str, float] | None = None  # and their calibrated confidence
    review: tuple[ReviewCandidate, ...] = ()  # document fields below the confidence threshold

    def indicators(self) -> list[NormalizedIndicator]:
        return [*self.iku, *(i for p in self.positions for i in p.indicators)]

    @property
    def quality(self) -> float:
        """Share of indicators with both an indikator text and a formula."""
        indicators = self.indicators()
        if not indicators:
            return 0.0
        good = sum(1 for i in indicators if i.printed.indikator and i.parts.formula)
        return round(good / len(indicators), 3)


def normalize_indicator(ind: Indicator, ctx: DocContext | None = None) -> NormalizedIndicator:
    ctx = ctx or DocContext(0.0, 0.0, False)
    parts = parse_formula(ind.formula_paragraphs)
    notes = [x for x in (parts.catatan, ind.catatan) if x]
    evidence = indicator_evidence(ind, parts, ctx)
    fields = confidences(evidence)
    return NormalizedIndicator(
        printed=ind,
        parts=parts,
        measure=measure_of(ind.indikator, parts),
        catatan=" ".join(notes) or None,
        sumber_data_canonical=canonical_sumber_data(ind.sumber_data),
        penanggung_jawab_canonical=tuple(canonical_penanggung_jawab(ind.penanggung_jawab)),
        review=(
            *org_candidates(ind.sumber_data, ind.penanggung_jawab),
            *low_confidence_candidates(evidence, fields),
        ),
        evidence=evidence,
        confidence=fields,
    )


def as_printed(ind: Indicator) -> NormalizedIndicator:
    """An indicator whose normalisation failed: kept as printed, the formula text without parts, and
    nothing on it trusted (confidence 0)."""
    formula = paragraphs_text(ind.formula_paragraphs) or None
    parts = FormulaParts(formula=formula)
    return NormalizedIndicator(
        ind, parts, "lainnya", ind.catatan, None, (), (), confidence={"indikator": 0.0}
    )


def _indicator(ind: Indicator, ctx: DocContext, failed: list[Problem]) -> NormalizedIndicator:
    what = f"the indicator '{ind.indikator[:60]}'"
    return guard.value(what, partial(normalize_indicator, ind, ctx), as_printed(ind), failed, ind.page)


def normalize_position(pos: Position, ctx: DocContext, failed: list[Problem]) -> NormalizedPosition:
    unmatched = JabatanMatch(pos.jabatan, pos.jabatan, LAINNYA, 0.0, True)
    what = f"the jabatan '{pos.jabatan[:60]}'"
    match = guard.value(what, partial(normalize_jabatan, pos.jabatan), unmatched, failed, pos.page)
    indicators = tuple(_indicator(i, ctx, failed) for i in pos.indicators)
    review = guard.value(what, partial(jabatan_candidates, match, pos.page), NO_REVIEW, failed, pos.page)
    return NormalizedPosition(pos, match, indicators, review)


def _wilayah(ex: Extracted) -> WilayahLink:
    h = ex.header
    context = " ".join(t for t in (h.title, ex.institution.instansi, h.signer_title, h.tempat_tanggal) if t)
    return link_wilayah(h.kecamatan, h.kabupaten, h.nomor, context)


def _formula_problems(indicators: list[NormalizedIndicator]) -> list[Problem]:
    return [
        problem(
            "indicator-without-formula",
            page=i.printed.page,
            field="formula",
            indikator=i.printed.indikator[:60],
        )
        for i in indicators
        if i.parts.formula is None
    ]


def _low_confidence_problems(indicators: list[NormalizedIndicator]) -> list[Problem]:
    """A `low-confidence` issue for each row with a field below the calibrated threshold."""
    found = (low_confidence_row(i.printed.indikator, i.printed.page, i.confidence or {}) for i in indicators)
    return [p for p in found if p is not None]


def _jabatan_problems(positions: tuple[NormalizedPosition, ...]) -> list[Problem]:
    """The jabatan-low-score issues: the same Problems the positions' review candidates carry."""
    return [c.problem for p in positions for c in p.review if c.problem.code == "jabatan-low-score"]


def normalize(ex: Extracted) -> Normalized:
    """The normalisation stage: a pure function of the extraction. Each value is normalised on its
    own (`problems.guard`): a failure keeps that value as printed, with a `field-failed` issue."""
    failed: list[Problem] = []
    ctx = doc_context(ex)
    iku = tuple(_indicator(i, ctx, failed) for i in ex.iku)
    positions = tuple(normalize_position(p, ctx, failed) for p in ex.positions)
    link = guard.value("the wilayah link", partial(_wilayah, ex), WilayahLink(), failed)
    wilayah_review = guard.value(
        "the wilayah link",
        partial(wilayah_candidates, ex.header.kecamatan, link),
        NO_REVIEW,
        failed,
    )
    none: tuple[FieldEvidence, ...] = ()
    what = "the document fields' evidence"
    evidence = guard.value(what, partial(document_evidence, ex.header, link, ctx), none, failed)
    fields = confidences(evidence)
    problems = (
        *ex.problems,
        *failed,
        *_formula_problems([*iku, *(i for p in positions for i in p.indicators)]),
        *_low_confidence_problems([*iku, *(i for p in positions for i in p.indicators)]),
        *link.problems,
        *_jabatan_problems(positions),
    )
    return Normalized(
        ex,
        iku,
        positions,
        link,
        wilayah_review,
        problems,
        evidence,
        fields,
        low_confidence_candidates(evidence, fields),
    )
