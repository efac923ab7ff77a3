"""`make bench` scale runs: documents/s, pages/s and peak RSS / PSS of the process tree on 1 and 2
workers and the incremental re-run of an unchanged corpus (seeds and PDF fixtures multiplied); and
with `--national N N ...`, the national corpus (bench/national_corpus.py) grown to each size on 2
workers, with the time ratio between sizes and the time projected for 50,000 documents."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import psutil

from bench.corpus import build_corpus
from pipeline.run import RunOptions, Summary, input_files, run_batch
from pipeline.worker import file_sha256


class PeakRss:
    """Samples the RSS of this process and all its children; `peak` holds the maximum (bytes).
    Also samples the machine's 1-minute load average: on a shared machine a figure means little
    without it."""

    def __init__(self, interval: float = 0.2) -> None:
        self.interval, self.peak, self.peak_pss, self._stop = interval, 0, 0, threading.Event()
        self.loads: list[float] = []
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = pss = 0
            for p in [me, *me.children(recursive=True)]:
                try:
                    info = p.memory_full_info()
                    total, pss = total + info.rss, pss + info.pss
                except psutil.Error:
                    pass
            self.peak, self.peak_pss = max(self.peak, total), max(self.peak_pss, pss)
            self.loads.append(os.getloadavg()[0])
            time.sleep(self.interval)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _timed(src: Path, out: Path, workers: int, interval: float = 0.2) -> tuple[Summary, float, PeakRss]:
    with PeakRss(interval) as rss:
        t0 = time.perf_counter()
        summary = run_batch(input_files(src), out, options=RunOptions(workers=workers))
        seconds = time.perf_counter() - t0
    return summary, seconds, rss


def _row(label: str, summary: Summary, seconds: float, rss: PeakRss) -> dict[str, Any]:
    return {
        "run": label,
        "documents": summary.total,
        "pages": summary.pages,
        "seconds": round(seconds, 2),
        "docs_per_s": round(summary.total / seconds, 2),
        "pages_per_s": round(summary.pages / seconds, 2),
        "peak_rss_mb": round(rss.peak / 2**20),
        "peak_pss_mb": round(rss.peak_pss / 2**20),
        "converted": summary.converted,
        "rejected": summary.rejected,
        "load_avg_mean": round(sum(rss.loads) / len(rss.loads), 1) if rss.loads else None,
        "load_avg_max": round(max(rss.loads), 1) if rss.loads else None,
    }


def scale(
    texts: list[Path], pdfs: list[Path], n_text: int, n_pdf: int, pdf_only: int
) -> list[dict[str, Any]]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        corpus = base / "corpus"
        build_corpus(corpus, texts, pdfs, n_text, n_pdf)
        for workers in (1, 2):
            out = base / f"out{workers}"
            s, sec, rss = _timed(corpus, out, workers)
            rows.append(_row(f"corpus full, {workers} worker(s)", s, sec, rss))
        s, sec, rss = _timed(corpus, base / "out2", 2)
        rows.append(_row("corpus unchanged re-run, 2 workers", s, sec, rss))
        rows[-1]["share_of_full"] = round(sec / rows[1]["seconds"], 4)
        pdf_corpus = base / "pdf_corpus"
        build_corpus(pdf_corpus, texts, pdfs, 0, pdf_only, seed=11)
        for workers in (1, 2):
            s, sec, rss = _timed(pdf_corpus, base / f"pdf_out{workers}", workers)
            rows.append(_row(f"PDF fixtures, {workers} worker(s)", s, sec, rss))
        rows[-1]["speedup_vs_1"] = round(rows[-1]["docs_per_s"] / rows[-2]["docs_per_s"], 2)
        rows[1]["speedup_vs_1"] = round(rows[1]["docs_per_s"] / rows[0]["docs_per_s"], 2)
        shutil.rmtree(base, ignore_errors=True)
    return rows


def _distinct_contents(folder: Path) -> int:
    return len({file_sha256(p) for p in input_files(folder)})


def _build_national(corpus: Path, seeds: Path, n: int) -> None:
    """The corpus is built in a child process: reading the seeds loads the parsers, which the batch's
    parent process does not hold in a real run (its memory is part of what is measured)."""
    cmd = [sys.executable, "-m", "bench.national_corpus", str(corpus), "--n", str(n), "--seeds", str(seeds)]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


def national_run(corpus: Path, out: Path, workers: int) -> dict[str, Any]:
    """One national run, measured in this process (a fresh one per size: see `national`)."""
    # PSS reads every process's smaps: sampled less often on the long runs, where it would take a
    # noticeable share of the two cores the runs themselves need
    s, sec, rss = _timed(corpus, out, workers, interval=0.5)
    row = _row(f"national corpus {s.total}, {workers} workers", s, sec, rss)
    row["distinct"] = _distinct_contents(corpus)
    row["documents_out"] = s.ok + s.with_issues
    codes = sorted({r.code for r in s.rejects})
    row["reject_codes"] = codes
    row["every_distinct_out"] = row["documents_out"] == row["distinct"] and codes in (
        [],
        ["duplicate-document"],
    )
    return row


def national(seeds: Path, sizes: list[int], workers: int = 2) -> list[dict[str, Any]]:
    """One full run per corpus size, each corpus and output folder fresh, each run in a fresh process:
    a process that has run a batch keeps its allocators' memory, which would count in the next size's
    peak. Each row is printed as soon as its run ends."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        for n in sizes:
            corpus = base / f"national{n}"
            _build_national(corpus, seeds, n)
            run = ["--national-run", str(corpus), str(base / f"out{n}"), str(workers)]
            cmd = [sys.executable, "-m", "bench.bench_scale", *run]
            done = subprocess.run(cmd, check=True, capture_output=True, text=True)
            row = json.loads(done.stdout.strip().splitlines()[-1])
            rows.append(row)
            _print([row])
            sys.stdout.flush()
            shutil.rmtree(base / f"out{n}", ignore_errors=True)
            shutil.rmtree(corpus, ignore_errors=True)
    if len(rows) >= 2:
        (n0, t0), (n1, t1) = (
            (rows[0]["documents"], rows[0]["seconds"]),
            (rows[-1]["documents"], rows[-1]["seconds"]),
        )
        rows[-1]["time_ratio"] = round(t1 / t0, 2)
        slope = (t1 - t0) / (n1 - n0)  # a line through the two sizes: fixed cost + cost per document
        rows[-1]["projected_50000_s"] = round(t1 + slope * (50_000 - n1))
    return rows


