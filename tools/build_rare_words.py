"""Build parsers/data/rare_words_id.txt: the Indonesian words of the hunspell dictionary (LGPL-3)
that the wordfreq list (parsers/data/wordlist_id.txt) lacks.

    apt-get install hunspell-id    # Debian's packaging of LibreOffice's id_ID dictionary
    python -m tools.build_rare_words [--dic /usr/share/hunspell/id_ID.dic]

Only the dictionary's stems are kept (lower case, letters only, 3+ letters), not the forms its
affix rules derive: those include hundreds of thousands of rare forms that garbled OCR readings
land on by chance. The list is shipped (parsers/data/WORDLIST.md gives source and licence), so the
pipeline needs no hunspell at run time; parsers/ocr_spell.py offers its words as candidates for a
low-resolution scan's misreadings (words of official prose such as 'perikemanusiaan' that web
text is too informal to hold), ranked below every wordfreq word.
"""

from __future__ import annotations

import argparse
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "parsers" / "data"
OUT = DATA / "rare_words_id.txt"


def stems(dic: Path) -> set[str]:
    """The dictionary's stems: the first line is the entry count, each entry `word[/FLAGS]`."""
    lines = dic.read_text(encoding="latin-1").splitlines()[1:]
    words = {line.split("/", 1)[0].strip().lower() for line in lines}
    return {w for w in words if w.isascii() and w.isalpha() and len(w) >= 3}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tools.build_rare_words", description=__doc__)
    parser.add_argument("--dic", type=Path, default=Path("/usr/share/hunspell/id_ID.dic"))
    args = parser.parse_args()
    frequent = set((DATA / "wordlist_id.txt").read_text(encoding="utf-8").split())
    words = sorted(stems(args.dic) - frequent)
    header = f"# hunspell id_ID stems ({args.dic.name}) not in wordlist_id.txt\n"
    OUT.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"wrote {len(words)} words to {OUT}")


if __name__ == "__main__":
    main()
