"""Tables a converter wrote column by column or in blocks, not row by row.

markitdown's text of a PDF (pdfminer underneath) often prints a table's cells in the order pdfminer
grouped them: all the sasaran cells, then all the indikator cells, or a block of a few columns and
then the next. The header cells then stand each on a line of its own ("Sasaran Strategis",
"Indikator Kinerja" / "Utama", "Sumber Data") instead of side by side on one line, and which cell
belongs to which row cannot be told from the text. Such a page is reported
(`rendering-table-by-column`); its rows are not guessed.
"""

from __future__ import annotations

from collections.abc import Sequence

from parsers.model import Line, Page, RawDocument, Table
from parsers.vocab import fold_header, header_column, header_words
from problems import Problem, problem
from structure.columns import CORE, header_mapping
from vocabulary import load
from vocabulary.schemas import ColumnDump, Renderings

CODE = "rendering-table-by-column"  # the problems this module reports
REBUILT_ENGINE = "column-dump"  # the engine of a table put back from such a page (column_rows.py)
_SAMPLE = 80


def _conf() -> ColumnDump:
    return load(Renderings).column_dump


def _only_header_words(text: str) -> bool:
    words = fold_header(text).split()
    return bool(words) and all(w in header_words() for w in words)


def label_at(lines: Sequence[str], i: int) -> tuple[str, int] | None:
    """(column, lines used) when lines[i] opens a header cell printed on line(s) of its own: one
    line of header words naming a column, or up to `label_max_lines` of them joined ("Penanggung"
    over "Jawab"); None otherwise."""
    joined = ""
    for n in range(_conf().label_max_lines):
        if i + n >= len(lines) or not _only_header_words(lines[i + n]):
            return None
        joined = f"{joined} {lines[i + n].strip()}".strip()
        column = header_column(joined)
        if column is not None:
            return column, n + 1 + _wrapped(lines, i + n + 1, joined, column, _conf().label_max_lines - n - 1)
    return None


def _wrapped(lines: Sequence[str], i: int, label: str, column: str, room: int) -> int:
    """How many lines from lines[i] go on with the label ("Indikator Kinerja" over "Utama"): header
    words naming no column of their own, the label still naming its column with them."""
    used = 0
    while used < room and i + used < len(lines):
        line = lines[i + used].strip()
        if not _only_header_words(line) or header_column(line) is not None:
            break
        label = f"{label} {line}"
        if header_column(label) != column:
            break
        used += 1
    return used


def label_lines(lines: Sequence[str]) -> list[tuple[int, str, str]]:
    """(index, column, text) of every header cell standing on line(s) of its own."""
    found: list[tuple[int, str, str]] = []
    i = 0
    while i < len(lines):
        label = label_at(lines, i)
        if label is None:
            i += 1
            continue
        column, used = label
        found.append((i, column, " ".join(ln.strip() for ln in lines[i : i + used])))
        i += used
    return found


def has_table(page: Page) -> bool:
    """The page has a table whose header was read (its rows were cut into cells); a table put back
    from the page's own header cells does not count, so the cells left by column stay reported."""
    return any(
        isinstance(b, Table)
        and b.engine != REBUILT_ENGINE
        and any(header_mapping(r) is not None for r in b.rows[:3])
        for b in page.blocks
    )


def _page_lines(page: Page) -> list[str]:
    return [b.text for b in page.blocks if isinstance(b, Line) and b.text.strip()]


def page_columns(page: Page) -> list[tuple[str, str]]:
    """(column, header text) of the indicator table this page prints column by column, in print
    order (first time each column is named); [] when the page has none: it has a table read
    row by row, or its lines name fewer than `min_columns` core columns, the indikator one among
    them, each on line(s) of its own (or, a numbered list of indicator names, just a No and an
    Indikator column)."""
    if has_table(page):
        return []
    first: dict[str, str] = {}
    for _i, column, text in label_lines(_page_lines(page)):
        first.setdefault(column, text)
    core = set(first) & set(CORE)
    listed = set(first) == {"no", "indikator"}  # "No" over "Indikator": a numbered list of names
    if "indikator" not in core or (len(core) < _conf().min_columns and not listed):
        return []
    return list(first.items())


def column_dump_problems(doc: RawDocument) -> list[Problem]:
    """One `rendering-table-by-column` issue per page holding a table written column by column."""
    found: list[Problem] = []
    for page in doc.pages:
        columns = page_columns(page)
        if columns:
            sample = " / ".join(text for _c, text in columns)[:_SAMPLE]
            found.append(
                problem("rendering-table-by-column", page=page.number, columns=len(columns), sample=sample)
            )
    return found
