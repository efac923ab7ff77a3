"""Generate docs/problems.md (every problem code) from problems/catalogue.yaml."""

from __future__ import annotations

from problems.catalogue import Severity, catalogue

_INTRO = {
    Severity.REJECT: "The file gives no document: one `rejects` row; the document's status is FAILURE.",
    Severity.ISSUE: "The document comes out with an `issues` row; its status is PARTIAL_SUCCESS.",
    Severity.REVIEW: "A curation item: a `review` row (`kind` is the code); the status is unchanged.",
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|")  # a pipe inside a cell would end it


def problem_catalogue() -> str:
    """The markdown of docs/problems.md."""
    codes = catalogue()
    lines = [
        "# Problem codes",
        "",
        "Generated from `problems/catalogue.yaml` by `make docs`; do not edit. Every code the pipeline",
        f"reports is listed here ({len(codes)} codes). A document's status follows from its problems in",
        "one place (`problems.determine_status`): any reject -> FAILURE, any issue -> PARTIAL_SUCCESS,",
        "else SUCCESS. Placeholders in `{braces}` are filled in when the problem is reported.",
        "",
    ]
    for severity in Severity:
        lines += [f"## {severity.value}", "", _INTRO[severity], ""]
        lines += ["| code | stage | message | meaning |", "|---|---|---|---|"]
        for c in (c for c in codes.values() if c.severity is severity):
            lines.append(f"| `{c.code}` | {c.stage} | {_cell(c.message)} | {_cell(c.description)} |")
        lines.append("")
    return "\n".join(lines)
