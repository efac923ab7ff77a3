"""The problem catalogue (problems/catalogue.yaml), loaded and checked once per process."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path

import yaml

from vocabulary import SAFE_LOADER

CATALOGUE_FILE = Path(__file__).with_name("catalogue.yaml")
_CODE = re.compile(r"^[a-z]+(-[a-z]+)*$")
_KEYS = frozenset({"severity", "stage", "message", "description"})
STAGES = frozenset({"read", "parse", "structure", "normalize", "validate", "limits", "identity"})


class Severity(StrEnum):
    REJECT = "reject"  # no document: a rejects row
    ISSUE = "issue"  # the document came out with something to check: an issues row
    REVIEW = "review"  # a curation item: a review row; the status is unchanged


@dataclass(frozen=True)
class CodeSpec:
    """One catalogue entry."""

    code: str
    severity: Severity
    stage: str
    message: str  # str.format template
    description: str

    @property
    def placeholders(self) -> frozenset[str]:
        """The names the message template needs."""
        return frozenset(name for _, name, _, _ in string.Formatter().parse(self.message) if name)


class CatalogueError(Exception):
    """The catalogue file is malformed (a pipeline bug: fails at start-up, not per document)."""


def _spec(code: str, entry: object) -> CodeSpec:
    where = f"{CATALOGUE_FILE.name}: {code}"
    if not _CODE.match(code):
        raise CatalogueError(f"{where}: a code is kebab-case letters")
    if not isinstance(entry, dict) or set(entry) != _KEYS:
        keys = sorted(entry) if isinstance(entry, dict) else type(entry).__name__
        raise CatalogueError(f"{where}: needs exactly the keys {sorted(_KEYS)}, has {keys}")
    if entry["stage"] not in STAGES:
        raise CatalogueError(f"{where}: unknown stage {entry['stage']!r}")
    try:
        severity = Severity(entry["severity"])
    except ValueError:
        raise CatalogueError(f"{where}: unknown severity {entry['severity']!r}") from None
    spec = CodeSpec(code, severity, str(entry["stage"]), str(entry["message"]), str(entry["description"]))
    fields = [name for _, name, _, _ in string.Formatter().parse(spec.message) if name is not None]
    if not all(name.isidentifier() for name in fields):
        raise CatalogueError(f"{where}: placeholders must be named ({{name}}), not positional")
    return spec


def parse_catalogue(text: str) -> dict[str, CodeSpec]:
    """Catalogue YAML text -> code -> spec; CatalogueError naming the code on any malformed entry."""
    data = yaml.load(text, Loader=SAFE_LOADER)
    if not isinstance(data, dict) or set(data) != {"codes"} or not isinstance(data["codes"], dict):
        raise CatalogueError(f"{CATALOGUE_FILE.name}: one top-level key 'codes' mapping code -> entry")
    return {str(code): _spec(str(code), entry) for code, entry in data["codes"].items()}


@cache
def catalogue() -> dict[str, CodeSpec]:
    """Every problem code of the pipeline, in catalogue order."""
    return parse_catalogue(CATALOGUE_FILE.read_text(encoding="utf-8"))


def spec(code: str) -> CodeSpec:
    """The catalogue entry of `code`; KeyError naming the code when it is not catalogued."""
    try:
        return catalogue()[code]
    except KeyError:
        raise KeyError(f"problem code {code!r} is not in {CATALOGUE_FILE.name}") from None
