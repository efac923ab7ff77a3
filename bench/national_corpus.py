"""A national corpus: the seed text lampiran moved to real kecamatan of the gazetteer, varied content.

Each copy takes one seed and one kecamatan of `normalizers/data/wilayah` (districts, regencies,
provinces: names and kode wilayah as the gazetteer has them) and rewrites the seed's own place names
(found by running the pipeline on the seed once, never written here), its kode wilayah in the nomor,
its year, and a few spelling variants; when the corpus is larger than the gazetteer, the next round
of copies is the next year. A small share of copies are byte-identical duplicates of an earlier copy
(the batch must reject them as `duplicate-document`). Deterministic for a seed value.

    python -m bench.national_corpus OUT_DIR --n 2000 [--seeds data/raw] [--duplicates 0.01]
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from pipeline.worker import Limits, convert_document

WILAYAH = Path(__file__).resolve().parent.parent / "normalizers" / "data" / "wilayah"
# Spelling variants found in real lampiran; a copy applies a random few of them.
_SWAPS = [
    ("Persentase", "Prosentase"),
    ("Jumlah", "Banyaknya"),
    ("dokumen", "berkas"),
    ("Desa", "Kelurahan"),
    ("Survey", "Survei"),
    ("tepat waktu", "tepat pada waktunya"),
    ("Kasi", "Kepala Seksi"),
    ("Subag", "Sub Bagian"),
]
_PREFIX = re.compile(r"^(Kabupaten|Kota)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Place:
    kode: str  # kode wilayah of the kecamatan, e.g. 35.07.27
    kecamatan: str  # gazetteer spelling, e.g. Long Kali
    regency: str  # e.g. Kabupaten Malang / Kota Batu
    province: str


@dataclass(frozen=True)
class Seed:
    path: Path
    text: str
    kecamatan: str | None  # as printed in the seed (from the pipeline's documents row)
    kabupaten: str | None
    kode: str | None
    tahun: int | None


def gazetteer_places(folder: Path = WILAYAH) -> list[Place]:
    """Every kecamatan of the gazetteer, in code order."""

    def rows(name: str) -> list[dict[str, str]]:
        with (folder / name).open(encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))

    provinces = {r["code"]: r["name"] for r in rows("provinces.csv")}
    regencies = {r["code"]: (r["name"], provinces[r["province_code"]]) for r in rows("regencies.csv")}
    return [
        Place(r["code"], r["name"], *regencies[r["regency_code"]])
        for r in rows("districts.csv")
        if r["regency_code"] in regencies
    ]


def read_seed(path: Path) -> Seed:
    """The seed's text and the place it names, as the pipeline reads it."""
    out = convert_document(str(path), Limits())
    doc = (out.rows.get("documents") or [{}])[0]
    return Seed(
        path,
        path.read_text(encoding="utf-8"),
        doc.get("kecamatan"),
        doc.get("kabupaten"),
        doc.get("kode_kecamatan"),
        doc.get("tahun"),
    )


def _cased(found: str, new: str) -> str:
    """`new` written in the case of the occurrence it replaces."""
    if found.isupper():
        return new.upper()
    if found.islower():
        return new.lower()
    return new


def replace_name(text: str, old: str | None, new: str) -> str:
    """Whole-word, case-insensitive replacement keeping each occurrence's case."""
    if not old:
        return text
    pattern = re.compile(r"(?<![^\W\d_])" + re.escape(old) + r"(?![^\W\d_])", re.IGNORECASE)
    return pattern.sub(lambda m: _cased(m.group(0), new), text)


def move_seed(seed: Seed, place: Place, year: int, rng: random.Random) -> str:
    """The seed's text as if it were the lampiran of `place` for `year`, a few spellings varied."""
    text = seed.text
    if seed.kabupaten:
        bare = _PREFIX.sub("", place.regency)
        text = replace_name(text, f"Kabupaten {seed.kabupaten}", place.regency)
        text = replace_name(text, seed.kabupaten, bare)
    text = replace_name(text, seed.kecamatan, place.kecamatan)
    if seed.kode:
        text = text.replace(seed.kode, place.kode)
    if seed.tahun:
        text = re.sub(rf"(?<!\d){seed.tahun}(?!\d)", str(year), text)
    for a, b in rng.sample(_SWAPS, k=rng.randint(1, 3)):
        text = text.replace(a, b)
    return text


def build_national_corpus(
    dst: Path, seeds: list[Seed], n: int, duplicates: float = 0.01, seed: int = 13, first_year: int = 2021
) -> list[Path]:
    """Write `n` lampiran into `dst`: copies of the seeds at real kecamatan, some exact duplicates."""
    rng = random.Random(seed)
    places = gazetteer_places()
    order = list(range(len(places)))
    rng.shuffle(order)
    dst.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for i in range(n):
        if written and rng.random() < duplicates:
            original = written[rng.randrange(len(written))]
            path = dst / f"dup{i:05d}_{original.name}"
            path.write_bytes(original.read_bytes())
        else:
            place = places[order[i % len(places)]]
            year = first_year + i // len(places)
            src = seeds[i % len(seeds)]
            path = dst / f"{place.kode.replace('.', '')}_{year}_{src.path.stem}.txt"
            path.write_text(move_seed(src, place, year, rng), encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir")
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--seeds", default="data/raw")
    ap.add_argument("--duplicates", type=float, default=0.01)
    args = ap.parse_args(argv)
    seeds = [read_seed(p) for p in sorted(Path(args.seeds).glob("*.txt"))]
    if not seeds:
        print(f"no seed texts in {args.seeds}", file=sys.stderr)
        return 2
    paths = build_national_corpus(Path(args.out_dir), seeds, args.n, args.duplicates)
    print(f"wrote {len(paths)} lampiran into {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
