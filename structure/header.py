"""Document header (title, kecamatan, kabupaten, nomor, tahun) and signature block."""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz, process

from structure.language import function_words
from structure.model import Header
from vocabulary import load
from vocabulary.schemas import Labels

_NUMBER_LINE = re.compile(r"^\s*[\w.]+\s*/.*\d")  # "188.45/013 /BKPSDMD/2021" on the line below
_YEAR = re.compile(r"(?:19|20)\d{2}")
_NAME = r"[a-z][a-z .'-]*"  # a place name as printed


def _words(words: tuple[str, ...]) -> str:
    """Alternation of label words; a space matches any run of whitespace."""
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)


@dataclass(frozen=True)
class _HeaderPatterns:
    nomor: re.Pattern[str]
    decree: re.Pattern[str]
    kecamatan: re.Pattern[str]
    kabupaten: re.Pattern[str]
    run_nomor: re.Pattern[str]
    tahun: re.Pattern[str]
    nomor_word: str


@cache
def _patterns() -> _HeaderPatterns:
    w = load(Labels).header_labels
    ends = "|".join(rf"\s+(?:{_words((e,))})\b" for e in w.kecamatan_ends)
    kab_ends = "|".join(rf"\s+(?:{_words((e,))})\b" for e in w.kabupaten_ends)
    return _HeaderPatterns(
        nomor=re.compile(rf"^\s*(?:{_words(w.nomor)})\s*:?\s*(?P<v>.+)$", re.I),
        decree=re.compile(rf"(?:{_words(w.decree)})\s+(?P<v>{_NAME})", re.I),
        kecamatan=re.compile(rf"\b(?:{_words(w.kecamatan)})\s+(?P<kec>{_NAME}?)(?={ends}|$)", re.I),
        kabupaten=re.compile(rf"\b(?:{_words(w.kabupaten)})\s+(?P<kab>{_NAME}?)(?={kab_ends}|\s*$)", re.I),
        # "KABUPATEN BANGKANOMOR :": an upper-case heading whose words ran together
        run_nomor=re.compile(rf"[A-Z](?:{_words(tuple(n.upper() for n in w.nomor))})\s*:\s*(?P<v>.*)$"),
        # "Tahun 2025 - 2029" is a plan period, not the document's year
        tahun=re.compile(
            rf"\b(?:{_words(w.tahun)})\s+((?:19|20)\d{{2}})\b(?!\s*[-–—]\s*(?:19|20)\d{{2}})", re.I
        ),
        nomor_word=rf"\s(?:{_words(w.nomor)})",
    )


@cache
def _nip_line() -> re.Pattern[str]:
    labels = "|".join(re.escape(w) for w in load(Labels).signer_id_labels)
    return re.compile(rf"^\s*(?:{labels})\s*[.:]?\s*:?\s*(?P<nip>\d[\d ]{{7,}}\d)\W*$", re.I)


@cache
def _date_line() -> re.Pattern[str]:
    months = "|".join(load(Labels).months)
    return re.compile(
        rf"^[A-Za-z][A-Za-z .'-]+,\s*(?:(?:\d{{1,2}}\s+)?(?:{months})\s+)?(?:19|20)\d{{2}}\s*$", re.I
    )


@cache
def _decree_lines() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """ "Ditetapkan di : X" and "Pada tanggal : Y" (labels from the vocabulary)."""

    def pattern(key: str) -> re.Pattern[str]:
        alts = "|".join(r"\s+".join(map(re.escape, a.split())) for a in getattr(load(Labels), key))
        return re.compile(rf"^\s*(?:{alts})\s*:?\s*\S", re.I)

    return pattern("signature_place"), pattern("signature_date")


def decree_place_date(lines: list[str]) -> str | None:
    """ "Ditetapkan di : Bandung" + "Pada Tanggal : 2017" -> both; the first such pair with a year wins."""
    place, date = _decree_lines()
    found: list[str] = []
    for i, line in enumerate(lines):
        if not place.match(line):
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        found.append(f"{line.strip()} {nxt.strip()}" if date.match(nxt) else line.strip())
    dated = [f for f in found if _YEAR.search(f)]
    candidates = dated or found
    return candidates[0] if candidates else None


