"""The week's header: caption, phase, dates and navigation, and the steady label it uses.

Everything here repaints without asking for a new layout when its text changes: a
week switch must not re-lay out the whole window.

Signals (of :class:`WeekHeader`):
    week_requested(int): the user asked for another block week (prev/next/jump).
    today_requested(): the user asked for this week.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QWidget

from runstrong_gui.domain.dates import medium_date, short_date
from runstrong_gui.domain.enums import Phase
from runstrong_gui.ui.calendar.adherence import AdherenceBadge
from runstrong_gui.ui.calendar.week_model import WeekModel
from runstrong_gui.ui.shell import theme
from runstrong_gui.ui.shell.flow_layout import FlowLayout
from runstrong_gui.ui.shell.number_boxes import WholeSpinBox
from runstrong_gui.ui.shell.style import phase_colour

CHIP_PAD = 10  # pixels either side of the phase name in its chip
TEXT_PAD = 8  # pixels beside a steady label's text, so it never elides by a rounding


class SteadyLabel(QWidget):
    """A one-line label whose text can change without re-laying out the window.

    ``QLabel.setText`` always asks its layout for a new geometry, and in the week header
    that rippled up to the main window on every week switch. This label only repaints;
    its size hint grows when a longer text arrives (rarely) and never shrinks, so the
    header does not jitter from week to week.
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
        reserve: str = "",
        squeeze: bool = False,
        least: str = "00 Mmm…",
    ) -> None:
        super().__init__(parent)
        self._text = ""
        self._align = align | Qt.AlignmentFlag.AlignVCenter
        self._reserve = reserve
        self._squeeze = squeeze  # may be narrowed when room is short (see setText)
        self._least = least  # the text it is never narrower than, when squeezed
        self._short = ""
        self._width = 0
        self._elided: tuple[str, int, str] = ("", -1, "")  # text, width, what fits
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def text(self) -> str:
        return self._text

    def setText(self, text: str, short: str = "") -> None:
        """Show ``text``; ``short`` is shown instead where the text does not fit (then
        whichever is shown is elided only when even that does not fit)."""
        if text == self._text and short == self._short:
            return
        self._text, self._short = text, short
        self.setAccessibleName(text)
        if self.fontMetrics().horizontalAdvance(text) + TEXT_PAD > self._width:
            self._width = 0
            self.updateGeometry()
        self.update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._width = 0
            self._elided = ("", -1, "")
            self.updateGeometry()
        super().changeEvent(event)

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        if not self._width:
            widest = max(self._text, self._reserve, key=metrics.horizontalAdvance)
            self._width = max(self._width, metrics.horizontalAdvance(widest) + TEXT_PAD)
        return QSize(self._width, metrics.height() + 4)

    def minimumSizeHint(self) -> QSize:
        if self._squeeze:
            metrics = self.fontMetrics()
            return QSize(metrics.horizontalAdvance(self._least) + TEXT_PAD, metrics.height() + 4)
        return self.sizeHint()  # like QLabel: never squeezed into an ellipsis

    def paintEvent(self, _event: Any) -> None:
        rect = self.contentsRect().adjusted(2, 0, -2, 0)
        if self._elided[:2] != (self._text, rect.width()):
            metrics = self.fontMetrics()
            text = self._text
            if self._short and metrics.horizontalAdvance(text) > rect.width():
                text = self._short
            shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
            self._elided = (self._text, rect.width(), shown)
        QPainter(self).drawText(rect, self._align, self._elided[2])


def _chip_text(phase: Phase) -> str:
    """The phase's name, short enough for the chip (the caption beside it already says
    how many weeks before the block a week is)."""
    return "Before" if phase is Phase.BEFORE else phase.label


