"""One undo stack for every change to the plan: calendar, session editor and logging.

A command wraps a :class:`~runstrong_gui.services.changes.Change` that has already
been applied (so a refused action never reaches the stack); undo and redo write the
recorded snapshots back and tell the window what to refresh.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QUndoCommand
from PySide6.QtWidgets import QToolBar, QToolButton

from runstrong_gui.services import changes

if TYPE_CHECKING:  # the store (SQLAlchemy) loads after the window paints
    from runstrong_gui.storage.store import Store


class ChangeCommand(QUndoCommand):
    """Undo and redo of one change. One the store refuses (another computer changed
    those sessions since, or the store cannot write) goes to ``refused`` with its
    message instead of raising out of Qt's undo stack."""

    def __init__(
        self,
        store: Store,
        change: changes.Change,
        refresh: Callable[[changes.Change], None],
        refused: Callable[[str, Exception], None] | None = None,
    ) -> None:
        super().__init__(change.label)
        self.store = store
        self.change = change
        self.refresh = refresh
        self.refused = refused
        self._applied = True  # the action ran before the command was pushed

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self._put_back(changes.redo, "Redo")

    def undo(self) -> None:
        self._put_back(changes.undo, "Undo")

    def _put_back(self, write: Callable[[Store, changes.Change], None], verb: str) -> None:
        from runstrong_gui.storage.errors import StoreError

        try:
            write(self.store, self.change)
        except StoreError as exc:
            if self.refused is None:
                raise
            self.refused(f"{verb} {self.change.label}", exc)
            return
        self.refresh(self.change)


class ActionButton(QToolButton):
    """A toolbar button that triggers ``action`` and follows it, without being its widget.

    A button made by ``QToolBar.addAction`` takes its action up again on every change to
    it, icon included, and a new icon asks the whole main window for a new layout. The
    undo and redo actions change their text with every edit, so each drop of a card paid
    for that layout. This button copies what the user sees change (enabled, tooltip).
    """

    def __init__(self, action: QAction, bar: QToolBar, name: str, glyph: str = "") -> None:
        super().__init__(bar)
        self._action = action
        # a word, like the toolbar's other commands: the generic arrow icons read as
        # "previous" and "next", next to the week's own arrows
        self.setText(f"{glyph} {name}".strip())
        self.setAccessibleName(name)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setAutoRaise(True)
        self.clicked.connect(action.trigger)
        action.changed.connect(self._follow)
        self._follow()

    def _follow(self) -> None:
        try:
            enabled, tip = self._action.isEnabled(), self._action.toolTip()
        except RuntimeError:  # the action is being destroyed with the window
            return
        self.setEnabled(enabled)
        self.setToolTip(tip)  # the action's text without its & and …
