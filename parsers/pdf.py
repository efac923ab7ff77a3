"""Digital PDF -> RawDocument: ruled tables (pdfplumber, camelot fallback) and running text lines."""

from __future__ import annotations

import hashlib
import io
import itertools
import pathlib
import tempfile
from functools import partial
from typing import Any

import pdfplumber

from parsers.errors import ParseError
from parsers.model import Block, Line, OcrReport, Page, Provenance, RawDocument, Table
from parsers.ocr import OcrPage, needs_ocr, ocr_pages
from parsers.pdf_fonts import font_descents, odd_fonts, page_fonts
from parsers.pdf_guard import check_images, check_pdf_limits, open_pdfium
from parsers.pdf_junk import in_margin, is_margin_junk, letterhead_lines, running_keys
from parsers.pdf_reader import check_page, read_pages, same_words
from parsers.pdf_repair import REWRITERS, RepairError
from parsers.pdf_tables import (
    FoundTable,
    PageData,
    PictureReader,
    find_gutter_tables,
    find_plumber_tables,
    picture_cells,
)
from parsers.pdf_text import BBox, Obj, VLine, centre_in, group_lines, horizontal_rules, words_of
from parsers.pdf_unread import unread_rows
from parsers.text_layer import layer_quality
from problems import Problem, guard

MIN_QUALITY = 0.6
MIN_FALLBACK_QUALITY = 0.6  # a camelot table on a page where pdfplumber found none


def _check_bytes(data: bytes) -> None:
    """Reject files that are not PDFs or are cut short."""
    if b"%PDF-" not in data[:1024]:
        raise ParseError("pdf-corrupt", reason="no %PDF- header: not a PDF file")
    if b"%%EOF" not in data[-2048:]:
        raise ParseError("pdf-corrupt", reason="no %%EOF marker at the end: the file is truncated")


def _check_encryption(data: bytes) -> Any:
    """Raise pdf-encrypted when the PDF needs a password to open; the pypdf reader when it opens
    (pypdf is imported only for a file pdfium cannot open)."""
    import pypdf

    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if not reader.is_encrypted or reader.decrypt("") != pypdf.PasswordType.NOT_DECRYPTED:
            check_pdf_limits(reader)  # page cap and image bombs, before any page is read
            return reader
    except ParseError:
        raise
    except pypdf.errors.DependencyError:
        return None  # pypdf lacks a cipher; pdfminer below decides
    except Exception as exc:
        raise ParseError("pdf-corrupt", reason=f"pypdf cannot read it: {exc}") from exc
    raise ParseError("pdf-encrypted", detail="")


def _open(data: bytes) -> Any:
    """Open the bytes with pdfplumber, mapping failures to ParseError."""
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        _ = pdf.pages
    except Exception as exc:
        if "password" in type(exc).__name__.lower() or "encrypt" in str(exc).lower():
            raise ParseError("pdf-encrypted", detail=f" ({exc})") from exc
        raise ParseError("pdf-corrupt", reason=f"pdfminer cannot open it: {exc}") from exc
    return pdf


def looks_tabular(lines: list[VLine]) -> bool:
    """True when many lines split into 3+ word runs that start at shared x positions (a rule-less table)."""
    starts: list[list[float]] = []
    for ln in lines:
        height = max(ln.bottom - ln.top, 4.0)
        words = sorted(ln.words, key=lambda w: w["x0"])
        runs = [words[0]["x0"]] if words else []
        runs += [b["x0"] for a, b in itertools.pairwise(words) if b["x0"] - a["x1"] > 1.5 * height]
        if len(runs) >= 3:
            starts.append(runs)
    if len(starts) < 4:
        return False
    xs = sorted(x for runs in starts for x in runs)
    columns: list[list[float]] = []
    for x in xs:
        if columns and x - columns[-1][-1] <= 6:
            columns[-1].append(x)
        else:
            columns.append([x])
    return sum(1 for c in columns if len(c) >= 4) >= 3


