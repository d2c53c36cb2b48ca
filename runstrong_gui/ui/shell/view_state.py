"""What the window remembers between runs: geometry, docks, the athlete and week shown.

Kept in QSettings and saved as it changes, shortly after the last resize, move, dock or
week change (a drag saves once), so a killed or crashed app still reopens as it was
left. The settings file is this user's only (0600).
"""

from __future__ import annotations

import contextlib
import os
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, QSize, Qt, QTimer
from PySide6.QtWidgets import QDockWidget

if TYPE_CHECKING:
    from runstrong_gui.ui.shell.main_window import MainWindow

LIBRARY_DOCK = "libraryDock"
COMPACT_BELOW = 1200  # window width under which a first run's docks share one side
SAVE_DELAY_MS = 500
DOCK_EVENTS = frozenset({QEvent.Type.Resize, QEvent.Type.Move, QEvent.Type.Show, QEvent.Type.Hide})


WINDOW_EVENTS = frozenset({QEvent.Type.Resize, QEvent.Type.Move})


class ViewSaver(QObject):
    """Saves the window's view state soon after it changes (see the module's docstring),
    and at once when it closes; sizes the docks on a first run once the window shows."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SAVE_DELAY_MS)
        self.timer.timeout.connect(self.save)
        window.installEventFilter(self)

    def changed(self) -> None:
        self.timer.start()

    def watch(self, dock: QDockWidget) -> None:
        dock.installEventFilter(self)
        dock.dockLocationChanged.connect(self.changed)
        dock.topLevelChanged.connect(self.changed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.window:
            if kind in WINDOW_EVENTS:
                self.changed()
            elif kind == QEvent.Type.Show:
                shown(self.window)
            elif kind == QEvent.Type.Close:
                self.save()
        elif isinstance(watched, QDockWidget) and kind in DOCK_EVENTS:
            self.changed()
        return super().eventFilter(watched, event)

    def save(self) -> None:
        self.timer.stop()
        save(self.window)


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
        size_docks(window, arrange=False)
        window.setProperty("docksSized", False)


def shown(window: MainWindow) -> None:
    if window.property("docksSized") is False:
        window.setProperty("docksSized", True)
        QTimer.singleShot(0, lambda: size_docks(window))


def size_docks(window: MainWindow, *, arrange: bool = True) -> None:
    """A first run's docks: beside the week on a wide window; on a narrow one (a small
    or scaled screen) the left docks become tabs behind the right one, so the week keeps
    room for seven readable columns. Arranged once the window shows at its real size."""
    # docks are the window's own children: a search of every widget is not needed
    found = window.findChildren(QDockWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
    docks = [d for d in found if not d.isFloating() and not d.isHidden()]
    right = [d for d in docks if window.dockWidgetArea(d) == Qt.DockWidgetArea.RightDockWidgetArea]
    width = window.width()
    if arrange and width < COMPACT_BELOW and right:
        for dock in docks:
            if window.dockWidgetArea(dock) == Qt.DockWidgetArea.LeftDockWidgetArea:
                window.tabifyDockWidget(right[0], dock)
        right[0].raise_()
        share = min(340, max(280, width * 30 // 100))
        window.resizeDocks([right[0]], [share], Qt.Orientation.Horizontal)
        return
    library = min(300, max(230, width * 17 // 100))
    editor = min(480, max(300, width * 24 // 100))
    widths = [library if d.objectName() == LIBRARY_DOCK else editor for d in docks]
    window.resizeDocks(docks, widths, Qt.Orientation.Horizontal)


def save(window: MainWindow) -> None:
    settings = window.settings
    settings.setValue("view/week", window.week_number)
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/state", window.saveState())
    settings.sync()
    path = settings.fileName()
    if path and os.path.isfile(path):
        with contextlib.suppress(OSError):
            os.chmod(path, 0o600)  # the athletes shown, the logo: this user's only


def first_run_size(available: QSize) -> QSize:
    """The window's size on a first run: most of a laptop or desktop screen, so the week
    has room beside both docks, and all of a small (or scaled) one."""
    width = max(1280, min(1480, int(available.width() * 0.92)))
    height = max(780, min(920, int(available.height() * 0.9)))
    return QSize(min(width, available.width()), min(height, available.height()))
