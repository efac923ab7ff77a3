"""Formula cell paragraphs -> formula text and parts (numerator, denominator, multiplier).

Fractions arrive as `Fraction` paragraphs (typeset LaTeX, or a bar drawn in a PDF / scan), as a
rule of dashes typed in a text rendering (numerator line, rule, denominator line), as two lines
with the multiplier beside the bar, or as "A : B x 100%".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from parsers.markup import collapse
from parsers.model import Fraction, Paragraph, paragraph_text
from vocabulary import load
from vocabulary.schemas import Formula, Language

_SUM = re.compile(r"(?<=[\w)%])\s+(?=[∑Σ])")
# "A : B"; B may be a bare count ("(A + B) : 2", an average of two) under a numerator of several words
_COLON_RATIO = re.compile(r"^(?P<a>[^:]{3,}?)\s+:\s+(?P<b>[^:]{3,}|\d{1,3})$")
_COLON_TERMS = re.compile(r"^(?P<a>[^:]{2,}?)\s+:\s+(?P<b>[^:]{2,}|\d{1,3})$")  # short terms, when framed
_LEAD_JUNK = re.compile(r"^[\s=\-–•]+")


# How a formula was read, most exact first: evidence for the confidence model ("text" matched no ratio).
FORMS = ("typeset", "rule", "two_lines", "words", "slash", "sum", "colon", "text")


@dataclass(frozen=True)
class FormulaParts:
    formula: str | None = None
    numerator: str | None = None
    denominator: str | None = None
    multiplier: int | None = None
    catatan: str | None = None
    form: str | None = None  # the form the parse matched (FORMS); None for an empty cell


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    vocab = load(Formula)
    return re.compile(vocab.multiplier_pattern), re.compile(vocab.rule_pattern)


def find_multiplier(text: str) -> int | None:
    m = _patterns()[0].search(text)
    if not m:
        return None
    value = next(g for g in m.groups() if g)
    return int(value.replace(".", ""))


def strip_multiplier(text: str) -> str:
    return collapse(_patterns()[0].sub("", text)).rstrip(" xX×*")


def _clean(p: Paragraph) -> str:
    return collapse(_LEAD_JUNK.sub("", paragraph_text(p)))


def _same(a: str, b: str) -> bool:
    norm = lambda s: re.sub(r"\W+", " ", s.lower()).strip()  # noqa: E731
    return norm(a) == norm(b)


def _from_typeset(paras: list[Paragraph]) -> FormulaParts | None:
    """A typeset fraction: its exact parts; what follows its paragraph is a note (catatan)."""
    idx = next((i for i, p in enumerate(paras) if isinstance(p, Fraction) and not p.drawn), None)
    if idx is None:
        return None
    frac = paras[idx]
    assert isinstance(frac, Fraction)
    num, den = collapse(frac.numerator), collapse(frac.denominator)
    before, after = frac.before, frac.after
    lead = [_clean(p) for p in paras[:idx]]
    if _same(num, den) and lead:
        num = lead.pop()  # garbled: the real numerator is the paragraph printed before the bar
    if find_multiplier(den) and not strip_multiplier(den) and collapse(after):
        den, after = collapse(after), den  # garbled: multiplier under the bar, denominator after it
    multiplier = find_multiplier(after)
    tail = collapse(after)
    text = collapse(" ".join([*lead, _clean(before), f"{num} / {den}", tail]))
    rest = [_clean(p) for p in paras[idx + 1 :] if _clean(p)]
    return FormulaParts(
        formula=_LEAD_JUNK.sub("", text) or None,
        numerator=num or None,
        denominator=den or None,
        multiplier=multiplier,
        catatan=" ".join(rest) or None,
    )


def _split_lead(text: str) -> tuple[str, str]:
    """ "IKM = Total A" -> ("IKM =", "Total A"): a left-hand side printed before the numerator."""
    head, eq, rest = text.rpartition("=")
    return (f"{head}{eq}".strip(), rest.strip()) if eq and rest.strip() else ("", text)


def _around_bar(paras: list[Paragraph]) -> tuple[list[str], list[str]] | None:
    """The paragraphs above and below the first bar: a drawn Fraction's, or a typed rule's."""
    rule = _patterns()[1]
    texts = [paragraph_text(p) for p in paras]
    for i, p in enumerate(paras):
        if isinstance(p, Fraction):  # text beside a drawn bar sits on its first / last line
            lead, numerator = texts[:i], collapse(f"{p.before} {p.numerator}")
            if lead and numerator[:1].islower() and not lead[-1].rstrip().endswith((".", ":", "=", ";")):
                # a numerator cut by a page break: its first lines end the paragraph before the bar
                lead, numerator = lead[:-1], collapse(f"{lead[-1]} {numerator}")
            return [*lead, numerator], [
                collapse(f"{p.denominator} {p.after}"),
                *texts[i + 1 :],
            ]
        m = rule.search(p)
        if not m:
            continue
        above = [*texts[:i], p[: m.start()]] if p[: m.start()].strip() else texts[:i]
        below = [p[m.end() :], *texts[i + 1 :]] if p[m.end() :].strip() else texts[i + 1 :]
        return above, below
    return None


def _from_rule(paras: list[Paragraph]) -> FormulaParts | None:
    """A drawn fraction: the line above the bar is the numerator, the line below the denominator."""
    sides = _around_bar(paras)
    if sides is None:
        return None
    above, below = sides
    lead_paras, num_text = above[:-1], (above[-1] if above else "")
    lead, num = _split_lead(num_text)
    den = below[0] if below else ""
    tail_text = collapse(" ".join(below[1:]))
    multiplier = find_multiplier(" ".join([num, den, tail_text]))
    num, den = strip_multiplier(num), strip_multiplier(den)
    if multiplier:
        tail_text = strip_multiplier(tail_text)
    # "(" printed before the numerator and ")" after the denominator bracket the whole fraction
    bracketed = den and num.count("(") > num.count(")") and den.count(")") > den.count("(")
    if bracketed:
        num, den = _unwrap(num), _unwrap(den)
    body = (f"({num} / {den})" if bracketed else f"{num} / {den}") if den else num
    text = collapse(" ".join([*lead_paras, lead, body, tail_text]))
    if multiplier:
        text += f" x {multiplier}%"
    return FormulaParts(_clean(text) or None, num or None, den or None, multiplier if den else None)


def _from_two_lines(paras: list[str]) -> FormulaParts | None:
    """Numerator line carrying 'x 100%' beside the bar, denominator on the next line."""
    if len(paras) != 2:
        return None
    first, second = paras
    multiplier = find_multiplier(first)
    if not multiplier or find_multiplier(second) or not re.search(r"[xX×]\s*100\s*%?\s*$", first):
        return None
    num, den = strip_multiplier(first), collapse(second)
    return FormulaParts(f"{num} / {den} x {multiplier}%", num, den, multiplier)


def _from_words(text: str) -> FormulaParts | None:
    """ "A dibagi B dikalikan 100": a fraction written out in words."""
    parts = re.split(load(Formula).ratio_words_pattern, text, flags=re.I)
    if len(parts) != 2 or not all(p.strip() for p in parts):
        return None
    multiplier = find_multiplier(parts[1])
    # "Rata-rata X, yakni A dibagi B": the words before 'yakni' name the measure, A is the numerator
    lead = re.split(load(Formula).ratio_lead_pattern, parts[0], flags=re.I)[-1]
    numerator = collapse(lead).strip(" ,:") or collapse(parts[0])
    return FormulaParts(text, numerator, strip_multiplier(parts[1]), multiplier)


def _unwrap(text: str) -> str:
    """ "(A / B)" -> "A / B"; also a lone ")" closing what was never opened ("A / B) x 25")."""
    text = text.strip()
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1].strip()
    if text.endswith(")") and text.count(")") > text.count("("):
        text = text[:-1].strip()
    if text.startswith("(") and text.count("(") > text.count(")"):
        text = text[1:].strip()
    return text


def _from_slash(body: str) -> tuple[str, str] | None:
    """ "UHH = (Lo/Lx)", "(Σ A / Σ B )": a ratio typed with a slash -> (numerator, denominator).

    A slash between words ("Kabupaten/Kota") is no bar: it must have spaces around it, or be the
    only slash of a parenthesised pair of short terms. Several slashes (a sum of ratios) are no ratio.
    """
    _lead, rhs = _split_lead(body)
    inner = _unwrap(rhs)
    parts = re.split(r"\s+/\s+", inner)
    if len(parts) == 2 and all(p.strip() for p in parts):
        return collapse(parts[0]), collapse(
            parts[1]
        )  # one spaced bar ("lembaga/instansi" in a part is a word pair)
    if rhs.strip().startswith("(") and inner.count("/") == 1:
        parts = inner.split("/")
    if len(parts) != 2 or not all(p.strip() for p in parts):
        return None
    return collapse(parts[0]), collapse(parts[1])


def _from_inline(text: str) -> FormulaParts | None:
    words = _from_words(text)
    if words is not None:
        return replace(words, form="words")
    multiplier = find_multiplier(text)
    body = strip_multiplier(text) if multiplier else text
    slash = _from_slash(body)
    if slash is not None:
        return FormulaParts(text, slash[0], slash[1], multiplier, form="slash")
    parts = [collapse(p) for p in _SUM.split(body) if collapse(p)]
    deduped = [p for i, p in enumerate(parts) if i == 0 or not _same(p, parts[i - 1])]
    if len(deduped) == 2:
        num, den = deduped
        text = f"{num} / {den}" + (f" x {multiplier}%" if multiplier else "")
        return FormulaParts(text, num, den, multiplier, form="sum")
    inner = _unwrap(_split_lead(body)[1])
    framed = inner != body.strip()  # "UHH = ( Lo : Lx )": a left-hand side or brackets mark a formula
    m = (_COLON_TERMS if framed else _COLON_RATIO).match(inner) or _COLON_RATIO.match(body)
    if not m or m.group("b").rstrip().endswith(":") or re.match(r"\(?[a-zA-Z1-9][.)]\s", m.group("b")):
        return None  # "lead : a. item b. item" is a list, not a ratio
    if m.group("b").isdigit() and len(m.group("a").split()) < 2:
        return None  # "Tahap : 2" is a label and its value
    return FormulaParts(text, collapse(m.group("a")), collapse(m.group("b")), multiplier, form="colon")


def _kept(p: Paragraph) -> Paragraph | None:
    """A paragraph that says something (a word, a fraction, a typed rule), collapsed; else None."""
    if isinstance(p, Fraction):
        return p if re.search(r"\w", p.text) else None
    text = collapse(p)
    return text if re.search(r"\w", text) or _patterns()[1].search(text) else None


def parse_formula(paragraphs: Sequence[Paragraph]) -> FormulaParts:
    """Formula paragraphs (one per printed line or cell paragraph) -> FormulaParts."""
    paras = [k for k in (_kept(p) for p in paragraphs) if k is not None]
    if not paras:
        return FormulaParts()
    for form, reader in (("typeset", _from_typeset), ("rule", _from_rule)):
        parts = reader(paras)
        if parts is not None:
            return replace(parts, form=form)
    texts = [paragraph_text(p) for p in paras]  # no fraction is left past the two readers above
    two_lines = _from_two_lines(texts)
    if two_lines is not None:
        return replace(two_lines, form="two_lines")
    text = _clean(" ".join(texts))
    inline = _from_inline(text)
    if inline is not None:
        return inline
    return FormulaParts(formula=text or None, multiplier=find_multiplier(text), form="text")


def measure_of(indikator: str, parts: FormulaParts) -> str:
    """persentase | jumlah | rata_rata | indeks | nilai | lainnya: the earliest measure word decides."""
    head = indikator.lower()[:60]
    found: list[tuple[int, str]] = []
    for rule in load(Language).measures:
        for k in rule.keywords if rule.measure else ():
            m = re.search(rf"(?<!\w){re.escape(k)}(?!\w)", head)
            if m:
                found.append((m.start(), rule.measure))
    if found:
        return min(found)[1]
    return "persentase" if parts.multiplier == 100 else "lainnya"
