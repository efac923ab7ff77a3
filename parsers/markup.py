"""Markup in text renderings (markdown, HTML fragments, LaTeX) -> plain paragraphs.

A LaTeX fraction is kept as structure: a paragraph holding ``\\frac{A}{B}`` becomes a
`Fraction` (numerator, denominator, the text before and after it) so the formula normaliser can
read its parts; its plain text reads "A / B".
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from parsers.model import Fraction, Paragraph

LIST_ITEM = "\u2022 "  # an HTML <li> becomes a bullet item

_BLOCK_TAG = re.compile(r"<\s*(/?\s*(p|div|ul|ol|h[1-6])\b[^>]*|br\s*/?)\s*>", re.I)
_LI_OPEN = re.compile(r"<\s*li\b[^>]*>", re.I)
_ANY_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^<>]*>")
_MATH = re.compile(r"\$\$(.+?)\$\$|\$(.+?)\$|\\\((.+?)\\\)|\\\[(.+?)\\\]", re.S)
_SIMPLE_MACROS: tuple[tuple[str, str], ...] = (
    (r"\times", " x "),
    (r"\cdot", " x "),
    (r"\div", " : "),
    (r"\sum", "∑"),
    (r"\Sigma", "∑"),
    (r"\%", "%"),
    (r"\left", ""),
    (r"\right", ""),
    (r"\quad", " "),
    (r"\qquad", " "),
    (r"\,", " "),
    (r"\;", " "),
    (r"\ ", " "),
    (r"\leq", "≤"),
    (r"\geq", "≥"),
    (r"\le", "≤"),
    (r"\ge", "≥"),
)
_TEXT_MACRO = re.compile(r"\\(?:text|mathrm|textbf|mathbf|textit|operatorname)\s*\{")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_EMPH = re.compile(r"(\*\*|__)")
_MD_ITALIC = re.compile(r"(?<![\w*])\*(?!\s)([^*\n]+?)(?<!\s)\*(?![\w*])")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b]+")


def _brace_group(s: str, start: int) -> tuple[str, int] | None:
    """Return (content, index after the closing brace) of the `{...}` group at s[start]."""
    i = start
    while i < len(s) and s[i] == " ":
        i += 1
    if i >= len(s) or s[i] != "{":
        return None
    depth = 0
    for j in range(i, len(s)):
        if s[j] == "{":
            depth += 1
        elif s[j] == "}":
            depth -= 1
            if depth == 0:
                return s[i + 1 : j], j + 1
    return None


def _unwrap_text_macros(s: str) -> str:
    """\\text{x} -> x (brace-aware, repeated until none is left)."""
    while True:
        m = _TEXT_MACRO.search(s)
        if not m:
            return s
        grp = _brace_group(s, m.end() - 1)
        if grp is None:
            return s[: m.start()] + s[m.end() :]
        s = s[: m.start()] + grp[0] + s[grp[1] :]


Segment = str | Fraction  # text or one fraction, in reading order


def _latex_plain(s: str) -> str:
    """LaTeX without fractions -> plain text: symbols for known macros, other macros and braces dropped."""
    for macro, repl in _SIMPLE_MACROS:
        s = s.replace(macro, repl)
    s = re.sub(r"\\[a-zA-Z]+", " ", s)  # unknown macros
    return s.replace("{", "").replace("}", "")


def _fraction_segments(s: str, to_text: Callable[[str], str]) -> list[Segment]:
    """Text around each \\frac{A}{B} (made plain by `to_text`) and the fractions, left to right."""
    out: list[Segment] = []
    while True:
        idx = s.find("\\frac")
        if idx < 0:
            return [*out, to_text(s)]
        num = _brace_group(s, idx + 5)
        den = _brace_group(s, num[1]) if num else None
        if num is None or den is None:
            s = s[:idx] + s[idx + 5 :]  # a \frac without its two groups: the macro is dropped
            continue
        out += [to_text(s[:idx]), Fraction(_part(num[0], to_text), _part(den[0], to_text))]
        s = s[den[1] :]


def _part(s: str, to_text: Callable[[str], str]) -> str:
    """A numerator or denominator as plain text; a fraction nested in it reads "a / b"."""
    return _joined(_fraction_segments(s, to_text))


def _latex_segments(math: str) -> list[Segment]:
    """One LaTeX math fragment -> its text and fractions."""
    return _fraction_segments(_unwrap_text_macros(math), _latex_plain)


def _bare_text(s: str) -> str:
    for macro, rep in ((r"\%", "%"), (r"\times", " x "), (r"\sum", "∑"), (r"\Sigma", "∑")):
        s = s.replace(macro, rep)
    return s


def _math_segments(raw: str) -> list[Segment]:
    """Raw text -> text and fractions: math regions ($...$, \\(...\\)) and bare \\frac read as LaTeX."""
    out: list[Segment] = []
    pos = 0
    for m in _MATH.finditer(raw):
        body = next(g for g in m.groups() if g is not None)
        out += [*_bare_segments(raw[pos : m.start()]), " ", *_latex_segments(body), " "]
        pos = m.end()
    return [*out, *_bare_segments(raw[pos:])]


def _bare_segments(s: str) -> list[Segment]:
    """Text outside math: a few macros made plain; a \\frac written without $ still a fraction."""
    if "\\frac" not in s:
        return [_bare_text(s)]
    return _fraction_segments(_unwrap_text_macros(_bare_text(s)), lambda t: t)


def _html_to_breaks(s: str) -> str:
    s = _LI_OPEN.sub("\n" + LIST_ITEM, s)
    s = _BLOCK_TAG.sub("\n", s)
    s = _ANY_TAG.sub(" ", s)
    return html.unescape(s)


def _markdown_to_plain(s: str) -> str:
    s = _MD_HEADING.sub("", s)
    s = _MD_EMPH.sub("", s)
    return _MD_ITALIC.sub(r"\1", s)


def collapse(s: str) -> str:
    """Collapse runs of whitespace to one space and trim."""
    return _SPACES.sub(" ", s).strip()


def _text(s: str) -> str:
    return collapse(_markdown_to_plain(s))


def _paragraph(segments: list[Segment]) -> Paragraph | None:
    """The segments of one paragraph -> plain text, or its first fraction with the text around it."""
    first = next((i for i, seg in enumerate(segments) if isinstance(seg, Fraction)), None)
    if first is None:
        text = _text(_joined(segments))
        return text if text and text != LIST_ITEM.strip() else None
    frac = segments[first]
    assert isinstance(frac, Fraction)
    before, after = _text(_joined(segments[:first])), _text(_joined(segments[first + 1 :]))
    return Fraction(_text(frac.numerator), _text(frac.denominator), before, after)


def _joined(segments: list[Segment]) -> str:
    """Segments as one text; a further fraction of the paragraph reads "A / B" (one per paragraph)."""
    return "".join(f" {seg.text} " if isinstance(seg, Fraction) else seg for seg in segments)


def markup_to_paragraphs(raw: str) -> list[Paragraph]:
    """Raw cell or line text -> paragraphs (HTML block breaks and <li> split them), fractions kept."""
    current: list[Segment] = []
    groups = [current]
    for seg in _math_segments(raw):
        if isinstance(seg, Fraction):
            current.append(Fraction(_html_text(seg.numerator), _html_text(seg.denominator)))
            continue
        first, *rest = _html_to_breaks(seg).split("\n")
        current.append(first)
        for part in rest:
            current = [part]
            groups.append(current)
    return [p for p in (_paragraph(g) for g in groups) if p is not None]


def _html_text(s: str) -> str:
    """A fraction part with HTML tags and entities made plain (a break inside it is a space)."""
    return _html_to_breaks(s).replace("\n", " ")
