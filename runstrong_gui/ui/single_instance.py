"""One RunStrong per store: a lock file beside the store and a local socket to the owner.

Two windows on one store would each hold an undo stack and a view of the plan that the
other silently invalidates. So the first start takes a :class:`QLockFile`; a second
start on the same store fails to take it, asks the first (over a :class:`QLocalServer`
named after the store) to come forward, and quits without opening the store.

A lock left by a killed process names a PID that no longer runs: QLockFile removes it
and the new start goes ahead; :attr:`SingleInstance.recovered_stale` then tells the app
that the last session ended uncleanly, so it runs the full integrity check.

The app takes the lock at once but starts listening once its window is on screen
(``acquire(listen=False)``, then :meth:`SingleInstance.listen`): QtNetwork loads then,
not before the first paint. A second start meanwhile keeps asking for a moment.
"""

from __future__ import annotations

import contextlib
import os
import time
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, Signal

from runstrong_gui.paths import data_dir, private_folder

if TYPE_CHECKING:
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

ACTIVATE = b"activate\n"
ANSWER = b"ok\n"


def _key(store_path: Path) -> str:
    import hashlib  # only for the socket's name, which is needed after the first paint

    return hashlib.sha256(str(store_path.resolve()).encode()).hexdigest()[:16]


def lock_path_for(store_path: Path) -> Path:
    """``<store>.lock`` beside the store, or in the temp folder when that is read-only."""
    store_path = Path(store_path)
    folder = store_path.resolve().parent
    with contextlib.suppress(OSError):  # the store will be made there: lock beside it at once
        private_folder(folder, tighten=folder == data_dir().resolve())
    if os.access(folder, os.W_OK | os.X_OK):
        return folder / f"{store_path.name}.lock"
    import tempfile

    return Path(tempfile.gettempdir()) / f"runstrong-{os.getuid()}-{_key(store_path)}.lock"


def server_name_for(store_path: Path) -> str:
    return f"runstrong-{os.getuid()}-{_key(Path(store_path))}"


class SingleInstance(QObject):
    """Signals:
    activation_requested(): another start on the same store asked this one to show itself.
    """

    activation_requested = Signal()

    def __init__(self, store_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store_path = Path(store_path)
        self.lock_path = lock_path_for(self.store_path)
        self.lock = QLockFile(str(self.lock_path))
        self.lock.setStaleLockTime(0)  # only a dead owner makes a lock stale, never age
        self.recovered_stale = False
        self.server: QLocalServer | None = None

    @cached_property
    def server_name(self) -> str:
        return server_name_for(self.store_path)

    def acquire(self, *, listen: bool = True) -> bool:
        """Take the store; False when another live RunStrong has it. ``listen=False``
        leaves answering a second start to a later :meth:`listen`."""
        existed = self.lock_path.exists()
        old_umask = os.umask(0o077)  # the lock names this process and host: 0600
        try:
            if not self.lock.tryLock(0):
                return False
        finally:
            os.umask(old_umask)
        with contextlib.suppress(OSError):
            os.chmod(self.lock_path, 0o600)  # whatever the umask of the Qt that made it
        self.recovered_stale = existed
        if listen:
            self.listen()
        return True

    def listen(self) -> None:
        """Answer a second start's "come forward" from now on."""
        from PySide6.QtNetwork import QLocalServer

        if self.server is not None:
            return
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.server_name):
            # we hold the lock, so a socket of that name was left by a killed owner
            QLocalServer.removeServer(self.server_name)
            if not server.listen(self.server_name):
                server.deleteLater()
                return  # still one instance; only the "come forward" request is lost
        server.newConnection.connect(self._on_connection)
        self.server = server

    def _on_connection(self) -> None:
        assert self.server is not None
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._on_message(s))
            socket.disconnected.connect(socket.deleteLater)

    def _on_message(self, socket: QLocalSocket) -> None:
        data = bytes(socket.readAll().data())
        if ACTIVATE.strip() in data:
            socket.write(ANSWER)
            socket.flush()
            self.activation_requested.emit()

    def owner_pid(self) -> int | None:
        """The process holding the lock, as the lock file names it (None if unknown)."""
        info = self.lock.getLockInfo()  # PySide6: (pid, hostname, appname)
        if not info or not isinstance(info[0], int) or info[0] <= 0:
            return None
        return int(info[0])

    def ask_owner_to_show(self, timeout_ms: int = 3000) -> bool:
        """Ask the RunStrong holding the store to come forward; True if it answered.

        An owner that is still starting is not listening yet: ask again until the time
        is up."""
        from PySide6.QtNetwork import QLocalSocket

        deadline = time.monotonic() + timeout_ms / 1000
        socket = QLocalSocket()
        while True:
            socket.connectToServer(self.server_name)
            if socket.waitForConnected(timeout_ms):
                break
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.1)
        socket.write(ACTIVATE)
        socket.waitForBytesWritten(timeout_ms)
        answered = socket.waitForReadyRead(timeout_ms) and ANSWER.strip() in bytes(
            socket.readAll().data()
        )
        socket.disconnectFromServer()
        return bool(answered)

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        self.lock.unlock()
