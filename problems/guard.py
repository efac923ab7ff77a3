"""One block's failure costs that block, never the document: `guarded` runs one step of a stage and
turns an unexpected error into a coded issue plus a fallback value, so the rest comes out
(status PARTIAL_SUCCESS).

Only `Exception` is caught: a `DocumentTimeout` (a BaseException) and `MemoryError` stop the
document as their own rejects.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from problems.model import Problem, problem

T = TypeVar("T")


def guarded(
    code: str,
    what: str,
    step: Callable[[], T],
    fallback: T,
    found: list[Problem],
    page: int | None = None,
) -> T:
    """`step()`, or `fallback` with a `code` problem naming `what` failed and why in `found`."""
    try:
        return step()
    except MemoryError:
        raise
    except Exception as err:  # a bug in one block must not reject the document
        found.append(
            problem(code, page=page, field=None, block=what, error=f"{type(err).__name__}: {err}"[:300])
        )
        return fallback