def proper(name: str) -> str:
    """KECAMATAN-style upper case -> proper case ("LONGKALI" -> "Longkali")."""
    return " ".join(w.capitalize() if w.isupper() or w.islower() else w for w in name.split())


def _strip_marks(text: str) -> str:
    return text.strip(" *#:-").strip()


def _name_words(text: str) -> str:
    """ "Banyuwangi adalah sebagai berikut" -> "Banyuwangi": a place name ends at a lower-case word."""
    words = text.split()
    if any(w[:1].isupper() for w in words):
        words = list(itertools.takewhile(lambda w: w[:1].isupper(), words))
    return " ".join(words)


def _level_words_joined(lines: list[str]) -> list[str]:
    """The lines, one ending in a level word ("... DAERAH KABUPATEN") joined with the next (its name)."""
    w = load(Labels).header_labels
    levels = {x.lower() for x in (*w.kecamatan, *w.kabupaten)}
    out: list[str] = []
    for line in lines:
        words = out[-1].split() if out else []
        if words and words[-1].lower() in levels:
            out[-1] = f"{out[-1]} {line.strip()}"
        else:
            out.append(line)
    return out


def place_names(lines: list[str]) -> tuple[str | None, str | None]:
    """(kecamatan, kabupaten) as printed in header or title lines, proper-cased."""
    kec = kab = None
    joined = " ".join(lines)
    p = _patterns()
    m = p.decree.search(joined)
    if m:
        kec = re.split(p.nomor_word, m.group("v"), maxsplit=1, flags=re.I)[0]
    for line in _level_words_joined(lines):
        km = p.kecamatan.search(line)
        if km and not kec and km.group("kec").strip().lower() not in {"", *function_words()}:
            kec = km.group("kec")
        bm = p.kabupaten.search(line)
        if bm and not kab:
            kab = _name_words(bm.group("kab"))
    return (proper(_strip_marks(kec)) if kec else None, proper(_strip_marks(kab)) if kab else None)


def kabupaten_in_text(lines: list[str], kecamatan: str) -> str | None:
    """The kabupaten running text places the document's own kecamatan in ("... Renstra Kecamatan
    Muncar Kabupaten Banyuwangi disusun ..."), the phrase possibly wrapped; None if it names none."""
    w = load(Labels).header_labels
    phrase = re.compile(
        rf"\b(?i:{_words(w.kecamatan)})\s+(?i:{re.escape(kecamatan)})\s+(?i:{_words(w.kabupaten)})"
        rf"\s+(?P<kab>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*)"
    )
    m = phrase.search(" ".join(line.strip() for line in lines))
    return proper(_name_words(_strip_marks(m.group("kab")))) if m else None


def _is_title(line: str, first_word: bool = False) -> bool:
    """A title line ("INDIKATOR KINERJA ..."); `first_word`: starting with a title's first word."""
    prefixes = [p.split()[0] if first_word else p for p in load(Labels).title_prefixes]
    return any(line.upper().startswith(p.upper()) for p in prefixes)


def read_header(lines: list[str]) -> Header:
    """Header facts from the lines printed before the first content block."""
    header = Header()
    title: list[str] = []
    body = [w.lower() for w in load(Labels).decree_body]
    in_body = False
    for i, line in enumerate(lines):
        # the laws cited under Menimbang / Mengingat carry numbers of their own: not the document's
        in_body = in_body or line.strip().lower().startswith(tuple(body))
        m = _patterns().nomor.match(line) or _patterns().run_nomor.search(line)
        if m and header.nomor is None and not in_body:
            value = m.group("v").strip()
            nxt = lines[i + 1] if i + 1 < len(lines) else ""
            header.nomor = value or (nxt.strip() if _NUMBER_LINE.match(nxt) else None)
        if _is_title(line) and not title:
            title = [line]
            for nxt in lines[i + 1 :]:
                if not nxt.isupper() or len(title) >= 4 or _is_title(nxt, first_word=True):
                    break
                title.append(nxt)
    header.title = " ".join(_strip_marks(t) for t in title) or None
    header.kecamatan, header.kabupaten = place_names(lines)
    if header.nomor:
        years = _YEAR.findall(header.nomor)
        header.tahun = int(years[-1]) if years else None
    for line in title or lines:
        m = _patterns().tahun.search(line)
        if header.tahun is None and m:
            header.tahun = int(m.group(1))
    return header


