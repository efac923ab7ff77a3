"""One block's failure costs that block, never the document: `block` (structure), `cell` (one
table cell a parser reads beyond its text) and `value` (normalisation) run one step and turn an
unexpected error into a coded issue plus a fallback, so the rest comes out (status PARTIAL_SUCCESS).

Only `Exception` is caught, and not `MemoryError`: a `DocumentTimeout` (a BaseException) and an
exhausted memory limit stop the document as their own rejects.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from problems.model import Problem, problem

T = TypeVar("T")


def _error(err: Exception) -> str:
    return f"{type(err).__name__}: {err}"[:300]


def _run(step: Callable[[], T], fallback: T, failed: Callable[[str], Problem], found: list[Problem]) -> T:
    """`step()`, or `fallback` with `failed(error)` in `found`."""
    try:
        return step()
    except MemoryError:
        raise
    except Exception as err:  # a bug in one block or value must not reject the document
        found.append(failed(_error(err)))
        return fallback


def block(what: str, step: Callable[[], T], fallback: T, found: list[Problem], page: int | None = None) -> T:
    """`step()`, or `fallback` with a `block-failed` issue in `found` saying what failed and why."""
    return _run(
        step, fallback, lambda error: problem("block-failed", page=page, block=what, error=error), found
    )


def cell(what: str, step: Callable[[], T], fallback: T, found: list[Problem], page: int | None = None) -> T:
    """`step()`, or `fallback` (the cell as the file has it) with a `cell-failed` issue in `found`."""
    return _run(
        step, fallback, lambda error: problem("cell-failed", page=page, cell=what, error=error), found
    )


def value(what: str, step: Callable[[], T], fallback: T, found: list[Problem], page: int | None = None) -> T:
    """`step()`, or `fallback` (the value as printed) with a `field-failed` issue in `found`."""
    return _run(
        step, fallback, lambda error: problem("field-failed", page=page, block=what, error=error), found
    )
