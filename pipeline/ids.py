"""Stable ids: the content hash of the source plus the position in the document."""

from __future__ import annotations


def doc_id(sha256: str) -> str:
    return sha256[:16]


def position_id(doc: str, seq: int) -> str:
    return f"{doc}-P{seq:03d}"


def indicator_id(doc: str, position_seq: int | None, seq: int) -> str:
    owner = "IKU" if position_seq is None else f"P{position_seq:03d}"
    return f"{doc}-{owner}-I{seq:03d}"


def duty_id(doc: str, position_seq: int | None, kind: str, seq: int) -> str:
    owner = "INST" if position_seq is None else f"P{position_seq:03d}"
    return f"{doc}-{owner}-{kind}-{seq:03d}"
