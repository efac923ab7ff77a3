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


@dataclass(frozen=True)
class ReviewCandidate:
    """One doubtful value of a field, its score and the vocabulary entries it comes closest to."""

    kind: str  # stable kebab-case code, e.g. "jabatan-low-score"
    field: str
    value: str
    score: float | None
    candidates: tuple[tuple[str, float], ...]


def wilayah_candidates(printed: str | None, link: WilayahLink) -> tuple[ReviewCandidate, ...]:
    """A printed kecamatan that is unlinked, ambiguous or linked with a low score."""
    if not printed or not link.needs_review:
        return ()
    kind = "wilayah-unlinked" if link.kode_kecamatan is None else "wilayah-low-score"
    candidates = tuple((c.label(), c.score) for c in link.candidates)
    return (ReviewCandidate(kind, "kecamatan", printed, link.score, candidates),)


def jabatan_candidates(match: JabatanMatch) -> tuple[ReviewCandidate, ...]:
    """A jabatan whose canonical form / family scored below the review threshold."""
    if not match.needs_review:
        return ()
    candidates = tuple(best_candidates(match.canonical, known_jabatan()))
    return (ReviewCandidate("jabatan-low-score", "jabatan", match.printed, match.score, candidates),)


def org_candidates(sumber_data: str | None, penanggung_jawab: list[str]) -> tuple[ReviewCandidate, ...]:
    """Unknown penanggung jawab units and unknown acronyms in sumber data / penanggung jawab."""
    out: list[ReviewCandidate] = []
    for item in penanggung_jawab:
        unit = match_unit(item)
        if unit.needs_review:
            candidates = tuple(best_candidates(unit.canonical, known_units()))
            out.append(
                ReviewCandidate("penanggung-jawab-unknown", "penanggung_jawab", item, unit.score, candidates)
            )
    for field, text in (("sumber_data", sumber_data), ("penanggung_jawab", " ; ".join(penanggung_jawab))):
        for acronym in unknown_acronyms(text):
            candidates = tuple(best_candidates(acronym, known_acronyms()))
            out.append(ReviewCandidate("org-acronym-unknown", field, acronym, None, candidates))
    return tuple(out)
