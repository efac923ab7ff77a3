"""What an analyst should look at: low-score matches and unknown names, with their best candidates.

Nothing here decides anything: the normalisers did; this lists the doubtful decisions and which
vocabulary entry (data/*.yaml) would settle them. `pipeline.review` turns them into review rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from normalizers.jabatan import JabatanMatch
from normalizers.org import (
    best_candidates,
    known_acronyms,
    known_jabatan,
    known_units,
    match_unit,
    unknown_acronyms,
)
from normalizers.wilayah import WilayahLink
from problems import Problem, problem


@dataclass(frozen=True)
class ReviewCandidate:
    """One doubtful value of a field, its score and the vocabulary entries it comes closest to."""

    problem: Problem  # what is doubtful: its code is the review row's kind (docs/problems.md)
    field: str
    value: str
    score: float | None
    candidates: tuple[tuple[str, float], ...]


def wilayah_candidates(printed: str | None, link: WilayahLink) -> tuple[ReviewCandidate, ...]:
    """A printed kecamatan that is unlinked (listed under its wilayah-unknown / wilayah-ambiguous
    issue) or linked with a low score."""
    if not printed or not link.needs_review:
        return ()
    unlinked = {"wilayah-unknown", "wilayah-ambiguous"}
    found = next((p for p in link.problems if p.code in unlinked), None)
    if found is None:
        linked = f"{link.kecamatan} ({link.kode_kecamatan})"
        found = problem(
            "wilayah-low-score", field="kecamatan", kecamatan=printed, linked=linked, score=link.score
        )
    candidates = tuple((c.label(), c.score) for c in link.candidates)
    return (ReviewCandidate(found, "kecamatan", printed, link.score, candidates),)


def jabatan_candidates(match: JabatanMatch, page: int | None) -> tuple[ReviewCandidate, ...]:
    """A jabatan whose canonical form / family scored below the review threshold: the
    jabatan-low-score issue, listed for review with its best candidates."""
    if not match.needs_review:
        return ()
    low = problem(
        "jabatan-low-score",
        page=page,
        field="jabatan",
        jabatan=match.printed,
        family=match.family,
        score=match.score,
    )
    candidates = tuple(best_candidates(match.canonical, known_jabatan()))
    return (ReviewCandidate(low, "jabatan", match.printed, match.score, candidates),)


def org_candidates(sumber_data: str | None, penanggung_jawab: list[str]) -> tuple[ReviewCandidate, ...]:
    """Unknown penanggung jawab units and unknown acronyms in sumber data / penanggung jawab."""
    out: list[ReviewCandidate] = []
    for item in penanggung_jawab:
        unit = match_unit(item)
        if unit.needs_review:
            candidates = tuple(best_candidates(unit.canonical, known_units()))
            unknown = problem("penanggung-jawab-unknown", field="penanggung_jawab", value=item)
            out.append(ReviewCandidate(unknown, "penanggung_jawab", item, unit.score, candidates))
    for field, text in (("sumber_data", sumber_data), ("penanggung_jawab", " ; ".join(penanggung_jawab))):
        for acronym in unknown_acronyms(text):
            candidates = tuple(best_candidates(acronym, known_acronyms()))
            unknown = problem("org-acronym-unknown", field=field, acronym=acronym)
            out.append(ReviewCandidate(unknown, field, acronym, None, candidates))
    return tuple(out)
