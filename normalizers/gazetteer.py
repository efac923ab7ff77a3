"""The vendored gazetteer of kode wilayah (normalizers/data/wilayah/*.csv), indexed by compact name.

Codes stay strings exactly as published ("35.07.27"): leading zeros and dots are part of them.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from vocabulary import load
from vocabulary.schemas import Wilayah

__all__ = ["District", "Gazetteer", "Regency", "compact", "gazetteer", "strip_prefix"]


@dataclass(frozen=True)
class Regency:
    code: str  # "35.07"
    name: str  # "Kabupaten Malang"
    short: str  # "Malang"
    province: str  # "Jawa Timur"


@dataclass(frozen=True)
class District:
    code: str  # "35.07.27"
    name: str  # "Ngantang"
    regency: Regency


@dataclass(frozen=True)
class Gazetteer:
    districts: dict[str, District]  # code -> district
    regencies: dict[str, Regency]  # code -> regency
    district_keys: dict[str, tuple[str, ...]]  # compact name -> district codes
    regency_keys: dict[str, tuple[str, ...]]  # compact short name -> regency codes
    district_aliases: dict[str, str]  # compact printed name -> district code
    regency_aliases: dict[str, str]  # compact printed name -> regency code
    prefixes: dict[str, re.Pattern[str]]  # "kecamatan" | "kabupaten" -> leading-prefix regex
    thresholds: dict[str, float]


def compact(name: str) -> str:
    """Lower case, accents folded, only letters and digits: "Long Kali" -> "longkali"."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", folded.lower())


def strip_prefix(name: str, level: str, gaz: Gazetteer) -> str:
    """Drop leading words such as "Kecamatan" / "Kab." that are not part of the name."""
    previous = None
    while previous != name:
        previous, name = name, gaz.prefixes[level].sub("", name).strip()
    return name


def _read_csv(fname: str) -> list[dict[str, str]]:
    text = resources.files("normalizers").joinpath("data", "wilayah", fname).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _prefix_regex(words: list[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w.rstrip(".")) + r"\.?" for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"^\s*(?:{alternatives})(?:\s+|(?<=\.))", re.IGNORECASE)


def _regency_short(name: str, prefix: re.Pattern[str]) -> str:
    return prefix.sub("", name).strip() or name


def _index(codes_by_name: list[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = defaultdict(list)
    for code, name in codes_by_name:
        index[compact(name)].append(code)
    return {k: tuple(sorted(v)) for k, v in index.items()}


def _aliases(entries: dict[str, Any] | None) -> dict[str, str]:
    return {compact(str(k)): str(v) for k, v in (entries or {}).items()}


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer with the reviewed aliases and thresholds of data/wilayah_aliases.yaml."""
    config = load(Wilayah)
    prefixes = {
        level: _prefix_regex(list(words)) for level, words in dataclasses.asdict(config.prefixes).items()
    }
    provinces = {r["code"]: r["name"] for r in _read_csv("provinces.csv")}
    regencies = {
        r["code"]: Regency(
            r["code"],
            r["name"],
            _regency_short(r["name"], prefixes["kabupaten"]),
            provinces[r["province_code"]],
        )
        for r in _read_csv("regencies.csv")
    }
    districts = {
        r["code"]: District(r["code"], r["name"], regencies[r["regency_code"]])
        for r in _read_csv("districts.csv")
    }
    return Gazetteer(
        districts=districts,
        regencies=regencies,
        district_keys=_index([(d.code, d.name) for d in districts.values()]),
        regency_keys=_index([(r.code, r.short) for r in regencies.values()]),
        district_aliases=_aliases(config.aliases.kecamatan),
        regency_aliases=_aliases(config.aliases.kabupaten),
        prefixes=prefixes,
        thresholds=dataclasses.asdict(config.thresholds),
    )
