"""Spelling correction of low-resolution scans' words (parsers/ocr_spell.py): real lexicon and costs."""

from __future__ import annotations

from parsers.ocr_spell import edit_cost, page_words, spell_token, spell_words
from parsers.ocr_vote import lexicon


def test_look_alike_glyphs_cost_less_than_other_edits() -> None:
    assert edit_cost("kantor", "kantor") == 0.0
    assert edit_cost("pelayonan", "pelayanan") < edit_cost("pelayxnan", "pelayanan")  # e/o look alike
    assert edit_cost("rnasuk", "masuk") < edit_cost("wasuk", "masuk")  # rn read for m
    assert edit_cost("kantr", "kantor") > edit_cost("kantor", "kantor")
    assert edit_cost("jumah", "jumlah") < edit_cost("jumah", "jumbah")  # a thin glyph lost


def test_misreadings_of_blurred_print_become_the_words_printed() -> None:
    assert spell_token("pelayonan") == "pelayanan"
    assert spell_token("Kecarnatan") == "Kecamatan"  # letter case kept
    assert spell_token("kegiatao,") == "kegiatan,"  # punctuation kept
    assert spell_token("(dokurnen)") == "(dokumen)"
    assert spell_token("jumah") == "jumlah"


def test_known_words_acronyms_short_and_far_words_are_left_as_read() -> None:
    assert "kecamatan" in lexicon()
    assert spell_token("Kecamatan") == "Kecamatan"
    assert spell_token("BKPSOMO") == "BKPSOMO"  # capitals: an acronym, never spelt
    assert spell_token("yng") == "yng"  # shorter than min_length
    assert spell_token("qzxwvj") == "qzxwvj"  # nothing near enough
    assert spell_token("12.5%") == "12.5%"


def test_spell_words_keeps_what_was_read() -> None:
    words = [
        {"text": "pelayonan", "x0": 0.0, "x1": 10.0, "top": 0.0, "bottom": 5.0, "conf": 40.0},
        {"text": "ASN", "x0": 12.0, "x1": 20.0, "top": 0.0, "bottom": 5.0, "conf": 90.0},
    ]
    out = spell_words(words)
    assert [w["text"] for w in out] == ["pelayanan", "ASN"]
    assert out[0]["read"] == "pelayonan" and "read" not in out[1]


def test_words_read_surely_elsewhere_on_the_page_are_spelt_back_more_readily() -> None:
    def w(text: str, conf: float) -> dict[str, object]:
        return {"text": text, "x0": 0.0, "x1": 10.0, "top": 0.0, "bottom": 5.0, "conf": conf}

    # 'Jumlah' printed twice, one read surely, the other blurred to 'Iennlah' ('nn' for 'm'): alone
    # the word is too far for the lexicon ('Tentulah' is nearer by plain edits), on the page it is
    # the page's word
    assert spell_token("Iennlah") != "Jumlah"
    assert [x["text"] for x in spell_words([w("Jumlah", 88.0), w("Iennlah", 0.0)])] == ["Jumlah", "Jumlah"]
    # a page word read unsure (below ocr_spell.yaml page_conf) or too short counts for nothing
    assert page_words([w("Jumlah", 30.0), w("di", 95.0), w("Kepuasan", 90.0), w("ASN", 99.0)]) == {"kepuasan"}
    assert spell_token("Iennlah", page_words([w("Jumlah", 30.0)])) == spell_token("Iennlah")


def test_acronyms_agree_with_the_spelling_the_page_reads_more_often() -> None:
    from parsers.ocr_spell import agreed_acronyms

    def word(text: str, *alts: str) -> dict[str, object]:
        return {"text": text, "conf": 90.0, "x0": 0.0, "x1": 1.0, "top": 0.0, "bottom": 1.0, "alts": alts}

    page = [word("ASN"), word("ASN"), word("ASH", "ASN"), word("(ABN)"), word("BKPSDMD"),
            word("BKPSDMD"), word("SKPSOMD"), word("AKIP", "AXIP"), word("AXIP", "AKIP"),
            word("DATA"), word("DATA"), word("DAIA"), word("SUMBER"), word("BPD", "BPS"), word("BPS", "BPD"),
            word("SKPD"), word("SXPD")]  # fmt: skip
    out = agreed_acronyms(page)
    # a tie: AKIP's letters begin words far more often than AXIP's (the other reading of that word);
    # BPD / BPS begin words about as often, and SXPD was read as nothing else: each stays as read
    assert [w["text"] for w in out] == ["ASN", "ASN", "ASN", "(ASN)", "BKPSDMD", "BKPSDMD", "BKPSDMD",
                                        "AKIP", "AKIP", "DATA", "DATA", "DATA", "SUMBER", "BPD", "BPS",
                                        "SKPD", "SXPD"]  # fmt: skip
    assert out[2]["read"] == "ASH" and "read" not in out[0]
    assert out[8]["read"] == "AXIP" and "read" not in out[7]


def test_rare_dictionary_words_are_candidates_but_never_make_a_reading_known() -> None:
    from parsers.ocr_spell import speller

    # words of official prose the web-text list lacks come from the dictionary's stems
    assert "perikemanusiaan" in speller().rare and "perikemanusiaan" not in lexicon()
    assert spell_token("perikemanusiaon") == "perikemanusiaan"
    assert spell_token("Periodisasl") == "Periodisasi"
    # ranked below every frequent word: a frequent word as near as a rare one wins
    zipf = speller().zipf
    assert zipf["perikemanusiaan"] < min(zipf[w] for w in speller().words if w in zipf)


def test_words_read_very_surely_and_acronyms_with_a_word_are_left_as_read() -> None:
    def w(text: str, conf: float) -> dict[str, object]:
        return {"text": text, "x0": 0.0, "x1": 10.0, "top": 0.0, "bottom": 5.0, "conf": conf}

    # 'kesling' (kesehatan lingkungan) is in no list: alone, blurred, it is spelt to a listed word;
    # read very surely once on the page (ocr_spell.yaml sure_conf), it is left as read everywhere
    assert spell_token("kesling") != "kesling"
    sure, unsure = (
        spell_words([w("Kesling", 97.0), w("kesling", 60.0)]),
        spell_words([w("Kesling", 80.0), w("kesling", 60.0)]),
    )
    assert [x["text"] for x in sure] == ["Kesling", "kesling"]
    assert unsure[1]["text"] != "kesling"
    # a capital after the first letter: an acronym joined to a word, never spelt
    assert spell_token("APBDesa") == "APBDesa" and spell_token("RKPDesa") == "RKPDesa"
