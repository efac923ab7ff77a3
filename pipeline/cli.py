"""Command line: `python -m pipeline extract INPUT_DIR --out OUT_DIR`.

Exit codes: 0 every document came out; 3 the batch completed but some files were rejected
(see rejects.parquet); 2 bad usage (input folder missing or empty).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from pipeline.result import ConversionResult
from pipeline.run import input_files, run_batch

EXIT_OK, EXIT_USAGE, EXIT_REJECTS = 0, 2, 3


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
    with Progress(
        TextColumn("[bold]extract"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        TimeRemainingColumn(),
        console=console,
        transient=not console.is_terminal,
    ) as bar:
        task = bar.add_task("", total=len(files))

        def tick(res: ConversionResult) -> None:
            bar.update(task, advance=1, description=f"{res.source_file} {res.status.value}")

        summary = run_batch(files, out, progress=tick)
    console.print(
        f"documents: [green]{summary.ok} ok[/green], [yellow]{summary.with_issues} with issues[/yellow], "
        f"[red]{summary.rejected} rejected[/red] -> {out}"
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
    args = parser.parse_args(argv)
    return _extract(args)


if __name__ == "__main__":
    sys.exit(main())
