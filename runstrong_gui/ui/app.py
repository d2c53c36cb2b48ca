"""Starting the GUI: the QApplication, the store, the main window."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from runstrong_gui import __version__
from runstrong_gui.paths import APP_NAME
from runstrong_gui.services.bootstrap import prepare_store
from runstrong_gui.services.planner import Planner
from runstrong_gui.storage.engine import StoreError
from runstrong_gui.storage.store import Store

ORGANISATION = "RunStrong"


def make_application(argv: Sequence[str]) -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    QApplication.setOrganizationName(ORGANISATION)
    QApplication.setApplicationName(APP_NAME)
    QApplication.setApplicationVersion(__version__)
    app = QApplication(list(argv))
    app.setStyle("Fusion")
    return app


def open_planner(url: str) -> Planner:
    store = Store.open(url)
    try:
        prepare_store(store)
    except Exception:
        store.close()
        raise
    return Planner(store)


def run_gui(url: str, argv: Sequence[str]) -> int:
    from runstrong_gui.ui.main_window import MainWindow

    app = make_application(argv)
    try:
        planner = open_planner(url)
    except StoreError as exc:
        QMessageBox.critical(None, "RunStrong cannot open the store", str(exc))
        return 2
    window = MainWindow(planner, QSettings())
    window.show()
    try:
        return app.exec()
    finally:
        planner.store.close()
