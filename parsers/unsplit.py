"""Table text a converter ran together into lines that cannot be cut into cells with confidence.

markitdown (pdfminer underneath) prints a table row whose columns it did not recognise as one
line, the cells apart by a double space that justified text inside a cell also leaves. Such a
line is kept as running text, not split at a guess; so is the body of a table under a header the
run-together reader found but could not read with confidence (justified cells leave one word
between gaps), the header itself left as a text line. Each page holding either gets one
`rendering-text-unsplit` issue, so the document is never reported as a clean read.
"""

from __future__ import annotations

from parsers.layout import chunks
from parsers.model import Line, RawDocument
from parsers.runtogether_tables import read_header
from parsers.vocab import renderings
from problems import Problem, problem


def is_unsplit_row(raw: str) -> bool:
    """A line that reads as several table cells run together: enough chunks apart by two or more
    spaces, several of them of more than one word (a justified sentence gives single words)."""
    conf = renderings()["markdown"]
    text = raw.expandtabs()
    parts = [text[a:b] for a, b in chunks(text)]
    if len(parts) < int(conf["unsplit_min_cells"]) or any(":" in p for p in parts[:3]):
        return False  # "Label  :  value" is a profile line, not a row
    phrases = sum(1 for p in parts if " " in p)
    return phrases >= int(conf["unsplit_min_phrases"]) and phrases >= float(
        conf["unsplit_phrase_share"]
    ) * len(parts)


def unsplit_problems(doc: RawDocument) -> list[Problem]:
    """One issue per page with running-text lines that are table rows run together, or the header
    of a table whose rows stayed text."""
    found: list[Problem] = []
    for page in doc.pages:
        text = [b for b in page.blocks if isinstance(b, Line)]
        lines = [b for b in text if is_unsplit_row(b.raw or b.text)]
        lines = lines or [b for b in text if read_header(b.raw or b.text)]  # a header over rows left text
        if lines:
            sample = " ".join(lines[0].text.split())[:60]
            found.append(problem("rendering-text-unsplit", page=page.number, lines=len(lines), sample=sample))
    return found
