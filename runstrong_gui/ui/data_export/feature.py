"""File ▸ Export data ▸ JSON… / CSV… / Calendar (.ics)…, and File ▸ Import RunStrong data.

Dialogs run through :meth:`DataExportController.run_dialog` and files are chosen through
:meth:`DataExportController.choose_import_file`: the places a test replaces to drive them
without a modal loop.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QFileDialog, QMenu

if TYPE_CHECKING:
    from runstrong_gui.ui.shell.main_window import MainWindow


class DataExportController(QObject):
    """Owns the Export data submenu and the JSON import action."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("dataExportController")
        self.window = window
        self.export_menu = QMenu("Export &data", window)
        self.export_menu.setObjectName("exportDataMenu")
        self.actions: dict[str, QAction] = {}
        for kind, label, tip in (
            ("json", "&JSON…", "Everything of an athlete or of the whole store, as RunStrong JSON"),
            ("csv", "&CSV…", "Logged sets in Strong's columns, and one row per session"),
            ("ics", "Calendar (.&ics)…", "The planned sessions, for a calendar app"),
        ):
            action = self.export_menu.addAction(label)
            action.setObjectName(f"actExportData_{kind}")
            action.setStatusTip(tip)
            action.triggered.connect(partial(self.export, kind))
            self.actions[kind] = action
        self.act_import = QAction("&Import RunStrong data (JSON)…", window)
        self.act_import.setObjectName("actImportJson")
        self.act_import.setStatusTip("Add athletes, plans and logs from a RunStrong JSON file")
        self.act_import.triggered.connect(self.import_json)
        window.writing.add_editing(self.act_import)

        window.add_to_file_menu("data", self.act_import, self.export_menu)
        window.athlete_changed.connect(self._athlete_changed)
        self._athlete_changed(window.athlete)

    def _athlete_changed(self, athlete: object) -> None:
        for action in self.actions.values():
            action.setEnabled(athlete is not None)

    def run_dialog(self, dialog: QDialog) -> int:
        return dialog.exec()

    def choose_import_file(self) -> str:
        chosen, _ = QFileDialog.getOpenFileName(
            self.window, "Import RunStrong data", "", "RunStrong JSON (*.json);;All files (*)"
        )
        return chosen

    def export(self, kind: str) -> None:
        from runstrong_gui.ui.data_export.dialog import ExportDataDialog

        athlete = self.window.athlete
        if athlete is None:
            return
        dialog = ExportDataDialog(self.window.queries.store, athlete, kind, self.window)
        if self.run_dialog(dialog) and dialog.written is not None:
            self.window.notify(dialog.written.summary, 8000)
        dialog.deleteLater()

    def import_json(self) -> None:
        """Import a file in one transaction; then every view reads the store again."""
        from runstrong_gui.services.interchange.json_import import ImportRefused, import_json_file
        from runstrong_gui.storage.engine import StoreError

        title = "Import RunStrong data"
        if self.window.refuse_while_paused(title):
            return
        chosen = self.choose_import_file()
        if not chosen:
            return
        try:
            report = import_json_file(self.window.queries.store, Path(chosen))
        except (ImportRefused, StoreError) as exc:
            self.window.show_error(title, str(exc))
            return
        self.window.reloaded.emit()
        athlete = self.window.athlete
        self.window.athletes_changed.emit(athlete.id if athlete else None)
        self.window.notify(report.summary, 10000)


def install(window: MainWindow) -> DataExportController:
    return DataExportController(window)
