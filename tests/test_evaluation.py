"""Tests of the scorer (`python -m evaluation`) on small real Parquet outputs and gold JSON files."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from evaluation.__main__ import main
from evaluation.evaluate import Evaluation, evaluate
from evaluation.gold import GoldSet
from evaluation.records import CONFIDENCE_FIELDS, SCORED_INDICATOR_FIELDS
from evaluation.text import normalise, similarity
from pipeline.schema import DOCUMENT_CONFIDENCE_FIELDS, INDICATOR_CONFIDENCE_FIELDS, TABLES

GOLD_DIR = Path(__file__).parent / "gold"
Rows = dict[str, list[dict[str, Any]]]


def _indicator(seq: int, indikator: str, formula: str | None, **extra: Any) -> dict[str, Any]:
    """A gold INDICATOR object with every field defaulted to empty."""
    base: dict[str, Any] = {
        "seq": seq,
        "sasaran": None,
        "indikator": indikator,
        "formula": formula,
        "numerator": None,
        "denominator": None,
        "multiplier": None,
        "sumber_data": None,
        "penanggung_jawab": [],
        "sub_items": [],
        "catatan": None,
        "context": None,
        "ambiguous": [],
        "notes": None,
    }
    return base | extra


# Gold items: document 9, institution 4, iku 10, position 1: 6 + 6, position 2: 4 + 3 + 2 = 44.
GOLD: dict[str, Any] = {
    "source": "doc.txt",
    "document": {
        "doc_kind": "IKU+IKI",
        "title": "INDIKATOR KINERJA KECAMATAN NGANTANG",
        "kecamatan": "Ngantang",
        "kabupaten": "Malang",
        "nomor": "188.4/12/35.07.27/2022",
        "tahun": 2022,
        "tempat_tanggal": "Ngantang, Januari 2022",
        "penandatangan": {
            "nama": "Budi Santoso",
            "nip": "1970 0101 1990",
            "jabatan": "CAMAT",
            "pangkat": None,
        },
    },
    "institution": {
        "instansi": "KECAMATAN NGANTANG",
        "tugas": ["Menyelenggarakan urusan pemerintahan umum di wilayah kecamatan"],
        "fungsi": [
            {"label": "a", "text": "Koordinasi kegiatan pemberdayaan masyarakat desa"},
            {"label": "b", "text": "Pelayanan administrasi terpadu kecamatan"},
        ],
        "tujuan": [],
        "indikator_tujuan": [],
        "visi": ["Ngantang maju dan sejahtera"],
        "misi": [],
    },
    "iku": [
        _indicator(
            1,
            "Indeks Kepuasan Masyarakat",
            "Jumlah nilai persepsi / jumlah unsur x 100",
            sasaran="Meningkatnya kualitas pelayanan publik",
            numerator="Jumlah nilai persepsi",
            denominator="Jumlah unsur",
            multiplier=100,
            sumber_data="Laporan survei kepuasan",
            penanggung_jawab=["Seksi Pelayanan Umum"],
            context={"misi": "Meningkatkan pelayanan", "tujuan": "Pelayanan prima"},
        )
    ],
    "positions": [
        {
            "seq": 1,
            "jabatan": "SEKRETARIS KECAMATAN",
            "canonical": "Sekretaris Kecamatan",
            "family": "SEKRETARIS",
            "tugas": [{"label": "a", "text": "Melaksanakan koordinasi perencanaan dan pelaporan program"}],
            "fungsi": [
                {"label": "a", "text": "Merencanakan kegiatan kesekretariatan"},
                {"label": "b", "text": "Mengelola urusan administrasi kepegawaian"},
            ],
            "indicators": [
                _indicator(
                    1,
                    "Persentase surat yang diarsipkan tepat waktu",
                    "Jumlah surat diarsipkan dibagi jumlah surat",
                    sasaran="Tertib administrasi persuratan",
                    sumber_data="Buku agenda surat",
                    sub_items=["Surat masuk dari instansi", "Surat keluar kecamatan"],
                )
            ],
        },
        {
            "seq": 2,
            "jabatan": "KASI PEMERINTAHAN",
            "canonical": "Kepala Seksi Pemerintahan",
            "family": "KASI_PEMERINTAHAN",
            "tugas": [{"label": None, "text": "Menyiapkan bahan pembinaan pemerintahan desa"}],
            "fungsi": [],
            "indicators": [
                _indicator(
                    1,
                    "Jumlah desa yang dibina administrasinya",
                    "Rekap hasil pembinaan",
                    sasaran="Meningkatnya tata kelola pemerintahan desa",
                    sumber_data="Laporan pembinaan desa",
                    ambiguous=["formula"],
                ),
                _indicator(2, "Jumlah rapat koordinasi camat", "Daftar hadir rapat koordinasi"),
            ],
        },
    ],
}
GOLD_ITEMS = 44
INDICATOR_2_ITEMS = 6  # sasaran, indikator, formula, sumber_data, 2 sub_items


def _texts(items: list[Any]) -> list[str]:
    """Texts of a gold list of strings or {label, text} objects."""
    return [item["text"] if isinstance(item, dict) else item for item in items]


def _duty_rows(doc_id: str, position_id: str | None, kind: str, items: list[Any]) -> list[dict[str, Any]]:
    """Duty rows for one owner and kind."""
    return [
        {"duty_id": f"{position_id}-{kind}-{n}", "doc_id": doc_id, "position_id": position_id, "kind": kind}
        | {"seq": n, "text": text}
        for n, text in enumerate(_texts(items), 1)
    ]


def _indicator_rows(
    doc_id: str, position_id: str | None, items: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Indicator rows converted from gold INDICATOR objects."""
    names = ("sasaran", "indikator", "formula", "numerator", "denominator", "multiplier", "sumber_data")
    rows = []
    for n, ind in enumerate(items, 1):
        context = ind.get("context") or {}
        row = {name: ind[name] for name in names} | {
            "indicator_id": f"{position_id}-i{n}",
            "doc_id": doc_id,
            "position_id": position_id,
            "level": "IKI" if position_id else "IKU",
            "seq": n,
            "penanggung_jawab": ind["penanggung_jawab"],
            "sub_items": ind["sub_items"],
            "context_misi": context.get("misi"),
            "context_tujuan": context.get("tujuan"),
        }
        rows.append(row)
    return rows


