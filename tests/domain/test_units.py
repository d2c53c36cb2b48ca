"""Loads in the athlete's unit: gym steps, whole pounds kept, limits in round numbers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runstrong_gui.domain import units


@pytest.mark.parametrize(
    ("kg", "unit", "shown"),
    [
        (7.5, "lb", "17.5 lb"),  # 16.53 as it converts
        (2.5, "lb", "5 lb"),  # 5.51
        (20, "lb", "45 lb"),  # 44.09
        (8, "lb", "17.5 lb"),  # 17.64
        (44 / 2.2046226218, "lb", "44 lb"),  # typed as 44 lb: kept
        (12.3, "kg", "12.5 kg"),
        (12.25, "kg", "12.5 kg"),  # half up
        (20, "kg", "20 kg"),
        (0, "kg", "0 kg"),
    ],
)
def test_loads_are_shown_on_the_units_step(kg: float, unit: str, shown: str) -> None:
    assert units.load_text(kg, unit) == shown


def test_limits_are_round_numbers_within_the_true_limit() -> None:
    assert units.round_limit(500 * 2.2046226218) == 1100
    assert units.amount_text(units.round_limit(500 * 2.2046226218)) == "1,100"
    assert units.round_limit(500) == 500
    assert units.round_limit(37.4) == 37


@given(st.floats(0.5, 1100), st.sampled_from(["kg", "lb"]))
def test_what_is_kept_is_what_is_shown(value: float, unit: str) -> None:
    """A typed load goes on its step once; reading it back shows that same step."""
    kept = units.load_to_kg(value, unit)
    shown = units.load_in_units(kept, unit)
    assert shown == units.round_load(value, unit)
    assert units.load_in_units(units.load_to_kg(shown, unit), unit) == shown
    step = 0.5 if unit == "kg" else 2.5
    assert shown % step == 0 or (unit == "lb" and shown == int(shown))
