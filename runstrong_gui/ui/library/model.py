"""The exercise library as a list model, and a filter proxy for search as you type.

The proxy matches against a lower-cased text prepared once per exercise, so a key
stroke costs one substring test per row, not a rebuild of every exercise's text.
Exercises on the athlete's avoid list are *flagged* by a marker function the model
keeps, so a reload of the library (after any edit) flags them again by itself.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont

from runstrong_gui.domain.models import Exercise
from runstrong_gui.ui.shell import theme
from runstrong_gui.ui.shell.mime import EXERCISE_MIME

Index = QModelIndex | QPersistentModelIndex
EXERCISE_ROLE = Qt.ItemDataRole.UserRole + 10
HAYSTACK_ROLE = Qt.ItemDataRole.UserRole + 11
FLAGGED_ROLE = Qt.ItemDataRole.UserRole + 12
Marker = Callable[[Exercise], bool]


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
        self._hidden = 0
        self._marker: Marker | None = None
        self._italic = QFont()
        self._italic.setItalic(True)

    def set_exercises(self, items: Sequence[Exercise], flagged: set[int] | None = None) -> None:
        """Show ``items``; ``flagged`` overrides the marker's choice of flagged ids."""
        self.beginResetModel()
        self._items = list(items)
        self._hay = [haystack(e) for e in self._items]
        self._hidden = sum(1 for e in self._items if e.hidden)
        self._flagged = set(flagged) if flagged is not None else self._marked()
        self.endResetModel()

    def set_marker(self, marker: Marker | None) -> None:
        """Flag the exercises ``marker`` picks, now and after every later reload."""
        self._marker = marker
        flagged = self._marked()
        if flagged != self._flagged:
            self._flagged = flagged
            if self._items:
                self.dataChanged.emit(self.index(0), self.index(len(self._items) - 1))

    def _marked(self) -> set[int]:
        if self._marker is None:
            return set()
        marker = self._marker
        return {e.id for e in self._items if e.id is not None and marker(e)}

    def exercise(self, row: int) -> Exercise:
        return self._items[row]

    def exercises(self) -> list[Exercise]:
        return list(self._items)

    def hidden_count(self) -> int:
        return self._hidden

    def is_flagged(self, row: int) -> bool:
        return self._items[row].id in self._flagged

    @property
    def flagged_ids(self) -> frozenset[int]:
        return frozenset(self._flagged)

    def row_of(self, exercise_id: int) -> int:
        """The row of an exercise by id, or -1."""
        return next((r for r, e in enumerate(self._items) if e.id == exercise_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        e = self._items[index.row()]
        flagged = e.id in self._flagged
        if role == Qt.ItemDataRole.DisplayRole:
            name = f"{e.name}  [damaged]" if e.damage else e.name
            return f"{name}  ⚠" if flagged else name
        if role == Qt.ItemDataRole.ToolTipRole:
            extra = "\n⚠ On the athlete's avoid list" if flagged else ""
            hidden = "\nHidden: not offered to the generator" if e.hidden else ""
            broken = "".join(f"\nDamaged: {d.field} = {d.value}" for d in e.damage)
            return f"{e.group.label} · {e.dose_text()}{extra}{hidden}{broken}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            tail = ", on the avoid list" if flagged else ""
            tail += ", hidden" if e.hidden else ""
            tail += ", damaged" if e.damage else ""
            return f"{e.name}, {e.group.label}, {e.dose_text()}{tail}"
        if role == Qt.ItemDataRole.ForegroundRole:
            if flagged or e.damage:
                return theme.colour("flag")
            return theme.colour("subtle") if e.hidden else None
        if role == Qt.ItemDataRole.FontRole:
            return self._italic if e.hidden else None
        if role == EXERCISE_ROLE:
            return e
        if role == HAYSTACK_ROLE:
            return self._hay[index.row()]
        if role == FLAGGED_ROLE:
            return flagged
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
    """Search as you type; more criteria are added by :meth:`set_predicate`.

    Qt asks about one row at a time, calling into Python for each: the answers are
    worked out in one pass per change (a list comprehension per search word), so each
    of Qt's calls is a single list lookup. The predicate's answers are kept until the
    predicate or the exercises change, so typing only re-runs the substring tests.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._predicate: Any = None
        self._passes: list[bool] | None = None  # predicate per source row
        self._accepted: list[bool] = []  # search and predicate per source row
        self._basis: list[Exercise] | None = None  # the model's list _accepted was made from
        self._pass_basis: list[Exercise] | None = None  # ... and _passes
        self._model: LibraryModel | None = None

    def setSourceModel(self, model: QAbstractItemModel) -> None:
        """Only a :class:`LibraryModel`: the filter reads its exercises and texts directly."""
        if not isinstance(model, LibraryModel):
            raise TypeError("LibraryFilter filters a LibraryModel")
        self._model = model
        self._basis = None
        super().setSourceModel(model)

    def set_search(self, text: str) -> None:
        words = text.casefold().split()
        if words != self._words:
            self.beginFilterChange()
            self._words = words
            self._basis = None
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_predicate(self, predicate: Any) -> None:
        """A callable(Exercise) -> bool applied after the search (filters of the panel)."""
        self.beginFilterChange()
        self._predicate = predicate
        self._passes = None
        self._basis = None
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def refilter(self) -> None:
        """Run the filter again (the predicate's own inputs changed)."""
        self.beginFilterChange()
        self._passes = None
        self._basis = None
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def _rows(self, model: LibraryModel) -> list[bool]:
        items = model._items  # set_exercises makes a new list
        if self._passes is None or items is not self._pass_basis:
            pred = self._predicate
            self._passes = [True] * len(items) if pred is None else [bool(pred(e)) for e in items]
            self._pass_basis = items
        accepted = self._passes
        for w in self._words:
            accepted = [ok and w in hay for ok, hay in zip(accepted, model._hay, strict=True)]
        self._accepted = accepted
        self._basis = items
        return accepted

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self._model
        if model is None:
            return False
        rows = self._accepted if model._items is self._basis else self._rows(model)
        return source_row < len(rows) and rows[source_row]
