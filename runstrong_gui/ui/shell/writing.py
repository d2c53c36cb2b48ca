"""Every change to the store from the window goes through here.

:meth:`Writing.apply` runs one user action as one transaction and puts it on the one
undo stack; afterwards the shell's ``plan_changed(change, initiator)`` tells every
feature what changed and who asked. Changes can be refused for a while (the store is
still being opened or checked: :meth:`Writing.pause`) or for good (a read-only store:
:meth:`Writing.set_read_only`, which turns the :attr:`Writing.editing` action group
off in one go: every feature puts its editing actions in that group).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import QLabel

from runstrong_gui.domain.errors import ValidationError

if TYPE_CHECKING:
    from runstrong_gui.services import changes
    from runstrong_gui.ui.shell.main_window import MainWindow

OPENING = "Opening the store…"
CHECKING = "Checking the store…"
OFFLINE = "Reconnecting to the clinic server…"
PAUSED_MESSAGES = {
    OPENING: "The store is still being opened, so nothing was saved. Try again in a moment.",
    CHECKING: "RunStrong is still checking the store, so nothing was saved. Try again in a moment.",
    OFFLINE: (
        "The connection to the clinic server was lost, so nothing was saved (and nothing "
        "waits to be saved later). RunStrong is reconnecting: try again once the banner "
        "above the week is gone."
    ),
}
READ_ONLY_MESSAGE = "The store is read-only: nothing was saved."


class Writing(QObject):
    """The undo stack, the editing actions and the one way to change the store."""

    def __init__(self, shell: MainWindow) -> None:
        super().__init__(shell)
        self.shell = shell
        self.paused = ""  # why nothing may be saved yet (OPENING, CHECKING) or ""
        self.read_only = False
        self.undo_stack = QUndoStack(self)
        self.editing = QActionGroup(self)
        self.editing.setExclusionPolicy(QActionGroup.ExclusionPolicy.None_)
        self.act_undo = self.undo_stack.createUndoAction(shell, "&Undo")
        self.act_undo.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
        self.act_redo = self.undo_stack.createRedoAction(shell, "&Redo")
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.add_editing(self.act_undo, self.act_redo)
        self.check_label = QLabel(shell)
        self.check_label.setObjectName("storeCheck")
        self.check_label.setContentsMargins(4, 0, 8, 0)
        self.check_label.hide()

    def add_editing(self, *actions: QAction) -> None:
        """Actions that change the store: off together while the store is read-only."""
        for action in actions:
            self.editing.addAction(action)

    # -- pauses and read-only ------------------------------------------------------------
    def pause(self, reason: str) -> None:
        """Refuse every change for now (``reason``: OPENING, CHECKING or OFFLINE), quietly: a
        note in the status bar, and a message only when a change is attempted."""
        self.paused = reason
        self.check_label.setText(reason)
        self.check_label.setToolTip(
            "Changes can be made as soon as RunStrong has made sure the store is sound."
        )
        self.check_label.show()

    def resume(self) -> None:
        self.paused = ""
        self.check_label.hide()

    def paused_message(self) -> str:
        """Why a change would be refused now ("" when changes are allowed)."""
        if self.read_only:
            return READ_ONLY_MESSAGE
        if not self.paused:
            return ""
        return PAUSED_MESSAGES.get(self.paused, self.paused)

    def refuse_while_paused(self, title: str) -> bool:
        """True, after saying why, while changes are refused (paused or read-only)."""
        message = self.paused_message()
        if message:
            self.shell.show_error(title, message)
        return bool(message)

    def set_read_only(self, on: bool) -> None:
        if on == self.read_only:
            return
        self.read_only = on
        self.editing.setEnabled(not on)
        self.shell.setProperty("readOnly", on)
        self.shell.read_only_changed.emit(on)

    # -- changes -------------------------------------------------------------------------
    def apply(self, command: changes.Command, *, initiator: object = None) -> changes.Change | None:
        """Run one user action as one transaction and put it on the undo stack.

        A refused action (bad input, a store that cannot write) shows its message and
        leaves both the store and the screen as they were.
        """
        from runstrong_gui.services import changes
        from runstrong_gui.storage.engine import StoreError
        from runstrong_gui.ui.shell.undo import change_step

        athlete = self.shell.athlete
        label = command.label
        if athlete is None or athlete.id is None or self.refuse_while_paused(label):
            return None
        store = self.shell.queries.store
        try:
            change = changes.record(
                store,
                label,
                athlete.id,
                command.days,
                command.action,
                command.extra_ids,
                command.seen,
                command.exercises,
            )
        except (ValidationError, StoreError) as exc:
            self.shell.show_error(label, str(exc))
            self.shell.plan_changed.emit(None, None)  # show the store as it is
            return None
        if not change.is_empty:
            self.undo_stack.push(change_step(store, change, self._undone, self._refused))
        self._changed(change, initiator if initiator is not None else self.shell)
        return change

    def _undone(self, change: changes.Change) -> None:
        self._changed(change, None)

    def _refused(self, title: str, exc: Exception) -> None:
        """An undo or redo the store refused: say why and show the store as it is. The
        steps behind it would put back states that no longer hold, so the stack is
        emptied once Qt has finished with the step (not from inside it)."""
        self.shell.show_error(title, str(exc))
        self.shell.plan_changed.emit(None, None)
        QTimer.singleShot(0, self.undo_stack.clear)

    def _changed(self, change: changes.Change, initiator: object) -> None:
        athlete = self.shell.athlete
        if athlete is None or change.athlete_id != athlete.id:  # an undo of another athlete's
            self.shell.athletes_changed.emit(change.athlete_id)
        self.shell.plan_changed.emit(change, initiator)
