"""A signature block without a NIP line: the name is the line under the signer's title."""

from __future__ import annotations

from structure.header import read_signature
from structure.model import Header


def test_name_under_a_title_wrapped_over_two_lines() -> None:
    header = Header()
    read_signature(
        ["Sungailiat, 3 Maret 2021", "KEPALA DINAS", "KABUPATEN CONTOH,", "Siti Aminah, S.Sos"], header
    )
    assert header.signer_title == "KEPALA DINAS KABUPATEN CONTOH"
    assert header.signer_name == "Siti Aminah, S.Sos"


def test_a_place_line_under_the_title_is_not_the_name() -> None:
    header = Header()
    read_signature(["CAMAT CONTOH", "KABUPATEN CONTOH", "Budi Santoso"], header)
    assert header.signer_name is None
