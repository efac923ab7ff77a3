"""Pipeline wiring: batch runner, result envelopes, writers. Holds no parsing rules."""

__version__ = "0.1.0"
