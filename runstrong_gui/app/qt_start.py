"""The Qt application and window plumbing of the start: the QApplication with
RunStrong's names and icon, bringing a window forward, and the hook that waits for the
window's first paint before the store is opened.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from runstrong_gui import __version__, tuning
from runstrong_gui.paths import APP_NAME, resources_dir

ORGANISATION = "RunStrong"
APP_ID = "org.runstrong.RunStrong"  # the desktop entry's name (packaging/linux/)
NO_PAINT_MS = 1000  # open the store anyway if the window was not painted by then


def make_application(argv: Sequence[str]) -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    tuning.before_qt_application()
    QApplication.setOrganizationName(ORGANISATION)
    QApplication.setApplicationName(APP_NAME)
    QApplication.setApplicationVersion(__version__)
    app = QApplication(list(argv))
    app.setStyle("Fusion")
    app.setWindowIcon(app_icon())
    # Wayland shows the icon of the desktop entry of this name (X11 uses the window's)
    QApplication.setDesktopFileName(APP_ID)
    return app


def app_icon() -> QIcon:
    """RunStrong's icon at every size drawn (resources/icons, from runstrong.svg)."""
    icon = QIcon()
    for png in sorted((resources_dir() / "icons").glob("runstrong-*.png")):
        icon.addFile(str(png))
    return icon


def bring_forward(window: QWidget) -> None:
    """Show the window on top: a second start on this store asked for it."""
    state = window.windowState() & ~Qt.WindowState.WindowMinimized
    window.setWindowState(state | Qt.WindowState.WindowActive)
    window.show()
    window.raise_()
    window.activateWindow()
    status = getattr(window, "statusBar", None)
    if status is not None:
        status().showMessage("RunStrong was started again on this store: use this window.", 8000)


class AfterFirstPaint(QObject):
    """Calls ``callback`` once ``widget`` has painted (or after :data:`NO_PAINT_MS`).

    The call is two event-loop turns after the paint event: whatever the paint pass
    queued (its flush, input waiting meanwhile) goes first.
    """

    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self.widget = widget
        self.callback = callback
        self.fired = False
        widget.installEventFilter(self)
        # every timer names this hook as its context: one still pending when the widget
        # (and the hook, its child) is deleted is dropped instead of reaching it
        QTimer.singleShot(NO_PAINT_MS, self, self._fire)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and obj is self.widget:
            self.widget.removeEventFilter(self)
            QTimer.singleShot(0, self, lambda: QTimer.singleShot(0, self, self._fire))
        return False

    def _fire(self) -> None:
        if not self.fired:
            self.fired = True
            self.widget.removeEventFilter(self)
            self.callback()
