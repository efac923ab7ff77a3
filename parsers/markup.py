"""Markup in text renderings (markdown, HTML fragments, LaTeX) -> plain paragraphs.

A LaTeX fraction is kept as structure: ``\\frac{A}{B}`` becomes ``⟪A⟫/⟪B⟫`` so the formula
normaliser can read numerator and denominator; every other consumer strips the markers.
"""

from __future__ import annotations

import html
import re

FRAC_OPEN, FRAC_CLOSE = "⟪", "⟫"
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


def _fractions_to_markers(s: str) -> str:
    """\\frac{A}{B} -> ⟪A⟫/⟪B⟫ (innermost first)."""
    while True:
        idx = s.rfind("\\frac")
        if idx < 0:
            return s
        num = _brace_group(s, idx + 5)
        den = _brace_group(s, num[1]) if num else None
        if num is None or den is None:
            s = s[:idx] + s[idx + 5 :]
            continue
        s = s[:idx] + f"{FRAC_OPEN}{num[0]}{FRAC_CLOSE}/{FRAC_OPEN}{den[0]}{FRAC_CLOSE}" + s[den[1] :]


def latex_to_text(math: str) -> str:
    """Plain text of one LaTeX math fragment, fractions kept as markers."""
    s = _unwrap_text_macros(math)
    s = _fractions_to_markers(s)
    for macro, repl in _SIMPLE_MACROS:
        s = s.replace(macro, repl)
    s = re.sub(r"\\[a-zA-Z]+", " ", s)  # unknown macros
    s = s.replace("{", "").replace("}", "")
    return s


def _replace_math(s: str) -> str:
    def repl(m: re.Match[str]) -> str:
        body = next(g for g in m.groups() if g is not None)
        return " " + latex_to_text(body) + " "

    s = _MATH.sub(repl, s)
    for macro, rep in ((r"\%", "%"), (r"\times", " x "), (r"\sum", "∑"), (r"\Sigma", "∑")):
        s = s.replace(macro, rep)
    if "\\frac" in s:
        s = _fractions_to_markers(_unwrap_text_macros(s))
    return s


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


def markup_to_paragraphs(raw: str) -> list[str]:
    """Raw cell or line text -> plain paragraphs (HTML block breaks and <li> split paragraphs)."""
    s = _replace_math(raw)
    s = _html_to_breaks(s)
    paragraphs = []
    for part in s.split("\n"):
        text = collapse(_markdown_to_plain(part))
        if text and text != LIST_ITEM.strip():
            paragraphs.append(text)
    return paragraphs


def strip_fraction_markers(s: str) -> str:
    """Text with fraction markers made plain: ⟪A⟫/⟪B⟫ -> A / B."""
    s = s.replace(f"{FRAC_CLOSE}/{FRAC_OPEN}", " / ")
    return collapse(s.replace(FRAC_OPEN, "").replace(FRAC_CLOSE, ""))
