"""Evidence per extracted field: how its row was read, how its formula parsed, whether it looks right.

Each field becomes a `FieldEvidence`: named numbers the confidence model (normalizers/confidence.py)
weighs, plus what a curator needs beside a doubtful value (its page, the alternatives the pipeline
had). Structure extraction recorded how the row was read (`structure.evidence.RowEvidence`); this
adds the formula form and the value checks, and nothing here is recomputed by the writer.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from normalizers.formula import FormulaParts, measure_of
from normalizers.wilayah import WilayahLink
from parsers.model import paragraphs_text
from parsers.pdf_wordbreak import is_broken_word
from parsers.vocab import header_column
from structure.evidence import RowEvidence
from structure.header import rank_words, signer_titles
from structure.language import function_words, measure_words
from structure.lists import split_label
from structure.model import Extracted, Header, Indicator
from structure.rows import TEXT_READERS
from vocabulary import load
from vocabulary.schemas import Confidence, Renderings

INDICATOR_FIELDS = (
    "sasaran",
    "indikator",
    "formula",
    "numerator",
    "denominator",
    "multiplier",
    "sumber_data",
    "penanggung_jawab",
)
DOCUMENT_FIELDS = ("nomor", "tahun", "kecamatan", "signer")
# The column a field was read from (its header's exactness is evidence for it).
_COLUMN = {"numerator": "formula", "denominator": "formula", "multiplier": "formula"}
_ENGINES = {
    "pdfplumber": "ruled",
    "camelot-lattice": "ruled",
    "docx": "ruled",
    "gutters": "gutter",
    "camelot-stream": "gutter",
    "ocr-grid": "ocr",
}
_EXACT_FORMS = frozenset({"typeset", "rule", "two_lines"})
_OPEN_END = re.compile(r"[,(/\-+:=—–]\s*$")
# what a person's name is not made of (OCR specks, quotes, digits are counted apart)
_NAME_ODD = re.compile(r"[^\w\s.,'’\-]|_")


@dataclass(frozen=True)
class FieldEvidence:
    """What one field's value rests on: named evidence for the model, and context for a curator."""

    field: str
    value: str  # the value as written to its column (list items joined by "; ")
    features: Mapping[str, float]
    page: int | None = None
    alternatives: tuple[str, ...] = ()  # other readings the pipeline had for this value


@dataclass(frozen=True)
class DocContext:
    """Evidence about the whole document that every field of it shares."""

    formula_gap: float  # share of indicator rows without a formula
    rows_log: float  # log(1 + indicator rows)
    ocr: bool  # some row was read by OCR
    glued: float = 0.0  # share of indicator rows whose indikator reads as two glued together
    flagged: float = 0.0  # share of indicator rows with a red-flagged field (RED_FLAGS): a badly read table
    repeated_formulas: frozenset[str] = frozenset()  # formula cells printed for several rows
    ocr_gap: float = 0.0  # 1 - the lowest mean OCR word confidence of an OCR'd page (0: no OCR)
    low_resolution: bool = False  # some page was OCR'd from a scan sparser than 150 dpi


def doc_context(ex: Extracted) -> DocContext:
    """The document-wide evidence of an extraction."""
    rows = [*ex.iku, *(i for p in ex.positions for i in p.indicators)]
    missing = sum(1 for i in rows if not i.formula_paragraphs)
    ocr = any(i.evidence.ocr_confidence is not None for i in rows)
    glued = sum(1 for i in rows if head_again(i.indikator) or repeated_phrase(i.indikator))
    flagged = sum(1 for i in rows if _row_flagged(i))
    share = (lambda n: n / len(rows)) if rows else (lambda n: 1.0)
    formulas = Counter(paragraphs_text(i.formula_paragraphs) for i in rows if i.formula_paragraphs)
    repeated = frozenset(f for f, n in formulas.items() if n > 1)
    page_conf = ex.ocr_confidence
    ocr_gap = 1.0 - page_conf if page_conf is not None else 0.0
    ocr = ocr or page_conf is not None
    return DocContext(
        share(missing),
        math.log1p(len(rows)),
        ocr,
        share(glued),
        share(flagged),
        repeated,
        ocr_gap,
        ex.ocr_low_resolution,
    )


