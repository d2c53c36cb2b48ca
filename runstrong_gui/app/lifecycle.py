"""What a run of the app sets up around its window: the log, crash reports, private
settings, and quitting on SIGTERM, SIGINT and SIGHUP exactly as File ▸ Quit does.

A desktop logout or a service manager sends SIGTERM; Ctrl+C in a terminal sends SIGINT.
Python's own handling would end the process at once (or raise KeyboardInterrupt inside
some Qt slot), leaving the store unclosed with its data in the ``-wal``, the lock behind
and the window's layout unsaved. Python runs a signal handler only between bytecodes,
and Qt's event loop sleeps in C, so the standard pattern is used: the C-level handler
writes the signal's number to a pipe (``signal.set_wakeup_fd``) that a
:class:`QSocketNotifier` watches, and the event loop wakes up and quits the way File ▸
Quit does. What is being done at that moment (a save, a backup) finishes first: the
notifier only fires between events.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Callable
from pathlib import Path
from types import FrameType

from PySide6.QtCore import QObject, QSettings, QSocketNotifier
from PySide6.QtWidgets import QApplication, QMainWindow

from runstrong_gui import __version__, logs
from runstrong_gui.paths import private_folder

QUIT_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)

Handler = Callable[[int, FrameType | None], object] | int | signal.Handlers | None


def _ignore(_signum: int, _frame: FrameType | None) -> None:
    """The Python-level handler: the work is done by the event loop (see module doc)."""


class QuitOnSignals(QObject):
    """Quits the app as File ▸ Quit does when a quit signal arrives."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.app = app
        self.received: list[str] = []
        # a pipe, not a socket pair: the socket module would load before the first paint
        self._read, self._write = os.pipe()
        os.set_blocking(self._read, False)
        os.set_blocking(self._write, False)
        self._old_fd = signal.set_wakeup_fd(self._write, warn_on_full_buffer=False)
        self._old: dict[int, Handler] = {s: signal.signal(s, _ignore) for s in QUIT_SIGNALS}
        self.notifier = QSocketNotifier(self._read, QSocketNotifier.Type.Read, self)
        self.notifier.activated.connect(self._wake)

    def _wake(self) -> None:
        try:
            data = os.read(self._read, 64)
        except (BlockingIOError, InterruptedError):
            return
        for number in data:
            if number in tuple(QUIT_SIGNALS):
                self.quit(signal.Signals(number).name)

    def quit(self, name: str) -> None:
        """Close the windows (which saves their layout), then leave every event loop;
        ``run_gui`` then closes the store (checkpointing it) and releases the lock."""
        self.received.append(name)
        logs.log.info("%s received: quitting as File > Quit does", name)
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMainWindow) and widget.isVisible():
                widget.close()
        self.app.exit(0)  # also ends a dialog's loop: its question counts as cancelled

    def restore(self) -> None:
        """Back to the handlers there were (after the event loop)."""
        self.notifier.setEnabled(False)
        with contextlib.suppress(ValueError):  # not the main thread: nothing was set
            signal.set_wakeup_fd(self._old_fd)
        for number, handler in self._old.items():
            if handler is not None:
                signal.signal(number, handler)
        os.close(self._read)
        os.close(self._write)
        self.deleteLater()


def private_settings() -> Path:
    """Make the settings file 0600 in a 0700 folder before Qt first writes it (Qt keeps
    an existing file's mode when it rewrites it)."""
    path = Path(QSettings().fileName())
    private_folder(path.parent)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        os.fchmod(fd, 0o600)
    finally:
        os.close(fd)
    return path


def begin(app: QApplication) -> Callable[[], None]:
    """Set up a run of the app; returns the function that undoes it, for the end of
    ``run_gui`` (tests run the app in-process, so nothing may outlive a run)."""
    undo: list[Callable[[], None]] = []
    try:
        folder = logs.setup()
        undo.append(logs.close)
    except OSError as exc:  # no log is no reason not to plan: the terminal still shows it
        print(f"RunStrong: cannot write its log ({exc})", flush=True)
        folder = logs.log_dir()
    logs.log.info("RunStrong %s starting (process %d)", __version__, os.getpid())
    from runstrong_gui.app import crash_report

    undo.append(crash_report.install(folder, app))
    try:
        private_settings()
    except OSError as exc:
        logs.log.warning("settings file could not be made private: %s", type(exc).__name__)
    try:
        watcher: QuitOnSignals | None = QuitOnSignals(app)
    except ValueError:  # not the main thread (a test): signals stay as they were
        watcher = None
    if watcher is not None:
        undo.append(watcher.restore)

    def end() -> None:
        logs.log.info("RunStrong quit")
        for step in reversed(undo):
            step()

    return end
