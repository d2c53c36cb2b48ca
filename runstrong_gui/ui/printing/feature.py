"""File ▸ Export… (Ctrl+P) and File ▸ Preferences…: printing from the window.

Both dialogs are run through :meth:`PrintingController.run_dialog`, the one place a
test replaces to drive them without a modal loop.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog

if TYPE_CHECKING:
    from runstrong_gui.ui.shell.main_window import MainWindow


class PrintingController(QObject):
    """Owns the two File menu actions; the documents themselves come from services.printing."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("printingController")
        self.window = window
        self.act_export = QAction("&Export…", window)
        self.act_export.setObjectName("actExport")
        self.act_export.setShortcut(QKeySequence("Ctrl+P"))
        self.act_export.setStatusTip(
            "Write a client handout, week plan, programme or log sheet as a PDF"
        )
        self.act_preferences = QAction("&Preferences…", window)
        self.act_preferences.setObjectName("actPreferences")
        self.act_preferences.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.act_preferences.setStatusTip("Clinic name, contact, logo and therapist for handouts")

        window.add_to_file_menu("documents", self.act_export, self.act_preferences)

        self.act_export.triggered.connect(self.export)
        self.act_preferences.triggered.connect(self.preferences)
        window.athlete_changed.connect(self._athlete_changed)
        self._athlete_changed(window.athlete)

    def _athlete_changed(self, athlete: object) -> None:
        self.act_export.setEnabled(athlete is not None)

    def run_dialog(self, dialog: QDialog) -> int:
        return dialog.exec()

    def export(self) -> None:
        athlete = self.window.athlete
        if athlete is None:
            return
        from runstrong_gui.ui.printing.export_dialog import ExportDialog

        dialog = ExportDialog(
            self.window.queries, athlete, self.window.week_number, self.window.settings, self.window
        )
        if self.run_dialog(dialog) and dialog.written is not None:
            self.window.notify(f"Saved {dialog.written}", 8000)
        dialog.deleteLater()

    def preferences(self) -> None:
        from runstrong_gui.ui.printing.preferences_dialog import PreferencesDialog

        dialog = PreferencesDialog(self.window.queries.store, self.window)
        if self.run_dialog(dialog) and dialog.saved is not None:
            self.window.notify("Preferences saved", 5000)
        dialog.deleteLater()


def install(window: MainWindow) -> PrintingController:
    return PrintingController(window)
