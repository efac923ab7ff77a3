"""Loads reviewed vocabulary files (YAML in a package's data/ folder)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def package_yaml(package: str, name: str) -> Any:
    """Parsed content of <package>/data/<name> (".yaml" added when missing)."""
    fname = name if name.endswith((".yaml", ".yml")) else f"{name}.yaml"
    text = resources.files(package).joinpath("data", fname).read_text(encoding="utf-8")
    return yaml.safe_load(text)


def load_yaml(name: str) -> Any:
    """Parsed content of normalizers/data/<name>."""
    return package_yaml("normalizers", name)
