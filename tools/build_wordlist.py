"""Build parsers/data/wordlist_id.txt: the frequent Indonesian words of wordfreq (CC-BY-SA 4.0 data).

    python -m tools.build_wordlist [--top N]

The list is shipped (see parsers/data/WORDLIST.md for source and licence) so the pipeline needs no
wordfreq at run time; it judges whether a PDF text layer is real text (parsers/text_layer.py).
"""

from __future__ import annotations

import argparse
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "parsers" / "data" / "wordlist_id.txt"


def main() -> None:
    import wordfreq

    parser = argparse.ArgumentParser(prog="python -m tools.build_wordlist", description=__doc__)
    parser.add_argument("--top", type=int, default=60000, help="most frequent words to keep")
    args = parser.parse_args()
    words = sorted({w.lower() for w in wordfreq.top_n_list("id", args.top) if w.isalpha() and len(w) >= 3})
    from importlib.metadata import version

    header = f"# wordfreq {version('wordfreq')} 'id' top {args.top}\n"
    OUT.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"wrote {len(words)} words to {OUT}")


if __name__ == "__main__":
    main()
