"""The exercise library as an item model, and the search proxy over it.

A key stroke in the search box must cost what Qt's own filtering costs, so nothing of
the library runs Python per row while typing: every row's roles (text, tooltip,
colours, the exercise, the lower-cased search text) are stored in a
:class:`QStandardItemModel` when the library is read, and the search is Qt's
:class:`QSortFilterProxyModel` matching regular expressions against the stored text.
The panel's filters (group, equipment, avoided…) are answered in one Python pass when
they change, and stored in the rows too: a row they refuse has no search text.

Exercises on the athlete's avoid list are *flagged* by a marker function the model
keeps, so a reload of the library (after any edit) flags them again by itself.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QRegularExpression,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QStandardItem, QStandardItemModel

from runstrong_gui.domain.models import Exercise
from runstrong_gui.ui.shell import theme
from runstrong_gui.ui.shell.mime import EXERCISE_MIME

Index = QModelIndex | QPersistentModelIndex
EXERCISE_ROLE = Qt.ItemDataRole.UserRole + 10
FLAGGED_ROLE = Qt.ItemDataRole.UserRole + 12
# The haystack of a row the panel's filters let through, else "" (which no search matches).
KEY_ROLE = Qt.ItemDataRole.UserRole + 13
Marker = Callable[[Exercise], bool]
Predicate = Callable[[Exercise], bool]
Role = Qt.ItemDataRole
# Shown, selected and dragged; never edited in place (double-click does nothing).
_ROW_FLAGS = (
    Qt.ItemFlag.ItemIsSelectable
    | Qt.ItemFlag.ItemIsEnabled
    | Qt.ItemFlag.ItemIsDragEnabled
    | Qt.ItemFlag.ItemNeverHasChildren
)

__all__ = [
    "EXERCISE_MIME",
    "EXERCISE_ROLE",
    "FLAGGED_ROLE",
    "KEY_ROLE",
    "LibraryFilter",
    "LibraryModel",
    "haystack",
    "search_patterns",
]


def haystack(e: Exercise) -> str:
    """The text search looks in: name, muscles and cues (plus group and focus words)."""
    parts = [e.name, e.group.label, *e.muscles, *e.cues, *(f.label for f in e.focus)]
    return " ".join(parts).casefold()


def search_patterns(words: Sequence[str], anchor: str | None) -> tuple[str, ...]:
    """The search box's ``words`` as four expressions over a row's key, each asked of
    the rows the one before let through: every word, in any order, each taken
    literally (a "(" or "+" is just that character).

    The first finds ``anchor`` (part of the first word, or all of it), the second the
    first word (when the anchor is not all of it), the third the second word, each as
    plain text, the quickest search Qt's engine does; the last finds any words left by
    looking ahead for each. Typing on changes one of them, so only the rows that hold
    what the ones before it ask for are read again. No words: any row with a key.
    """
    if anchor is None or not words:
        return "^.", "", "", ""
    escaped = [QRegularExpression.escape(w) for w in words]
    first_word = "" if anchor == words[0] else escaped[0]
    second_word = escaped[1] if len(words) > 1 else ""
    # the longest first: it refuses most rows, which are then read no further
    rest = [QRegularExpression.escape(w) for w in sorted(words[2:], key=len, reverse=True)]
    if len(rest) > 1:  # anchored, so a row is tried from its start only; lazy, so each
        # look-ahead reads forward and stops at its word
        rest = ["^" + "".join(f"(?=.*?{w})" for w in rest)]
    return QRegularExpression.escape(anchor), first_word, second_word, "".join(rest)


def _expression(pattern: str) -> QRegularExpression:
    return QRegularExpression(pattern, QRegularExpression.PatternOption.DotMatchesEverythingOption)


class LibraryModel(QStandardItemModel):
    """Exercises in name order, one row each with every role stored; drags carry their
    ids as JSON (the only Python the model runs for its views, and only on a drag).

    The panel's filters reach the rows as a predicate: :meth:`set_predicate` asks it of
    every exercise in one pass and stores the answer in each row's search key.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[Exercise] = []
        self._hay: list[str] = []
        self._passes: list[bool] = []
        self._predicate: Predicate | None = None
        self._flagged: set[int] = set()
        self._hidden = 0
        self._marker: Marker | None = None
        self._italic = QFont()
        self._italic.setItalic(True)
        theme.on_change(self._recolour, self)  # the stored colours follow the palette

    def set_exercises(self, items: Sequence[Exercise], flagged: set[int] | None = None) -> None:
        """Show ``items``; ``flagged`` overrides the marker's choice of flagged ids."""
        self._items = list(items)
        self._hay = [haystack(e) for e in self._items]
        self._passes = self._passing()
        self._hidden = sum(1 for e in self._items if e.hidden)
        self._flagged = set(flagged) if flagged is not None else self._marked()
        rows = [self._row(r, e) for r, e in enumerate(self._items)]
        # One reset for the views and proxy, as every row is replaced.
        self.beginResetModel()
        blocked = self.blockSignals(True)
        try:
            self.setRowCount(0)
            self.invisibleRootItem().appendRows(rows)
        finally:
            self.blockSignals(blocked)
        self.endResetModel()

    def set_predicate(self, predicate: Predicate | None) -> None:
        """Let through only the exercises ``predicate`` accepts (None: all of them)."""
        self._predicate = predicate
        self.refilter()

    def refilter(self) -> None:
        """Ask the predicate again (its own inputs changed)."""
        passes = self._passing()
        changed = [
            r for r, (new, old) in enumerate(zip(passes, self._passes, strict=True)) if new != old
        ]
        self._passes = passes

        def key(item: QStandardItem, r: int) -> None:
            item.setData(self._hay[r] if passes[r] else "", KEY_ROLE)

        self._redress(changed, key, [KEY_ROLE])

    def _passing(self) -> list[bool]:
        pred = self._predicate
        return [True] * len(self._items) if pred is None else [bool(pred(e)) for e in self._items]

    def _row(self, r: int, e: Exercise) -> QStandardItem:
        item = QStandardItem()
        item.setFlags(_ROW_FLAGS)
        item.setData(self._hay[r] if self._passes[r] else "", KEY_ROLE)
        item.setData(e, EXERCISE_ROLE)
        if e.hidden:
            item.setData(self._italic, Role.FontRole)
        self._dress(item, r)
        return item

    def _dress(self, item: QStandardItem, r: int) -> None:
        """The roles that depend on the avoid list and the palette."""
        e = self._items[r]
        flagged = e.id in self._flagged
        group, dose = e.group.label, e.dose_text()
        name = f"{e.name}  [damaged]" if e.damage else e.name
        item.setData(f"{name}  ⚠" if flagged else name, Role.DisplayRole)
        tip = f"{group} · {dose}"
        spoken = f"{e.name}, {group}, {dose}"
        if flagged:
            tip += "\n⚠ On the athlete's avoid list"
            spoken += ", on the avoid list"
        if e.hidden:
            tip += "\nHidden: not offered to the generator"
            spoken += ", hidden"
        if e.damage:
            tip += "".join(f"\nDamaged: {d.field} = {d.value}" for d in e.damage)
            spoken += ", damaged"
        item.setData(tip, Role.ToolTipRole)
        item.setData(spoken, Role.AccessibleTextRole)
        item.setData(self._colour(e, flagged), Role.ForegroundRole)
        item.setData(flagged, FLAGGED_ROLE)

    @staticmethod
    def _colour(e: Exercise, flagged: bool) -> QColor | None:
        if flagged or e.damage:
            return theme.colour("flag")
        return theme.colour("subtle") if e.hidden else None

    def _redress(
        self,
        rows: Sequence[int],
        dress: Callable[[QStandardItem, int], None],
        roles: Sequence[int] = (),
    ) -> None:
        """Change the rows' roles quietly, then tell the view and proxy once."""
        if not rows:
            return
        blocked = self.blockSignals(True)
        try:
            for r in rows:
                item = self.item(r)
                if item is not None:
                    dress(item, r)
        finally:
            self.blockSignals(blocked)
        self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), 0), list(roles))

    def _recolour(self) -> None:
        def colour(item: QStandardItem, r: int) -> None:
            e = self._items[r]
            item.setData(self._colour(e, e.id in self._flagged), Role.ForegroundRole)

        rows = [
            r for r, e in enumerate(self._items) if e.damage or e.hidden or e.id in self._flagged
        ]
        self._redress(rows, colour, [Role.ForegroundRole])

    def set_marker(self, marker: Marker | None) -> None:
        """Flag the exercises ``marker`` picks, now and after every later reload."""
        self._marker = marker
        flagged = self._marked()
        changed = flagged ^ self._flagged
        if changed:
            self._flagged = flagged
            self._redress([r for r, e in enumerate(self._items) if e.id in changed], self._dress)

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
    """Search as you type over a :class:`LibraryModel`; more criteria come from
    :meth:`set_predicate`.

    The search is Qt's own filtering, regular expressions over each row's search key
    (see :func:`search_patterns`), in four proxies, this one on top. No Python runs
    per row. The predicate is answered by the model, once per change, by emptying the
    key of the rows it refuses (which then match no search).
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._model: LibraryModel | None = None
        self._first = QSortFilterProxyModel(self)
        below = [self._first, QSortFilterProxyModel(self), QSortFilterProxyModel(self)]
        for lower, upper in itertools.pairwise(below):
            upper.setSourceModel(lower)
        self._proxies = (*below, self)
        self._words: list[str] = []
        self._anchor: str | None = None  # what the first proxy searches for
        for proxy in self._proxies:
            proxy.setFilterRole(KEY_ROLE)
        self._set_patterns(search_patterns([], None))

    def setSourceModel(self, model: QAbstractItemModel) -> None:
        """Only a :class:`LibraryModel`: the search reads the keys it keeps."""
        if not isinstance(model, LibraryModel):
            raise TypeError("LibraryFilter filters a LibraryModel")
        self._model = model
        self._first.setSourceModel(model)
        super().setSourceModel(self._proxies[-2])

    def set_search(self, text: str) -> None:
        words = text.casefold().split()
        if words == self._words:
            return
        self._words = words
        anchor, rows = self._anchor, self._model.rowCount() if self._model else 0
        # Typing on the first word narrows: the rows the anchor let through still hold
        # every match, so only those are read again, until it lets through more than
        # half the library or is no longer part of the first word.
        if not words:
            anchor = None
        elif anchor is None or anchor not in words[0] or 2 * self._first.rowCount() > rows:
            anchor = words[0]
        self._anchor = anchor
        self._set_patterns(search_patterns(words, anchor))

    def _set_patterns(self, patterns: tuple[str, ...]) -> None:
        # a pattern set again, even the same, makes its proxy test every row again
        for proxy, pattern in zip(self._proxies, patterns, strict=True):
            if proxy.filterRegularExpression().pattern() != pattern:
                proxy.setFilterRegularExpression(_expression(pattern))

    def set_predicate(self, predicate: Callable[[Exercise], bool] | None) -> None:
        """A callable(Exercise) -> bool applied with the search (filters of the panel)."""
        if self._model is not None:
            self._model.set_predicate(predicate)

    def refilter(self) -> None:
        """Run the filter again (the predicate's own inputs changed)."""
        if self._model is not None:
            self._model.refilter()

    def from_library(self, index: Index) -> QModelIndex:
        """The shown row of a :class:`LibraryModel` index (invalid when filtered out)."""
        shown = self._first.mapFromSource(index)
        for proxy in self._proxies[1:]:
            shown = proxy.mapFromSource(shown)
        return shown
