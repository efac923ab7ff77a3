"""A table header whose labels a narrow column wrapped, words broken at the cell's edge.

A word processor breaks a header label that does not fit its cell, the word itself too:
"NOM" / "OR", "PENANGGUN" / "G JAWAB". A converter that keeps the cells (markitdown's pipe rows)
gives one row per visual line; one that runs the cells together (markitdown's text lines) gives
the label line and then a line of the pieces left over ("OR JAWAB"). The pieces are put back by
the same word test as a cell's lines (parsers/text_wordbreak.py): only the two pieces together
make a known word. A line is the header's wrapped line only when every word of it is a piece
of a broken word or a header word (structure/data/columns.yaml).
"""

from __future__ import annotations

from parsers.pdf_wordbreak import is_broken_word
from parsers.text_wordbreak import join_broken_texts
from parsers.vocab import fold_header, header_words


def _header_words_only(text: str) -> bool:
    words = fold_header(text).split()
    return bool(words) and all(w in header_words() for w in words)


def text_header_unwrapped(line: str, wrapped: str) -> str | None:
    """The header line `line` with the pieces of its broken words on the line under it put back
    ("NOM SASARAN ... PENANGGUNG" over "OR JAWAB" -> "NOMOR SASARAN ... PENANGGUNG"); None when the
    line under it is no wrapped header line or puts no piece back. The other words of the wrapped
    line are header words whose column the label line already names: they are left out."""
    words = line.split()
    joined = False
    for piece in wrapped.split():
        heads = [k for k, head in enumerate(words) if is_broken_word(head, piece)]
        if len(heads) == 1:
            words[heads[0]] += piece
            joined = True
        elif not _header_words_only(piece):
            return None
    return " ".join(words) if joined else None


def pipe_header_joined(rows: list[list[str]]) -> list[str]:
    """A pipe header's rows (one per visual line, cells by column) joined column by column, a word
    broken at a line end joined again ("PENANGGUN" / "G JAWAB" -> "PENANGGUNG JAWAB")."""
    width = len(rows[0])
    return [" ".join(join_broken_texts([r[c] for r in rows if r[c]])) for c in range(width)]


def continues_pipe_header(rows: list[list[str]], cells: list[str]) -> bool:
    """A pipe row that goes on with the header rows above it: as wide, and with its broken words
    joined to them every word of the header is a header word."""
    if not rows or len(cells) != len(rows[0]) or not any(c.strip() for c in cells):
        return False
    return all(not text.strip() or _header_words_only(text) for text in pipe_header_joined([*rows, cells]))
