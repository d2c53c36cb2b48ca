"""The exercise library as a list model, and a filter proxy for search as you type.

The proxy matches against a lower-cased text prepared once per exercise, so a key
stroke costs one substring test per row, not a rebuild of every exercise's text.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from runstrong_gui.domain.models import Exercise

Index = QModelIndex | QPersistentModelIndex
EXERCISE_MIME = "application/x-runstrong-exercise"
EXERCISE_ROLE = Qt.ItemDataRole.UserRole + 10
HAYSTACK_ROLE = Qt.ItemDataRole.UserRole + 11


def haystack(e: Exercise) -> str:
    """The text search looks in: name, muscles and cues (plus group and focus words)."""
    parts = [e.name, e.group.label, *e.muscles, *e.cues, *(f.label for f in e.focus)]
    return " ".join(parts).casefold()


class LibraryModel(QAbstractListModel):
    """Exercises in name order; drags carry their ids as JSON."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[Exercise] = []
        self._hay: list[str] = []
        self._flagged: set[int] = set()

    def set_exercises(self, items: Sequence[Exercise], flagged: set[int] | None = None) -> None:
        self.beginResetModel()
        self._items = list(items)
        self._hay = [haystack(e) for e in self._items]
        self._flagged = flagged or set()
        self.endResetModel()

    def exercise(self, row: int) -> Exercise:
        return self._items[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        e = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{e.name}  ⚠" if e.id in self._flagged else e.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{e.group.label} · {e.dose_text()}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{e.name}, {e.group.label}, {e.dose_text()}"
        if role == EXERCISE_ROLE:
            return e
        if role == HAYSTACK_ROLE:
            return self._hay[index.row()]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else base

    def mimeTypes(self) -> list[str]:
        return [EXERCISE_MIME]

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        ids = [self._items[i.row()].id for i in indexes if i.isValid()]
        mime = QMimeData()
        mime.setData(EXERCISE_MIME, json.dumps({"exercise_ids": ids}).encode())
        return mime


class LibraryFilter(QSortFilterProxyModel):
    """Search as you type; more criteria are added by :meth:`set_predicate`."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._predicate: Any = None

    def set_search(self, text: str) -> None:
        words = text.casefold().split()
        if words != self._words:
            self.beginFilterChange()
            self._words = words
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_predicate(self, predicate: Any) -> None:
        """A callable(Exercise) -> bool applied after the search (filters of the panel)."""
        self.beginFilterChange()
        self._predicate = predicate
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, LibraryModel)
        hay = model._hay[source_row]
        if any(w not in hay for w in self._words):
            return False
        return self._predicate is None or bool(self._predicate(model._items[source_row]))
