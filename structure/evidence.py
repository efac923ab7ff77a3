"""What the reading of an indicator row rests on, kept as data for the confidence model.

Structure extraction knows how each row was read (which engine built the table, how sure the
header mapping was, whether a rule or a vote cut the rows, whether the row was split out of a
crammed cell, what OCR said about its words) and used to throw it away. `RowEvidence` keeps it
beside the row; `normalizers.confidence` turns it, with what normalisation adds, into a
calibrated confidence per field.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RowEvidence:
    """How one indicator row was read (shared by the fields of the row)."""

    engine: str = "text"  # the table engine that built the cell grid (table_reports.engine)
    table_quality: float = 1.0  # the table's parsing-report quality 0..1 (lowest of stitched tables)
    exact_headers: frozenset[str] = frozenset()  # columns whose header cell is exactly a known header
    ruled: bool = False  # rows cut by the table's rules (one physical row is one printed row)
    vote_margin: int | None = None  # weakest |vote| that cut or joined its visual lines (None: ruled)
    fragments: int = 1  # physical rows joined into this row
    split: bool = False  # one of several indicators cut out of one crammed cell
    ocr_confidence: float | None = None  # lowest OCR word confidence of its cells (None: not OCR'd)
    column_ocr: tuple[tuple[str, float], ...] = ()  # (column, lowest OCR word confidence of its cells)
    across_break: bool = False  # the row goes on across a page / table break
    break_columns: frozenset[str] = frozenset()  # columns whose cell has text on both sides of that break
    sasaran_joined: bool = False  # its sasaran was joined from fragments printed beside several rows
    # A text rendering's table reader says how sure it was of a cell in the cell's confidence (no
    # OCR there): the cell-boundary model's probability of the cut it made, a guessed placement
    # of a run-together line (parsers/runtogether_tables.py), a pipe table's irregular grid
    # (parsers/markdown.py). Kept apart from OCR's word confidence.
    reader_confidence: float | None = None  # lowest such confidence of its cells (None: none given)
    column_reader: tuple[tuple[str, float], ...] = ()  # (column, lowest such confidence of its cells)
    # tables of its block (a jabatan's, the IKU's) that started with a header row of their own after
    # running text, once rows were read, up to its own: another jabatan's table whose heading was
    # not read is taken for this one's (and its rows align with no row of this jabatan)
    restarts: int = 0
