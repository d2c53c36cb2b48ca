"""View ▸ Theme (System, Light, Dark), remembered in the settings.

The palette is applied when the feature is installed, before the window first shows,
so a dark start never flashes light. With "System" the app follows the system's colour
scheme as it changes (:mod:`runstrong_gui.ui.shell.theme`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup

from runstrong_gui.ui.shell import theme

if TYPE_CHECKING:
    from runstrong_gui.ui.shell.main_window import MainWindow

SETTING = "view/theme"


def remembered(shell: MainWindow) -> theme.Choice:
    value = shell.settings.value(SETTING, theme.Choice.SYSTEM.value)
    try:
        return theme.Choice(str(value))
    except ValueError:  # a settings file from elsewhere: follow the system
        return theme.Choice.SYSTEM


class ThemeMenu(QObject):
    """The View ▸ Theme submenu's choices."""

    def __init__(self, shell: MainWindow) -> None:
        super().__init__(shell)
        self.shell = shell
        menu = shell.menu("view").addMenu("&Theme")
        menu.setObjectName("themeMenu")
        self.group = QActionGroup(self)
        self.group.setExclusive(True)
        self.actions: dict[theme.Choice, QAction] = {}
        chosen = remembered(shell)
        for choice in theme.Choice:
            action = QAction(choice.label, self.group)
            action.setCheckable(True)
            action.setChecked(choice is chosen)
            action.setData(choice.value)
            menu.addAction(action)
            self.actions[choice] = action
        self.group.triggered.connect(self._chosen)
        theme.apply(chosen)

    def choose(self, choice: theme.Choice) -> None:
        self.actions[choice].trigger()

    def _chosen(self, action: QAction) -> None:
        choice = theme.Choice(action.data())
        self.shell.settings.setValue(SETTING, choice.value)
        theme.apply(choice)


def install(shell: MainWindow) -> ThemeMenu:
    return ThemeMenu(shell)
