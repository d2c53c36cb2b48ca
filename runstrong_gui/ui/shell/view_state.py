"""What the window remembers between runs: geometry, docks, the athlete and week shown.

Kept in QSettings; saved as it changes (the week and athlete at once, geometry and docks
when the window closes) so a window that is not closed normally loses little.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, QTimer
from PySide6.QtWidgets import QDockWidget

if TYPE_CHECKING:
    from runstrong_gui.ui.shell.main_window import MainWindow

LIBRARY_DOCK = "libraryDock"


def _int(settings: QSettings, key: str) -> int | None:
    value = settings.value(key)
    try:
        return int(value) if value is not None else None  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None


def remembered_athlete(settings: QSettings) -> int | None:
    return _int(settings, "view/athlete")


def remembered_week(settings: QSettings) -> int | None:
    return _int(settings, "view/week")


def restore(window: MainWindow) -> None:
    """Geometry and dock layout as saved, or a first run's sizes."""
    geometry = window.settings.value("window/geometry")
    if isinstance(geometry, QByteArray):
        window.restoreGeometry(geometry)
    else:
        window.resize(first_run_size(window.screen().availableGeometry().size()))
    state = window.settings.value("window/state")
    if isinstance(state, QByteArray):
        window.restoreState(state)
    else:  # first run: give the week most of the room (again once shown: before the
        # first layout Qt ignores resizeDocks)
        size_docks(window)
        window.setProperty("docksSized", False)


def shown(window: MainWindow) -> None:
    if window.property("docksSized") is False:
        window.setProperty("docksSized", True)
        QTimer.singleShot(0, lambda: size_docks(window))


def size_docks(window: MainWindow) -> None:
    # docks are the window's own children: a search of every widget is not needed
    found = window.findChildren(QDockWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
    docks = [d for d in found if not d.isFloating()]
    widths = [250 if d.objectName() == LIBRARY_DOCK else 340 for d in docks]
    window.resizeDocks(docks, widths, Qt.Orientation.Horizontal)


def save(window: MainWindow) -> None:
    settings = window.settings
    settings.setValue("view/week", window.week_number)
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/state", window.saveState())
    settings.sync()


def first_run_size(available: QSize) -> QSize:
    """The window's size on a first run: most of a laptop or desktop screen, so the week
    has room beside both docks, but never smaller than 1280 × 780 (the window manager
    fits it to a smaller screen)."""
    width = max(1280, min(1480, int(available.width() * 0.92)))
    height = max(780, min(920, int(available.height() * 0.9)))
    return QSize(width, height)
