"""Link a document's kecamatan and kabupaten to official kode wilayah (normalizers/gazetteer.py).

Evidence, in this order: the kecamatan name (equal compact key, reviewed alias, or fuzzy), the
printed kabupaten (narrows a name found in several kabupaten; a garbled one still decides between
the candidates), kabupaten names in other header text, and a kecamatan code inside the nomor
("188.4/ /35.07.27/2022"), which confirms a candidate or stands in when the name links nothing.
Problems come back as data (`problems`, catalogued issues); nothing here raises on odd input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from normalizers.gazetteer import District, Gazetteer, compact, gazetteer, strip_prefix
from problems import Problem, problem

__all__ = ["Candidate", "WilayahLink", "codes_in_nomor", "link_wilayah"]

_CODE = re.compile(r"(?<![\d.])(\d{2}\.\d{2}\.\d{2})(?![\d]|\.\d)")


@dataclass(frozen=True)
class Candidate:
    code: str  # kode kecamatan
    name: str  # gazetteer spelling
    kabupaten: str  # "Kabupaten Malang"
    score: float

    def label(self) -> str:
        return f"{self.name}, {self.kabupaten} ({self.code})"


@dataclass(frozen=True)
class WilayahLink:
    kode_kecamatan: str | None = None
    kecamatan: str | None = None  # gazetteer spelling ("Long Kali")
    kode_kabupaten: str | None = None
    kabupaten: str | None = None  # gazetteer name ("Kabupaten Paser")
    provinsi: str | None = None
    score: float | None = None  # 0..100 confidence of kode_kecamatan
    method: str | None = None  # evidence used, e.g. "name+kabupaten+nomor"
    candidates: tuple[Candidate, ...] = ()  # best candidates when unknown, ambiguous or low-score
    problems: tuple[Problem, ...] = field(default=())  # catalogued issues, field set

    @property
    def needs_review(self) -> bool:
        """True when the kecamatan is unlinked or linked with a score below the review threshold."""
        return self.score is None or self.score < gazetteer().thresholds["review"]


def codes_in_nomor(nomor: str | None) -> list[str]:
    """Kecamatan-shaped codes (NN.NN.NN) printed inside a keputusan number, in order."""
    return list(dict.fromkeys(_CODE.findall(nomor or "")))


def _name_scores(name: str, gaz: Gazetteer) -> tuple[dict[str, float], str]:
    """District code -> score for a printed kecamatan name, and the evidence kind."""
    key = compact(strip_prefix(name, "kecamatan", gaz))
    if not key:
        return {}, ""
    if key in gaz.district_aliases:
        return {gaz.district_aliases[key]: 100.0}, "alias"
    if key in gaz.district_keys:
        return dict.fromkeys(gaz.district_keys[key], 100.0), "name"
    found = process.extract(
        key, list(gaz.district_keys), scorer=fuzz.ratio, score_cutoff=gaz.thresholds["fuzzy"], limit=None
    )
    return {code: round(float(score), 1) for k, score, _ in found for code in gaz.district_keys[k]}, "fuzzy"


def _regency_codes(printed: str, gaz: Gazetteer) -> set[str]:
    key = compact(strip_prefix(printed, "kabupaten", gaz))
    if key in gaz.regency_aliases:
        return {gaz.regency_aliases[key]}
    if key in gaz.regency_keys:
        return set(gaz.regency_keys[key])
    found = process.extract(
        key, list(gaz.regency_keys), scorer=fuzz.ratio, score_cutoff=gaz.thresholds["kabupaten"], limit=None
    )
    return {code for k, _, _ in found for code in gaz.regency_keys[k]}


def _closest_regency(printed: str, codes: dict[str, float], gaz: Gazetteer) -> tuple[set[str], float]:
    """Between the candidates' regencies, the one a garbled printed kabupaten is clearly closest to."""
    key = compact(strip_prefix(printed, "kabupaten", gaz))
    ranked = sorted(
        {
            (fuzz.ratio(key, compact(gaz.districts[c].regency.short)), gaz.districts[c].regency.code)
            for c in codes
        },
        reverse=True,
    )
    th = gaz.thresholds
    clear = len(ranked) == 1 or (len(ranked) > 1 and ranked[0][0] - ranked[1][0] >= th["margin"])
    if ranked and ranked[0][0] >= th["kabupaten_soft"] and clear:
        return {ranked[0][1]}, float(ranked[0][0])
    return set(), 0.0


def _words(text: str) -> str:
    return " " + " ".join(re.findall(r"[a-z0-9]+", text.lower())) + " "


def _only(codes: dict[str, float], regencies: set[str], gaz: Gazetteer) -> dict[str, float]:
    return {c: s for c, s in codes.items() if gaz.districts[c].regency.code in regencies}