def heading_year(lines: list[str]) -> int | None:
    """The year of a line that is nothing but an upper-case "TAHUN 2015" (a repeated title's last line,
    printed over a later page), or of an upper-case title line ("INDIKATOR KINERJA UTAMA ... TAHUN
    2015") that a converter put after the table it heads; or None."""
    for line in lines:
        m = _patterns().tahun.fullmatch(line.strip())
        if m and line.isupper():
            return int(m.group(1))
    for line in lines:
        m = _patterns().tahun.search(line)
        if m and line.isupper() and _is_title(line.strip()):
            return int(m.group(1))
    return None


def nomor_candidates(lines: list[str]) -> list[str]:
    """Every value a "Nomor :" line gives, the laws cited under Menimbang / Mengingat included: the
    readings `read_header` had to choose the document's own nomor from."""
    out: list[str] = []
    for i, line in enumerate(lines):
        m = _patterns().nomor.match(line) or _patterns().run_nomor.search(line)
        if not m:
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        value = m.group("v").strip() or (nxt.strip() if _NUMBER_LINE.match(nxt) else "")
        if value and value not in out:
            out.append(value)
    return out


def signer_candidates(lines: list[str]) -> list[str]:
    """The lines above a NIP line (name, rank, title): the readings a signer's name is chosen from."""
    out: list[str] = []
    for i, line in enumerate(lines):
        if _nip_line().match(line):
            out += [x.strip() for x in lines[max(0, i - 4) : i] if x.strip() and x.strip() not in out]
    return out


RANK_LIKENESS = 80.0  # rapidfuzz ratio (0-100) at which an OCR'd word is taken for a rank word


def is_pangkat(line: str) -> bool:
    """A rank line: "Pembina Tk. I", "Pembina Utama Madya/ IVc" (abbreviated, with its golongan),
    or one OCR misread whose words (two or more of three letters or longer, accents folded) are
    each alike a rank word ("Pémbina Muda"): a name is never made of rank words."""
    text = re.sub(r"\btk\b\.?\s*", "tingkat ", line.lower())
    text = re.split(r"[/,(]", text)[0]
    if " ".join(text.replace(".", " ").split()) in {p.lower() for p in load(Labels).pangkat}:
        return True
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = [w for w in re.findall(r"[a-z]+", folded) if len(w) > 2]
    if len(words) < 2 or re.search(r"\d", text):
        return False
    return all(
        process.extractOne(w, rank_words(), scorer=fuzz.ratio, score_cutoff=RANK_LIKENESS) for w in words
    )


@cache
def rank_words() -> frozenset[str]:
    """The words ranks are made of ("pembina", "utama", "muda" ...), not a person's name."""
    return frozenset(w for p in load(Labels).pangkat for w in p.lower().split() if len(w) > 2)


@cache
def signer_titles() -> frozenset[str]:
    """The first words of a signer's title line ("camat", "kepala" ...)."""
    return frozenset(t.lower() for t in load(Labels).signer_titles)


