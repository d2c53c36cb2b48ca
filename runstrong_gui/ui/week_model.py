"""The week as a two-level item model: seven days, each holding its session cards.

Each day column is a view rooted at one day's index, so every column shares this one
model; drag and drop (the calendar work) goes through ``mimeData``/``dropMimeData``
here, where it can be tested without a window.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt

from runstrong_gui.domain.enums import SessionKind
from runstrong_gui.services.planner import WeekData, strength_minutes
from runstrong_gui.storage.store import SessionDetail

Index = QModelIndex | QPersistentModelIndex

DATE_ROLE = Qt.ItemDataRole.UserRole + 1
SESSION_ROLE = Qt.ItemDataRole.UserRole + 2
KIND_ROLE = Qt.ItemDataRole.UserRole + 3
SUBTITLE_ROLE = Qt.ItemDataRole.UserRole + 4
STATUS_ROLE = Qt.ItemDataRole.UserRole + 5
WARNINGS_ROLE = Qt.ItemDataRole.UserRole + 6

_DAY = 0xFFFFFFFF  # internal id of a day row; a session row stores its day's number


def day_label(date: dt.date) -> str:
    """'Tuesday 3 March': how a column introduces itself, on screen and to screen readers."""
    return f"{date:%A} {date.day} {date:%B}"


def session_subtitle(detail: SessionDetail) -> str:
    s = detail.session
    if s.kind is SessionKind.STRENGTH:
        n = len(detail.items)
        return f"{n} exercise{'s' if n != 1 else ''} · ~{strength_minutes(detail)} min"
    parts = []
    if s.minutes:
        parts.append(f"{s.minutes} min")
    if s.distance_km:
        parts.append(f"{s.distance_km:g} km")
    return " · ".join(parts)


def session_accessible(detail: SessionDetail) -> str:
    """'Long run, 90 min': title and amount, plus done or skipped."""
    s = detail.session
    text = s.display_title
    if s.kind is SessionKind.STRENGTH:
        text += f", {len(detail.items)} exercises, about {strength_minutes(detail)} min"
    elif s.minutes:
        text += f", {s.minutes} min"
    if s.done:
        text += ", done"
    elif s.skipped:
        text += ", skipped"
    return text


class WeekModel(QAbstractItemModel):
    """Days (top level) and their sessions (children), read from :class:`WeekData`."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._week: WeekData | None = None
        self._warnings: dict[int, list[str]] = {}

    # -- data in ------------------------------------------------------------
    def set_week(self, week: WeekData, warnings: dict[int, list[str]] | None = None) -> None:
        self.beginResetModel()
        self._week = week
        self._warnings = warnings or {}
        self.endResetModel()

    @property
    def week(self) -> WeekData | None:
        return self._week

    def day_index(self, day: int) -> QModelIndex:
        return self.index(day, 0)

    def index_of_session(self, session_id: int) -> QModelIndex:
        if self._week is None:
            return QModelIndex()
        for d, day in enumerate(self._week.days):
            for r, detail in enumerate(day.sessions):
                if detail.session.id == session_id:
                    return self.index(r, 0, self.day_index(d))
        return QModelIndex()

    # -- structure ------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        if self._week is None or column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, _DAY) if row < 7 else QModelIndex()
        if parent.internalId() != _DAY or parent.column() != 0:
            return QModelIndex()
        day = parent.row()
        if row >= len(self._week.days[day].sessions):
            return QModelIndex()
        return self.createIndex(row, 0, day)

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not child.isValid() or child.internalId() == _DAY:
            return QModelIndex()
        return self.createIndex(int(child.internalId()), 0, _DAY)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if self._week is None:
            return 0
        if not parent.isValid():
            return 7
        if parent.internalId() == _DAY and parent.column() == 0:
            return len(self._week.days[parent.row()].sessions)
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 1

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        if index.internalId() == _DAY:
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsDropEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemIsDropEnabled
        )

    # -- data out ------------------------------------------------------------
    def detail(self, index: Index) -> SessionDetail | None:
        if self._week is None or not index.isValid() or index.internalId() == _DAY:
            return None
        return self._week.days[int(index.internalId())].sessions[index.row()]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self._week is None or not index.isValid():
            return None
        if index.internalId() == _DAY:
            date = self._week.days[index.row()].date
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return day_label(date)
            if role == DATE_ROLE:
                return date
            return None
        detail = self.detail(index)
        assert detail is not None
        s = detail.session
        if role == Qt.ItemDataRole.DisplayRole:
            return s.display_title
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return session_accessible(detail)
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [session_accessible(detail)]
            lines += [f"• {e.name}: {p.sets} × {p.amount}" for p, e in detail.items]
            lines += [f"⚠ {w}" for w in self._warnings.get(s.id or -1, [])]
            return "\n".join(lines)
        if role == SESSION_ROLE:
            return detail
        if role == KIND_ROLE:
            return s.kind
        if role == SUBTITLE_ROLE:
            return session_subtitle(detail)
        if role == STATUS_ROLE:
            return "done" if s.done else "skipped" if s.skipped else ""
        if role == WARNINGS_ROLE:
            return self._warnings.get(s.id or -1, [])
        return None
