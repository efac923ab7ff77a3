"""Walk a RawDocument in reading order: header zone, profile fields, jabatan blocks, tables.

Each table is attached to the block it sits in (the institution's IKU list before any
jabatan, else the current position) with the MISI/TUJUAN heading above it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from parsers.model import Line, RawDocument, Table, paragraph_text
from parsers.vocab import fold_header, header_column, header_rules, header_words, is_page_number
from structure.language import function_words
from structure.lists import ITEM_LABEL, following_label, lines_to_items
from structure.model import Institution, Position
from structure.rows import TableRef
from vocabulary import load
from vocabulary.schemas import Labels


@cache
def _field_pattern() -> re.Pattern[str]:
    fields = load(Labels).fields.items()
    alts = sorted((a for _, names in fields for a in names), key=len, reverse=True)
    names = "|".join(r"\.?\s*".join(re.escape(w) for w in a.split()) + r"\.?" for a in alts)
    return re.compile(
        rf"^[\s\-*•❖]*(?:\d{{1,2}}\s*[.)]\s*)?(?P<label>{names})(?:\s+(?P<num>\d+))?\s*(?::\s*(?P<value>.*)|$)",
        re.I,
    )


@cache
def _colonless_pattern() -> re.Pattern[str]:
    """A label at the start of a line with its value after it but no colon ("Tugas Pokok melaksanakan")."""
    fields = load(Labels).fields.items()
    alts = sorted((a for _, names in fields for a in names), key=len, reverse=True)
    names = "|".join(r"\.?\s*".join(re.escape(w) for w in a.split()) + r"\.?" for a in alts)
    return re.compile(rf"^[\s\-*•❖]*(?:\d{{1,2}}\s*[.)]\s*)?(?P<label>{names})\s+(?P<value>[^\s:].*)$", re.I)


_LIST_START = re.compile(r"^(?:[a-zA-Z]|\d{1,2})\s*[.)]\s+\S|^[-•❖*]\s*\S")


def colonless_field(text: str) -> str | None:
    """ "Label value" printed without its colon (scans, typed profiles) -> "Label : value", or None.

    Only where it cannot be a sentence: the label printed as a label (capitalised), and either a
    label of several words whose value does not go on with a function word ("Tugas Pokok dan
    Fungsi" is a heading), or a one-word label followed by a list ("Fungsi a. penyelenggaraan").
    """
    m = _colonless_pattern().match(text)
    if m is None or not m.group("label")[:1].isupper():
        return None
    label, value = m.group("label"), m.group("value")
    first = value.split()[0].lower().strip(".,")
    if len(label.replace(".", " ").split()) >= 2:
        if first in function_words() or first in _label_words():
            return None
    elif not _LIST_START.match(value):
        return None
    return f"{text[: m.start('value')].rstrip()} : {value}"


@cache
def _label_words() -> frozenset[str]:
    fields = load(Labels).fields.items()
    return frozenset(w for _, names in fields for a in names for w in a.split())


@cache
def _label_kinds() -> dict[str, str]:
    fields = load(Labels).fields.items()
    return {_label_key(a): kind for kind, names in fields for a in names}


def _label_key(label: str) -> str:
    """A label as the field pattern may have matched it: any case, with or without dots and spaces
    between its words ("Tugas Pokok", "TugasPokok", "Tugas. Pokok")."""
    return "".join(label.lower().replace(".", " ").split())


def _is_heading(text: str) -> bool:
    """A heading line ("INDIKATOR KINERJA UTAMA", "Indikator Kinerja Utama") that carries no content."""
    low = text.lower().strip(" *#")
    if not any(low.startswith(h) for h in load(Labels).headings):
        return False
    return text.upper() == text or len(low.split()) <= 6


def is_table_header_text(text: str) -> bool:
    """A table's column headers written as a line ("SASARAN INDIKATOR KINERJA FORMULASI ...", a
    rule-less table a converter ran into text): its first eight words are header words for three
    in four or more and name three columns or more (structure/data/columns.yaml)."""
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", text)[:8]]
    if len(words) < 3 or 4 * sum(1 for w in words if w in header_words()) < 3 * len(words):
        return False
    folded = f" {fold_header(' '.join(words))} "
    named = {column for column, keywords, _ in header_rules() if any(f" {k} " in folded for k in keywords)}
    return len(named) >= 3


_BOLD_START = re.compile(r"^\s*(?:#+\s*)?\*\*([^*]+)\*\*")


def _opens_with_bold_header(raw: str) -> bool:
    """A line a markdown converter opened with a bold column header ("**Sasaran Strategis**
    Tertib ..."): a table's header cell and the text under it run into one line."""
    m = _BOLD_START.match(raw)
    return m is not None and header_column(m.group(1)) is not None


def _wraps(value: str, nxt: str) -> bool:
    """True when `nxt` is the rest of a value cut at a line end ("... MASYARAKAT DAN" + "KELEMBAGAAN")."""
    words = value.lower().split()
    return (
        bool(words)
        and (words[-1] in function_words() or value.rstrip().endswith((",", "&")))
        and (len(nxt.split()) <= 6)
    )


@dataclass
class Sections:
    header_lines: list[str] = field(default_factory=list)
    tail_lines: list[str] = field(default_factory=list)
    body_lines: list[str] = field(default_factory=list)  # every running-text line, in reading order
    institution: Institution = field(default_factory=Institution)
    positions: list[Position] = field(default_factory=list)
    iku_tables: list[TableRef] = field(default_factory=list)
    position_tables: dict[int, list[TableRef]] = field(default_factory=dict)


@dataclass
class _Pending:
    kind: str
    owner: Position | Institution
    lines: list[str]
    numbered: bool


def _without_label_rest(label: str, value: str) -> str:
    """A value without the rest of its wrapped label that a converter put after it ("Nama Sub. :
    Sub. Bidang Harga Pangan Bidang", the label being "Nama Sub. Bidang")."""
    words = value.split()
    if len(words) < 2:
        return value
    longer = _field_pattern().match(f"{label} {words[-1]} :")
    if longer is None or _label_key(longer.group("label")) != _label_key(f"{label} {words[-1]}"):
        return value
    return " ".join(words[:-1])


class _Walker:
    def __init__(self) -> None:
        self.out = Sections()
        self.pending: _Pending | None = None
        self.started = False
        self.misi: str | None = None
        self.tujuan: str | None = None
        self.text_since_table = False
        self.since_table: list[str] = []  # running text since the last table: the next table's caption
        self.open_jabatan: Position | None = None  # a jabatan value that may wrap onto the next line

    def flush(self) -> None:
        p, self.pending = self.pending, None
        if p is None:
            return
        items = lines_to_items(p.lines)
        if isinstance(p.owner, Position):
            target = p.owner.tugas if p.kind == "tugas" else p.owner.fungsi
            target.extend(items)
            return
        p.owner.duties.setdefault(p.kind, []).extend(items)
        text = " ".join(i.text for i in items) or None
        if p.kind == "misi":
            self.misi, self.tujuan = text, None
        elif p.kind == "tujuan" and (p.numbered or self.misi):
            self.tujuan = text

    def on_field(self, kind: str, value: str, numbered: bool, line: Line) -> None:
        head = self._list_head(value)
        self.flush()
        self.started = True
        if kind == "jabatan":
            opened = Position(jabatan=value.strip(" *:"), page=line.prov.page)
            self.out.positions.append(opened)
            self.open_jabatan = opened
        elif kind == "instansi":
            self.out.institution.instansi = value.strip(" *:") or None
        else:
            position = self.out.positions[-1] if self.out.positions else None
            owner: Position | Institution = (
                position if position and kind in {"tugas", "fungsi"} else (self.out.institution)
            )
            self.pending = _Pending(kind, owner, [*head, value] if value.strip() else head, numbered)

    def _list_head(self, value: str) -> list[str]:
        """A label printed beside the middle of its list ("Fungsi : c. ..." after "a. ..." and
        "b. ..." under the value of the label above): the items before it, taken from the field
        above, whose own value came before them on its label's line."""
        m = ITEM_LABEL.match(value)
        p = self.pending
        if m is None or p is None or m.group(1) in ("a", "1") or not p.lines or ITEM_LABEL.match(p.lines[0]):
            return []
        first = "a" if m.group(1).isalpha() else "1"
        starts = [j for j, t in enumerate(p.lines) if (n := ITEM_LABEL.match(t)) and n.group(1) == first]
        if not starts:
            return []
        j = starts[-1]
        labels = [n.group(1) for t in p.lines[j:] if (n := ITEM_LABEL.match(t))]
        expected = [chr(ord(first) + k) if first == "a" else str(k + 1) for k in range(len(labels))]
        if labels != expected or following_label(labels[-1]) != m.group(1):
            return []
        head, p.lines = p.lines[j:], p.lines[:j]
        return head

    def on_line(self, line: Line) -> None:
        text = line.text.strip()
        self.out.body_lines.append(text)
        m = _field_pattern().match(text) or _field_pattern().match(colonless_field(text) or "")
        if m:
            kind = _label_kinds()[_label_key(m.group("label"))]
            self.on_field(
                kind,
                _without_label_rest(m.group("label"), m.group("value") or ""),
                bool(m.group("num")),
                line,
            )
            return
        self.text_since_table = True
        self.since_table.append(text)
        opened, self.open_jabatan = self.open_jabatan, None
        if opened is not None and self.pending is None and _wraps(opened.jabatan, text):
            opened.jabatan = f"{opened.jabatan} {text.strip(' *')}"
            return
        if _is_heading(text):
            self.flush()
            if not self.started:
                self.out.header_lines.append(text)
            return
        if self.pending is not None and self.pending.kind in {"tugas", "fungsi"}:
            if any(ch.isalpha() for ch in text) and is_page_number(text):
                return  # "Halaman 4" between two items: the list goes on over the page break
            if is_table_header_text(text) or _opens_with_bold_header(line.raw):
                self.flush()  # a table run into text starts here: no more items of the list
        if self.pending is not None:
            self.pending.lines.append(text.lstrip(": ") if text.startswith(":") else text)
        elif not self.started:
            self.out.header_lines.append(text)
        self.out.tail_lines.append(text)

    def on_table(self, table: Table) -> None:
        self.flush()
        self.started = True
        self.out.tail_lines = []
        in_position = bool(self.out.positions)
        context = (None, None) if in_position else (self.misi, self.tujuan)  # MISI/TUJUAN head IKU tables
        caption = tuple(self.since_table[-2:])
        ref = TableRef(table, *context, text_before=self.text_since_table, caption=caption)
        self.text_since_table, self.since_table = False, []
        if in_position:
            self.out.position_tables.setdefault(len(self.out.positions) - 1, []).append(ref)
        else:
            self.out.iku_tables.append(ref)


def _label_table_lines(table: Table) -> list[Line] | None:
    """A profile printed as a table ("Nama Organisasi | : | X") -> its "Label : value" lines."""
    lines: list[Line] = []
    for row in table.rows:
        cells = [c for c in row.cells if c.text.strip(" :")]
        if not cells:
            continue
        if lines and len(row.cells) > 1 and not row.cells[0].text.strip(" :"):
            # nothing in the label column: more of the value above ("a. ..." under "Tugas : X")
            more = [paragraph_text(p) for c in cells for p in (c.paragraphs or (c.text,))]
            lines.extend(Line(t, row.prov) for t in more)
            continue
        label = cells[0].text.strip(" :")
        if not _field_pattern().match(f"{label} :"):
            return lines if lines else None
        value = cells[1:]
        paras = [paragraph_text(p) for c in value for p in (c.paragraphs or (c.text,))]
        first, rest = (paras[0], paras[1:]) if paras else ("", [])
        lines.append(Line(f"{label} : {first}", row.prov))
        lines.extend(Line(p, row.prov) for p in rest)
    return lines or None


def _value_rows(table: Table, open_field: bool) -> list[Line] | None:
    """Rows of a profile table with nothing in the label column, cut off from the label above
    them ("Tugas : X" read as a line, then "| | a. ... |"): more of that label's value."""
    if not open_field or any(len(r.cells) < 2 or r.cells[0].text.strip(" :") for r in table.rows):
        return None
    return [
        Line(paragraph_text(p), r.prov)
        for r in table.rows
        for c in r.cells[1:]
        for p in (c.paragraphs or (c.text,))
    ] or None


def _repair_split_labels(blocks: list[Line | Table]) -> list[Line | Table]:
    """ ": value" followed by "Label more value": a label printed a line below its colon."""
    out: list[Line | Table] = []
    for block in blocks:
        prev = out[-1] if out else None
        head = re.match(r"^([^:]{1,30}?)\s*:\s*(.*)$", prev.text) if isinstance(prev, Line) else None
        if isinstance(block, Line) and isinstance(prev, Line) and head and len(block.text.split()) <= 2:
            label = f"{head.group(1)} {block.text}"  # "Nama : X" + "Organisasi": a label wrapped in two
            if not _field_pattern().match(f"{head.group(1)} :") and _field_pattern().match(f"{label} :"):
                out[-1] = Line(f"{label} : {head.group(2)}", prev.prov, prev.raw)
                continue
        if isinstance(block, Line) and isinstance(prev, Line) and prev.text.startswith(":"):
            m = re.match(r"^(\S+)\s+(.*)$", block.text)
            if m and _field_pattern().match(f"{m.group(1)} :"):
                out[-1] = Line(f"{m.group(1)} {prev.text} {m.group(2)}", prev.prov, prev.raw)
                continue
        out.append(block)
    return out


def split_sections(doc: RawDocument) -> Sections:
    walker = _Walker()
    for block in _repair_split_labels(doc.blocks()):
        if isinstance(block, Table):
            lines = _label_table_lines(block) or _value_rows(block, walker.pending is not None)
            for line in lines or []:
                walker.on_line(line)
            if lines is None:
                walker.on_table(block)
        else:
            walker.on_line(block)
    walker.flush()
    return walker.out
