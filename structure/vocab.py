"""Loads the reviewed vocabulary files of structure extraction (structure/data/*.yaml)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def load(name: str) -> Any:
    """Parsed content of structure/data/<name>.yaml."""
    text = resources.files("structure").joinpath("data", f"{name}.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def function_words() -> frozenset[str]:
    return frozenset(load("language")["function_words"])
