"""Readings of one region combined word by word against the lexicon (parsers/ocr_vote.py)."""

from __future__ import annotations

from parsers.ocr_vote import combine, has_unknown, known, lexicon, numbers_taken, same_place, surest
from parsers.pdf_text import Obj


def word(text: str, x0: float, conf: float = 50.0, width: float = 40.0, top: float = 10.0) -> Obj:
    return {"text": text, "x0": x0, "x1": x0 + width, "top": top, "bottom": top + 9.0, "conf": conf}


def test_lexicon_judges_letter_runs_and_leaves_acronyms_and_numbers_alone() -> None:
    assert {"kebutuhan", "kualitas", "pelayanan"} <= lexicon()  # the public word list's words
    assert known("Meningkatnya") and known("pelayanan;") and known("Kecamatan:")
    assert known("Meningaatnya") is False and known("bowyanan") is False
    assert known("ASN") is None and known("100%") is None and known("-") is None and known("a/b") is None


def test_same_place_needs_overlap_and_a_like_width() -> None:
    assert same_place(word("kepuasan", 100), word("kepusaan", 103))
    assert not same_place(word("kepuasan", 100), word("kepuasan", 150))  # the next word
    assert not same_place(word("kepuasan", 100, width=80), word("ke", 100, width=20))  # a part of it
    assert not same_place(word("kepuasan", 100), word("kepuasan", 100, top=30))  # the line below


def test_combine_replaces_unknown_words_by_known_ones_read_in_their_place() -> None:
    grey = [word("Meningkatnya", 0, 60, 60), word("bowyanan", 64, 40), word("yang", 108, 90, 20)]
    mask = [word("Meningaatnya", 0, 70, 60), word("pelayanan", 62, 30, 44), word("yang", 108, 80, 20)]
    dark = [word("Meningkatnya", 1, 55, 59), word("powyanan", 64, 45), word("yong", 108, 60, 20)]
    base = surest([mask, grey])
    assert base is grey and has_unknown(base)
    out = combine(base, [mask, dark])
    assert [w["text"] for w in out] == ["Meningkatnya", "pelayanan", "yang"]
    assert out[1]["x0"] == 64  # the base reading's box, the other reading's word
    # a word no reading knows stays as the base read it, and no donor word is added: nothing invented
    noise = [word("Profecioraitas", 2), word("Sheet", 300)]
    assert [w["text"] for w in combine([word("Profecioraitas", 0)], [noise])] == ["Profecioraitas"]
    # noise read as letters is not made a word another reading happened to read there
    assert [w["text"] for w in combine([word("Prc", 0)], [[word("Sheet", 1)]])] == ["Prc"]
    assert surest([]) == [] and combine([], [grey]) == [] and not has_unknown([word("ASN", 0)])


def test_a_number_read_surer_in_a_words_place_is_taken() -> None:
    # 'x 100 %' beside a fraction: the grey read it as one known word at low confidence, the mask
    # as '+100' '%', surer: the lexicon cannot judge a number, the confidence decides
    grey = [word("Bangka", 176, 56, 29), word("data", 240, 40, 31)]
    mask = [word("Bangka", 176, 56, 29), word("+100", 240, 65, 21), word("%", 264, 68, 7)]
    assert [w["text"] for w in numbers_taken(grey, [grey, mask])] == ["Bangka", "+100", "%"]
    # not surer by the margin (ocr_spell.yaml number_margin): the word stays
    close = [word("+100", 240, 50, 21), word("%", 264, 50, 7)]
    assert numbers_taken(grey, [grey, close]) is grey
    # letters the lexicon lacks among the run, a run narrower than the word, or a word that holds
    # a digit itself: nothing is taken
    noisy = [word("+100", 240, 80, 21), word("bowyanan", 264, 80, 7)]
    assert numbers_taken(grey, [grey, noisy]) is grey
    assert numbers_taken(grey, [grey, [word("100", 240, 90, 12)]]) is grey
    number = [word("2019", 240, 30, 31)]
    assert numbers_taken(number, [number, [word("2018", 240, 90, 31)]]) is number
