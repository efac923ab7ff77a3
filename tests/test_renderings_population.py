"""The figures `make eval-renderings-variants` prints over a population of renderings."""

from __future__ import annotations

from bench.renderings_population import distribution, population_lines
from evaluation.score import Counts


def test_distribution_is_min_quartiles_max() -> None:
    assert distribution([0.0, 0.5, 1.0, 1.0, 1.0]) == (0.0, 0.5, 1.0, 1.0, 1.0)
    assert distribution([0.7]) == (0.7, 0.7, 0.7, 0.7, 0.7)


def test_population_lines_count_a_missing_rendering_as_zero() -> None:
    listing = [
        {"name": "v000_a", "doc": "a", "features": {"rules": "full"}},
        {"name": "v001_a", "doc": "a", "features": {"rules": "none"}},
    ]
    table = {
        "pdf": {"v000_a": Counts(10, 10, 10), "v001_a": Counts(10, 10, 10)},
        "tool": {"v000_a": Counts(10, 10, 5)},
    }
    lines = population_lines(table, listing)
    tool = next(ln for ln in lines if ln.strip().startswith("tool"))
    assert "0.000 / " in tool and "(2 of 2)" in tool  # v001_a has no output: F1 0, below 0.9
    assert any("rules" in ln and "none" in ln and ln.rstrip().endswith("1.000  0.000") for ln in lines)