def _row_flagged(ind: Indicator) -> bool:
    """Some printed text field of the row fails a value check."""
    texts = {"sasaran": ind.sasaran, "indikator": ind.indikator, "sumber_data": ind.sumber_data}
    texts["formula"] = paragraphs_text(ind.formula_paragraphs) or None
    for f, t in texts.items():
        if t:  # the features once per field, not once per flag
            features = text_features(f, t)
            if any(features[k] for k in RED_FLAGS):
                return True
    return False


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def repeated_phrase(text: str) -> bool:
    """A word repeated at once ("DPA DPA") or three words printed twice: rows or cells read as one."""
    words = _words(text)
    if any(a == b and not a.isdigit() for a, b in itertools.pairwise(words)):
        return True
    grams = [tuple(words[i : i + 3]) for i in range(len(words) - 2)]
    return any(g in grams[i + 3 :] for i, g in enumerate(grams))


def repeat_share(text: str) -> float:
    """The share of the value's words that repeat an earlier one ("DPA DPA DPA": 2/3): a merged cell
    read once per row it spans, or rows glued. Words of the language and a reduplicated word
    ("Rupa-Rupa", one word) do not count."""
    tokens = (re.sub(r"^\W+|\W+$", "", t.lower()) for t in text.split())  # "rupa-rupa" is one word
    words = [w for w in tokens if w and not w.isdigit() and w not in function_words()]
    return 1.0 - len(set(words)) / len(words) if words else 0.0


def list_labelled(text: str) -> bool:
    """The value starts with a list label ("3. Desa", "b) Jumlah ..."): a list item or the next
    row's number read into the field, which structure strips from the values it reads as items."""
    label, rest, _ = split_label(text)
    return label is not None and bool(rest)


@cache
def _odd_characters() -> re.Pattern[str]:
    return re.compile(f"[{re.escape(load(Confidence).odd_characters)}]")


@cache
def _odd_in_word() -> re.Pattern[str]:
    odd = re.escape(load(Confidence).odd_characters)
    return re.compile(rf"[^\W_][{odd}]+[^\W_]")


def odd_in_word(text: str) -> bool:
    """An odd character between two letters or digits ("D?A", "Pe|ayanan"): a letter OCR could not
    read, never a printed one; a symbol standing apart ("> Desa", a quote's mark) is not this."""
    return bool(_odd_in_word().search(text))


def stray_numbers(text: str) -> bool:
    """Two or more bare numbers standing as words of their own ("1 2 peternakan kelompok",
    "% 28 30 38"): row numbers or target values of other columns read into a text value."""
    return sum(1 for t in text.split() if t.isdigit()) >= 2


def broken_word(text: str) -> bool:
    """A piece of a word cut at a narrow cell's line end standing as a word of its own, after a
    word ("Meningkatn ya", "Pembangun an"): the two pieces together make a known word and one alone
    does not (the test the PDF reader joins such pieces by, parsers/pdf_wordbreak.py)."""
    tokens = text.split()
    return any(is_broken_word(a, b) for a, b in itertools.pairwise(tokens))


def caps_run(text: str) -> bool:
    """Two long upper-case words in a row inside a value with lower-case words: header or title
    words read into the cell (confidence.yaml caps_run_letters)."""
    n = load(Confidence).caps_run_letters
    words = [w.strip(".,:;()/") for w in text.split()]
    if not any(w[:1].islower() for w in words):
        return False  # an upper-case value ("DPA KECAMATAN") as printed
    long_caps = [len(w) >= n and w.isalpha() and w.isupper() for w in words]
    return any(a and b for a, b in itertools.pairwise(long_caps))


def head_again(text: str) -> bool:
    """The value's first word, a measure word ("Jumlah"), starts another sentence in it: two values."""
    words = text.split()
    if len(words) < 3 or words[0].lower() not in measure_words():
        return False
    return any(w == words[0] for w in words[2:])


@cache
def _times_words() -> re.Pattern[str]:
    """A multiplication sign followed by a word (confidence.yaml times_words)."""
    signs = "|".join(re.escape(w) for w in sorted(load(Confidence).times_words, key=len, reverse=True))
    return re.compile(rf"\s(?:{signs})\s+[^\W\d_]", re.I)


def _ocr_field_gap(row: RowEvidence, column: str) -> float:
    """1 - the lowest OCR word confidence of the field's own cells (the row's when the column has
    none of its own, 0 when the row was not OCR'd): a garbled word sits in one cell, not the row."""
    own = dict(row.column_ocr).get(column)
    if own is not None:
        return 1.0 - own
    return 1.0 - row.ocr_confidence if row.ocr_confidence is not None else 0.0


