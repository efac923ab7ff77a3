"""Loads reviewed vocabulary files of the normalisers (normalizers/data/*.yaml)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def load_yaml(name: str) -> Any:
    """Parsed content of normalizers/data/<name> (".yaml" added when missing)."""
    fname = name if name.endswith((".yaml", ".yml")) else f"{name}.yaml"
    text = resources.files("normalizers").joinpath("data", fname).read_text(encoding="utf-8")
    return yaml.safe_load(text)
