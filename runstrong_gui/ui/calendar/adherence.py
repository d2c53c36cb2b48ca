"""A week's adherence as the calendar shows it: a coloured dot and "done/planned".

The colour comes from the domain's one definition (:func:`~runstrong_gui.domain.metrics.
compliance_for`: green within ±20 % of the plan, amber within ±50 %, red beyond); only
finished weeks are judged, the current one is grey and a week still to come shows nothing.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from runstrong_gui.domain.metrics import Compliance, WeekAdherence
from runstrong_gui.ui.shell.style import COMPLIANCE_COLOURS

DOT = 10  # diameter of the dot, pixels
GAP = 6


def adherence_counts(adherence: WeekAdherence) -> str:
    """Short text for a header or a table cell: "2/3 done"."""
    return f"{adherence.done}/{adherence.planned} done"


def adherence_text(adherence: WeekAdherence, compliance: Compliance | None) -> str:
    """The full sentence, for tooltips and screen readers."""
    counts = f"Strength sessions: {adherence.done} done of {adherence.planned} planned"
    if compliance is None:
        return f"Strength sessions: {adherence.planned} planned · still to come"
    if compliance is Compliance.NONE:
        return counts + (" · in progress" if adherence.planned else " · nothing planned")
    return f"{counts} · {compliance.label}"


def compliance_colour(compliance: Compliance) -> QColor:
    return QColor(COMPLIANCE_COLOURS[compliance])


class AdherenceBadge(QWidget):
    """Dot and counts, painted (like the phase chip) so a new week only repaints it.

    The text is drawn in the palette's window text colour, so it reads in any theme;
    only the dot carries the traffic-light colour.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._compliance: Compliance | None = None
        metrics = self.fontMetrics()
        self.setFixedSize(self._width_for("9/9 done"), metrics.height() + 8)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Strength sessions")

    def text(self) -> str:
        return self._text

    def compliance(self) -> Compliance | None:
        return self._compliance

    def set_adherence(self, adherence: WeekAdherence, compliance: Compliance | None) -> None:
        """Show a week's counts; a week still to come (``compliance`` None) shows nothing."""
        text = "" if compliance is None or not adherence.planned else adherence_counts(adherence)
        if compliance is not None and not adherence.planned and adherence.done:
            text = adherence_counts(adherence)  # done without a plan: shown, in red
        sentence = adherence_text(adherence, compliance)
        if sentence != self.toolTip():  # a tooltip set again is a change Qt passes on
            self.setToolTip(sentence)
            self.setAccessibleName(sentence)
        if (text, compliance) != (self._text, self._compliance):
            self._text, self._compliance = text, compliance
            self._fit(text)
            self.update()

    def _fit(self, text: str) -> None:
        """As wide as the widest text shown yet: it grows (rarely: ten or more strength
        sessions in a week) and never shrinks, so a week switch only repaints."""
        width = self._width_for(text)
        if width > self.width():
            self.setFixedWidth(width)

    def _width_for(self, text: str) -> int:
        return DOT + GAP + self.fontMetrics().horizontalAdvance(text) + 4

    def paintEvent(self, _event: Any) -> None:
        if not self._text or self._compliance is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(compliance_colour(self._compliance))
        top = (self.height() - DOT) / 2
        painter.drawEllipse(QRectF(1, top, DOT, DOT))
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        rect = self.rect().adjusted(DOT + GAP, 0, 0, 0)
        painter.drawText(
            rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, self._text
        )
