"""Checks that span entries or files: names one entry gives another must exist."""

from __future__ import annotations

from vocabulary.check import VocabularyError
from vocabulary.schemas import Abbreviations, OcrVocab

ABBREVIATIONS = "normalizers/data/jabatan_abbreviations.yaml"
OCR_VOCAB = "parsers/data/ocr_vocab.yaml"


def check_abbreviations(data: Abbreviations) -> None:
    """Each rule says what it matches and what it writes; `use:` names a rule id that exists."""
    ids = {r.id for r in data.rules if r.id is not None}
    for section, rules in (("rules", data.rules), ("org_terms", data.org_terms)):
        for i, rule in enumerate(rules):
            where = f"{section}[{i}]"
            if rule.use is not None:
                if rule.use not in ids:
                    raise VocabularyError(ABBREVIATIONS, f"{where}.use", f"no rule has id '{rule.use}'")
                continue
            if rule.pattern is None and rule.regex is None:
                raise VocabularyError(ABBREVIATIONS, where, "needs a pattern or a regex")
            if rule.replacement is None:
                raise VocabularyError(ABBREVIATIONS, f"{where}.replacement", "missing key")


def check_ocr_vocab(data: OcrVocab, files: dict[str, type]) -> None:
    """The data files whose words feed the OCR vocabulary are vocabulary files."""
    for i, path in enumerate(data.data_files):
        if path not in files:
            raise VocabularyError(OCR_VOCAB, f"data_files[{i}]", f"'{path}' is not a vocabulary file")


def cross_checks(abbreviations: Abbreviations, ocr: OcrVocab, files: dict[str, type]) -> None:
    check_abbreviations(abbreviations)
    check_ocr_vocab(ocr, files)
