"""Loads the reviewed vocabulary files of structure extraction (structure/data/*.yaml)."""

from __future__ import annotations

from typing import Any

from normalizers.vocab import package_yaml


def load(name: str) -> Any:
    """Parsed content of structure/data/<name>.yaml."""
    return package_yaml("structure", name)


def function_words() -> frozenset[str]:
    return frozenset(load("language")["function_words"])
