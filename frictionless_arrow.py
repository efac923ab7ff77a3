"""frictionless-py discovers plugins as top-level `frictionless_*` modules: this one is ours."""

from pipeline.frictionless_arrow import ArrowPlugin

__all__ = ["ArrowPlugin"]
