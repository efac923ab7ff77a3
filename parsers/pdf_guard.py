"""Refuse PDFs that would exhaust the machine before any page is read: page cap, image bombs.

pdfium (in C) checks the files it opens: the password, the page count, and the pixel size of every
picture a page draws, read from the image dictionaries while the page's objects are walked anyway
(`pdf_reader.read_pages`; `check_images` for the pages nobody walked), no image decoded. pypdf
checks the files pdfium cannot open (`check_pdf_limits`: the XObjects of the resource dictionaries).
"""

from __future__ import annotations

import ctypes
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

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


def check_page_count(n_pages: int) -> None:
    """Raise pdf-too-many-pages over the page cap."""
    if n_pages > limits.MAX_PAGES:
        raise ParseError("pdf-too-many-pages", n_pages=n_pages, limit=limits.MAX_PAGES)


def check_image(image: Any, number: int) -> None:
    """Raise pdf-image-too-large when a pdfium image object is over the pixel cap (no decoding:
    the image dictionary's /Width and /Height)."""
    width, height = ctypes.c_uint(), ctypes.c_uint()
    if not pdfium_c.FPDFImageObj_GetImagePixelSize(image, width, height):
        return
    pixels = width.value * height.value
    if pixels > limits.MAX_IMAGE_PIXELS:
        raise ParseError(
            "pdf-image-too-large", image_page=number, pixels=pixels, limit=limits.MAX_IMAGE_PIXELS
        )


def check_images(pdf: pdfium.PdfDocument, start: int = 0) -> None:
    """`check_image` on every picture of the pages from index `start` on (forms included)."""
    from parsers.pdf_frame import IDENTITY
    from parsers.pdf_paths import walk  # pdf_paths checks the pictures it walks by check_image

    for i in range(start, len(pdf)):
        page = pdf[i]
        try:
            for obj, kind, _ in walk(
                page, pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject, IDENTITY
            ):
                if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
                    check_image(obj, i + 1)
        finally:
            page.close()


def open_pdfium(data: bytes) -> pdfium.PdfDocument | None:
    """The document opened by pdfium with its page count checked; pdf-encrypted when it needs a
    password; None when pdfium cannot open it otherwise (pypdf and pdfminer decide then).

    pdfium's error code is process-global (FPDF_GetLastError) and a failing load does not always
    set it: pypdfium2 reads it right after the load, and a zero-page file failing after an encrypted
    one still reads "incorrect password". So a password error counts only for a file whose bytes
    name an /Encrypt dictionary; any other failure is left to pypdf and pdfminer.
    """
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD and b"/Encrypt" in data:
            raise ParseError("pdf-encrypted", detail="") from exc
        return None
    try:
        check_page_count(len(pdf))
    except ParseError:
        pdf.close()
        raise
    return pdf


def check_pdf_limits(reader: Any) -> None:
    """Raise ParseError when the document has too many pages or an oversized embedded image.

    `reader` is a pypdf.PdfReader; only dictionaries are read, no stream is decoded.
    """
    check_page_count(len(reader.pages))
    for number, page in enumerate(reader.pages, 1):
        resources = page.get("/Resources")
        xobjects = resources.get_object().get("/XObject") if resources else None
        pixels = _image_pixels(xobjects.get_object() if xobjects else None)
        if pixels > limits.MAX_IMAGE_PIXELS:
            raise ParseError(
                "pdf-image-too-large", image_page=number, pixels=pixels, limit=limits.MAX_IMAGE_PIXELS
            )
