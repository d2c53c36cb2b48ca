"""The app's log and crash files, and the hooks that send uncaught exceptions to them.

No Qt: the Qt side (Qt's own messages, the dialog) is :mod:`runstrong_gui.app.crash_report`.

The log is in the user log folder (``~/.local/state/RunStrong/log`` on Linux;
``RUNSTRONG_LOG_DIR`` overrides it), a few files of about 1 MB that rotate, so it never
grows without bound. ``faulthandler`` writes a crash of the interpreter itself (a
segfault in Qt) to ``crash.log`` beside it. Folder 0700, files 0600.

What goes in: the life of the app (start and version, the store opened, backups,
signals, quit, a damaged store and what the user chose) and every uncaught exception as
its type and its traceback frames. What stays out: client data. Athletes appear by id,
never by name; an exception's message is left out because it may quote what the user
typed (a name, a note, the value SQLite refused), so a log can be sent to support as is.
The frames (file, line, function, the source line) say where it went wrong.
"""

from __future__ import annotations

import faulthandler
import io
import logging
import os
import sys
import threading
import traceback
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from runstrong_gui.paths import APP_NAME, private_folder

LOG_ENV = "RUNSTRONG_LOG_DIR"
LOG_FILE = "runstrong.log"
CRASH_FILE = "crash.log"
MAX_BYTES = 1_000_000
KEEP_FILES = 3  # runstrong.log.1 … .3 besides the current one

log = logging.getLogger("runstrong")

Notify = Callable[[str], None]  # told, from any thread, what failed (for the dialog)


def log_dir() -> Path:
    """The folder of the log files; ``RUNSTRONG_LOG_DIR`` overrides it (tests)."""
    override = os.environ.get(LOG_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_log_path

    return user_log_path(APP_NAME, appauthor=False)


class PrivateRotatingFileHandler(RotatingFileHandler):
    """A rotating log whose every file is made 0600, whatever the umask."""

    def _open(self) -> io.TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.fchmod(fd, 0o600)  # a file left by an older version
        return open(fd, "a", encoding=self.encoding, errors=self.errors)


_handler: PrivateRotatingFileHandler | None = None
_crash_file: IO[Any] | None = None


def setup(folder: Path | None = None, *, crash_file: bool = True) -> Path:
    """Log to the rotating file in ``folder`` (default :func:`log_dir`) and, with
    ``crash_file``, let faulthandler write there. Returns the folder. Calling it again
    moves the log to the new folder."""
    global _handler, _crash_file
    folder = private_folder(folder or log_dir())
    if _handler is not None:
        log.removeHandler(_handler)
        _handler.close()
    handler = PrivateRotatingFileHandler(
        folder / LOG_FILE, maxBytes=MAX_BYTES, backupCount=KEEP_FILES, encoding="utf-8"
    )
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s [%(threadName)s] %(name)s: %(message)s")
    )
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    _handler = handler
    if crash_file:
        fd = os.open(folder / CRASH_FILE, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.fchmod(fd, 0o600)
        new = open(fd, "a", encoding="utf-8")  # noqa: SIM115 - faulthandler keeps writing to it
        faulthandler.enable(new)
        if _crash_file is not None:
            _crash_file.close()
        _crash_file = new
    return folder


def log_file() -> Path | None:
    """The current log file (None before :func:`setup`)."""
    return Path(_handler.baseFilename) if _handler is not None else None


def describe(
    exc_type: type[BaseException], tb: TracebackType | None, cause: BaseException | None = None
) -> str:
    """The exception's type and frames, without its message (see the module's docstring).
    Chained exceptions (``raise … from``, an error while handling another) come first."""
    parts: list[str] = []
    seen: set[int] = set()

    def add(
        kind: type[BaseException], frames: TracebackType | None, exc: BaseException | None
    ) -> None:
        if exc is not None:
            if id(exc) in seen:
                return
            seen.add(id(exc))
            earlier = exc.__cause__ or (None if exc.__suppress_context__ else exc.__context__)
            if earlier is not None:
                add(type(earlier), earlier.__traceback__, earlier)
                parts.append("which led to:\n")
        parts.append("Traceback (most recent call last):\n")
        parts.extend(traceback.StackSummary.extract(traceback.walk_tb(frames)).format())
        parts.append(f"{kind.__module__}.{kind.__qualname__} (message not logged)\n")

    add(exc_type, tb, cause)
    return "".join(parts).rstrip("\n")


def log_exception(
    where: str,
    exc_type: type[BaseException],
    exc: BaseException | None,
    tb: TracebackType | None,
) -> None:
    log.error("Uncaught %s in %s:\n%s", exc_type.__name__, where, describe(exc_type, tb, exc))


def install_hooks(notify: Notify | None = None) -> Callable[[], None]:
    """Send uncaught exceptions of the main thread and of worker threads to the log, then
    to the hooks that were there (the traceback on the terminal), then to ``notify``.
    Returns the function that puts the old hooks back."""
    old_hook, old_thread_hook = sys.excepthook, threading.excepthook
    busy = threading.local()  # an error while an error is reported: log it, no more

    def tell(kind: str) -> None:
        if notify is None or getattr(busy, "on", False):
            return
        busy.on = True
        try:
            notify(kind)
        finally:
            busy.on = False

    def main_hook(
        exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        log_exception("the main thread", exc_type, exc, tb)
        old_hook(exc_type, exc, tb)
        if not issubclass(exc_type, KeyboardInterrupt):
            tell(exc_type.__name__)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        name = args.thread.name if args.thread is not None else "a worker thread"
        log_exception(f"thread {name}", args.exc_type, args.exc_value, args.exc_traceback)
        old_thread_hook(args)
        tell(args.exc_type.__name__)

    sys.excepthook = main_hook
    threading.excepthook = thread_hook

    def uninstall() -> None:
        sys.excepthook, threading.excepthook = old_hook, old_thread_hook

    return uninstall


def close() -> None:
    """Stop writing the log file (the end of a run; tests run several in one process)."""
    global _handler
    if _handler is not None:
        log.removeHandler(_handler)
        _handler.close()
        _handler = None
