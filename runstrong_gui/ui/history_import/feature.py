"""File ▸ Import history…: Strong and Hevy workouts as done strength sessions.

The import is one transaction and one step on the window's undo stack. Its undo is its
own command rather than a before/after snapshot of sessions (the shell's usual
``apply``): ten years of history are thousands of sessions, and the import also
remembers names and may add custom exercises, which a session snapshot does not hold.
Undo takes all of it back out; redo imports the same workouts again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QUndoCommand
from PySide6.QtWidgets import QDialog

from runstrong_gui.ui.history_import.dialog import HistoryImportDialog

if TYPE_CHECKING:
    from runstrong_gui.services.interchange import history_import as hi
    from runstrong_gui.storage.store import Store
    from runstrong_gui.ui.shell.main_window import MainWindow

T = TypeVar("T")


class ImportCommand(QUndoCommand):
    """An import already written (pushing it does not import again); undo and redo."""

    def __init__(
        self,
        controller: HistoryImportController,
        preview: hi.Preview,
        choices: dict[str, hi.Choice],
        receipt: hi.Receipt,
        label: str,
    ) -> None:
        super().__init__(label)
        self.controller = controller
        self.preview = preview
        self.choices = choices
        self.receipt: hi.Receipt | None = receipt
        self._applied = True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        from runstrong_gui.services.interchange import history_import as hi

        self.receipt = self.controller.guarded(
            self.text(),
            lambda: hi.import_history(self.controller.store, self.preview, self.choices),
        )
        self.controller.changed(self.receipt)

    def undo(self) -> None:
        from runstrong_gui.services.interchange import history_import as hi

        receipt = self.receipt
        if receipt is None:
            return
        self.controller.guarded(self.text(), lambda: hi.undo_import(self.controller.store, receipt))
        self.controller.changed(receipt)


class HistoryImportController(QObject):
    """Owns File ▸ Import history…; :meth:`run_dialog` is the one place tests replace."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("historyImportController")
        self.window = window
        self.act_import = QAction("Import &history…", window)
        self.act_import.setObjectName("actImportHistory")
        self.act_import.setStatusTip(
            "Add lifting history from a Strong or Hevy CSV export as done strength sessions"
        )
        window.add_to_file_menu("data", self.act_import)
        window.writing.add_editing(self.act_import)
        self.act_import.triggered.connect(self.open_dialog)
        window.athlete_changed.connect(self._athlete_changed)
        self._athlete_changed(window.athlete)

    @property
    def store(self) -> Store:
        return self.window.queries.store

    def _athlete_changed(self, athlete: object) -> None:
        self.act_import.setEnabled(athlete is not None and not self.window.read_only)

    def run_dialog(self, dialog: QDialog) -> int:
        return dialog.exec()

    def open_dialog(self) -> None:
        athlete = self.window.athlete
        if athlete is None or self.window.refuse_while_paused("Import history"):
            return
        dialog = HistoryImportDialog(self.store, athlete, self.window)
        if self.run_dialog(dialog) and dialog.receipt is not None and dialog.preview is not None:
            receipt = dialog.receipt
            if receipt.workouts:
                label = f"Import history from {dialog.source_label}"
                command = ImportCommand(self, dialog.preview, dialog.choices, receipt, label)
                self.window.writing.undo_stack.push(command)
                self.changed(receipt)
            self.window.notify(receipt.summary(), 10000)
        dialog.deleteLater()

    def guarded(self, title: str, work: Callable[[], T]) -> T | None:
        """``work()``, or None after showing why the store refused it."""
        from runstrong_gui.domain.errors import ValidationError
        from runstrong_gui.storage.engine import StoreError

        try:
            return work()
        except (ValidationError, StoreError) as exc:
            self.window.show_error(title, str(exc))
            return None

    def changed(self, receipt: hi.Receipt | None) -> None:
        """Tell every feature: the plan changed; the library too when exercises came or went."""
        if receipt is not None and receipt.exercise_ids:
            self.window.reloaded.emit()
        self.window.plan_changed.emit(None, self)


def install(window: MainWindow) -> HistoryImportController:
    return HistoryImportController(window)