def gold_to_rows(gold: dict[str, Any], source_file: str, input_format: str = "text") -> Rows:
    """Output-table rows that hold exactly what a gold file holds."""
    doc_id = f"d-{source_file}"
    doc, inst = gold["document"], gold.get("institution") or {}
    signer = doc.get("penandatangan") or {}
    names = ("doc_kind", "title", "kecamatan", "kabupaten", "nomor", "tahun", "tempat_tanggal")
    document = {name: doc.get(name) for name in names} | {
        "doc_id": doc_id,
        "source_file": source_file,
        "source_sha256": "0" * 64,
        "input_format": input_format,
        "instansi": inst.get("instansi"),
        "signer_name": signer.get("nama"),
        "signer_nip": signer.get("nip"),
        "schema_version": "1.0.0",
        "pipeline_version": "test",
    }
    rows: Rows = {"documents": [document], "positions": [], "duties": [], "indicators": []}
    for kind in ("tugas", "fungsi", "tujuan", "indikator_tujuan", "visi", "misi"):
        rows["duties"] += _duty_rows(doc_id, None, kind, inst.get(kind) or [])
    rows["indicators"] += _indicator_rows(doc_id, None, gold["iku"])
    for pos in gold["positions"]:
        pid = f"{doc_id}-p{pos['seq']}"
        rows["positions"].append(
            {"position_id": pid, "doc_id": doc_id, "seq": pos["seq"], "jabatan": pos["jabatan"]}
            | {"jabatan_canonical": pos["canonical"], "family": pos["family"]}
        )
        rows["duties"] += _duty_rows(doc_id, pid, "tugas", pos["tugas"])
        rows["duties"] += _duty_rows(doc_id, pid, "fungsi", pos["fungsi"])
        rows["indicators"] += _indicator_rows(doc_id, pid, pos["indicators"])
    return rows


def combine(*parts: Rows) -> Rows:
    """Rows of several documents in one output."""
    return {table: [row for part in parts for row in part[table]] for table in parts[0]}


def write_output(folder: Path, rows: Rows) -> Path:
    """Write the rows as Parquet files with the pipeline's schemas."""
    folder.mkdir(parents=True, exist_ok=True)
    for table, table_rows in rows.items():
        pq.write_table(pa.Table.from_pylist(table_rows, schema=TABLES[table]), folder / f"{table}.parquet")
    return folder


