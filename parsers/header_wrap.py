"""A table header whose labels a narrow column wrapped, words broken at the cell's edge.

A word processor breaks a header label that does not fit its cell, the word itself too:
"NOM" / "OR", "PENANGGUN" / "G JAWAB". A converter that keeps the cells (markitdown's pipe rows)
gives one row per visual line; one that runs the cells together (markitdown's text lines) gives
the label line and then a line of the pieces left over ("OR JAWAB"). The pieces are put back by
the same word test as a cell's lines (parsers/text_wordbreak.py): only the two pieces together
make a known word. A line is the header's wrapped line only when every word of it is a piece
of a broken word or a header word (structure/data/columns.yaml).

A column narrower than any of its label's letters gets the label one letter a line ("N" / "O" /
"M" / "O" / "R"): a converter puts the letters at the start of the next column's cells
("| N SASARAN |", "| O KINERJA |", "| M |") and on text lines of their own ("O", "R"). The
letters that open one column's cells on successive header lines are read as a label of their
own when they spell a header label (`stacked_label`).
"""

from __future__ import annotations

import re

from parsers.pdf_wordbreak import is_broken_word
from parsers.text_wordbreak import join_broken_texts
from parsers.vocab import fold_header, header_column, header_words


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


_LETTER = re.compile(r"^([A-Z])(?:\s+|$)")
_MIN_START = 4  # letters of a header word's start left on a row before its broken-off piece


def stacked_letters(rows: list[list[str]], least: int = 2) -> list[str]:
    """Per column, the single capital letters that open its cell on the header rows, from the
    first row on while every row has one ("N SASARAN", "O KINERJA", "M" -> "NOM"); "" for a
    column with fewer than `least`."""
    out: list[str] = []
    for c in range(len(rows[0])):
        letters = ""
        for row in rows:
            m = _LETTER.match(row[c].strip()) if c < len(row) else None
            if m is None:
                break
            letters += m.group(1)
        out.append(letters if len(letters) >= least else "")
    return out


def without_letters(rows: list[list[str]], letters: list[str]) -> list[list[str]]:
    """The header rows with each column's stacked letters taken off its cells."""
    out = [list(r) for r in rows]
    for c, stack in enumerate(letters):
        for k in range(len(stack)):
            out[k][c] = _LETTER.sub("", out[k][c].strip(), count=1)
    return out


def letter_line(line: str) -> str | None:
    """The letter of a text line that goes on with a stacked label under the header rows: one
    capital letter, alone or before header words ("R", "O KINERJA"); None otherwise."""
    m = _LETTER.match(line.strip())
    if m is None:
        return None
    rest = line.strip()[m.end() :]
    return m.group(1) if not rest or _header_words_only(rest) else None


def stacked_label(letters: str) -> str | None:
    """The header label a column's stacked letters spell ("NOMOR"), or None."""
    return letters if len(letters) >= 2 and header_column(letters) is not None else None


def opens_stack(cells: list[str]) -> bool:
    """A pipe header row whose cells are header words once one column's opening capital letter is
    taken off ("| N SASARAN | INDIKATOR |"): it may open a label stacked letter by letter."""
    letters = stacked_letters([cells], least=1)
    if sum(1 for stack in letters if stack) != 1:
        return False
    rest = without_letters([cells], letters)[0]
    return all(not t.strip() or _header_words_only(t) for t in rest) and any(t.strip() for t in rest)


def pipe_header_joined(rows: list[list[str]]) -> list[str]:
    """A pipe header's rows (one per visual line, cells by column) joined column by column, a word
    broken at a line end joined again ("PENANGGUN" / "G JAWAB" -> "PENANGGUNG JAWAB"), stacked
    letters left out."""
    width = len(rows[0])
    rows = without_letters(rows, stacked_letters(rows))
    return [
        " ".join(header_pieces_joined(join_broken_texts([r[c] for r in rows if r[c]]))) for c in range(width)
    ]


def header_pieces_joined(lines: list[str]) -> list[str]:
    """A header cell's lines with a header word broken over two of them joined ("PENANG" / "GUNG"):
    the two pieces together make a header word, the first alone does not (the general word test
    of `join_broken_texts` leaves a piece that is a word of its own, "penang")."""
    out: list[str] = []
    for line in lines:
        if out and out[-1].split() and line.split():
            head, tail = out[-1].split()[-1], line.split()[0]
            if fold_header(head) not in header_words() and fold_header(head + tail) in header_words():
                out[-1] = out[-1] + line.split(" ", 1)[0]
                rest = line.strip().partition(" ")[2]
                if rest:
                    out.append(rest)
                continue
        out.append(line)
    return out


def continues_pipe_header(rows: list[list[str]], cells: list[str]) -> bool:
    """A pipe row that goes on with the header rows above it: as wide, and with its broken words
    joined to them every word of the header is a header word."""
    if not rows or len(cells) != len(rows[0]) or not any(c.strip() for c in cells):
        return False
    return all(not text.strip() or _header_words_open(text) for text in pipe_header_joined([*rows, cells]))


def _header_words_open(text: str) -> bool:
    """Header words, the last of which may be a header word's start broken off at the cell's edge
    ("UNIT PENANGGUN": its piece "G" on the next row)."""
    words = fold_header(text).split()
    if not words or not all(w in header_words() for w in words[:-1]):
        return False
    last = words[-1]
    return last in header_words() or (
        len(last) >= _MIN_START and any(w.startswith(last) for w in header_words())
    )
