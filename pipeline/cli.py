"""Command line: `python -m pipeline extract INPUT_DIR --out OUT_DIR`.

Exit codes: 0 every document came out; 3 the batch completed but some files were rejected
(see rejects.parquet); 2 bad usage (input folder missing or empty, or a vocabulary file that does
not match its schema); 4 the output folder is in use by another run (nothing was written; a lock
left by a killed run is taken over, not refused).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from pipeline.executor import Recycle
from pipeline.lock import OutputLocked
from pipeline.run import RunOptions, input_files, run_batch
from pipeline.worker import DocOutput, Limits
from vocabulary import VocabularyError

EXIT_OK, EXIT_USAGE, EXIT_REJECTS, EXIT_LOCKED = 0, 2, 3, 4


def _options(args: argparse.Namespace) -> RunOptions:
    limits = Limits(seconds=args.timeout, memory_mb=args.max_memory, max_pages=args.max_pages)
    workers = args.workers if args.workers is not None else (os.cpu_count() or 1)
    return RunOptions(
        workers=workers,
        scheduler=args.scheduler,
        full=args.full,
        limits=limits,
        recycle=args.recycle,
        recycle_mb=args.recycle_mb,
    )


def _extract(args: argparse.Namespace) -> int:
    console = Console(stderr=True)
    src, out = Path(args.input_dir), Path(args.out)
    if not src.is_dir():
        console.print(f"[red]input folder not found:[/red] {src}")
        return EXIT_USAGE
    files = input_files(src)
    if not files:
        console.print(f"[red]no files in[/red] {src}")
        return EXIT_USAGE
    pages = 0
    with Progress(
        TextColumn("[bold]extract"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("docs"),
        TextColumn("{task.fields[pages]} pages"),
        TimeRemainingColumn(),
        TextColumn("{task.description}"),
        console=console,
        transient=not console.is_terminal,
    ) as bar:
        task = bar.add_task("", total=len(files), pages=0)

        def tick(res: DocOutput) -> None:
            nonlocal pages
            pages += res.n_pages
            bar.update(task, advance=1, pages=pages, description=f"{res.source_file} {res.status}")

        try:
            summary = run_batch(files, out, progress=tick, options=_options(args))
        except OutputLocked as err:
            console.print(f"[red]{err.code}:[/red] {err.message}")
            return EXIT_LOCKED
        except VocabularyError as err:
            console.print(f"[red]vocabulary file does not match its schema:[/red] {err}")
            return EXIT_USAGE
    note = " (nothing changed since the last run)" if summary.unchanged else ""
    console.print(
        f"documents: [green]{summary.ok} ok[/green], [yellow]{summary.with_issues} with issues[/yellow], "
        f"[red]{summary.rejected} rejected[/red]; {summary.pages} pages; {summary.converted} converted, "
        f"{summary.cached} from cache; {summary.seconds:.1f} s -> {out}{note}"
    )
    for rej in summary.rejects:
        console.print(f"  [red]rejected[/red] {rej.source_file}: {rej.code}: {rej.message}")
    return EXIT_REJECTS if summary.rejected else EXIT_OK


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    ext = sub.add_parser("extract", help="run the pipeline on a folder of lampiran")
    ext.add_argument("input_dir", help="folder of lampiran (text renderings, PDFs)")
    ext.add_argument("--out", default="data/out", help="output folder (default data/out)")
    ext.add_argument(
        "--workers",
        type=int,
        default=None,
        help="worker processes (default: one per core; 0 = in this process)",
    )
    ext.add_argument("--scheduler", default=None, help="address of a Dask scheduler to run on instead")
    ext.add_argument("--full", action="store_true", help="ignore the cache and rebuild everything")
    ext.add_argument("--timeout", type=float, default=300.0, help="seconds per document (default 300)")
    ext.add_argument("--max-memory", type=int, default=3072, help="MB per worker (default 3072)")
    ext.add_argument("--max-pages", type=int, default=1000, help="pages per document (default 1000)")
    ext.add_argument(
        "--recycle", type=int, default=Recycle.documents, help="documents per worker process (default 500)"
    )
    ext.add_argument(
        "--recycle-mb",
        type=int,
        default=Recycle.rss_mb,
        help="replace a worker whose peak RSS passed this many MB (default 1024)",
    )
    args = parser.parse_args(argv)
    return _extract(args)


if __name__ == "__main__":
    sys.exit(main())
