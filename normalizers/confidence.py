"""Field evidence -> calibrated confidence, and the review items of the fields below the threshold.

The model is one logistic regression for the indicator fields and one for the document fields,
fitted by `make calibrate` (tools/calibrate.py) on documents with gold and shipped as plain
coefficients in normalizers/data/confidence_model.json: confidence = 1 / (1 + exp(-(intercept +
sum w_i x_i))). Its inputs are the field's evidence, the field's name and each piece of evidence
paired with the field's name (`model_features`): a red flag weighs alike in every field unless the
data say otherwise, which a model per field, fitted on its few wrong values alone, could not learn.
The threshold under which a field goes to review is in normalizers/data/confidence.yaml.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

from rapidfuzz import fuzz

from normalizers.evidence import DOCUMENT_FIELDS, RED_FLAGS, FieldEvidence
from normalizers.review import ReviewCandidate
from problems import Problem, problem
from vocabulary import load
from vocabulary.schemas import Confidence

MODEL_FILE = "confidence_model.json"
DOCUMENT_MODEL = "document"  # the document fields share one model (few documents, four fields)
INDICATOR_MODEL = "indicator"  # and the fields of the indicator rows another


@dataclass(frozen=True)
class Logistic:
    """One fitted logistic regression: intercept and a weight per named feature."""

    intercept: float
    weights: Mapping[str, float]

    def probability(self, features: Mapping[str, float]) -> float:
        """P(the value is right | its evidence); a feature the model was not fitted on weighs 0."""
        # in the weights' order, as fitted; an absent feature adds 0.0, which leaves the sum as it is
        z = self.intercept + sum(w * features[name] for name, w in self.weights.items() if name in features)
        return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))


class ModelError(ValueError):
    """A confidence model file without the models the pipeline scores by."""


def parse_model(data: Mapping[str, object]) -> dict[str, Logistic]:
    """The models of a confidence_model.json document, by group."""
    models = data.get("models")
    if not isinstance(models, dict) or {INDICATOR_MODEL, DOCUMENT_MODEL} - set(models):
        raise ModelError(f"{MODEL_FILE}: needs the models {INDICATOR_MODEL!r} and {DOCUMENT_MODEL!r}")
    return {
        group: Logistic(float(m["intercept"]), {str(k): float(v) for k, v in m["weights"].items()})
        for group, m in models.items()
    }


@cache
def model() -> dict[str, Logistic]:
    """The shipped, fitted models (read once per process)."""
    text = resources.files("normalizers").joinpath("data", MODEL_FILE).read_text(encoding="utf-8")
    return parse_model(json.loads(text))


def group_of(field: str) -> str:
    """The model a field is scored by."""
    return DOCUMENT_MODEL if field in DOCUMENT_FIELDS else INDICATOR_MODEL


_OCR_EVIDENCE = ("engine_ocr", "ocr_gap", "ocr_field_gap", "doc_ocr_gap")


def read_by_ocr(features: Mapping[str, float]) -> bool:
    """The field's row or document was read by OCR (by its evidence alone)."""
    return any(features.get(k, 0.0) > 0.0 for k in _OCR_EVIDENCE)


def model_features(
    field: str, features: Mapping[str, float], ocr_flags: bool | None = None
) -> dict[str, float]:
    """The model's inputs: the evidence, the field's name, and the evidence paired with the name;
    with `ocr_flags` (confidence.yaml ocr_flag_inputs when None) each red flag of an OCR'd field is
    also an input of its own, "ocr:<flag>": OCR misreads a letter where a digital PDF never does, so
    the same flag can say more there than the digital documents, most of the fit set, teach."""
    out = {**features, f"field={field}": 1.0, **{f"{field}:{k}": v for k, v in features.items()}}
    if (load(Confidence).ocr_flag_inputs if ocr_flags is None else ocr_flags) and read_by_ocr(features):
        out.update({f"ocr:{k}": features[k] for k in (*RED_FLAGS, "own_flags") if features.get(k)})
    return out


def apply_cap(p: float, features: Mapping[str, float], cap: Mapping[str, float] | None = None) -> float:
    """`p` lowered to the cap of every red flag the field shows (confidence.yaml red_flag_cap when
    `cap` is None; an "ocr:<flag>" cap applies to OCR'd fields only)."""
    caps = load(Confidence).red_flag_cap if cap is None else cap
    if not caps:
        return p
    ocr = read_by_ocr(features)
    for name, limit in caps.items():
        flag = name.removeprefix("ocr:")
        if features.get(flag, 0.0) and (ocr or flag == name):
            p = min(p, limit)
    return p


def scored(
    models: Mapping[str, Logistic],
    field: str,
    features: Mapping[str, float],
    cap: Mapping[str, float] | None = None,
    ocr_flags: bool | None = None,
) -> float:
    """The confidence `models` give a field with this evidence, capped by its red flags and rounded
    to 3 places as stored (`cap`, `ocr_flags`: the settings of confidence.yaml when None)."""
    p = models[group_of(field)].probability(model_features(field, features, ocr_flags))
    return round(apply_cap(p, features, cap), 3)


def confidence_of(ev: FieldEvidence) -> float:
    """Calibrated confidence 0..1 that the field's value is right (capped by its red flags), rounded
    to 3 places."""
    return scored(model(), ev.field, ev.features)


def confidences(evidence: Iterable[FieldEvidence]) -> dict[str, float]:
    """Field -> confidence of every field that has evidence (a value)."""
    return {ev.field: confidence_of(ev) for ev in evidence}


def row_confidence(fields: Mapping[str, float]) -> float:
    """A row is right when all its fields are: the product of their confidences (1.0 for none)."""
    return round(math.prod(fields.values()), 3)


def low_confidence_row(indikator: str, page: int | None, fields: Mapping[str, float]) -> Problem | None:
    """The row's `low-confidence` issue when some field's calibrated confidence is below the
    threshold of confidence.yaml (each such field is also a `field-low-confidence` review row)."""
    below = load(Confidence).review_below
    low = sorted((conf, field) for field, conf in fields.items() if conf < below)
    if not low:
        return None
    confidence, field = low[0]
    return problem(
        "low-confidence",
        page=page,
        field=field,
        indikator=indikator[:60],
        fields=len(low),
        lowest=field,
        confidence=confidence,
        threshold=below,
    )


def low_confidence_candidates(
    evidence: Iterable[FieldEvidence], fields: Mapping[str, float]
) -> tuple[ReviewCandidate, ...]:
    """A `field-low-confidence` review item for every field below the threshold of confidence.yaml."""
    below = load(Confidence).review_below
    out = []
    for ev in evidence:
        conf = fields[ev.field]
        if conf >= below:
            continue
        found = problem(
            "field-low-confidence",
            page=ev.page,
            field=ev.field,
            name=ev.field,
            value=ev.value[:60],
            confidence=conf,
            threshold=below,
        )
        candidates = tuple((alt, float(fuzz.ratio(alt, ev.value))) for alt in ev.alternatives)
        out.append(ReviewCandidate(found, ev.field, ev.value, round(conf * 100, 1), candidates))
    return tuple(out)