def _print(rows: list[dict[str, Any]]) -> None:
    for r in rows:
        extra = "".join(
            f"  {k}={r[k]}"
            for k in (
                "speedup_vs_1",
                "share_of_full",
                "time_ratio",
                "projected_50000_s",
                "every_distinct_out",
            )
            if k in r
        )
        print(
            f"  {r['run']:38s} {r['documents']:5d} docs {r['pages']:5d} pages {r['seconds']:7.1f} s "
            f"{r['docs_per_s']:6.2f} docs/s {r['pages_per_s']:7.2f} pages/s peak RSS {r['peak_rss_mb']} MB "
            f"(PSS {r['peak_pss_mb']} MB) load {r['load_avg_mean']} (max {r['load_avg_max']}){extra}"
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--texts", default="data/raw")
    ap.add_argument("--pdfs", default="data/fixtures/pdf")
    ap.add_argument("--n-text", type=int, default=400)
    ap.add_argument("--n-pdf", type=int, default=100)
    ap.add_argument("--pdf-only", type=int, default=40)
    ap.add_argument("--json")
    ap.add_argument("--national", type=int, nargs="+", help="national corpus sizes (2 workers each)")
    ap.add_argument("--national-run", nargs=3, metavar=("CORPUS", "OUT", "WORKERS"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.national_run:  # one size, in the child process `national` starts
        corpus, out, workers = args.national_run
        print(json.dumps(national_run(Path(corpus), Path(out), int(workers))))
        return 0
    texts = sorted(Path(args.texts).glob("*.txt"))
    if args.national:
        print(f"\nnational corpus (seeds at real kecamatan of the gazetteer; sizes {args.national})")
        rows = national(Path(args.texts), args.national)
        _print(rows[-1:])  # the last row again, now with the ratio and the projection
        if args.json:
            Path(args.json).write_text(json.dumps(rows, indent=1))
        return 0
    pdfs = sorted(Path(args.pdfs).glob("*.pdf"))
    if not texts or not pdfs:
        print("scale bench needs data/raw/*.txt and data/fixtures/pdf/*.pdf (make fixtures)")
        return 2
    rows = scale(texts, pdfs, args.n_text, args.n_pdf, args.pdf_only)
    print(f"\nscale run ({args.n_text} text + {args.n_pdf} PDF documents; PDF-only {args.pdf_only})")
    _print(rows)
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
