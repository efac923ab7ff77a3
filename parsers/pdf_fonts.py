"""Font descents as pdfminer takes them, from the font dictionaries pdfminer has already parsed
(pdfium measures descents in the font program instead; the character boxes must not move)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pdfminer.fontmetrics import FONT_METRICS
from pdfminer.pdftypes import resolve1
from pdfminer.psparser import literal_name

Descents = dict[str, float | None]  # base font name -> descent per em (None: ask pdfium)


def _name(value: Any) -> str:
    value = resolve1(value)
    if value is None:
        return ""
    return value.decode("latin-1") if isinstance(value, bytes) else str(literal_name(value))


def _font_descent(font: dict[str, Any]) -> tuple[str, float | None]:
    """A font resource's base name (subset tag dropped) and its descriptor's Descent per em."""
    name = _name(font.get("BaseFont")).split("+")[-1]
    subtype = _name(font.get("Subtype"))
    if "FontDescriptor" not in font and "DescendantFonts" in font:
        descendants = resolve1(font["DescendantFonts"])
        if isinstance(descendants, list) and descendants:
            font = resolve1(descendants[0]) or {}
    descriptor = resolve1(font.get("FontDescriptor"))
    if subtype == "Type3":
        return name, None
    if not isinstance(descriptor, dict):  # a standard 14 font: pdfminer takes its AFM metrics
        metrics: Any = FONT_METRICS.get(name)
        return name, (float(metrics[0]["Descent"]) / 1000.0 if metrics else None)
    descent = float(resolve1(descriptor.get("Descent", 0)) or 0)
    return name, -abs(descent) / 1000.0  # pdfminer forces it negative (PScript5 writes it positive)


def _resource_fonts(resources: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Font dictionaries of a resource dictionary and of the form XObjects it names."""
    resources = resolve1(resources)
    if not isinstance(resources, dict) or depth > 3:
        return
    fonts = resolve1(resources.get("Font"))
    for font in (fonts or {}).values() if isinstance(fonts, dict) else ():
        font = resolve1(font)
        if isinstance(font, dict):
            yield font
    xobjects = resolve1(resources.get("XObject"))
    for xobject in (xobjects or {}).values() if isinstance(xobjects, dict) else ():
        xobject = resolve1(xobject)
        attrs = getattr(xobject, "attrs", None)
        if attrs is not None and _name(attrs.get("Subtype")) == "Form":
            yield from _resource_fonts(attrs.get("Resources"), depth + 1)


def page_fonts(plumber_pages: list[Any]) -> list[dict[str, Any]]:
    """The font dictionaries every page uses (its forms' included), from each pdfplumber page's
    pdfminer page (`page_obj.resources`): what font_descents and odd_fonts read."""
    return [font for page in plumber_pages for font in _resource_fonts(page.page_obj.resources)]


def font_descents(fonts: list[dict[str, Any]]) -> Descents:
    """Descent per em of each of the fonts (`page_fonts`), as pdfminer takes it: the descriptor's
    /Descent (0 when absent)."""
    found: dict[str, set[float | None]] = {}
    for font in fonts:
        name, descent = _font_descent(font)
        found.setdefault(name, set()).add(descent)
    return {name: next(iter(v)) for name, v in found.items() if len(v) == 1}


# Simple fonts whose codes pdfminer and pdfium map to the same text without a ToUnicode map
SIMPLE_FONTS = frozenset({"Type1", "MMType1", "TrueType"})
NAMED_ENCODINGS = frozenset({"WinAnsiEncoding", "MacRomanEncoding", "StandardEncoding"})


def odd_font(font: dict[str, Any]) -> str | None:
    """Why pdfium and pdfminer may map this font's codes to different text, or None: a Type3 font,
    a composite font without a ToUnicode map, a simple font without one whose encoding is not a
    named standard one (no /Encoding, a /Differences array, a font-specific encoding)."""
    subtype = _name(font.get("Subtype"))
    if subtype == "Type3":
        return "Type3"
    if resolve1(font.get("ToUnicode")) is not None:
        return None
    if subtype not in SIMPLE_FONTS:
        return f"{subtype} without ToUnicode"
    encoding = resolve1(font.get("Encoding"))
    if isinstance(encoding, dict):
        if resolve1(encoding.get("Differences")) is not None:
            return "Differences without ToUnicode"
        encoding = resolve1(encoding.get("BaseEncoding"))
    if encoding is None or _name(encoding) not in NAMED_ENCODINGS:
        return f"{subtype} encoding {_name(encoding) or 'built-in'} without ToUnicode"
    return None


def odd_fonts(fonts: list[dict[str, Any]]) -> list[str]:
    """`odd_font` of each of the fonts (`page_fonts`) that is odd (empty for a plain office export)."""
    return [f"{_name(font.get('BaseFont'))}: {why}" for font in fonts if (why := odd_font(font)) is not None]
