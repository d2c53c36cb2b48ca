"""The Help menu's commands: About, the log folder, and the keyboard shortcuts."""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMenu,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

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


# Keys that belong to a widget rather than to an action, so no action can list them.
WIDGET_KEYS = (
    ("Add the library's exercise to the selected day", "Enter", "Library list"),
    ("Move between controls", "Tab / Shift+Tab", "Everywhere"),
    ("Open the selected client", "Enter", "Clients list"),
)


def _plain(text: str) -> str:
    """An action's text as read: no mnemonic ampersands, no trailing ellipsis."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").removesuffix("…")


def _menu_paths(window: MainWindow) -> dict[QAction, str]:
    """Where each action sits in the menu bar ("Edit ▸ Exercise library")."""
    paths: dict[QAction, str] = {}

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            sub = action.menu()
            if isinstance(sub, QMenu):
                walk(sub, f"{path} ▸ {_plain(sub.title())}")
            elif not action.isSeparator():
                paths.setdefault(action, path)

    for top in window.menuBar().actions():
        sub = top.menu()
        if isinstance(sub, QMenu):
            walk(sub, _plain(sub.title()))
    return paths


def shortcut_rows(window: MainWindow) -> list[tuple[str, str, str]]:
    """(what, keys, where) for every action of the window that has a shortcut, read from
    the actions themselves so the list cannot fall behind them, then the widget keys."""
    paths = _menu_paths(window)
    rows: dict[tuple[str, str], str] = {}
    for action in window.findChildren(QAction):
        keys = [k for k in action.shortcuts() if not k.isEmpty()]
        if not keys or not action.text():
            continue
        shown = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)
        rows.setdefault((_plain(action.text()), shown), paths.get(action, "Window"))
    listed = sorted(((what, keys, where) for (what, keys), where in rows.items()), key=_order)
    return listed + list(WIDGET_KEYS)


def _order(row: tuple[str, str, str]) -> tuple[str, str]:
    return (row[2], row[0].casefold())


def show_shortcuts(window: MainWindow) -> QDialog:
    """Help ▸ Keyboard shortcuts: every shortcut of the window, grouped by menu."""
    dialog = QDialog(window)
    dialog.setObjectName("shortcutsDialog")
    dialog.setWindowTitle("Keyboard shortcuts")
    rows = shortcut_rows(window)
    table = QTableWidget(len(rows), 3, dialog)
    table.setObjectName("shortcutsTable")
    table.setAccessibleName("Keyboard shortcuts")
    table.setHorizontalHeaderLabels(["Command", "Keys", "Where"])
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(table)
    layout.addWidget(buttons)
    dialog.resize(620, 520)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
