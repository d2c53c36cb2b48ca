"""Uncaught exceptions and Qt's own messages, to the log and to the user.

The log itself is :mod:`runstrong_gui.logs`. Here: Qt's warnings go to the log (and, as
before, to the terminal); an uncaught exception, on any thread, is logged there and then
shown in a dialog that says what happened, that the store is safe, and where the log is.
The dialog is not modal and only one is shown at a time: an error that repeats (in a
paint, say) must not bury the window under boxes or start event loops inside the hook.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QMessageLogContext,
    QObject,
    Qt,
    QtMsgType,
    Signal,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from runstrong_gui import logs

TITLE = "RunStrong: something went wrong"
QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}

QtHandler = Callable[[QtMsgType, QMessageLogContext, str], None]


def report_text(kind: str, folder: Path) -> str:
    """What the dialog says about an uncaught ``kind`` (an exception's type name)."""
    return (
        f"RunStrong ran into an unexpected error ({kind}).\n\n"
        "Your data is safe: the store keeps everything that was saved, because each change "
        "is saved whole or not at all. The last action may not have been saved: check it, "
        "and do it again if needed. If the error comes back, quit and start RunStrong again.\n\n"
        f"The details are in the log, in {folder}"
    )


def show_report(parent: QWidget | None, text: str) -> QMessageBox | None:
    """The dialog, shown without a nested event loop (tests replace this function)."""
    box = QMessageBox(QMessageBox.Icon.Critical, TITLE, text, QMessageBox.StandardButton.Ok)
    box.setObjectName("crashReport")
    if parent is not None:
        box.setParent(parent, Qt.WindowType.Dialog)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.show()
    return box


class CrashReporter(QObject):
    """Shows the dialog for an uncaught exception. Signals: report(str): the exception's
    type name; emitted from any thread, handled on the GUI thread (queued)."""

    report = Signal(str)

    def __init__(self, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self.box: QMessageBox | None = None
        self.broken = False
        # queued even on the GUI thread: the dialog comes after the hook has returned,
        # never inside it (an error in showing it would call the hook again)
        self.report.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def _show(self, kind: str) -> None:
        if self.box is not None and self.box.isVisible():
            return  # already logged; one dialog says it all
        if self.broken:
            return
        try:
            parent = QApplication.activeWindow()
            self.box = show_report(parent, report_text(kind, self.folder))
            if self.box is not None:
                self.box.destroyed.connect(self._forget)
        except Exception:  # no dialog, ever, rather than a loop of failing ones
            self.broken = True
            logs.log_exception("the crash report", *sys.exc_info())  # type: ignore[arg-type]

    def _forget(self) -> None:
        self.box = None


def install(folder: Path, parent: QObject | None = None) -> Callable[[], None]:
    """Route uncaught exceptions and Qt's messages to the log (and the exceptions to the
    dialog). Returns the function that puts everything back as it was."""
    reporter = CrashReporter(folder, parent)
    uninstall_hooks = logs.install_hooks(reporter.report.emit)
    previous: QtHandler | None = None

    def qt_message(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
        level = QT_LEVELS.get(mode, logging.WARNING)
        category = getattr(context, "category", None) or "qt"
        logs.log.log(level, "Qt (%s): %s", category, message)
        if previous is not None:
            previous(mode, context, message)
        else:  # what Qt's own handler would have printed
            print(message, file=sys.stderr)

    previous = qInstallMessageHandler(qt_message)

    def uninstall() -> None:
        qInstallMessageHandler(previous)
        uninstall_hooks()
        reporter.deleteLater()

    return uninstall
