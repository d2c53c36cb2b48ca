"""Loads in the athlete's unit, rounded the way gym weights come, the same everywhere.

The store keeps kilograms. Shown as they convert, a 7.5 kg dumbbell reads "16.5 lb" and
the 500 kg limit "1102.3 lb": numbers no one lifts or types. So every place that shows
or reads a load (the editor, the day cards, the PDFs, the charts) goes through here:

- kg: steps of 0.5 kg;
- lb: steps of 2.5 lb (the smallest common plate pair), except that a whole number of
  pounds stays as it is, so a load typed as 44 lb is shown as 44 lb, not moved to 45.

Limits are stated in round numbers below the true one ("1,100 lb", never more than the
store accepts).
"""

from __future__ import annotations

import math

from runstrong_gui.domain.bounds import LB_PER_KG

KG_STEP = 0.5
LB_STEP = 2.5
_WHOLE = 0.01  # typed whole pounds come back from kg within float error, far below this


def _nearest(value: float, step: float) -> float:
    """Half up, not half to even: 12.25 kg is 12.5, as a person rounds."""
    return math.floor(value / step + 0.5) * step


def round_load(value: float, units: str) -> float:
    """A load already in ``units`` on its sensible step (see the module note)."""
    if value <= 0:
        return 0.0
    if units == "lb":
        if abs(value - round(value)) < _WHOLE:
            return float(round(value))
        return _nearest(value, LB_STEP)
    return _nearest(value, KG_STEP)


def load_in_units(kg: float, units: str) -> float:
    """A stored kg load as the athlete sees it: 20 kg is 45 lb, 7.5 kg is 17.5 lb."""
    return round_load(kg * LB_PER_KG if units == "lb" else kg, units)


def load_to_kg(value: float, units: str) -> float:
    """A load given in ``units``, put on its step, in kg (so what is kept is what is shown)."""
    stepped = round_load(value, units)
    return stepped / LB_PER_KG if units == "lb" else stepped


def round_limit(value: float) -> float:
    """A limit rounded down to two significant figures: 1102.3 is 1100, 500 stays 500."""
    if value <= 0:
        return 0.0
    step = 10.0 ** max(math.floor(math.log10(value)) - 1, 0)
    return math.floor(value / step + 1e-9) * step


def amount_text(value: float) -> str:
    """'45', '17.5', '1,100': no trailing '.0', thousands grouped."""
    return f"{value:,g}"


def load_text(kg: float, units: str, space: str = " ") -> str:
    """'20 kg', '45 lb', '17.5 lb'."""
    return f"{amount_text(load_in_units(kg, units))}{space}{units}"
