"""Bytes -> text for text renderings: BOMs, UTF-8, UTF-16 without BOM, cp1252; binary is refused."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from parsers.errors import ParseError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _utf16_without_bom(data: bytes) -> str | None:
    """Guess UTF-16 without BOM from the NUL pattern of mostly-ASCII text."""
    if len(data) < 4 or len(data) % 2:
        return None
    even_nul = data[0::2].count(0) / (len(data) / 2)
    odd_nul = data[1::2].count(0) / (len(data) / 2)
    for share, enc in ((odd_nul, "utf-16-le"), (even_nul, "utf-16-be")):
        if share > 0.4:
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                return None
    return None


def _looks_binary(text: str) -> bool:
    """True when the decoded text is mostly control characters (images, archives, random bytes)."""
    if not text:
        return False
    sample = text[:20000]
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f") or ch == "\ufffd")
    return bad / len(sample) > 0.02


def _single_byte(data: bytes) -> tuple[str, str]:
    """Not UTF-8: cp1252 (what Indonesian office PCs write) unless its undefined bytes occur."""
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        enc = best.encoding if best is not None else "latin-1"
        try:
            return data.decode(enc), enc
        except (UnicodeDecodeError, LookupError):
            return data.decode("latin-1"), "latin-1"


def bytes_to_text(data: bytes) -> tuple[str, str]:
    """Decode a text rendering; return (text, encoding). Raise ParseError for empty or binary input."""
    if not data.strip():
        raise ParseError("empty-file")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data.decode(enc), enc
    utf16 = _utf16_without_bom(data)
    if utf16 is not None and not _looks_binary(utf16):
        return utf16, "utf-16"
    if b"\x00" in data:
        raise ParseError("binary-file", evidence="holds NUL bytes")
    try:
        text, enc = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, enc = _single_byte(data)
    if _looks_binary(text):
        raise ParseError("binary-file", evidence="is mostly control characters")
    return text, enc