def _overlap_share(a: BBox, b: BBox) -> float:
    """Area of the intersection over the area of the smaller box."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    if w <= 0 or h <= 0:
        return 0.0
    smaller = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1])) or 1.0
    return w * h / smaller


def _camelot(
    path: pathlib.Path,
    page: Any,
    objs: tuple[list[Obj], list[Obj], list[BBox]],
    source: str,
    flavors: tuple[str, ...],
) -> list[FoundTable]:
    """Camelot tables of the page for each flavor in turn (lazy import, only when asked)."""
    from parsers.pdf_camelot import camelot_tables

    out: list[FoundTable] = []
    for flavor in flavors:
        out += camelot_tables(path, page.page_number, flavor, float(page.height), objs, source)
    return out


def _tables(
    path: pathlib.Path,
    page: Any,
    objs: tuple[list[Obj], list[Obj], list[BBox]],
    source: str,
    carried: tuple[float, ...] = (),
    read_picture: PictureReader | None = None,
) -> list[FoundTable]:
    """pdfplumber tables of the page, replaced by camelot's where those score better.

    `carried`: the columns of the rule-less table the page before ended in; `read_picture`: OCR
    for text-less cells holding a picture (`pdf_tables.picture_cells`).
    """
    chars, words, rules = objs
    found = find_plumber_tables(page, chars, words, rules, source, read_picture)
    if not found:
        gutters = [
            f
            for f in find_gutter_tables(page, chars, words, rules, source, carried, read_picture)
            if f.table.quality >= MIN_QUALITY
        ]
        if gutters:
            return gutters
        if not looks_tabular(group_lines(words)):
            return []
        cands = _camelot(path, page, objs, source, ("lattice", "stream"))
        best: list[FoundTable] = []
        for c in sorted(cands, key=lambda c: -c.table.quality):
            if c.table.quality >= MIN_FALLBACK_QUALITY and all(
                _overlap_share(c.bbox, b.bbox) < 0.3 for b in best
            ):
                best.append(c)
        return sorted(best, key=lambda f: f.bbox[1])
    if all(f.table.quality >= MIN_QUALITY for f in found):
        return found
    cands = _camelot(path, page, objs, source, ("lattice", "stream"))
    out: list[FoundTable] = []
    for f in found:
        if f.table.quality < MIN_QUALITY:
            rivals = [c for c in cands if _overlap_share(c.bbox, f.bbox) > 0.6]
            f = max([f, *rivals], key=lambda c: c.table.quality)
        out.append(f)
    return out


def dedupe_chars(chars: list[Obj]) -> list[Obj]:
    """Drop characters printed twice at the same spot (fake bold): one pass, first copy kept.

    pdfplumber's own `dedupe_chars` sorts and clusters every character; this keyed pass is
    several times faster and is what our layouts need (exact overprints).
    """
    seen: set[tuple[str, int, int]] = set()
    out: list[Obj] = []
    for c in chars:
        key = (c["text"], round(c["x0"]), round(c["top"]))
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def _read_page(
    path: pathlib.Path,
    page: Any,
    source: str,
    objs: tuple[list[Obj], list[Obj]],
    found: list[Problem],
    carried: tuple[float, ...] = (),
) -> PageData:
    """Tables and outside-table text lines of one page (`objs`: its chars and words, `_page_objs`;
    `carried`: see trailing_columns). A table finder that fails costs the page its tables (their
    words are read as lines), with a `block-failed` issue, not the document; a picture cell that
    cannot be read costs that cell, with a `cell-failed` issue."""
    chars, words = objs
    rules = horizontal_rules(page)
    tables: list[FoundTable] = []
    if chars:
        kept: list[BBox] = []
        with picture_cells(page, found, kept) as read_picture:
            find = partial(_tables, path, page, (chars, words, rules), source, carried, read_picture)
            tables = guard.block(f"the tables of page {page.page_number}", find, [], found, page.page_number)
            kept += [t.bbox for t in tables]
    outside = [w for w in words if not any(centre_in(w, t.bbox, pad=1.0) for t in tables)]
    return PageData(
        page.page_number, float(page.width), float(page.height), tables, group_lines(outside), rules
    )


def trailing_columns(data: PageData) -> tuple[float, ...]:
    """Columns of a rule-less table the page ends in (only margin lines below it), else ().

    A page break may cut such a table anywhere, and the next page need not repeat its header:
    the rows there take these columns (pdf_gutters.continued_band).
    """
    if not data.tables or not data.tables[-1].columns:
        return ()
    last = data.tables[-1]
    below = [ln for ln in data.lines if ln.top >= last.bbox[3] - 1 and not in_margin(ln, data.height)]
    return () if below else last.columns


def _read_pages(
    path: pathlib.Path,
    sources: list[Any],
    objs: dict[int, tuple[list[Obj], list[Obj]]],
    scanned: dict[int, OcrPage],
    source: str,
    found: list[Problem],
) -> list[PageData]:
    """Every page in order, OCR'd ones from `scanned`; a rule-less table's columns carry to the next page."""
    pages: list[PageData] = []
    carried: tuple[float, ...] = ()
    for p in sources:
        n = p.page_number
        data = scanned.get(n) or _read_page(path, p, source, objs[n], found, carried)
        carried = trailing_columns(data)
        pages.append(data)
    return pages


def ocr_report(data: PageData) -> OcrReport | None:
    """The orientation, skew and confidence OCR found on the page (None for a text-layer page)."""
    if isinstance(data, OcrPage):
        return OcrReport(data.rotation, data.skew, data.confidence, data.words, data.low_resolution)
    return None


def _letterhead(data: PageData) -> tuple[str, ...]:
    """The letterhead lines of the first page, top to bottom."""
    kop = letterhead_lines(data.lines, data.rules, data.width, data.height)
    return tuple(ln.text for i, ln in enumerate(data.lines) if i in kop)


def _blocks(data: PageData, running: set[str], source: str) -> list[Block]:
    """Page blocks in reading order, junk lines dropped, provenance numbered."""
    kop = letterhead_lines(data.lines, data.rules, data.width, data.height) if data.number == 1 else set()
    items: list[tuple[float, VLine | FoundTable]] = [
        (ln.top, ln)
        for i, ln in enumerate(data.lines)
        if i not in kop and not is_margin_junk(ln, data.height, running)
    ]
    items += [(t.bbox[1], t) for t in data.tables]
    items.sort(key=lambda it: it[0])
    blocks: list[Block] = []
    n = 1
    for _, item in items:
        if isinstance(item, VLine):
            blocks.append(Line(text=item.text, prov=Provenance(source, data.number, n), raw=item.text))
            n += 1
        else:
            t: Table = item.table
            t.prov = Provenance(source, data.number, n)
            blocks.append(t)
            n += len(t.rows)
    return blocks


# Refusals a rewrite by another reader may cure; encryption, page caps and missing text it cannot.
REPAIRABLE = frozenset({"pdf-corrupt", "pdf-no-pages"})


def _sources(fast_pdf: Any, plumber_pages: list[Any], how: str) -> list[Any]:
    """The pages to read: pdfium's where it reads the file as pdfminer does (`pdf_reader.py`),
    else pdfplumber's; `how` = "pdfminer" forces pdfplumber's (the reference the tests compare to).

    `fast_pdf`: the document opened by pdfium (None: pdfium cannot open it, pypdf checked it). Every
    page's pictures are checked against the pixel cap here (`pdf_guard`), whoever reads the pages.
    A file with a font whose codes the two libraries may map otherwise (`pdf_fonts.odd_fonts`) has
    one page read both ways (`check_page`); a plain office export's is not (bench/pdf_check_study.py:
    the two readings agree on every page of the fixtures and real PDFs).
    """
    if fast_pdf is None:
        return plumber_pages
    if how == "pdfminer":
        check_images(fast_pdf)
        return plumber_pages
    try:
        fonts = page_fonts(plumber_pages)
        fast = read_pages(fast_pdf, plumber_pages, font_descents(fonts))
    except ParseError:
        raise
    except Exception:  # an odd font or resource dictionary: pdfminer reads the file as before
        check_images(fast_pdf)
        return plumber_pages
    if fast is None:
        return plumber_pages
    if odd_fonts(fonts):
        check = check_page(fast)
        if check is not None and not same_words(fast[check], plumber_pages[check], _words):
            return plumber_pages
    return fast


def _words(page: Any) -> list[Obj]:
    return words_of(dedupe_chars(page.chars))


def _page_objs(page: Any) -> tuple[list[Obj], list[Obj]]:
    """The page's characters without overprints and their words, in one word pass (the tables, the
    lines and the text-layer score all read these: a word printed twice is one word of the text)."""
    chars = dedupe_chars(page.chars)
    return chars, words_of(chars)


def _parse_bytes(path: pathlib.Path, data: bytes, name: str, sha256: str, how: str = "auto") -> RawDocument:
    """Parse PDF bytes (read from `path`, which camelot and OCR open again) into the intermediate model."""
    fast_pdf = open_pdfium(data)  # password and page cap; pypdf checks what pdfium cannot open
    if fast_pdf is None:
        _check_encryption(data)
    try:
        with _open(data) as pdf:
            if not pdf.pages:
                raise ParseError("pdf-no-pages", detail="")
            try:
                sources = _sources(fast_pdf, pdf.pages, how)
                objs = {p.page_number: _page_objs(p) for p in sources}
                layers = {n: layer_quality(w["text"] for w in o[1]) for n, o in objs.items()}
                scanned = [p.page_number for p in sources if needs_ocr(p, layers[p.page_number])]
                ocr = {o.number: o for o in ocr_pages(path, scanned, name)}
                failed: list[Problem] = []
                pages = _read_pages(path, sources, objs, ocr, name, failed)
                failed += [issue for p in pages for issue in unread_rows(p)]
            except ParseError:
                raise
            except Exception as exc:
                raise ParseError("pdf-corrupt", reason=f"a page cannot be read: {exc}") from exc
    finally:
        if fast_pdf is not None:
            fast_pdf.close()
    if not any(p.lines or p.tables for p in pages):
        raise ParseError("pdf-no-text-layer")
    running = running_keys([(p.lines, p.height) for p in pages])
    return RawDocument(
        source_file=name,
        source_sha256=sha256,
        input_format="pdf_ocr" if ocr else "pdf",
        pages=[
            Page(
                number=p.number,
                blocks=_blocks(p, running, name),
                read_by="ocr" if p.number in ocr else "text-layer",
                text_layer_score=layers[p.number].score if layers[p.number].tokens else None,
                ocr=ocr_report(p),
            )
            for p in pages
        ],
        ocr_pages=len(ocr),
        problems=failed,
        letterhead=_letterhead(pages[0]) if pages else (),
    )


def _parse_rewritten(path: pathlib.Path, data: bytes, refusal: ParseError) -> RawDocument:
    """Parse the file as rewritten by pdfium, else by qpdf; reject with what every reader said."""
    sha256 = hashlib.sha256(data).hexdigest()
    said = [f"pdfplumber: {refusal.message}"]
    for reader, rewrite in REWRITERS:
        try:
            fixed = rewrite(data)
        except RepairError as exc:
            said.append(f"{reader}: {exc}")
            continue
        with tempfile.TemporaryDirectory(prefix="pdf-repair-") as tmp:
            fixed_path = pathlib.Path(tmp) / path.name
            fixed_path.write_bytes(fixed)
            try:
                return _parse_bytes(fixed_path, fixed, path.name, sha256)
            except ParseError as err:
                if err.code not in REPAIRABLE:
                    raise
                said.append(f"pdfplumber after the {reader} rewrite: {err.message}")
    readers = "; ".join(said)
    if refusal.code == "pdf-no-pages":
        raise ParseError("pdf-no-pages", detail=f" for any reader ({readers})")
    raise ParseError("pdf-corrupt", reason=readers)


def parse_pdf(path: pathlib.Path, how: str = "auto") -> RawDocument:
    """Parse a digital PDF into the intermediate document model (rewritten first when pdfminer refuses it).

    `how`: "auto" reads pages with pdfium where it gives what pdfminer gives; "pdfminer" never.
    """
    path = pathlib.Path(path)
    data = path.read_bytes()
    _check_bytes(data)
    try:
        return _parse_bytes(path, data, path.name, hashlib.sha256(data).hexdigest(), how)
    except ParseError as err:
        if err.code not in REPAIRABLE:
            raise
        return _parse_rewritten(path, data, err)


class PdfParser:
    """Input parser for digital PDFs."""

    kind: str = "pdf"
    suffixes: tuple[str, ...] = (".pdf",)

    def parse(self, path: pathlib.Path) -> RawDocument:
        """Parse the PDF at path."""
        return parse_pdf(path)