def read_signature(lines: list[str], header: Header) -> None:
    """Fill signer fields and tempat/tanggal from the lines after the last table."""
    titles = load(Labels).signer_titles
    for i, line in enumerate(lines):
        if _date_line().match(line):
            header.tempat_tanggal = line.strip()
            if header.tahun is None:
                header.tahun = int(_YEAR.findall(line)[-1])
        m = _nip_line().match(line)
        if not m:
            continue
        header.signer_nip = m.group("nip").strip()
        above = [x for x in lines[max(0, i - 4) : i] if x.strip()]
        if above and is_pangkat(above[-1]):
            header.signer_rank = above.pop().strip()
        if above:
            header.signer_name = above.pop().strip()
        if above and above[-1].split()[0].lower().strip(".") in titles and above[-1].isupper():
            header.signer_title = above[-1].strip()
    if header.signer_name is None:
        sign_without_nip(lines, header)


_SIGNER_NAME = re.compile(r"^[^\W\d_][\w.,' -]*$")
NAME_WORDS = 6  # a signer's name with its degrees ("Drs. H. Ahmad Yani, M.Si") is at most this long


def _is_name(line: str) -> bool:
    """A line that can be a signer's name: a few words of letters, no digits, no label, no title word."""
    text = line.strip()
    words = text.split()
    return (
        0 < len(words) <= NAME_WORDS
        and _SIGNER_NAME.match(text) is not None
        and not any(c.isdigit() for c in text)
        and words[0].lower().strip(".,") not in signer_titles()
        and words[0].lower() not in _place_words()  # "KABUPATEN BANGKA": the title's second line
    )


@cache
def _place_words() -> frozenset[str]:
    return frozenset(load(Labels).place_levels)


def sign_without_nip(lines: list[str], header: Header) -> None:
    """A signature block with no NIP line: the name on the line after the signer's title.

    The title opens with a signer word ("KEPALA BKPSDMD KABUPATEN BANGKA"); a title wrapped over
    two lines ends its second with a comma ("KEPALA BKPSDMD" / "KABUPATEN BANGKA,"). The last
    such block counts.
    """
    titles = signer_titles()
    rows = [x.strip() for x in lines if x.strip()]
    for i in range(len(rows) - 1, -1, -1):
        words = rows[i].split()
        if words[0].lower().strip(".,") not in titles or not rows[i].isupper():
            continue
        title, j = [rows[i]], i + 1
        if not rows[i].endswith(",") and j + 1 < len(rows) and rows[j].endswith(","):
            title, j = [*title, rows[j]], j + 1
        if j < len(rows) and _is_name(rows[j]):
            header.signer_title = " ".join(title).rstrip(",")
            header.signer_name = rows[j]
            return


def cited_decree(lines: list[str]) -> str | None:
    """The nomor of the keputusan that running text names as setting these indicators:
    "... melalui Keputusan Camat X Nomor : 188/16/KEP/2025 tentang Indikator Kinerja Utama ..."."""
    m = _cited_decree().search(" ".join(lines))
    return m.group("v") if m else None


@cache
def _cited_decree() -> re.Pattern[str]:
    labels = load(Labels)
    kinds, joiners = _words(labels.cited_decree_kinds), _words(labels.decree_subject_joiners)
    subjects, nomor = _words(labels.decree_subject), _words(labels.header_labels.nomor)
    return re.compile(
        rf"\b(?:{kinds})\b[^.]{{0,120}}?\b(?:{nomor})\s*:?\s*(?P<v>\S*\d\S*)\s+(?:{joiners})\s+(?:{subjects})\b",
        re.I,
    )


def read_decree(lines: list[str], header: Header) -> None:
    """Place and date from a keputusan's "Ditetapkan di ... pada tanggal ..." when the signature
    after the tables had none (a whole keputusan signs its decree pages before the lampiran); the
    nomor of the keputusan the running text cites for these indicators when no heading has one."""
    if header.nomor is None and (cited := cited_decree(lines)):
        header.nomor = cited
        years = _YEAR.findall(cited)
        header.tahun = header.tahun or (int(years[-1]) if years else None)
    if header.tempat_tanggal is not None or not (decreed := decree_place_date(lines)):
        return
    header.tempat_tanggal = decreed
    years = _YEAR.findall(decreed)
    if header.tahun is None and years:
        header.tahun = int(years[-1])
