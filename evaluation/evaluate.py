"""Score an output folder against a gold folder: map documents to gold, count fields, group results."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path

from evaluation.gold import GoldSet
from evaluation.predicted import load_output, read_rows
from evaluation.records import DocData
from evaluation.reliability import Outcome, document_outcomes
from evaluation.score import Counts, FieldCounts, field_totals, score_document, total

NO_OUTPUT = "(no output)"
LOW_CONFIDENCE_KIND = "field-low-confidence"  # the review kind a doubtful field is listed under


class EvaluationError(Exception):
    """Nothing can be scored: the output has no documents.parquet or the gold folder has no gold."""


@dataclass
class DocResult:
    """Per-field counts of one output document (or of a gold document that has no output)."""

    source_file: str
    gold_file: str
    input_format: str
    fields: FieldCounts
    outcomes: list[Outcome] = field(default_factory=list)  # each predicted field: confidence, right

    @property
    def totals(self) -> Counts:
        """Counts summed over all fields."""
        return total(self.fields)


@dataclass
class Evaluation:
    """Results of one scoring run."""

    documents: list[DocResult] = field(default_factory=list)
    missing: list[DocResult] = field(default_factory=list)
    no_gold: list[str] = field(default_factory=list)
    reviewed: set[tuple[str, str]] = field(default_factory=set)  # (subject id, field) listed for review

    def outcomes_by_format(self) -> dict[str, list[Outcome]]:
        """The field outcomes of the scored documents per input_format, and "all"."""
        groups: dict[str, list[Outcome]] = {}
        for result in self.documents:
            groups.setdefault(result.input_format, []).extend(result.outcomes)
        groups = dict(sorted(groups.items()))
        groups["all"] = [o for r in self.documents for o in r.outcomes]
        return groups

    @property
    def fields(self) -> FieldCounts:
        """Per-field counts over scored documents and gold documents without output."""
        return field_totals(r.fields for r in [*self.documents, *self.missing])

    @property
    def overall(self) -> Counts:
        """Counts over everything scored."""
        return total(self.fields)

    def by_format(self) -> dict[str, tuple[int, Counts]]:
        """Document count and counts per input_format (text, pdf, pdf_ocr) of the scored documents."""
        groups: dict[str, list[DocResult]] = {}
        for result in self.documents:
            groups.setdefault(result.input_format, []).append(result)
        return {
            kind: (len(rs), total(field_totals(r.fields for r in rs))) for kind, rs in sorted(groups.items())
        }


def reviewed_fields(out: Path) -> set[tuple[str, str]]:
    """(subject id, field) of every low-confidence review row of an output folder."""
    rows = read_rows(out, "review")
    return {(r["subject_id"], r["field"]) for r in rows if r.get("kind") == LOW_CONFIDENCE_KIND}


def selected(names: Iterable[str], pattern: str | None) -> bool:
    """True when there is no pattern or a name matches it (glob, or substring when it has no wildcard)."""
    return pattern is None or any(fnmatch(n, pattern) or pattern in n for n in names)


def evaluate(out: Path, gold_dir: Path, only: str | None = None) -> Evaluation:
    """Score every output document that maps to a gold file; gold files with no output are all-missed."""
    if not (out / "documents.parquet").exists():
        raise EvaluationError(f"{out}: no documents.parquet found (run the pipeline into this folder first)")
    gold = GoldSet.open(gold_dir)
    if not gold.files:
        raise EvaluationError(f"{gold_dir}: no gold *.json files found")
    result = Evaluation(reviewed=reviewed_fields(out))
    for doc in load_output(out):
        if not selected([doc.source_file], only):
            continue
        gold_file = gold.resolve(doc.source_file)
        if gold_file is None:
            result.no_gold.append(doc.source_file)
            continue
        counts = score_document(gold.load(gold_file), doc.data)
        outcomes = document_outcomes(gold.load(gold_file), doc.data)
        result.documents.append(DocResult(doc.source_file, gold_file, doc.input_format, counts, outcomes))
    scored = {r.gold_file for r in result.documents}
    for gold_file in gold.files:
        if gold_file not in scored and selected(gold.names_of(gold_file), only):
            counts = score_document(gold.load(gold_file), DocData())
            result.missing.append(DocResult(NO_OUTPUT, gold_file, NO_OUTPUT, counts))
    return result
