"""The Help menu's commands: About, and the log folder."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from runstrong_gui import __version__, logs
from runstrong_gui.domain.dates import full_date

if TYPE_CHECKING:
    from runstrong_gui.ui.shell.main_window import MainWindow


def show_about(window: MainWindow) -> None:
    """Help ▸ About: the versions a bug report needs, and where the store and log are."""
    from runstrong_gui.versions import versions

    rows = [(name, value) for name, value in versions() if name != "RunStrong"]
    if window.has_store:
        store = window.queries.store
        rows.append(("Store", str(store.path) if store.path else store.url))
    log = logs.log_file()
    rows.append(("Log", str(log) if log is not None else "not written"))
    table = "".join(f"<tr><td>{escape(k)}</td><td>{escape(v)}</td></tr>" for k, v in rows)
    QMessageBox.about(
        window,
        "About RunStrong",
        f"<b>RunStrong {__version__}</b><br>Strength training planned around your running."
        f"<br><br><table cellspacing='4'>{table}</table>"
        f"<br>Today is {full_date(dt.date.today())}.",
    )


def open_log_folder(window: MainWindow) -> None:
    """The log and crash reports, to look at or send with a bug report."""
    current = logs.log_file()
    folder = current.parent if current is not None else logs.log_dir()
    if not folder.is_dir() or not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
        window.show_error("Open log folder", f"The log folder could not be opened. It is {folder}")