def _reader_features(row: RowEvidence, column: str) -> dict[str, float]:
    """How a text rendering's table reader read the row: which reader, and how sure it said it was
    of the row's cells and of the field's own (1 - the lowest confidence it gave them; a
    run-together line placed by guess, or cut by the cell-boundary model with its probability)."""
    reader = TEXT_READERS.get(row.engine)
    conf = row.reader_confidence
    own = dict(row.column_reader).get(column, conf)
    guess = float(load(Renderings).run_together_tables.unsure_confidence)
    return {
        **{f"reader_{r}": float(reader == r) for r in TEXT_READERS.values()},
        "reader_gap": 1.0 - conf if conf is not None else 0.0,
        "reader_field_gap": 1.0 - own if own is not None else 0.0,
        "reader_guess": float(conf is not None and conf <= guess),
        "reader_field_guess": float(own is not None and own <= guess),
        "reader_model_cut": float(reader == "runtogether" and conf is not None and guess < conf < 1.0),
    }


def _row_features(row: RowEvidence, column: str, ctx: DocContext) -> dict[str, float]:
    engine = _ENGINES.get(row.engine, "text")
    return {
        **_reader_features(row, column),
        **{f"engine_{e}": float(engine == e) for e in ("text", "ruled", "gutter", "ocr")},
        "quality_gap": 1.0 - row.table_quality,
        "header_inexact": float(column not in row.exact_headers),
        "voted": float(not row.ruled),
        "weak_vote": float(row.vote_margin is not None and row.vote_margin <= 1),
        "fragments_log": math.log(max(row.fragments, 1)),
        "split": float(row.split),
        "ocr_gap": 1.0 - row.ocr_confidence if row.ocr_confidence is not None else 0.0,
        "ocr_field_gap": _ocr_field_gap(row, column),
        "doc_ocr_gap": ctx.ocr_gap,
        "doc_low_res": float(ctx.low_resolution),
        "across_break": float(row.across_break),
        "restarted": float(row.restarts > 0),
        "restarts_log": math.log1p(row.restarts),
        "doc_formula_gap": ctx.formula_gap,
        "doc_rows_log": ctx.rows_log,
        "doc_glued": ctx.glued,
        "doc_flagged": ctx.flagged,
    }


def text_features(field: str, text: str) -> dict[str, float]:
    """Does the text look like a value of its field: its length and how it starts and ends."""
    words = text.split()
    last = re.sub(r"\W+", "", words[-1].lower()) if words else ""
    limit = load(Confidence).max_words.get(field, 30)
    return {
        "words_log": math.log1p(len(words)),
        "one_word": float(len(words) <= 1),
        "too_long": float(len(words) > limit),
        "starts_lower": float(text[:1].islower()),
        "ends_open": float(bool(_OPEN_END.search(text)) or last in function_words()),
        "names_column": float(len(words) <= 4 and header_column(text) is not None),
        "digit_share": sum(c.isdigit() for c in text) / max(len(text), 1),
        "repeated_phrase": float(repeated_phrase(text)),
        "head_again": float(head_again(text)),
        "starts_measure": float(bool(words) and words[0].lower() in measure_words()),
        "unbalanced": float(text.count("(") != text.count(")")),
        "repeat_share": repeat_share(text),
        "list_label": float(list_labelled(text)),
        "odd_chars": float(bool(_odd_characters().search(text))),
        "odd_in_word": float(odd_in_word(text)),
        "stray_numbers": float(stray_numbers(text)),
        "broken_word": float(broken_word(text)),
        "caps_run": float(caps_run(text)),
    }


# The value checks that say a value was misread (its row glued to another, a cell cut short).
RED_FLAGS = (
    "repeated_phrase",
    "head_again",
    "starts_lower",
    "ends_open",
    "unbalanced",
    "too_long",
    "list_label",
    "odd_chars",
    "odd_in_word",
    "broken_word",
    "caps_run",
)


def _form_features(parts: FormulaParts) -> dict[str, float]:
    form = parts.form or "text"
    return {
        "form_exact": float(form in _EXACT_FORMS),
        "form_typed": float(form not in _EXACT_FORMS and form != "text"),
        "form_none": float(form == "text"),
    }


