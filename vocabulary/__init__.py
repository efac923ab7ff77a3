"""The reviewed vocabulary of the pipeline: one loader, one typed schema per YAML file.

Every data file an analyst edits is listed in `FILES` with its schema (vocabulary/schemas.py).
`check_all()` loads them all, so a wrong or missing key stops a run at start-up with an error
naming the file and the key instead of rejecting every document later.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any, TypeVar

import yaml

from vocabulary import schemas as s
from vocabulary.check import VocabularyError, build
from vocabulary.links import cross_checks

__all__ = ["FILES", "SAFE_LOADER", "VocabularyError", "check_all", "load", "parse_file", "read_yaml"]

T = TypeVar("T")
# libyaml's safe loader (C) where PyYAML was built with it: the same documents, several times faster
SAFE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# "package/data/file.yaml" -> schema. The files live next to the code that reads them.
FILES: dict[str, type] = {
    "structure/data/columns.yaml": s.Columns,
    "structure/data/labels.yaml": s.Labels,
    "structure/data/language.yaml": s.Language,
    "normalizers/data/confidence.yaml": s.Confidence,
    "normalizers/data/formula.yaml": s.Formula,
    "normalizers/data/indicator_identity.yaml": s.Identity,
    "normalizers/data/jabatan_abbreviations.yaml": s.Abbreviations,
    "normalizers/data/jabatan_families.yaml": s.Families,
    "normalizers/data/org_terms.yaml": s.OrgTerms,
    "normalizers/data/wilayah_aliases.yaml": s.Wilayah,
    "parsers/data/ocr_vocab.yaml": s.OcrVocab,
    "parsers/data/ocr_spell.yaml": s.OcrSpell,
    "parsers/data/ocr_second.yaml": s.OcrSecond,
    "parsers/data/pdf_junk.yaml": s.PdfJunk,
    "parsers/data/text_layer.yaml": s.TextLayer,
    "parsers/data/renderings.yaml": s.Renderings,
}
_BY_SCHEMA = {schema: path for path, schema in FILES.items()}


def _parse(text: str, file: str) -> Any:
    try:
        return yaml.load(text, Loader=SAFE_LOADER)
    except yaml.YAMLError as err:
        raise VocabularyError(file, "(syntax)", " ".join(str(err).split())) from None


@cache
def read_yaml(path: str) -> Any:
    """Parsed content of a packaged data file, "package/data/name.yaml" (no schema applied)."""
    package, _, name = path.partition("/")
    return _parse(resources.files(package).joinpath(name).read_text(encoding="utf-8"), path)


def parse_file(schema: type[T], text: str, file: str) -> T:
    """YAML text checked against `schema` (what `load` does, for a text that is not packaged)."""
    return build(schema, _parse(text, file), file)


@cache
def load(schema: type[T]) -> T:
    """The vocabulary file of `schema`, checked and typed (read once per process)."""
    path = _BY_SCHEMA[schema]
    return build(schema, read_yaml(path), path)


def check_all() -> None:
    """Load every vocabulary file; raises VocabularyError naming the first bad file and key."""
    for schema in FILES.values():
        load(schema)
    cross_checks(load(s.Abbreviations), load(s.OcrVocab), FILES)
