"""Generate the data dictionary (docs/schema.md, from the Arrow schemas in pipeline/schema.py) and
the problem codes (docs/problems.md, from problems/catalogue.yaml)."""

from __future__ import annotations

import sys
from pathlib import Path

from pipeline.schema import COMPARE_TABLES, KEYS, SCHEMA_VERSION, TABLES
from problems.docs import problem_catalogue


def data_dictionary() -> str:
    lines = [
        "# Data dictionary",
        "",
        f"Generated from `pipeline/schema.py` (schema version {SCHEMA_VERSION}) by `make docs`; do not edit.",
        "Problem codes (`rejects.code`, `issues.code`, `review.kind`): [problems.md](problems.md).",
        "",
    ]
    tables = [*((n, s, "") for n, s in TABLES.items())]
    tables += [
        (n, s, f"Written by `make compare` to `compare/{n}.parquet`.") for n, s in COMPARE_TABLES.items()
    ]
    for name, schema, note in tables:
        key = f"Primary key: `{', '.join(KEYS[name])}`." if name in KEYS else ""
        intro = " ".join(t for t in (note, key) if t)
        lines += [f"## {name}", "", *([intro, ""] if intro else [])]
        lines += ["| column | type | nullable | meaning |", "|---|---|---|---|"]
        for f in schema:
            doc = (f.metadata or {}).get(b"doc", b"").decode()
            doc = doc.replace("|", "\\|")  # a pipe inside a cell would end it
            lines.append(f"| `{f.name}` | {f.type} | {'yes' if f.nullable else 'no'} | {doc} |")
        lines.append("")
    return "\n".join(lines)


GENERATED = {"schema.md": data_dictionary, "problems.md": problem_catalogue}


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs")
    for name, generate in GENERATED.items():
        (folder / name).write_text(generate(), encoding="utf-8")
        print(f"wrote {folder / name}")
