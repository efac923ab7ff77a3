"""Fit samples from the readings the pipeline had for a field and did not take.

The document fields (nomor, tahun, signer) are nearly always right on the fit documents, so a model
fitted on the chosen values alone learns no evidence at all. The header readers had other readings
(structure.header: the nomor of every law cited under Mengingat, the rank, title and place lines
above a signer's NIP); each becomes a sample with the evidence it would have had in the
value's place (normalizers.evidence.alternative_evidence), labelled right or wrong by the gold as
the chosen values are, so the model learns from real wrong readings what such a value looks like.
A penanggung jawab cell of several units has the same kind of other reading: the cell unsplit, its
units joined by commas as printed (`indicator_candidate_samples`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from typing import Any

from evaluation.records import DocData, Record, bare, clean_value
from evaluation.reliability import indicator_pairs
from evaluation.score import compare
from normalizers.document import NormalizedIndicator
from normalizers.evidence import alternative_evidence, doc_context, indicator_evidence
from pipeline.result import ConversionResult
from structure.header import nomor_candidates, signer_candidates
from structure.sections import split_sections

Sample = dict[str, Any]
_GOLD_NAME = {"nomor": "documents.nomor", "signer": "documents.signer_name"}


def candidate_samples(res: ConversionResult, gold: Record) -> Iterator[Sample]:
    """A labelled sample for each reading of nomor and signer the pipeline did not choose. (The years
    printed in a document are not used: a cited law's year and the document's own look alike to the
    evidence a Header holds, and would only teach the model to doubt every tahun.)"""
    if res.raw is None or res.extracted is None or res.normalized is None:
        return
    sections = split_sections(res.raw)
    header = res.extracted.header
    lines = [*sections.header_lines, *sections.body_lines]
    readings: dict[str, list[str | int]] = {
        "nomor": [*nomor_candidates(lines)],
        "signer": [*signer_candidates(sections.tail_lines)],
    }
    chosen = {"nomor": header.nomor, "signer": header.signer_name}
    ctx = doc_context(res.extracted)
    for field, values in readings.items():
        name = _GOLD_NAME[field]
        if bare(name) in gold.ambiguous:
            continue
        for value in values:
            if value == chosen[field]:
                continue
            ev = alternative_evidence(header, res.normalized.wilayah, ctx, field, value)
            if ev is None:
                continue
            counts = compare(name, gold.fields.get(name), clean_value(value))
            yield {
                "source": res.source_file,
                "input_format": res.raw.input_format,
                "field": field,
                "value": ev.value,
                "features": dict(ev.features),
                "right": counts.correct == counts.predicted == counts.gold,
                "candidate": True,
            }


def indicator_candidate_samples(
    res: ConversionResult, gold: DocData, predicted: DocData, rows: Mapping[str, NormalizedIndicator]
) -> Iterator[Sample]:
    """A labelled sample for each penanggung jawab of several units read as the one unsplit cell."""
    if res.raw is None or res.extracted is None:
        return
    ctx = doc_context(res.extracted)
    name = "indicators.penanggung_jawab"
    for g, p in indicator_pairs(gold, predicted):
        ind = rows.get(p.key or "") if p is not None else None
        if g is None or ind is None or len(ind.printed.penanggung_jawab) < 2 or bare(name) in g.ambiguous:
            continue
        unsplit = ", ".join(ind.printed.penanggung_jawab)
        other = dataclasses.replace(ind.printed, penanggung_jawab=[unsplit])
        ev = next(e for e in indicator_evidence(other, ind.parts, ctx) if e.field == "penanggung_jawab")
        counts = compare(name, g.fields.get(name), [unsplit])
        yield {
            "source": res.source_file,
            "input_format": res.raw.input_format,
            "field": ev.field,
            "value": ev.value,
            "features": dict(ev.features),
            "right": counts.correct == counts.predicted == counts.gold,
            "candidate": True,
        }
