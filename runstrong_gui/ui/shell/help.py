"""The Help menu's commands that reach outside the window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from runstrong_gui import logs

if TYPE_CHECKING:
    from runstrong_gui.ui.shell.main_window import MainWindow


def open_log_folder(window: MainWindow) -> None:
    """The log and crash reports, to look at or send with a bug report."""
    current = logs.log_file()
    folder = current.parent if current is not None else logs.log_dir()
    if not folder.is_dir() or not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
        window.show_error("Open log folder", f"The log folder could not be opened. It is {folder}")
