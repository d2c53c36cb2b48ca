"""A chart described as plain data: week slots with their phase colours, bars, lines,
axes and hover texts.

The specs are built without QtCharts (:mod:`.specs` makes them from the progress data)
and drawn by :class:`~.charts.WeekChartView`, the one module that calls QtCharts.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Axis:
    """A y-axis. The top is a round number above the data, at least ``min_top``."""

    title: str
    integer: bool = True
    fixed_top: float | None = None
    min_top: float = 1.0
    ticks: int = 5


@dataclass(frozen=True)
class Bars:
    """One bar per week slot (``values[i]`` on slot ``i``), on the left axis."""

    name: str
    values: Sequence[float]
    colour: str
    tips: Sequence[str] = ()  # hover text per slot


@dataclass(frozen=True)
class Line:
    name: str
    points: Sequence[tuple[float, float]]  # (slot position, value)
    colour: str
    tips: Sequence[str] = ()  # hover text per point
    right: bool = False  # on the right axis
    dashed: bool = False
    markers: bool = True
    width: float = 2.0
    in_legend: bool = True


@dataclass(frozen=True)
class ChartSpec:
    labels: Sequence[str]  # one per week slot
    bands: Sequence[str]  # background colour of each slot (the phases)
    left: Axis
    right: Axis | None = None
    bars: Sequence[Bars] = ()
    stacked: bool = False
    lines: Sequence[Line] = ()
    message: str = ""  # shown over the plot when there is nothing to draw
    label_anchor: int = 0  # a slot that keeps its label when labels are thinned out


def nice_scale(top: float, integer: bool, ticks: int = 5) -> tuple[float, int]:
    """A round axis top at or above ``top`` and its tick count (about ``ticks`` steps)."""
    if top <= 0:
        return (1.0, 2)
    raw = top / (ticks - 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        step = m * magnitude
        if integer and step != int(step):
            continue
        if step >= raw - 1e-12:
            break
    if integer:
        step = max(1.0, step)
    count = math.ceil(top / step - 1e-9)
    return (count * step, count + 1)


def legend_entries(spec: ChartSpec) -> list[tuple[str, str, str]]:
    """(name, colour, how it is drawn: "bar", "line" or "dashed") for each legend entry."""
    out = [(b.name, b.colour, "bar") for b in spec.bars]
    out += [
        (ln.name, ln.colour, "dashed" if ln.dashed else "line") for ln in spec.lines if ln.in_legend
    ]
    return out
