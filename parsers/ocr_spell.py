"""Spelling correction of a low-resolution scan's words: OCR-aware edit costs and word frequency.

On a ~70-dpi scan tesseract misreads small print by glyphs that look alike at that size (e/o/c,
n/r/m, rn/m, l/t/i ...) or loses a thin glyph, so that about one word in two is a word the
language does not have. Such a word (a letter run the lexicon of parsers/ocr_vote.py lacks) is
compared with its nearest lexicon words by an edit cost in which those confusions are cheap
(parsers/data/ocr_spell.yaml); the cheapest, less a bonus for its frequency (wordfreq's Zipf
frequency, parsers/data/wordfreq_id.txt), replaces it when it is close for its length and clearly
ahead of the next. The dictionary's rarer words (parsers/data/rare_words_id.txt: official prose
like 'perikemanusiaan' that web text lacks) are candidates too, ranked below every frequent word,
but they never make a reading known: a garbled reading lands on a rare word too easily. A word
tesseract read very surely (sure_conf) is left as read wherever the page reads it, and so is a
letter run with a capital after its first letter (APBDesa: an acronym with a word). Only
low-resolution pages are corrected this way: on a sharp scan an unknown word is more often a name
or an acronym than a misreading.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from parsers.ocr_vote import lexicon
from parsers.pdf_text import Obj
from vocabulary import load
from vocabulary.schemas import OcrSpell

WORD_CORE = re.compile(r"^(?P<lead>[^\w]*)(?P<core>[^\W\d_]+)(?P<trail>[^\w]*)$")


@dataclass(frozen=True)
class Speller:
    """The lexicon with its frequencies and the edit costs of parsers/data/ocr_spell.yaml."""

    conf: OcrSpell
    words: tuple[str, ...]
    rare: tuple[str, ...]  # candidates only (parsers/data/rare_words_id.txt), not in `words`
    zipf: dict[str, float]
    group: dict[str, frozenset[str]]  # glyph -> the groups (as sets of glyphs) it looks like

    def substitution(self, a: str, b: str) -> float:
        if a == b:
            return 0.0
        return self.conf.costs.look_alike if b in self.group.get(a, frozenset()) else self.conf.costs.other

    def indel(self, ch: str) -> float:
        return self.conf.costs.thin if ch in self.conf.thin else self.conf.costs.other


@lru_cache(maxsize=1)
def speller() -> Speller:
    """Load the settings, the lexicon, the rare words and the shipped frequencies once per process."""
    conf = load(OcrSpell)
    data = resources.files("parsers").joinpath("data")
    zipf: dict[str, float] = {}
    for line in data.joinpath("wordfreq_id.txt").read_text(encoding="utf-8").splitlines():
        word, _, value = line.partition("\t")
        if value and not word.startswith("#"):
            zipf[word] = float(value)
    words = tuple(sorted(w for w in lexicon() if w.isalpha()))
    listed = data.joinpath("rare_words_id.txt").read_text(encoding="utf-8").splitlines()
    rare = tuple(sorted({w for w in listed if w.isalpha()} - set(words)))
    zipf.update(dict.fromkeys(rare, conf.rare_zipf))
    group: dict[str, set[str]] = {}
    for glyphs in conf.look_alikes:
        for ch in glyphs:
            group.setdefault(ch, set()).update(glyphs)
    return Speller(conf, words, rare, zipf, {ch: frozenset(g) for ch, g in group.items()})


def edit_cost(read: str, word: str, s: Speller | None = None) -> float:
    """Cost of reading `word` as `read` (lower case): look-alike glyphs, look-alike pairs (rn/m) and
    thin glyphs cost less than other edits (weighted Levenshtein distance)."""
    s = s or speller()
    seq, seq_cost = s.conf.sequences, s.conf.costs.sequence
    n, m = len(read), len(word)
    d = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        d[i][0] = d[i - 1][0] + s.indel(read[i - 1])
    for j in range(1, m + 1):
        d[0][j] = d[0][j - 1] + s.indel(word[j - 1])
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            best = min(
                d[i - 1][j] + s.indel(read[i - 1]),
                d[i][j - 1] + s.indel(word[j - 1]),
                d[i - 1][j - 1] + s.substitution(read[i - 1], word[j - 1]),
            )
            if i >= 2 and seq.get(read[i - 2 : i]) == word[j - 1]:
                best = min(best, d[i - 2][j - 1] + seq_cost)
            if j >= 2 and seq.get(word[j - 2 : j]) == read[i - 1]:
                best = min(best, d[i - 1][j - 2] + seq_cost)
            d[i][j] = best
    return d[n][m]


@lru_cache(maxsize=20000)
def nearest_word(read: str, page: frozenset[str] = frozenset()) -> str | None:
    """The lexicon word a lower-case misreading was surely meant to be, or None. The rare words
    are candidates (each pool gives its own nearest, so the rare ones crowd out no frequent one),
    and so are the words of `page` (read surely elsewhere on the same page), with a bonus and a
    looser bound."""
    s = speller()
    c = s.conf
    pools = ((s.words, c.max_distance), (s.rare, c.max_distance), (tuple(sorted(page)), c.page_max_distance))
    found = {
        w
        for pool, cutoff in pools
        for w, _, _ in process.extract(
            read, pool, scorer=Levenshtein.normalized_distance, limit=c.candidates, score_cutoff=cutoff
        )
    }
    ranked = sorted(
        (
            cost
            - c.frequency_weight * s.zipf.get(w, c.vocabulary_zipf)
            - (c.page_bonus if w in page else 0.0),
            cost,
            w,
        )
        for w in found
        for cost in (edit_cost(read, w, s),)
    )
    if not ranked:
        return None
    score, cost, word = ranked[0]
    bound = c.page_cost_per_letter if word in page else c.max_cost_per_letter
    if cost > bound * len(word):
        return None
    if len(ranked) > 1 and ranked[1][0] - score < c.margin:
        return None  # two words about as likely: leave it as read
    return word


def page_words(words: list[Obj]) -> frozenset[str]:
    """Lower-case lexicon words the page's reading holds at least page_conf sure: what the page
    is about, so a misreading of the same word elsewhere on it is spelt back more readily."""
    c = speller().conf
    out = set()
    for w in words:
        m = WORD_CORE.match(str(w["text"]))
        if m and float(w.get("conf", 0.0)) >= c.page_conf and len(m.group("core")) >= c.min_length:
            core = m.group("core").lower()
            if core in lexicon():
                out.add(core)
    return frozenset(out)


def spell_token(text: str, page: frozenset[str] = frozenset()) -> str:
    """The token with its letter run replaced by the lexicon word it was meant to be, when one is
    surely meant (its punctuation and letter case kept); acronyms, known and short words as read."""
    m = WORD_CORE.match(text)
    if m is None:
        return text
    core = m.group("core")
    if len(core) < speller().conf.min_length or not core[1:].islower() or core.lower() in lexicon():
        return text  # short, an acronym or a word with one (APBDesa), or known
    word = nearest_word(core.lower(), page)
    if word is None:
        return text
    cased = word[:1].upper() + word[1:] if core[:1].isupper() else word
    return m.group("lead") + cased + m.group("trail")


def sure_reads(words: list[Obj]) -> frozenset[str]:
    """Lower-case letter runs the page reads at least sure_conf sure somewhere: read right even
    when the lexicon lacks them (a programme's name, a health term), so left as read everywhere."""
    sure = speller().conf.sure_conf
    return frozenset(
        m.group("core").lower()
        for w in words
        if float(w.get("conf", 0.0)) >= sure and (m := WORD_CORE.match(str(w["text"])))
    )


def spell_words(words: list[Obj]) -> list[Obj]:
    """A low-resolution page's words, each misreading replaced (`read` keeps what was read)."""
    page = page_words(words)
    sure = sure_reads(words)
    out = []
    for w in words:
        m = WORD_CORE.match(str(w["text"]))
        if m and m.group("core").lower() in sure:
            out.append(w)
            continue
        text = spell_token(str(w["text"]), page)
        if text != w["text"]:
            w = {**w, "text": text, "read": w.get("read", w["text"])}
        out.append(w)
    return agreed_acronyms(out)


def _acronym(text: str) -> str | None:
    m = WORD_CORE.match(text)
    core = m.group("core") if m else ""
    return core if len(core) >= speller().conf.acronym_min_length and core.isupper() else None


def agreed_acronyms(words: list[Obj]) -> list[Obj]:
    """A page's acronyms made to agree: an acronym (capitals) that differs by a glyph or two from
    one the page reads more often (ASH for ASN, SKPSOMD for BKPSDMD) is that one. Occurrences
    count the words and what other readings read in their place (`alts`). The lexicon does not
    judge acronyms (it holds English words like 'ash'), so the page is their only judge: an
    organisation's name read once stays as read. Headers in capitals are judged the same way
    ('DAIA' where 'DATA' is read more often). A tie with a spelling another reading made in the
    word's own place goes to the one whose letters begin words far more often (AKIP, not AXIP:
    acronyms are initials); otherwise a tie leaves each as read."""
    counts: dict[str, int] = {}
    for w in words:
        for t in (str(w["text"]), *w.get("alts", ())):
            if (a := _acronym(str(t))) is not None:
                counts[a] = counts.get(a, 0) + 1
    conf = speller().conf
    out = []
    for w in words:
        a = _acronym(str(w["text"]))
        if a is not None:
            bound = max(1, int(len(a) * conf.acronym_edits_per_letter))
            alike = [
                (n, b)
                for b, n in counts.items()
                if len(b) == len(a) and b != a and n >= counts[a] and Levenshtein.distance(a, b) <= bound
            ]
            near = [(n, b) for n, b in alike if n > counts[a]]
            own = {_acronym(str(t)) for t in w.get("alts", ())}
            tied = [
                b
                for n, b in alike
                if n == counts[a] and b in own and initial_odds(b) - initial_odds(a) >= conf.acronym_tie_odds
            ]
            best = max(near)[1] if near else max(tied, key=initial_odds) if tied else None
            if best is not None:
                w = {**w, "text": str(w["text"]).replace(a, best), "read": w.get("read", w["text"])}
        out.append(w)
    return out


@lru_cache(maxsize=1)
def _initials() -> dict[str, float]:
    """log10 share of the word list's frequency (10 ** Zipf) carried by words beginning with each letter."""
    weight: dict[str, float] = {}
    for word, zipf in speller().zipf.items():
        if word[:1].isalpha() and word[:1].isascii():
            weight[word[0]] = weight.get(word[0], 0.0) + 10**zipf
    total = sum(weight.values())
    return {ch: math.log10(v / total) for ch, v in weight.items()}


def initial_odds(acronym: str) -> float:
    """How likely (log10) the acronym's letters are as the initials of words: a sum over its letters."""
    shares = _initials()
    floor = min(shares.values(), default=0.0) - 1.0
    return sum(shares.get(ch, floor) for ch in acronym.lower())
