"""Font descents as pdfminer takes them, read with pypdf: pdfium measures them in the font program."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pdfminer.fontmetrics import FONT_METRICS

Descents = dict[str, float | None]  # base font name -> descent per em (None: ask pdfium)


def _font_descent(font: Any) -> tuple[str, float | None]:
    """A font resource's base name (subset tag dropped) and its descriptor's Descent per em."""
    name = str(font.get("/BaseFont", "")).lstrip("/").split("+")[-1]
    if "/FontDescriptor" not in font and "/DescendantFonts" in font:
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font.get("/FontDescriptor")
    if font.get("/Subtype") == "/Type3":
        return name, None
    if descriptor is None:  # a standard 14 font: pdfminer takes its AFM metrics
        metrics: Any = FONT_METRICS.get(name)
        return name, (float(metrics[0]["Descent"]) / 1000.0 if metrics else None)
    descent = float(descriptor.get_object().get("/Descent", 0))
    return name, -abs(descent) / 1000.0  # pdfminer forces it negative (PScript5 writes it positive)


def _resource_fonts(resources: Any, depth: int = 0) -> Iterator[Any]:
    """Font dictionaries of a resource dictionary and of the form XObjects it names."""
    if resources is None or depth > 3:
        return
    resources = resources.get_object()
    for font in (resources.get("/Font") or {}).values():
        yield font.get_object()
    for xobject in (resources.get("/XObject") or {}).values():
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Form":
            yield from _resource_fonts(xobject.get("/Resources"), depth + 1)


def font_descents(reader: Any) -> Descents:
    """Descent per em of every font the pages use, as pdfminer takes it: the descriptor's /Descent
    (0 when absent). pdfium measures it in the font program instead; boxes must not move."""
    found: dict[str, set[float | None]] = {}
    for page in reader.pages:
        for font in _resource_fonts(page.get("/Resources")):
            name, descent = _font_descent(font)
            found.setdefault(name, set()).add(descent)
    return {name: next(iter(v)) for name, v in found.items() if len(v) == 1}
