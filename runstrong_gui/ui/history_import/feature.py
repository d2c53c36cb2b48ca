"""File ▸ Import history…: Strong and Hevy workouts as done strength sessions.

The import is one transaction and one step on the window's undo stack. Its undo removes
what the import added rather than writing back a before/after snapshot of sessions (the
shell's usual ``apply``): ten years of history are thousands of sessions, and the import also
remembers names and may add custom exercises, which a session snapshot does not hold.
Undo takes all of it back out; redo imports the same workouts again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog

from runstrong_gui.ui.shell.undo import UndoStep

if TYPE_CHECKING:
    from runstrong_gui.services.interchange import history_import as hi
    from runstrong_gui.storage.store import Store
    from runstrong_gui.ui.shell.main_window import MainWindow


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
        from runstrong_gui.ui.history_import.dialog import HistoryImportDialog

        dialog = HistoryImportDialog(self.store, athlete, self.window)
        if self.run_dialog(dialog) and dialog.receipt is not None and dialog.preview is not None:
            receipt = dialog.receipt
            if receipt.workouts:
                label = f"Import history from {dialog.source_label}"
                self.window.writing.undo_stack.push(
                    self._undo_step(label, dialog.preview, dialog.choices, receipt)
                )
                self.changed(receipt)
            self.window.notify(receipt.summary(), 10000)
        dialog.deleteLater()

    def _undo_step(
        self, label: str, preview: hi.Preview, choices: dict[str, hi.Choice], receipt: hi.Receipt
    ) -> UndoStep:
        """Undo removes what the import added (its receipt says what); redo imports the
        same preview again, which gives a new receipt for the next undo."""
        from runstrong_gui.services.interchange import history_import as hi

        done = [receipt]

        def undo() -> None:
            hi.undo_import(self.store, done[0])
            self.changed(done[0])

        def redo() -> None:
            done[0] = hi.import_history(self.store, preview, choices)
            self.changed(done[0])

        def refused(title: str, exc: Exception) -> None:
            self.window.show_error(title, str(exc))
            self.changed(None)  # show the store as it is

        return UndoStep(label, undo, redo, refused)

    def changed(self, receipt: hi.Receipt | None) -> None:
        """Tell every feature: the plan changed; the library too when exercises came or went."""
        if receipt is not None and receipt.exercise_ids:
            self.window.reloaded.emit()
        self.window.plan_changed.emit(None, self)


def install(window: MainWindow) -> HistoryImportController:
    return HistoryImportController(window)
