"""The clinic store in the window: Athlete ▸ History… and File ▸ Connect to clinic….

History is kept by a clinic store only (PostgreSQL triggers); on a desktop's SQLite
file the entry stays in the menu, disabled, and its tooltip says why.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog

from runstrong_gui.services import clinic

if TYPE_CHECKING:
    from runstrong_gui.domain.models import Athlete
    from runstrong_gui.services.queries import Queries
    from runstrong_gui.ui.shell.main_window import MainWindow

NO_HISTORY = (
    "The history of changes is kept by a clinic store (PostgreSQL, File ▸ Connect to "
    "clinic…); this store is a file on this computer."
)
HISTORY_TIP = "Who changed what of this client, and when"


class ClinicController(QObject):
    """The two entries and the dialogs they open."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: QDialog | None = None  # the one open (tests look at it)
        self.act_history = QAction("&History…", window)
        self.act_history.setObjectName("athleteHistory")
        self.act_history.setEnabled(False)
        self.act_history.triggered.connect(self.show_history)
        menu = window.menu("athlete")
        menu.setToolTipsVisible(True)  # the disabled entry's tooltip says why
        menu.addAction(self.act_history)
        self.act_connect = QAction("Connect to &clinic…", window)
        self.act_connect.setObjectName("connectClinic")
        self.act_connect.setToolTip("Open the clinic's shared store (PostgreSQL)")
        self.act_connect.triggered.connect(self.connect_to_clinic)
        window.add_to_file_menu("store", self.act_connect)  # beside the store's backups
        window.store_opened.connect(self._store_opened)
        window.athlete_changed.connect(self._athlete_changed)
        if window.has_store:
            self._store_opened(window.queries)

    @property
    def keeps_history(self) -> bool:
        return self.window.has_store and clinic.keeps_history(self.window.queries.store)

    def _store_opened(self, _queries: Queries) -> None:
        self.act_history.setToolTip(HISTORY_TIP if self.keeps_history else NO_HISTORY)
        self._athlete_changed(self.window.athlete)

    def _athlete_changed(self, athlete: Athlete | None) -> None:
        self.act_history.setEnabled(self.keeps_history and athlete is not None)

    def show_history(self) -> QDialog | None:
        """Athlete ▸ History…: the shown athlete's changes (not modal: look and keep working)."""
        from runstrong_gui.ui.clinic.history_dialog import HistoryDialog

        athlete = self.window.athlete
        if athlete is None or not self.keeps_history:
            return None
        dialog = HistoryDialog(self.window.queries.store, athlete, self.window)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.show()
        return dialog

    def connect_to_clinic(self) -> QDialog:
        """File ▸ Connect to clinic…: on success the app reopens on the clinic store."""
        from runstrong_gui.ui.clinic.connect_dialog import ConnectDialog

        dialog = ConnectDialog(self.window.settings, self.window, on_clinic=self.keeps_history)
        dialog.connected.connect(lambda url: self._connected(dialog, url))
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _connected(self, dialog: QDialog, url: str) -> None:
        note = getattr(dialog, "note", "")
        if note:
            self.window.notify(note, 15000)
        self.window.store_chosen.emit(url)


def install(window: MainWindow) -> ClinicController:
    return ClinicController(window)
