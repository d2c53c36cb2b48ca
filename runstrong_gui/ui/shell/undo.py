"""One undo stack, one step type: every undoable action of the window is an
:class:`UndoStep` (calendar, session editor, logging, templates, imports).

A step wraps an action that has already been applied (so a refused action never
reaches the stack); undo and redo write it back and tell the window what to refresh.
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


class UndoStep(QUndoCommand):
    """One user action already done (pushing it does not run it again), as a step of the
    window's one undo stack: a change to the plan, a template renamed, a history import.

    ``undo`` and ``redo`` write the action back and forth and tell the window what to
    show. One the store refuses (another computer changed it since, bad input, a store
    that cannot write) goes to ``refused`` with its title and error, instead of raising
    out of Qt's undo stack, and changes nothing.
    """

    def __init__(
        self,
        label: str,
        undo: Callable[[], object],
        redo: Callable[[], object],
        refused: Callable[[str, Exception], None],
    ) -> None:
        super().__init__(label)
        self._undo, self._redo, self._refused = undo, redo, refused
        self._applied = True  # the action ran before the step was pushed

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self._run(self._redo, "Redo")

    def undo(self) -> None:
        self._run(self._undo, "Undo")

    def _run(self, step: Callable[[], object], verb: str) -> None:
        from runstrong_gui.domain.errors import ValidationError
        from runstrong_gui.storage.errors import StoreError

        try:
            step()
        except (ValidationError, StoreError) as exc:
            self._refused(f"{verb} {self.text()}", exc)


def change_step(
    store: Store,
    change: changes.Change,
    refresh: Callable[[changes.Change], None],
    refused: Callable[[str, Exception], None],
) -> UndoStep:
    """The undo step of a change to the plan: its recorded snapshots written back."""

    def back_to(write: Callable[[Store, changes.Change], None]) -> Callable[[], None]:
        def run() -> None:
            write(store, change)
            refresh(change)

        return run

    return UndoStep(change.label, back_to(changes.undo), back_to(changes.redo), refused)


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