def write_gold(
    folder: Path, golds: dict[str, dict[str, Any]], manifest: dict[str, str] | None = None
) -> Path:
    """Write gold JSON files (name -> content) and an optional manifest."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, gold in golds.items():
        (folder / name).write_text(json.dumps(gold), encoding="utf-8")
    if manifest is not None:
        (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder


def run(tmp_path: Path, rows: Rows, golds: dict[str, dict[str, Any]] | None = None) -> Evaluation:
    """Score the rows against the gold files (default: GOLD as doc.json)."""
    gold_dir = write_gold(tmp_path / "gold", golds or {"doc.json": GOLD})
    return evaluate(write_output(tmp_path / "out", rows), gold_dir)


def _overall(ev: Evaluation) -> tuple[int, int, int]:
    """(gold, predicted, correct) over the whole run."""
    o = ev.overall
    return o.gold, o.predicted, o.correct


def test_normalise_and_similarity() -> None:
    """Normalisation keeps a-z, 0-9 and %, and similarity is ratio / 100."""
    assert normalise("  **Persentase** (PNS)\n x 100% ∑ ") == "persentase pns x 100%"
    assert similarity("ABC", "abc.") == 1.0
    assert similarity("abcd", "abce") == 0.75


def test_perfect_match(tmp_path: Path) -> None:
    """Output identical to the gold scores 1.0 everywhere."""
    ev = run(tmp_path, gold_to_rows(GOLD, "doc.txt"))
    assert _overall(ev) == (GOLD_ITEMS, GOLD_ITEMS, GOLD_ITEMS)
    assert (ev.overall.precision, ev.overall.recall, ev.overall.f1) == (1.0, 1.0, 1.0)
    assert ev.fields["duties.fungsi"].gold == 2
    assert ev.fields["positions.tugas"].gold == 2


def test_missing_indicator_lowers_recall(tmp_path: Path) -> None:
    """Dropping one indicator makes each of its gold items a false negative."""
    rows = gold_to_rows(GOLD, "doc.txt")
    rows["indicators"] = [r for r in rows["indicators"] if not r["indikator"].startswith("Persentase surat")]
    ev = run(tmp_path, rows)
    kept = GOLD_ITEMS - INDICATOR_2_ITEMS
    assert _overall(ev) == (GOLD_ITEMS, kept, kept)
    assert ev.overall.precision == 1.0
    assert ev.overall.recall == pytest.approx(kept / GOLD_ITEMS)


def test_extra_position_counts_false_positives(tmp_path: Path) -> None:
    """An unaligned output position adds its values and its indicators as false positives."""
    rows = gold_to_rows(GOLD, "doc.txt")
    pid = "extra"
    rows["positions"].append(
        {"position_id": pid, "doc_id": "d-doc.txt", "seq": 3, "jabatan": "PENGEMUDI"}
        | {"jabatan_canonical": "Pengemudi", "family": "PELAKSANA"}
    )
    rows["duties"] += _duty_rows("d-doc.txt", pid, "tugas", ["Mengemudikan kendaraan dinas"])
    rows["indicators"] += _indicator_rows("d-doc.txt", pid, [_indicator(1, "Jumlah perjalanan dinas", "Log")])
    ev = run(tmp_path, rows)
    assert _overall(ev) == (GOLD_ITEMS, GOLD_ITEMS + 6, GOLD_ITEMS)
    assert ev.overall.precision == pytest.approx(GOLD_ITEMS / (GOLD_ITEMS + 6))
    assert ev.overall.recall == 1.0


def test_ambiguous_fields_skipped(tmp_path: Path) -> None:
    """Fields listed in `ambiguous` (indicator or document) are counted on neither side."""
    gold = copy.deepcopy(GOLD)
    gold["document"]["ambiguous"] = ["penandatangan"]
    rows = gold_to_rows(GOLD, "doc.txt")
    rows["documents"][0] |= {"signer_name": "Orang Lain Sama Sekali", "signer_nip": "9"}
    for row in rows["indicators"]:
        if row["formula"] == "Rekap hasil pembinaan":
            row["formula"] = "Rekap hasil pembinaan desa yang sama sekali berbeda"
    ev = run(tmp_path, rows, {"doc.json": gold})
    assert _overall(ev) == (GOLD_ITEMS - 2, GOLD_ITEMS - 2, GOLD_ITEMS - 2)
    assert "documents.signer_name" not in ev.fields


def test_list_items_matched_one_to_one(tmp_path: Path) -> None:
    """A duplicated list item can match its gold item only once."""
    rows = gold_to_rows(GOLD, "doc.txt")
    for row in rows["indicators"]:
        if row["sub_items"]:
            row["sub_items"] = [
                "Surat keluar kecamatan",
                "Surat masuk dari instansi",
                "Surat masuk dari instansi",
            ]
    ev = run(tmp_path, rows)
    assert _overall(ev) == (GOLD_ITEMS, GOLD_ITEMS + 1, GOLD_ITEMS)
    assert ev.fields["indicators.sub_items"].precision == pytest.approx(2 / 3)


def test_same_jabatan_told_apart_by_tugas(tmp_path: Path) -> None:
    """Two positions with the same jabatan align by their tugas, whatever their order in the output."""
    gold = copy.deepcopy(GOLD)
    for pos in gold["positions"]:
        pos["jabatan"] = "PENGADMINISTRASI UMUM"
    rows = gold_to_rows(gold, "doc.txt")
    rows["positions"].reverse()
    assert run(tmp_path, rows, {"doc.json": gold}).overall.f1 == 1.0


def test_document_mapping(tmp_path: Path) -> None:
    """Source files map by manifest, then by stem, then by the longest gold stem followed by '_' or '.'."""
    golds = {name: GOLD for name in ("000_abc.json", "000_abc_x.json", "real.json")}
    gold = GoldSet.open(write_gold(tmp_path, golds, {"listed.txt": "real.json"}))
    assert gold.resolve("listed.txt") == "real.json"
    assert gold.resolve("000_abc.pdf") == "000_abc.json"
    assert gold.resolve("000_abc_scan300.pdf") == "000_abc.json"
    assert gold.resolve("000_abc_x_scan.pdf") == "000_abc_x.json"
    assert gold.resolve("000_abc.ocr.pdf") == "000_abc.json"
    assert gold.resolve("000_abcd.pdf") is None


def test_renderings_grouped_by_input_format(tmp_path: Path) -> None:
    """Text and scanned renderings of one document are scored separately and summarised per input kind."""
    scan = gold_to_rows(GOLD, "doc_scan300.pdf", "pdf_ocr")
    scan["indicators"] = [r for r in scan["indicators"] if not r["indikator"].startswith("Persentase surat")]
    ev = run(tmp_path, combine(gold_to_rows(GOLD, "doc.txt"), scan))
    assert [r.gold_file for r in ev.documents] == ["doc.json", "doc.json"]
    kinds = ev.by_format()
    assert kinds["text"][1].f1 == 1.0
    assert kinds["pdf_ocr"][1].recall == pytest.approx((GOLD_ITEMS - INDICATOR_2_ITEMS) / GOLD_ITEMS)


def test_no_gold_ignored_and_no_output_all_missed(tmp_path: Path) -> None:
    """Output without gold is ignored; gold without output counts every gold item as a false negative."""
    rows = combine(gold_to_rows(GOLD, "doc.txt"), gold_to_rows(GOLD, "unknown.txt"))
    ev = run(tmp_path, rows, {"doc.json": GOLD, "other.json": GOLD})
    assert ev.no_gold == ["unknown.txt"]
    assert [r.gold_file for r in ev.missing] == ["other.json"]
    assert _overall(ev) == (2 * GOLD_ITEMS, GOLD_ITEMS, GOLD_ITEMS)
    assert ev.overall.recall == 0.5


def test_cli_report_and_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The CLI prints the tables, writes JSON, and exits 2 when there is nothing to score."""
    out = write_output(tmp_path / "out", gold_to_rows(GOLD, "doc.txt"))
    gold_dir = write_gold(tmp_path / "gold", {"doc.json": GOLD})
    report = tmp_path / "report.json"
    assert main(["--out", str(out), "--gold", str(gold_dir), "--json", str(report), "--only", "doc*"]) == 0
    printed = capsys.readouterr().out
    assert "Per field" in printed and "Overall: P=1.000 R=1.000 F1=1.000" in printed
    assert json.loads(report.read_text())["overall"]["f1"] == 1.0
    assert main(["--out", str(tmp_path / "empty"), "--gold", str(gold_dir)]) == 2
    assert main(["--out", str(out), "--gold", str(tmp_path / "empty")]) == 2
    assert "no documents.parquet" in capsys.readouterr().err


