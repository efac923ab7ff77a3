"""Where a new table cell starts inside a visual line whose cells a converter ran together.

markitdown (pdfminer underneath) writes a table row's visual line as the words of every cell
joined by spaces: one space between cells as often as two, two spaces between the words of a
justified cell. Whether a cell starts before a word is decided by a small logistic regression
over generic word features (shape, the project's vocabulary lists, the neighbours, the gap),
fitted by `make cell-model` (tools/cell_model.py) on generated rows of the dev documents' gold
only, and shipped as plain coefficients (parsers/data/cell_boundary_model.json), so the
pipeline needs no scikit-learn.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from parsers.vocab import measure_words
from vocabulary import load
from vocabulary.schemas import Language, Renderings

MODEL_FILE = "cell_boundary_model.json"
_WORD_GAP = re.compile(r"(\s+)")
_LETTERS = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Gap:
    """The space before word `index` (1..n-1) of a line and the probability that a cell starts there."""

    index: int
    wide: bool
    p_cut: float


def words_and_gaps(line: str) -> tuple[list[str], list[bool]]:
    """A line's words and, for each word after the first, whether two or more spaces precede it."""
    pieces = _WORD_GAP.split(line.expandtabs().strip())
    words = pieces[0::2]
    gaps = [len(g) >= 2 for g in pieces[1::2]]
    return ([w for w in words if w], gaps) if words != [""] else ([], [])


def _fold(word: str) -> str:
    return re.sub(r"[^a-z0-9%]+", "", word.lower())


@lru_cache(maxsize=1)
def _lists() -> dict[str, frozenset[str]]:
    language = load(Language)
    conf = load(Renderings).cell_boundaries
    return {
        "measure": measure_words(),
        "unit": frozenset(_fold(w) for u in language.unit_heads for w in u.split()[:1]),
        "function": frozenset(language.function_words),
        "source": frozenset(_fold(w) for w in conf.source_words),
        "operator": frozenset(conf.operators),
    }


def _shape(word: str, prefix: str) -> dict[str, float]:
    lists = _lists()
    key = _fold(word)
    letters = [c for c in word if _LETTERS.match(c)]
    upper = len(letters) >= 2 and all(c.isupper() for c in letters)
    cap = bool(letters) and word[0].isupper() and not upper
    lower = bool(letters) and word[0].islower()
    f = {
        "cap": cap,
        "upper": upper,
        "lower": lower,
        "digit": word[:1].isdigit(),
        "punct_start": bool(word) and not word[0].isalnum(),
        "measure": key in lists["measure"] and not lower,
        "unit": key in lists["unit"] and not lower,
        "source": key in lists["source"] and not lower,
        "function": word.lower() in lists["function"],
        "operator": word in lists["operator"],
        "nya": cap and key.endswith("nya"),
        "comma_end": word.endswith((",", ";")),
        "period_end": word.endswith(".") and len(key) > 2,
        "colon_end": word.endswith(":"),
        "slash_end": word.endswith(("/", "-")),
        "paren_open": "(" in word and ")" not in word,
        "short": len(key) <= 2,
        "percent": "%" in word,
    }
    return {f"{prefix}_{k}": float(v) for k, v in f.items()}


def gap_features(words: list[str], gaps: list[bool], k: int) -> dict[str, float]:
    """Features of the gap before words[k] (k >= 1)."""
    a, b = words[k - 1], words[k]
    c = words[k + 1] if k + 1 < len(words) else ""
    f = {"bias": 1.0, "wide": float(gaps[k - 1])}
    f.update(_shape(a, "a"))
    f.update(_shape(b, "b"))
    cs = _shape(c, "c") if c else {}
    f["c_cap"] = cs.get("c_cap", 0.0)
    f["c_lower"] = cs.get("c_lower", 0.0)
    f["first_gap"] = float(k == 1)
    f["last_word"] = float(k == len(words) - 1)
    f["lower_to_cap"] = float(f["a_lower"] and f["b_cap"])
    f["cap_to_cap"] = float(f["a_cap"] and f["b_cap"])
    f["lower_to_lower"] = float(f["a_lower"] and f["b_lower"])
    f["wide_cap"] = float(f["wide"] and (f["b_cap"] or f["b_upper"]))
    f["wide_lower"] = float(f["wide"] and f["b_lower"])
    f["wide_any_wide_before"] = float(f["wide"] and any(gaps[: k - 1]))
    f["share_wide"] = sum(gaps) / len(gaps)
    f["after_function"] = float(f["a_function"] and not f["b_operator"])
    f["last_upper"] = float(f["last_word"] and f["b_upper"])
    f["last_cap"] = float(f["last_word"] and f["b_cap"])
    f["mid_upper"] = float(not f["last_word"] and f["b_upper"])
    f["upper_after_lower"] = float(f["a_lower"] and f["b_upper"])
    return f


@dataclass(frozen=True)
class Model:
    names: tuple[str, ...]
    weights: tuple[float, ...]
    intercept: float


@lru_cache(maxsize=1)
def model() -> Model:
    data = json.loads(resources.files("parsers").joinpath("data", MODEL_FILE).read_text(encoding="utf-8"))
    return Model(tuple(data["features"]), tuple(float(w) for w in data["weights"]), float(data["intercept"]))


def p_cut(features: dict[str, float], m: Model | None = None) -> float:
    m = m or model()
    z = m.intercept + sum(w * features.get(n, 0.0) for n, w in zip(m.names, m.weights, strict=True))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def line_gaps(line: str) -> tuple[list[str], list[Gap]]:
    """A line's words and every gap between them with its probability of starting a cell."""
    words, wide = words_and_gaps(line)
    gaps = [Gap(k, wide[k - 1], p_cut(gap_features(words, wide, k))) for k in range(1, len(words))]
    return words, gaps


@dataclass(frozen=True)
class Split:
    """A line cut into cells, and how sure the model is of every decision it took (its least sure one)."""

    cells: tuple[str, ...]
    confidence: float


def split_cells(line: str, max_cells: int, cut_at: float = 0.5, keep_wide: bool = False) -> Split:
    """The line cut where the model says a cell starts with probability >= cut_at (at most
    max_cells cells: the likeliest cuts). keep_wide: every gap of two or more spaces stays a cut
    (the chunks a caller already has), the model only adds cuts at single spaces."""
    words, gaps = line_gaps(line)
    if not words:
        return Split((), 1.0)
    fixed = {g.index for g in gaps if keep_wide and g.wide}
    free = [g for g in gaps if g.index not in fixed]
    room = max(0, max_cells - 1 - len(fixed))
    chosen = fixed | {
        g.index for g in sorted((g for g in free if g.p_cut >= cut_at), key=lambda g: -g.p_cut)[:room]
    }
    bounds = [0, *sorted(chosen), len(words)]
    cells = tuple(" ".join(words[a:b]) for a, b in itertools.pairwise(bounds))
    sure = [g.p_cut if g.index in chosen else 1.0 - g.p_cut for g in free]
    return Split(cells, min(sure, default=1.0))
