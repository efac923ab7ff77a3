"""Build parsers/data/wordlist_id.txt: the frequent Indonesian words of wordfreq (CC-BY-SA 4.0 data),
and parsers/data/wordfreq_id.txt beside it: the same words with their Zipf frequency.

    python -m tools.build_wordlist [--top N]

The lists are shipped (see parsers/data/WORDLIST.md for source and licence) so the pipeline needs
no wordfreq at run time; the word list judges whether a PDF text layer is real text
(parsers/text_layer.py), the frequencies rank the corrections of a low-resolution scan's words
(parsers/ocr_spell.py).
"""

from __future__ import annotations

import argparse
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "parsers" / "data" / "wordlist_id.txt"
FREQ_OUT = OUT.with_name("wordfreq_id.txt")


def main() -> None:
    import wordfreq

    parser = argparse.ArgumentParser(prog="python -m tools.build_wordlist", description=__doc__)
    parser.add_argument("--top", type=int, default=60000, help="most frequent words to keep")
    args = parser.parse_args()
    words = sorted({w.lower() for w in wordfreq.top_n_list("id", args.top) if w.isalpha() and len(w) >= 3})
    from importlib.metadata import version

    header = f"# wordfreq {version('wordfreq')} 'id' top {args.top}\n"
    OUT.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    freqs = (f"{w}\t{wordfreq.zipf_frequency(w, 'id'):.2f}" for w in words)
    freq_header = header.replace("top", "Zipf frequency, top")
    FREQ_OUT.write_text(freq_header + "\n".join(freqs) + "\n", encoding="utf-8")
    print(f"wrote {len(words)} words to {OUT} and their frequencies to {FREQ_OUT}")


if __name__ == "__main__":
    main()
