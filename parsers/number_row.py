"""The column-number row printed under a table header ("1 2 3 4 5"): one rule for every reader."""

from __future__ import annotations

import itertools
import re
from functools import cache

from vocabulary import load
from vocabulary.schemas import Columns, NumberRow


@cache
def _rule() -> tuple[NumberRow, re.Pattern[str]]:
    rule = load(Columns).number_row
    return rule, re.compile(rf"^\(?(\d{{1,{rule.max_digits}}})\)?\.?$")


def is_number_row(texts: list[str]) -> bool:
    """True for cells "1 2 3 4 5" / "(1) (2) (3)": small ascending integers (see columns.yaml)."""
    rule, small_int = _rule()
    nums = [t.strip() for t in texts if t.strip()]
    if len(nums) < rule.min_numbers or len(nums) < rule.min_share * len(texts):
        return False
    values: list[int] = []
    for text in nums:
        m = small_int.match(text)
        if not m:
            return False
        values.append(int(m.group(1)))
    # ascending, not consecutive: a scan may lose a number, a merged header cell may leave one out
    return values[0] <= rule.max_first and all(b > a for a, b in itertools.pairwise(values))
