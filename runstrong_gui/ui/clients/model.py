"""The Clients table: one row per athlete, and the proxy that searches, filters and sorts.

Every column has a sort key (:data:`SORT_ROLE`) so dates sort as dates and empty cells
last; the proxy filters on the name, on archived and on open pain flags.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from runstrong_gui.domain.dates import medium_date, short_day
from runstrong_gui.domain.metrics import Compliance
from runstrong_gui.services.clients import RECENT_WEEKS, ClientSummary
from runstrong_gui.ui.shell import theme
from runstrong_gui.ui.shell.style import COMPLIANCE_COLOURS

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
COLUMNS = (
    "Athlete",
    "Block",
    "Last session",
    f"Adherence ({RECENT_WEEKS} wk)",
    "Pain",
    "Next session",
)
NAME, BLOCK, LAST, ADHERENCE, PAIN, NEXT = range(len(COLUMNS))
_LATE = dt.date.max  # empty dates sort after every real one


def name_text(row: ClientSummary) -> str:
    a = row.athlete
    return a.name + (" (archived)" if a.archived else "")


def block_text(row: ClientSummary) -> str:
    """Block week and phase: "W7 · Load" ("−2 · Before" two weeks before the block)."""
    week = f"W{row.week}" if row.week >= 1 else f"−{1 - row.week}"
    return f"{week} · {row.phase.label}"


def day_text(day: dt.date | None) -> str:
    if day is None:
        return "–"
    return short_day(day) if day.year == dt.date.today().year else medium_date(day)


def adherence_text(row: ClientSummary) -> str:
    a = row.adherence
    return f"{a.done}/{a.planned} · {a.compliance.label}" if a.planned else "–"


class ClientsModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ClientSummary] = []

    def set_rows(self, rows: list[ClientSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> ClientSummary:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == ID_ROLE:
            return row.athlete.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, col)
        if role == SORT_ROLE:
            return self._key(row, col)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._tip(row, col)
        if role == Qt.ItemDataRole.DecorationRole and col == ADHERENCE and row.adherence.planned:
            return QColor(COMPLIANCE_COLOURS[row.adherence.compliance])
        if role == Qt.ItemDataRole.ForegroundRole and col == PAIN and row.pain_flags:
            return theme.colour("warning")
        if role == Qt.ItemDataRole.TextAlignmentRole and col == PAIN:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    @staticmethod
    def _text(row: ClientSummary, col: int) -> str:
        nxt = row.next_session
        return {
            NAME: name_text(row),
            BLOCK: block_text(row),
            LAST: day_text(row.last_session),
            ADHERENCE: adherence_text(row),
            PAIN: f"⚠ {row.pain_flags}" if row.pain_flags else "–",
            NEXT: f"{day_text(nxt.date)} · {nxt.title or nxt.kind.label}" if nxt else "–",
        }[col]

    @staticmethod
    def _key(row: ClientSummary, col: int) -> Any:
        if col == NAME:
            return row.athlete.name.casefold()
        if col == BLOCK:
            return row.week  # phases follow the weeks
        if col == LAST:
            return (row.last_session or dt.date.min).toordinal()
        if col == ADHERENCE:
            ratio = row.adherence.ratio
            return -1.0 if ratio is None else ratio
        if col == PAIN:
            return row.pain_flags
        return (row.next_session.date if row.next_session else _LATE).toordinal()

    @staticmethod
    def _tip(row: ClientSummary, col: int) -> str:
        if col == ADHERENCE:
            a = row.adherence
            if not a.planned:
                return f"No strength sessions planned in the last {RECENT_WEEKS} finished weeks"
            label = a.compliance.label if a.compliance is not Compliance.NONE else ""
            return (
                f"Strength sessions in the last {RECENT_WEEKS} finished weeks: "
                f"{a.done} done of {a.planned} planned · {label}"
            )
        if col == PAIN:
            return (
                f"{row.pain_flags} session(s) of the last four weeks with pain logged at 5 or "
                "more, or pain lasting over 48 h"
                if row.pain_flags
                else "No pain flagged in the last four weeks"
            )
        return f"{COLUMNS[col]}: {ClientsModel._text(row, col)}"


class ClientsProxy(QSortFilterProxyModel):
    """Search by name; archived clients and clients without pain flags can be hidden."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.show_archived = False
        self.pain_only = False
        self.setSortRole(SORT_ROLE)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(NAME)

    def set_filters(self, *, show_archived: bool, pain_only: bool) -> None:
        self.beginFilterChange()
        self.show_archived, self.pain_only = show_archived, pain_only
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, ClientsModel)
        row = model.row_at(source_row)
        if row.athlete.archived and not self.show_archived:
            return False
        if self.pain_only and not row.pain_flags:
            return False
        return super().filterAcceptsRow(source_row, source_parent)
