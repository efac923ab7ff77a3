"""Run-together renderings (markitdown): pipe rows of the page's word columns among visual lines
whose cells are apart by one or two spaces. Indicator tables are read by their header
(parsers/runtogether_tables.py); labels run together are split as in the markdown parser.
"""

from __future__ import annotations

import re

from parsers.column_dump import column_dump_problems
from parsers.column_rows import rebuilt_page
from parsers.layout import chunks
from parsers.markdown import MARKDOWN_READERS, is_separator, markdown_score
from parsers.model import RawDocument, Table
from parsers.runtogether import unrun_lines
from parsers.runtogether_tables import ENGINE, is_framed, read_runtogether_table
from parsers.text import DecodedTextParser, text_to_document
from parsers.unsplit import unsplit_problems
from parsers.vocab import is_page_number, renderings
from problems import Problem, problem

READERS = (read_runtogether_table, *MARKDOWN_READERS)


def runtogether_score(text: str) -> float:
    """Above the markdown score when the pipe tables have markitdown's padded separators and
    other lines hold cells apart by wide gaps; 0 otherwise."""
    padded = re.compile(renderings()["run_together_tables"]["padded_separator"])
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    separators = [ln for ln in lines if is_separator(ln)]
    if not separators or sum(bool(padded.match(s)) for s in separators) < 0.8 * len(separators):
        return 0.0
    gapped = sum(1 for ln in lines if not is_framed(ln) and len(chunks(ln)) >= 2)
    return markdown_score(text) + 0.5 if gapped else 0.0


def fix_lines(lines: list[str]) -> list[str]:
    """A page's lines with run-together labels split (as for markdown), then two things markitdown
    leaves that are not text blanked: the `| --- |` separator under a label row that was made a
    text line ("3. Fungsi : -"), and page numbers ("Halaman 3"): markitdown writes no form
    feeds, so a page's number stands anywhere in the text."""
    out = unrun_lines(lines)
    for i, line in enumerate(out):
        above = next((ln for ln in reversed(out[:i]) if ln.strip()), "")
        if (is_separator(line) and not is_framed(above)) or is_page_number(line):
            out[i] = ""
    return out


class RunTogetherParser(DecodedTextParser):
    """Parser for run-together renderings (markitdown)."""

    kind = "run-together"
    suffixes = (".md", ".markdown", ".txt")

    def sniff(self, text: str) -> float:
        return runtogether_score(text)

    def parse_text(self, text: str, source_file: str, sha256: str) -> RawDocument:
        doc = text_to_document(text, source_file, sha256, READERS, fix_lines)
        doc.pages = [rebuilt_page(page) for page in doc.pages]
        doc.problems.extend(unsplit_problems(doc))
        doc.problems.extend(unsure_problems(doc))
        doc.problems.extend(column_dump_problems(doc))
        return doc


def unsure_problems(doc: RawDocument) -> list[Problem]:
    """One issue per page with run-together table rows whose cells were placed without certainty."""
    low = float(renderings()["run_together_tables"]["unsure_confidence"])
    found: list[Problem] = []
    for page in doc.pages:
        rows = [
            r
            for b in page.blocks
            if isinstance(b, Table) and b.engine == ENGINE
            for r in b.rows
            if any(c.confidence is not None and c.confidence <= low for c in r.cells)
        ]
        if rows:
            sample = " ".join(" ".join(c.text for c in rows[0].cells if c.text).split())[:60]
            found.append(problem("rendering-cells-unsure", page=page.number, rows=len(rows), sample=sample))
    return found
