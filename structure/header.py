"""Document header (title, kecamatan, kabupaten, nomor, tahun) and signature block."""

from __future__ import annotations

import itertools
import re
from functools import cache

from structure.model import Header
from structure.vocab import load

_NOMOR = re.compile(r"^\s*nomor\s*:?\s*(?P<v>.+)$", re.I)
_RUN_NOMOR = re.compile(r"[A-Z]NOMOR\s*:\s*(?P<v>.*)$")  # "KABUPATEN BANGKANOMOR :": words run together
_NUMBER_LINE = re.compile(r"^\s*[\w.]+\s*/.*\d")  # "188.45/013 /BKPSDMD/2021" on the line below
_KEPUTUSAN = re.compile(r"keputusan\s+camat\s+(?P<v>[a-z][a-z .'-]*)", re.I)
_KEC = re.compile(r"\bkecamatan\s+(?P<kec>[a-z][a-z .'-]*?)(?=\s+kabupaten\b|\s+kota\b|\s+tahun\b|$)", re.I)
_KAB = re.compile(r"\bkabupaten\s+(?P<kab>[a-z][a-z .'-]*?)\s*$", re.I)
_NIP = re.compile(r"^\s*(?:NIP|NPM|N1P|NlP)\s*[.:]?\s*:?\s*(?P<nip>\d[\d ]{7,}\d)\W*$", re.I)
_YEAR = re.compile(r"(?:19|20)\d{2}")


@cache
def _date_line() -> re.Pattern[str]:
    months = "|".join(load("labels")["months"])
    return re.compile(
        rf"^[A-Za-z][A-Za-z .'-]+,\s*(?:(?:\d{{1,2}}\s+)?(?:{months})\s+)?(?:19|20)\d{{2}}\s*$", re.I
    )


@cache
def _decree_lines() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """ "Ditetapkan di : X" and "Pada tanggal : Y" (labels from the vocabulary)."""

    def pattern(key: str) -> re.Pattern[str]:
        alts = "|".join(r"\s+".join(map(re.escape, a.split())) for a in load("labels")[key])
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


def place_names(lines: list[str]) -> tuple[str | None, str | None]:
    """(kecamatan, kabupaten) as printed in header or title lines, proper-cased."""
    kec = kab = None
    joined = " ".join(lines)
    m = _KEPUTUSAN.search(joined)
    if m:
        kec = m.group("v").split(" nomor")[0].split(" NOMOR")[0]
    for line in lines:
        km = _KEC.search(line)
        if km and not kec and km.group("kec").strip().lower() not in {"", "dan", "di"}:
            kec = km.group("kec")
        bm = _KAB.search(line)
        if bm and not kab:
            kab = _name_words(bm.group("kab"))
    return (proper(_strip_marks(kec)) if kec else None, proper(_strip_marks(kab)) if kab else None)


def read_header(lines: list[str]) -> Header:
    """Header facts from the lines printed before the first content block."""
    header = Header()
    title: list[str] = []
    body = [w.lower() for w in load("labels")["decree_body"]]
    in_body = False
    for i, line in enumerate(lines):
        # the laws cited under Menimbang / Mengingat carry numbers of their own: not the document's
        in_body = in_body or line.strip().lower().startswith(tuple(body))
        m = _NOMOR.match(line) or _RUN_NOMOR.search(line)
        if m and header.nomor is None and not in_body:
            value = m.group("v").strip()
            nxt = lines[i + 1] if i + 1 < len(lines) else ""
            header.nomor = value or (nxt.strip() if _NUMBER_LINE.match(nxt) else None)
        if line.upper().startswith("INDIKATOR KINERJA") and not title:
            title = [line]
            for nxt in lines[i + 1 :]:
                if not nxt.isupper() or len(title) >= 4 or nxt.upper().startswith("INDIKATOR"):
                    break
                title.append(nxt)
    header.title = " ".join(_strip_marks(t) for t in title) or None
    header.kecamatan, header.kabupaten = place_names(lines)
    if header.nomor:
        years = _YEAR.findall(header.nomor)
        header.tahun = int(years[-1]) if years else None
    for line in title or lines:
        # "Tahun 2025 - 2029" is a plan period, not the document's year
        m = re.search(r"\bTAHUN\s+((?:19|20)\d{2})\b(?!\s*[-–—]\s*(?:19|20)\d{2})", line, re.I)
        if header.tahun is None and m:
            header.tahun = int(m.group(1))
    return header


def is_pangkat(line: str) -> bool:
    """A rank line: "Pembina Tk. I", "Pembina Utama Madya/ IVc" (abbreviated, with its golongan)."""
    text = re.sub(r"\btk\b\.?\s*", "tingkat ", line.lower())
    text = re.split(r"[/,(]", text)[0]
    return " ".join(text.replace(".", " ").split()) in {p.lower() for p in load("labels")["pangkat"]}


def read_signature(lines: list[str], header: Header) -> None:
    """Fill signer fields and tempat/tanggal from the lines after the last table."""
    titles = load("labels")["signer_titles"]
    for i, line in enumerate(lines):
        if _date_line().match(line):
            header.tempat_tanggal = line.strip()
            if header.tahun is None:
                header.tahun = int(_YEAR.findall(line)[-1])
        m = _NIP.match(line)
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


def cited_decree(lines: list[str]) -> str | None:
    """The nomor of the keputusan that running text names as setting these indicators:
    "... melalui Keputusan Camat X Nomor : 188/16/KEP/2025 tentang Indikator Kinerja Utama ..."."""
    subjects = "|".join(r"\s+".join(map(re.escape, s.split())) for s in load("labels")["decree_subject"])
    pattern = rf"\bkeputusan\b[^.]{{0,120}}?\bnomor\s*:?\s*(?P<v>\S*\d\S*)\s+tentang\s+(?:{subjects})\b"
    m = re.search(pattern, " ".join(lines), re.I)
    return m.group("v") if m else None


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
