"""The frame's menu bar: its menus by key, and the File menu's groups.

The frame has every menu from the first paint and the features fill them (Week and Plan
by features that load later), so a feature names a menu by key and a File entry by
group, and the menus read the same whatever order the features are installed in.
"""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMenuBar

# the menu bar's menus, in order
MENUS = {
    "file": "&File",
    "edit": "&Edit",
    "view": "&View",
    "week": "&Week",
    "athlete": "&Athlete",
    "plan": "&Plan",
    "help": "&Help",
}
# The File menu's groups, top to bottom, each ended by a separator (Qt collapses those
# of empty groups).
FILE_GROUPS = ("documents", "data", "store")


class MenuBar:
    """The menus of ``bar`` by their key in :data:`MENUS`."""

    def __init__(self, bar: QMenuBar) -> None:
        self._menus = {key: bar.addMenu(title) for key, title in MENUS.items()}
        self._file_ends = {group: self._menus["file"].addSeparator() for group in FILE_GROUPS}

    def menu(self, name: str) -> QMenu:
        return self._menus[name]

    def add_to_file_menu(self, group: str, *items: QAction | QMenu) -> None:
        """Actions (or submenus) at the end of one of :data:`FILE_GROUPS`."""
        end = self._file_ends[group]
        menu = self._menus["file"]
        for item in items:
            if isinstance(item, QMenu):
                menu.insertMenu(end, item)
            else:
                menu.insertAction(end, item)
