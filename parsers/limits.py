"""Resource limits a parser enforces itself (set once per worker process by the batch runner)."""

from __future__ import annotations

MAX_PAGES = 1000  # a document with more pages is refused (code pdf-too-many-pages)
MAX_IMAGE_PIXELS = 120_000_000  # an embedded image larger than this is refused before decoding


def configure(max_pages: int | None = None, max_image_pixels: int | None = None) -> None:
    """Set the limits of this process."""
    global MAX_PAGES, MAX_IMAGE_PIXELS
    if max_pages is not None:
        MAX_PAGES = max_pages
    if max_image_pixels is not None:
        MAX_IMAGE_PIXELS = max_image_pixels