def _candidates(name: str | None, codes: dict[str, float], gaz: Gazetteer) -> tuple[Candidate, ...]:
    """The best candidates: the given codes, else the closest names in the whole gazetteer."""
    n = int(gaz.thresholds["candidates"])
    if not codes and name:
        key = compact(strip_prefix(name, "kecamatan", gaz))
        found = process.extract(key, list(gaz.district_keys), scorer=fuzz.ratio, limit=n)
        codes = {c: round(float(s), 1) for k, s, _ in found for c in gaz.district_keys[k]}
    ranked = sorted(codes.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
    return tuple(Candidate(c, gaz.districts[c].name, gaz.districts[c].regency.name, s) for c, s in ranked)


def _linked(d: District, score: float, method: list[str], issues: list[Problem]) -> WilayahLink:
    return WilayahLink(
        d.code,
        d.name,
        d.regency.code,
        d.regency.name,
        d.regency.province,
        score,
        "+".join(method),
        (),
        tuple(issues),
    )


def _fill_regency(link: WilayahLink, regencies: set[str], gaz: Gazetteer) -> WilayahLink:
    """Kabupaten and provinsi of an unlinked kecamatan, when only one regency is possible."""
    if len(regencies) != 1:
        return link
    r = gaz.regencies[next(iter(regencies))]
    return WilayahLink(
        None, None, r.code, r.name, r.province, None, "kabupaten", link.candidates, link.problems
    )


def link_wilayah(
    kecamatan: str | None,
    kabupaten: str | None = None,
    nomor: str | None = None,
    context: str = "",
    gaz: Gazetteer | None = None,
) -> WilayahLink:
    """Kode wilayah for a printed kecamatan (and kabupaten, nomor, other header text as evidence);
    `gaz` defaults to the vendored gazetteer with the reviewed aliases."""
    gaz = gaz or gazetteer()
    th, issues = gaz.thresholds, []
    codes, kind = _name_scores(kecamatan, gaz) if kecamatan else ({}, "")
    method = [kind] if kind else []
    regencies = _regency_codes(kabupaten, gaz) if kabupaten else set()
    if codes and kabupaten:
        closest, ratio = _closest_regency(kabupaten, codes, gaz)
        if narrowed := _only(codes, regencies, gaz):
            codes, method = narrowed, [*method, "kabupaten"]
        elif narrowed := _only(codes, closest, gaz):
            # a garbled kabupaten decided: the link is only as sure as that resemblance
            codes = {c: min(s, round(ratio, 1)) for c, s in narrowed.items()}
            method = [*method, "kabupaten-fuzzy"]
        else:
            issues.append(
                problem(
                    "wilayah-kabupaten-mismatch", field="kabupaten", kabupaten=kabupaten, kecamatan=kecamatan
                )
            )
    if len({gaz.districts[c].regency.code for c in codes}) > 1 and context:
        text = _words(context)
        named = {c for c in codes if _words(gaz.districts[c].regency.short) in text}
        if named:
            codes, method = {c: codes[c] for c in named}, [*method, "context"]
    in_nomor = [c for c in codes_in_nomor(nomor) if c in gaz.districts]
    if in_nomor and codes:
        agree = [c for c in in_nomor if c in codes]
        if agree:
            codes, method = {c: max(codes[c], 100.0) for c in agree}, [*method, "nomor"]
        else:
            printed = ", ".join(f"{c} ({gaz.districts[c].name})" for c in in_nomor)
            issues.append(
                problem("wilayah-nomor-conflict", field="nomor", codes=printed, kecamatan=kecamatan)
            )
    elif in_nomor:
        d = gaz.districts[in_nomor[0]]
        score = 90.0 if not kecamatan else float(fuzz.ratio(compact(kecamatan), compact(d.name)))
        return _linked(d, round(score, 1), ["nomor"], issues)
    ranked = sorted(codes.items(), key=lambda kv: (-kv[1], kv[0]))
    if not ranked:
        if kecamatan:
            issues.append(problem("wilayah-unknown", field="kecamatan", kecamatan=kecamatan))
        unknown = WilayahLink(candidates=_candidates(kecamatan, {}, gaz), problems=tuple(issues))
        return _fill_regency(unknown, regencies, gaz)
    if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < th["margin"]:
        options = _candidates(kecamatan, codes, gaz)
        labels = "; ".join(c.label() for c in options)
        issues.append(problem("wilayah-ambiguous", field="kecamatan", kecamatan=kecamatan, candidates=labels))
        shared = {gaz.districts[c].regency.code for c in codes}
        return _fill_regency(WilayahLink(candidates=options, problems=tuple(issues)), shared, gaz)
    code, score = ranked[0]
    link = _linked(gaz.districts[code], score, method, issues)
    if link.needs_review:
        link = WilayahLink(**{**vars(link), "candidates": _candidates(kecamatan, codes, gaz)})
    return link