@pytest.mark.parametrize(
    "gold_file", sorted(p.name for p in GOLD_DIR.glob("*.json") if p.name != "manifest.json")
)
def test_gold_as_output_scores_perfectly(tmp_path: Path, gold_file: str) -> None:
    """Every real gold file, written out as pipeline tables, scores F1 1.0 (the two loaders agree)."""
    gold = json.loads((GOLD_DIR / gold_file).read_text(encoding="utf-8"))
    out = write_output(tmp_path / "out", gold_to_rows(gold, gold["source"]))
    ev = evaluate(out, GOLD_DIR, only=gold["source"])
    assert [r.gold_file for r in ev.documents] == [gold_file]
    assert ev.missing == [] and ev.overall.gold > 0
    assert (ev.overall.precision, ev.overall.recall, ev.overall.f1) == (1.0, 1.0, 1.0)


def test_the_scorer_reads_the_confidences_the_pipeline_writes() -> None:
    """The scorer declares its own field lists (it imports nothing from the pipeline): they name
    exactly the confidence columns the output schema has."""
    assert tuple(CONFIDENCE_FIELDS["indicators"]) == SCORED_INDICATOR_FIELDS == INDICATOR_CONFIDENCE_FIELDS
    assert tuple(CONFIDENCE_FIELDS["documents"]) == DOCUMENT_CONFIDENCE_FIELDS
    for table, fields in CONFIDENCE_FIELDS.items():
        columns = {f"confidence_{column}" for column in fields}
        assert columns <= set(TABLES[table].names)
