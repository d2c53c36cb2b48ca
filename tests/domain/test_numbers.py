"""One parser for typed numbers: both decimal marks, nothing guessed."""

from __future__ import annotations

import pytest

from runstrong_gui.domain.errors import ValidationError
from runstrong_gui.domain.numbers import parse_decimal, parse_whole


@pytest.mark.parametrize("text", ["12,5", "12.5", " 12.5 ", "12,50", "+12.5"])
def test_either_decimal_mark_reads_the_same(text: str) -> None:
    assert parse_decimal("Load", text) == 12.5


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1,234.5", "Load: '1,234.5' has more than one separator"),
        ("12,5,0", "Load: '12,5,0' has more than one separator"),
        ("abc", "Load: 'abc' is not a number"),
        ("inf", "Load: 'inf' is not a number"),
        ("1e3", "Load: '1e3' is not a number"),
        ("", "Load: must not be empty"),
    ],
)
def test_ambiguous_or_foreign_text_is_refused(text: str, message: str) -> None:
    with pytest.raises(ValidationError) as err:
        parse_decimal("Load", text)
    assert str(err.value).startswith(message)


def test_whole_numbers_refuse_a_decimal_mark_instead_of_reading_ten_times_more() -> None:
    assert parse_whole("Sets", " 12 ") == 12
    assert parse_whole("Sets", "", optional=True) is None
    for text in ("12,5", "12.5", "1,250", "١٢"):
        with pytest.raises(ValidationError, match="is not a whole number"):
            parse_whole("Sets", text)