class PhaseChip(QWidget):
    """The week's phase as a tinted rounded chip.

    Painted, and as wide as the widest phase name from the start, so a new phase only
    repaints it: a label with a style sheet re-polished itself and re-laid out the whole
    window whenever a week switch crossed into another phase.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._phase: Phase | None = None
        metrics = self.fontMetrics()
        widest = max(metrics.horizontalAdvance(_chip_text(p)) for p in Phase)
        self.setFixedSize(widest + 2 * CHIP_PAD, metrics.height() + 8)

    def set_phase(self, phase: Phase) -> None:
        if phase != self._phase:
            self._phase = phase
            self.setAccessibleName(f"Phase: {phase.label}")
            self.update()

    def text(self) -> str:
        return _chip_text(self._phase) if self._phase is not None else ""

    def paintEvent(self, _event: Any) -> None:
        if self._phase is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(phase_colour(self._phase).darker(108))
        painter.drawRoundedRect(QRectF(self.rect()), 8, 8)
        painter.setPen(theme.colour("ink"))
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, _chip_text(self._phase))


class WeekHeader(QWidget):
    """Week caption, dates and the navigation buttons."""

    week_requested = Signal(int)
    today_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._week = 1
        layout = FlowLayout(self, spacing=4)
        layout.setContentsMargins(4, 2, 4, 2)
        # Arrows, not words: the header's width is the least the week can shrink to, and
        # the Session dock beside it gets what is left of the window.
        self.prev_button = QPushButton("◀", self)
        self.prev_button.setToolTip("Previous week (Ctrl+PgUp)")
        self.prev_button.setAccessibleName("Previous week")
        self.next_button = QPushButton("▶", self)
        self.next_button.setToolTip("Next week (Ctrl+PgDown)")
        self.next_button.setAccessibleName("Next week")
        for button in (self.prev_button, self.next_button):
            button.setFixedWidth(button.fontMetrics().horizontalAdvance("◀") + 24)
        self.today_button = QPushButton("This week", self)
        self.caption = SteadyLabel(self, reserve="Week 12 of 12")
        self.caption.setObjectName("weekCaption")
        font = self.caption.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.caption.setFont(font)
        self.dates = SteadyLabel(self, reserve="30 Sep – 6 Oct 2026", squeeze=True)
        self.phase_chip = PhaseChip(self)
        self.phase_chip.setObjectName("phaseChip")
        self.adherence = AdherenceBadge(self)
        self.adherence.setObjectName("weekAdherence")
        self.jump = WholeSpinBox(self)  # "1,5" is refused (no jump), not read as 15
        self.jump.setRange(-520, 520)
        self.jump.setPrefix("Week ")
        self.jump.setToolTip("Jump to a block week")
        self.jump.setAccessibleName("Jump to week")
        self.jump.setKeyboardTracking(False)
        # three groups that wrap onto a second row when the week is narrow (a small
        # screen, both docks open) instead of setting the window's least width
        for group in (
            (self.prev_button, self.today_button, self.next_button),
            (self.caption, self.phase_chip, self.adherence, self.dates),
            (self.jump,),
        ):
            host = QWidget(self)
            row = QHBoxLayout(host)
            row.setContentsMargins(0, 0, 12, 0)
            for widget in group:
                widget.setParent(host)
                row.addWidget(widget)
            layout.addWidget(host)
        self.prev_button.clicked.connect(lambda: self.week_requested.emit(self._week - 1))
        self.next_button.clicked.connect(lambda: self.week_requested.emit(self._week + 1))
        self.today_button.clicked.connect(self.today_requested)
        self.jump.valueChanged.connect(self._jumped)

    def _jumped(self, value: int) -> None:
        if value != self._week:
            self.week_requested.emit(value)

    def show_week(self, model: WeekModel) -> None:
        week = model.week
        if week is None:
            return
        self._week = week.week
        self.caption.setText(week.caption.split(" · ")[0])
        self.phase_chip.set_phase(week.phase)
        self.adherence.set_adherence(week.adherence, week.compliance)
        first, last = week.first, week.last
        self.dates.setText(
            f"{short_date(first)} – {medium_date(last)}",
            f"{short_date(first)} – {short_date(last)}",
        )
        # the same value and text again would repaint the box (and its window behind it)
        if self.jump.value() != week.week or self.jump.cleanText() != self.jump.textFromValue(
            week.week
        ):
            self.jump.blockSignals(True)
            self.jump.setValue(week.week)
            self.jump.blockSignals(False)