def _indicator_values(ind: Indicator, parts: FormulaParts) -> dict[str, str | int | None]:
    return {
        "sasaran": ind.sasaran,
        "indikator": ind.indikator,
        "formula": parts.formula,
        "numerator": parts.numerator,
        "denominator": parts.denominator,
        "multiplier": parts.multiplier,
        "sumber_data": ind.sumber_data,
        "penanggung_jawab": "; ".join(ind.penanggung_jawab) or None,
    }


def _alternatives(field: str, ind: Indicator, parts: FormulaParts) -> tuple[str, ...]:
    """Other readings of a value: the formula cell as printed for the formula and its parts."""
    cell = paragraphs_text(ind.formula_paragraphs)
    if field in ("formula", "numerator", "denominator", "multiplier") and cell and cell != parts.formula:
        return (cell,)
    return ()


def _ratio_missing(ind: Indicator, parts: FormulaParts) -> bool:
    """A persentase / rasio indicator whose formula gave no ratio: its formula was likely misread."""
    return parts.numerator is None and measure_of(ind.indikator, parts) == "persentase"


def _bare(indikator: str) -> bool:
    """An indikator of at most three words that names no measure: a sub-item more than an indicator."""
    words = indikator.split()
    return len(words) <= 3 and not (words and words[0].lower() in measure_words())


def indicator_evidence(ind: Indicator, parts: FormulaParts, ctx: DocContext) -> tuple[FieldEvidence, ...]:
    """The evidence of every field of one indicator row that has a value."""
    values = {f: v for f, v in _indicator_values(ind, parts).items() if v is not None and v != ""}
    checks = {f: text_features(f, str(v)) for f, v in values.items() if f != "multiplier"}
    flagged = {f for f, c in checks.items() if any(c[k] for k in RED_FLAGS)}
    out: list[FieldEvidence] = []
    for field, value in values.items():
        features = _row_features(ind.evidence, _COLUMN.get(field, field), ctx)
        # a row with a misread field is often misread as a whole (glued to its neighbour)
        features["row_flags"] = float(len(flagged - {field}))
        features["ratio_missing"] = float(_ratio_missing(ind, parts))
        # the same formula cell under several rows, a bare indikator: a list of sub-items read as rows
        features["formula_repeated"] = float(paragraphs_text(ind.formula_paragraphs) in ctx.repeated_formulas)
        features["indikator_bare"] = float(_bare(ind.indikator))
        if field in ("formula", "numerator", "denominator", "multiplier"):
            features.update(_form_features(parts))
        if field == "multiplier":
            features["unusual"] = float(value not in load(Confidence).usual_multipliers)
        features.update(checks.get(field, {}))
        # how many of the value's own checks failed: one weight for all of them, so a check the fit
        # rarely sees fail (a repeated or list-labelled value) still counts by what the others teach
        features["own_flags"] = float(sum(bool(checks.get(field, {}).get(k)) for k in RED_FLAGS))
        # the field's own cell was cut by a page break and joined again (not just its row)
        features["cell_across_break"] = float(_COLUMN.get(field, field) in ind.evidence.break_columns)
        if field in ("numerator", "denominator"):
            features["parts_equal"] = float(parts.numerator == parts.denominator)
            features["times_words"] = float(bool(_times_words().search(str(value))))
        if field == "sasaran":
            features["sasaran_joined"] = float(ind.evidence.sasaran_joined)
        if field == "penanggung_jawab":
            features["item_comma"] = float(any("," in item for item in ind.penanggung_jawab))
        alternatives = _alternatives(field, ind, parts)
        out.append(FieldEvidence(field, str(value), features, ind.page, alternatives))
    return tuple(out)


def _years(text: str) -> list[int]:
    low, high = load(Confidence).years
    return [int(y) for y in re.findall(r"(?<!\d)(\d{4})(?!\d)", text) if low <= int(y) <= high]


def _nomor_features(nomor: str, tahun: int | None) -> dict[str, float]:
    words = set(re.findall(r"[a-z]+", nomor.lower()))
    years = _years(nomor)
    return {
        "nomor_law": float(bool(words & set(load(Confidence).law_words))),
        "nomor_no_digit": float(not re.search(r"\d", nomor)),
        "nomor_no_slash": float("/" not in nomor),
        "nomor_year_off": float(bool(years) and tahun is not None and tahun not in years),
    }


