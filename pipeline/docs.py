"""Generate docs/schema.md (the data dictionary) from the Arrow schemas in pipeline/schema.py."""

from __future__ import annotations

import sys
from pathlib import Path

from pipeline.schema import SCHEMA_VERSION, TABLES


def data_dictionary() -> str:
    lines = [
        "# Data dictionary",
        "",
        f"Generated from `pipeline/schema.py` (schema version {SCHEMA_VERSION}) by `make docs`; do not edit.",
        "",
    ]
    for name, schema in TABLES.items():
        lines += [f"## {name}", "", "| column | type | nullable | meaning |", "|---|---|---|---|"]
        for f in schema:
            doc = (f.metadata or {}).get(b"doc", b"").decode()
            lines.append(f"| `{f.name}` | {f.type} | {'yes' if f.nullable else 'no'} | {doc} |")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/schema.md")
    target.write_text(data_dictionary(), encoding="utf-8")
    print(f"wrote {target}")
