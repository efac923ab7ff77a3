"""Loads the settings files of the text-rendering parsers (parsers/data/*.yaml)."""

from __future__ import annotations

from typing import Any

from normalizers.vocab import package_yaml


def renderings() -> dict[str, Any]:
    """Parsed parsers/data/renderings.yaml."""
    return dict(package_yaml("parsers", "renderings"))


def layout_settings() -> dict[str, Any]:
    """Thresholds of the layout-text table reader."""
    return dict(renderings()["layout"])
