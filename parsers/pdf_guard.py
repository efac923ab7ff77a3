"""Refuse PDFs that would exhaust the machine before any page is read: page cap, image bombs."""

from __future__ import annotations

from typing import Any

from parsers import limits
from parsers.errors import ParseError


def _image_pixels(xobjects: Any, depth: int = 0) -> int:
    """Largest image (width x height) among the XObjects of a resource dictionary, forms included."""
    largest = 0
    if xobjects is None or depth > 3:
        return 0
    for ref in xobjects.values():
        obj = ref.get_object()
        subtype = obj.get("/Subtype")
        if subtype == "/Image":
            largest = max(largest, int(obj.get("/Width", 0)) * int(obj.get("/Height", 0)))
        elif subtype == "/Form":
            inner = (obj.get("/Resources") or {}).get("/XObject")
            largest = max(largest, _image_pixels(inner.get_object() if inner else None, depth + 1))
    return largest


def check_pdf_limits(reader: Any) -> None:
    """Raise ParseError when the document has too many pages or an oversized embedded image.

    `reader` is a pypdf.PdfReader; only dictionaries are read, no stream is decoded.
    """
    n_pages = len(reader.pages)
    if n_pages > limits.MAX_PAGES:
        raise ParseError("pdf-too-many-pages", n_pages=n_pages, limit=limits.MAX_PAGES)
    for number, page in enumerate(reader.pages, 1):
        resources = page.get("/Resources")
        xobjects = resources.get_object().get("/XObject") if resources else None
        pixels = _image_pixels(xobjects.get_object() if xobjects else None)
        if pixels > limits.MAX_IMAGE_PIXELS:
            raise ParseError(
                "pdf-image-too-large", image_page=number, pixels=pixels, limit=limits.MAX_IMAGE_PIXELS
            )
