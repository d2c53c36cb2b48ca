"""The block at a glance: a row per week, a click opens that week.

Signals:
    week_requested(int): the user picked a week.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from runstrong_gui.domain.dates import day_name, short_date
from runstrong_gui.domain.enums import SessionKind
from runstrong_gui.domain.models import Athlete
from runstrong_gui.ui.calendar.adherence import adherence_counts, adherence_text, compliance_colour
from runstrong_gui.ui.shell import theme
from runstrong_gui.ui.shell.style import KIND_COLOURS, phase_colour

if TYPE_CHECKING:
    from runstrong_gui.services.queries import WeekSummary

Index = QModelIndex | QPersistentModelIndex
MARKS_ROLE = Qt.ItemDataRole.UserRole + 20
DAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


class BlockModel(QAbstractTableModel):
    """Columns: week, phase, the seven days, strength sets, warnings, strength done."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._weeks: list[WeekSummary] = []
        self._current = 0
        self._week_start = 0

    def set_block(self, athlete: Athlete, weeks: list[WeekSummary], current: int) -> None:
        self.beginResetModel()
        self._weeks = weeks
        self._current = current
        self._week_start = athlete.week_start
        self.endResetModel()

    def week_at(self, row: int) -> WeekSummary:
        return self._weeks[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._weeks)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 12

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if 2 <= section <= 8:
            return DAY_NAMES[(self._week_start + section - 2) % 7]
        return {0: "Week", 1: "Phase", 9: "Strength sets", 10: "Warnings", 11: "Done"}.get(section)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        w = self._weeks[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = phase_colour(w.phase)
            return QBrush(colour.darker(104) if w.week == self._current else colour)
        if col == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                first = w.dates[0]
                return f"W{w.week}  ·  {short_date(first)}"
            if role == Qt.ItemDataRole.FontRole and w.week == self._current:
                from PySide6.QtGui import QFont

                font = QFont()
                font.setBold(True)
                return font
        if col == 1 and role == Qt.ItemDataRole.DisplayRole:
            return w.phase.label
        if 2 <= col <= 8:
            day: dt.date = w.dates[col - 2]
            marks = [(k, done, skipped) for d, k, done, skipped in w.marks if d == day]
            if role == MARKS_ROLE:
                return marks
            if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
                names = ", ".join(k.label for k, _, _ in marks) or "nothing planned"
                return f"{day_name(day)}: {names}"
        if col == 9 and role == Qt.ItemDataRole.DisplayRole:
            return str(w.strength_sets) if w.strength_sets else "–"
        if col == 10:
            warnings = [x for x in w.warnings if x.severity == "warning"]
            if role == Qt.ItemDataRole.DisplayRole:
                return f"⚠ {len(warnings)}" if warnings else "✓"
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(theme.colour("warning" if warnings else "success"))
            if role == Qt.ItemDataRole.ToolTipRole:
                return "\n".join(x.message for x in w.warnings) or "No scheduling warnings"
        if col == 11:
            return self._adherence(w, role)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (9, 10):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _adherence(self, w: WeekSummary, role: int) -> Any:
        """Done/planned strength sessions with the week's adherence dot (none ahead)."""
        shown = w.compliance is not None and (w.adherence.planned or w.adherence.done)
        if role == Qt.ItemDataRole.DisplayRole:
            return adherence_counts(w.adherence) if shown else ""
        if role == Qt.ItemDataRole.DecorationRole and shown and w.compliance is not None:
            return compliance_colour(w.compliance)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return adherence_text(w.adherence, w.compliance)
        return None


class MarksDelegate(QStyledItemDelegate):
    """Small coloured marks for a day's sessions: filled when done, hollow when skipped."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        marks = index.data(MARKS_ROLE)
        if marks is None:
            super().paint(painter, option, index)
            return
        painter.save()
        painter.fillRect(option.rect, index.data(Qt.ItemDataRole.BackgroundRole) or QBrush())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        x = option.rect.left() + 6
        y = option.rect.center().y() - 6
        for kind, done, skipped in marks[:5]:
            colour = QColor(KIND_COLOURS[kind])
            rect = QRect(x, y, 14 if kind is not SessionKind.REST else 8, 12)
            if skipped:
                painter.setPen(colour)
                painter.setBrush(Qt.BrushStyle.NoBrush)
            else:
                painter.setPen(colour.darker(120))
                painter.setBrush(
                    colour if done or kind is not SessionKind.STRENGTH else colour.lighter(125)
                )
            painter.drawRoundedRect(rect, 3, 3)
            x += rect.width() + 4
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(90, 26)


class BlockView(QWidget):
    week_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("blockView")
        self.model = BlockModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("blockTable")
        self.table.setModel(self.model)
        self.table.setItemDelegate(MarksDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for col in (0, 1, 9, 10, 11):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setDefaultSectionSize(30)
        self.table.setAccessibleName("Block weeks")
        self.legend = QLabel(self)
        self.legend.setWordWrap(True)
        self.legend.setText(
            "Each mark is a session: "
            + "  ".join(
                f"<span style='color:{KIND_COLOURS[k]}'>■</span> {k.label}"
                for k in (
                    SessionKind.EASY,
                    SessionKind.MODERATE,
                    SessionKind.LONG,
                    SessionKind.QUALITY,
                    SessionKind.RACE,
                    SessionKind.STRENGTH,
                    SessionKind.WALK,
                    SessionKind.REST,
                )
            )
            + ". Strength marks fill in when done. Done: strength sessions done of planned, "
            + "green on plan (within 20 %), amber off plan, red far off (beyond 50 %). "
            + "Click a week to open it."
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.legend)
        self.table.clicked.connect(
            lambda index: self.week_requested.emit(self.model.week_at(index.row()).week)
        )
        self.table.activated.connect(
            lambda index: self.week_requested.emit(self.model.week_at(index.row()).week)
        )

    def show_block(self, athlete: Athlete, weeks: list[WeekSummary], current: int) -> None:
        self.model.set_block(athlete, weeks, current)
