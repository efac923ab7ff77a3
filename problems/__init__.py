"""Problems as data: one catalogue of codes (catalogue.yaml), one Problem type, one status rule.

A bottom-level package: every layer (parsers, structure, normalizers, pipeline) may import it.
"""

from problems.catalogue import CATALOGUE_FILE, CatalogueError, CodeSpec, Severity, catalogue, spec
from problems.model import TRACE_ENV, Problem, ProblemError, Status, determine_status, problem

__all__ = [
    "CATALOGUE_FILE",
    "TRACE_ENV",
    "CatalogueError",
    "CodeSpec",
    "Problem",
    "ProblemError",
    "Severity",
    "Status",
    "catalogue",
    "determine_status",
    "problem",
    "spec",
]