def _signer_features(name: str, nip: str | None) -> dict[str, float]:
    words = name.split()
    folded = {w.strip(".,").lower() for w in words}
    return {
        "signer_no_nip": float(nip is None or len(re.sub(r"\D", "", nip)) != 18),
        "signer_words_odd": float(not 2 <= len(words) <= load(Confidence).max_words["signer"]),
        "signer_has_digit": float(bool(re.search(r"\d", name))),
        # a rank ("Pembina Utama Muda") or a title ("CAMAT ...") read in the name's place
        "signer_rank_words": float(bool(folded & rank_words())),
        "signer_title_word": float(bool(words) and words[0].strip(".,").lower() in signer_titles()),
        "signer_odd_chars": float(bool(_NAME_ODD.search(name))),
        "signer_short_word": float(any(len(w.strip(".,")) == 1 and w[-1:] != "." for w in words)),
        "signer_office_words": float(bool(folded & set(load(Confidence).office_words))),
        "signer_degree": float(_has_degree(name)),
    }


def _has_degree(name: str) -> bool:
    """A degree or honorific among the name's parts ("Dr.Ir. DEWI SARTIKA, M.Si", "ABAI SALEH, S.Sos.")."""
    parts = {
        p.strip(" .").lower() for p in re.split(r"[\s,]+|(?<=\.)(?=[A-Za-z]{2,}\.)", name) if p.strip(" .")
    }
    return bool(parts & set(load(Confidence).name_degrees))


def _tahun_features(h: Header) -> dict[str, float]:
    low, high = load(Confidence).years
    found = str(h.tahun)
    return {
        "tahun_out": float(h.tahun is None or not low <= h.tahun <= high),
        "tahun_in_nomor": float(bool(h.nomor) and found in _years_text(h.nomor)),
        "tahun_in_date": float(bool(h.tempat_tanggal) and found in _years_text(h.tempat_tanggal)),
        "tahun_in_title": float(bool(h.title) and found in _years_text(h.title)),
    }


def _years_text(text: str | None) -> set[str]:
    return {str(y) for y in _years(text or "")}


def _doc_base(field: str, ctx: DocContext) -> dict[str, float]:
    return {
        **{f"field_{f}": float(f == field) for f in DOCUMENT_FIELDS},
        "doc_ocr": float(ctx.ocr),
        "doc_ocr_gap": ctx.ocr_gap,
        "doc_low_res": float(ctx.low_resolution),
        "doc_formula_gap": ctx.formula_gap,
        "doc_flagged": ctx.flagged,
    }


def document_evidence(h: Header, link: WilayahLink, ctx: DocContext) -> tuple[FieldEvidence, ...]:
    """The evidence of the document fields nomor, tahun, kecamatan and signer that have a value."""
    out: list[FieldEvidence] = []
    if h.nomor:
        features = {**_doc_base("nomor", ctx), **_nomor_features(h.nomor, h.tahun)}
        out.append(FieldEvidence("nomor", h.nomor, features))
    if h.tahun is not None:
        features = {**_doc_base("tahun", ctx), **_tahun_features(h)}
        out.append(FieldEvidence("tahun", str(h.tahun), features))
    if h.kecamatan:
        score = link.score if link.score is not None else 0.0
        features = {
            **_doc_base("kecamatan", ctx),
            "kecamatan_unlinked": float(link.kode_kecamatan is None),
            "kecamatan_gap": 1.0 - score / 100.0,
        }
        candidates = tuple(c.label() for c in link.candidates)
        out.append(FieldEvidence("kecamatan", h.kecamatan, features, alternatives=candidates))
    if h.signer_name:
        features = {**_doc_base("signer", ctx), **_signer_features(h.signer_name, h.signer_nip)}
        out.append(FieldEvidence("signer", h.signer_name, features))
    return tuple(out)


def alternative_evidence(
    h: Header, link: WilayahLink, ctx: DocContext, field: str, value: str | int
) -> FieldEvidence | None:
    """The evidence a document field would have had with another value in its place (a reading the
    pipeline had and did not take): what tools.calibrate labels against the gold as a fit sample."""
    if field == "tahun" and isinstance(value, int):
        other = dataclasses.replace(h, tahun=value)
    elif field == "nomor" and isinstance(value, str):
        other = dataclasses.replace(h, nomor=value)
    elif field == "signer" and isinstance(value, str):
        other = dataclasses.replace(h, signer_name=value)
    else:
        return None
    return next((ev for ev in document_evidence(other, link, ctx) if ev.field == field), None)
