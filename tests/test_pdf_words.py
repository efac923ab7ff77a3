"""parsers.pdf_text.box_lines: the visual lines of a box of a page's characters, kept per box for
the last list of characters asked about (a table's row splitting and its cells read the same boxes).
"""

from __future__ import annotations

from typing import Any

from parsers.pdf_text import box_lines, centred_in, group_lines, words_of


def test_box_lines_are_the_lines_of_the_box_and_follow_the_list_asked_about() -> None:
    def char(text: str, x0: float, top: float) -> dict[str, Any]:
        return {
            "text": text,
            "x0": x0,
            "x1": x0 + 5,
            "top": top,
            "bottom": top + 10,
            "doctop": top,
            "upright": True,
        }

    page = [char("a", 10, 10), char("b", 15, 10), char("c", 10, 30), char("d", 60, 10)]
    box = (0.0, 0.0, 40.0, 50.0)
    first = box_lines(page, box)
    assert [ln.text for ln in first] == [ln.text for ln in group_lines(words_of(centred_in(page, box)))]
    assert [ln.text for ln in first] == ["ab", "c"]
    first.clear()  # a caller's list is its own
    assert [ln.text for ln in box_lines(page, box)] == ["ab", "c"]
    other = [char("z", 10, 10)]
    assert [ln.text for ln in box_lines(other, box)] == ["z"]
