"""The one week axis and the one phase shading every progress chart is drawn over.

Week slot ``i`` is centred on ``x = i``: a bar sits on it, a weekly point is placed on
it, and its label is drawn under it. The axis runs half a week past the first and the
last slot, so a point on an end week keeps its whole marker inside the plot. The phase
bands are computed from that same range, so they cannot drift from the labels whatever
a chart shows.

QtCharts resets an axis's range to the data's bounds when a series is attached to it,
and the plot area may change (and ask for labels again) in the middle of that: the
range is therefore checked and put back after every change, not only when the labels
change.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCharts import QCategoryAxis
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QGradient, QLinearGradient

LABEL_STEPS = (1, 2, 4, 8, 13, 26, 52, 104)
PAD = 0.5  # half a week each side of the first and last slot
_LABEL_GAP = 14  # pixels between two labels
_EDGE = 1e-6  # a hard edge between two bands


def slot_x(slot: int) -> float:
    """Where week slot ``slot`` sits on the x-axis."""
    return float(slot)


def span(weeks: int) -> tuple[float, float]:
    """The x range of a chart over ``weeks`` slots."""
    return (slot_x(0) - PAD, slot_x(max(1, weeks) - 1) + PAD)


def label_step(labels: Sequence[str], font: QFont, room: float) -> int:
    """Label every week when they fit in ``room`` pixels, else every 2nd, 4th… so no
    two labels touch."""
    n = max(1, len(labels))
    longest = max(labels, key=len, default="W88")
    needed = QFontMetrics(font).horizontalAdvance(longest) + _LABEL_GAP
    fit = max(1, int(max(80.0, room) // needed))
    return next((s for s in LABEL_STEPS if math.ceil(n / s) <= fit), LABEL_STEPS[-1])


def shading(colours: Sequence[str], weeks: int) -> QBrush:
    """Hard-edged vertical bands, one colour per slot, as a brush for the plot area.

    A slot's band spans from half a week before its x to half a week after it, placed
    as fractions of :func:`span`, the range the axis shows.
    """
    lo, hi = span(weeks)
    gradient = QLinearGradient(0, 0, 1, 0)
    gradient.setCoordinateMode(QGradient.CoordinateMode.ObjectBoundingMode)
    runs: list[tuple[str, int, int]] = []  # (colour, first slot, last slot)
    for i, colour in enumerate(colours or ["transparent"] * weeks):
        if runs and runs[-1][0] == colour:
            runs[-1] = (colour, runs[-1][1], i)
        else:
            runs.append((colour, i, i))
    for colour, first, last in runs:  # two stops per phase, not per week
        start = (slot_x(first) - 0.5 - lo) / (hi - lo)
        end = (slot_x(last) + 0.5 - lo) / (hi - lo)
        gradient.setColorAt(min(1.0, max(0.0, start + (_EDGE if first else 0.0))), QColor(colour))
        gradient.setColorAt(min(1.0, max(0.0, end - _EDGE)), QColor(colour))
    return QBrush(gradient)


class WeekAxis:
    """The x-axis of a chart: week labels on their slots over :func:`span`."""

    def __init__(self) -> None:
        self.axis = QCategoryAxis()
        self.axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        self.axis.setGridLineVisible(False)
        self._weeks = 1
        self._key: tuple[object, ...] | None = None

    def show(self, labels: Sequence[str], anchor: int, step: int) -> None:
        """Label the slots (every ``step``-th, counted from slot ``anchor``) and hold
        the range. Unchanged labels are not set again: each change relays the chart out."""
        self._weeks = max(1, len(labels))
        key = (tuple(labels), anchor, step)
        if key != self._key:
            self._key = key
            axis = self.axis
            for label in axis.categoriesLabels():
                axis.remove(label)
            axis.setStartValue(span(self._weeks)[0])
            for i, label in enumerate(labels):
                if (i - anchor) % step == 0:
                    axis.append(label, slot_x(i))
        self.hold_range()

    def forget(self) -> None:
        """Set the labels again on the next :meth:`show` (series were attached anew)."""
        self._key = None

    def hold_range(self) -> None:
        lo, hi = span(self._weeks)
        if self.axis.min() != lo or self.axis.max() != hi:
            self.axis.setRange(lo, hi)
