"""Property tests: free-form text never breaks the markup, list and formula readers."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from normalizers.formula import parse_formula
from parsers.markup import markup_to_paragraphs
from parsers.model import Fraction
from parsers.text import text_to_document
from structure.extract import extract
from structure.lists import lines_to_items, split_inline_list, split_label

ALPHABET = st.characters(blacklist_categories=("Cs",))
TEXT = st.text(alphabet=ALPHABET, max_size=300)
MARKUPISH = st.lists(
    st.sampled_from(
        [
            "<p>",
            "</p>",
            "<li>",
            "$",
            r"\frac{",
            "}{",
            "}",
            r"\text{",
            "**",
            "a. ",
            "1) ",
            "- ",
            "❖ ",
            "\t",
            "\n",
            "Jumlah",
            " x 100%",
            "∑",
            "———",
            ":",
            "Jabatan :",
            "Tugas :",
        ]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(st.one_of(TEXT, MARKUPISH))
def test_markup_never_raises_and_leaves_no_tags(raw: str) -> None:
    for paragraph in markup_to_paragraphs(raw):
        texts = (
            [paragraph.numerator, paragraph.denominator, paragraph.before, paragraph.after]
            if isinstance(paragraph, Fraction)
            else [paragraph]
        )
        for text in texts:
            assert text == text.strip()
            assert "<p>" not in text and "<li>" not in text and "\\frac" not in text


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(TEXT, MARKUPISH), max_size=6))
def test_formula_reader_is_total(paragraphs: list[str]) -> None:
    parts = parse_formula(paragraphs)
    assert parts.multiplier in (None, 100, 1000, 100000)
    if parts.denominator:
        assert parts.formula


@settings(max_examples=200, deadline=None)
@given(st.one_of(TEXT, MARKUPISH))
def test_list_readers_keep_text(text: str) -> None:
    label, rest, _ = split_label(text)
    assert rest in text or label is not None
    _lead, items = split_inline_list(text)
    assert all(i.text.strip() in text for i in items)
    assert lines_to_items(text.splitlines()) is not None


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(TEXT, MARKUPISH), max_size=30).map("\n".join))
def test_structure_extraction_is_total(text: str) -> None:
    extract(text_to_document(text, "x.txt", "0" * 64))
