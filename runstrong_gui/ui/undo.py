"""One undo stack for every change to the plan: calendar, session editor and logging.

A command wraps a :class:`~runstrong_gui.services.changes.Change` that has already
been applied (so a refused action never reaches the stack); undo and redo write the
recorded snapshots back and tell the window what to refresh.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from runstrong_gui.services import changes
from runstrong_gui.storage.store import Store


class ChangeCommand(QUndoCommand):
    def __init__(
        self, store: Store, change: changes.Change, refresh: Callable[[changes.Change], None]
    ) -> None:
        super().__init__(change.label)
        self.store = store
        self.change = change
        self.refresh = refresh
        self._applied = True  # the action ran before the command was pushed

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        changes.redo(self.store, self.change)
        self.refresh(self.change)

    def undo(self) -> None:
        changes.undo(self.store, self.change)
        self.refresh(self.change)
