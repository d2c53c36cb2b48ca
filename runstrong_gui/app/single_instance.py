"""One RunStrong per store: a lock file beside the store and a local socket to the owner.

Two windows on one store would each hold an undo stack and a view of the plan that the
other silently invalidates. So the first start takes a :class:`QLockFile`; a second
start on the same store fails to take it, asks the first (over a :class:`QLocalServer`
named after the store) to come forward, and quits without opening the store.

Every path to one store file counts as the same store: a hard link, a bind mount or a
symbolic link under another name would otherwise give each window its own ``-wal``, and
one window's work vanished. So besides the lock beside the store (which a store in a
shared folder needs), the first start holds a second lock named after the file's device
and inode, in a private folder of the user's; the local socket is named after them too,
so a second start by another path brings the first forward. A store that does not exist
yet is held by its path until it is made (:meth:`SingleInstance.claim_identity`).

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
import stat
import tempfile
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
    """The store's identity where its file exists, else its resolved path, hashed."""
    import hashlib  # only for the socket's name, which is needed after the first paint

    key = _identity(store_path) or str(store_path.resolve())
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def _identity(store_path: Path) -> str | None:
    """``<device>-<inode>`` of the store file (through links), None when there is none."""
    try:
        st = os.stat(store_path)
    except OSError:
        return None
    return f"{st.st_dev:x}-{st.st_ino:x}" if stat.S_ISREG(st.st_mode) else None


def identity_lock_dir() -> Path | None:
    """The user's private folder for locks by identity: one place, whatever the path.

    In ``$XDG_RUNTIME_DIR`` (private, emptied at log-out) or else the temp folder; None
    when a folder of that name there is not the user's own (nobody else may hold it).
    """
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    base = Path(runtime) if runtime and os.path.isdir(runtime) else Path(tempfile.gettempdir())
    folder = base / f"runstrong-{os.getuid()}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        st = os.lstat(folder)
        if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid():
            return None
        if stat.S_IMODE(st.st_mode) != 0o700:
            os.chmod(folder, 0o700)
    except OSError:
        return None
    return folder


def _lock_privately(lock: QLockFile, path: Path) -> bool:
    """Take ``lock`` now; its file (this process's id and host name) is made 0600."""
    old_umask = os.umask(0o077)
    try:
        if not lock.tryLock(0):
            return False
    finally:
        os.umask(old_umask)
    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)  # whatever the umask of the Qt that made it
    return True


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
        self.identity: str | None = None  # the file identity held (see claim_identity)
        self.identity_lock: QLockFile | None = None
        self._refused_by = self.lock  # the lock another RunStrong holds, for owner_pid
        self._identity_was_stale = False

    @cached_property
    def server_name(self) -> str:
        return server_name_for(self.store_path)

    def acquire(self, *, listen: bool = True) -> bool:
        """Take the store; False when another live RunStrong has it. ``listen=False``
        leaves answering a second start to a later :meth:`listen`."""
        existed = self.lock_path.exists()
        if not _lock_privately(self.lock, self.lock_path):
            self._refused_by = self.lock
            return False
        if not self.claim_identity():
            self.lock.unlock()
            return False
        self.recovered_stale = existed or self._identity_was_stale
        if listen:
            self.listen()
        return True

    def claim_identity(self) -> bool:
        """Hold the store by its file's identity too; False when another RunStrong does.

        Called by :meth:`acquire`, and again once the store file exists (a new store is
        made after the lock is taken). Holding it already, or no file yet: True.
        """
        identity = _identity(self.store_path)
        folder = identity_lock_dir() if identity else None
        if identity is None or identity == self.identity or folder is None:
            return True
        path = folder / f"{identity}.lock"
        existed = path.exists()
        lock = QLockFile(str(path))
        lock.setStaleLockTime(0)
        if not _lock_privately(lock, path):
            self._refused_by = lock
            return False
        if self.identity_lock is not None:
            self.identity_lock.unlock()
        self.identity, self.identity_lock = identity, lock
        self._identity_was_stale = existed
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
        info = self._refused_by.getLockInfo()  # PySide6: (pid, hostname, appname)
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
        if self.identity_lock is not None:
            self.identity_lock.unlock()
            self.identity_lock, self.identity = None, None
        self.lock.unlock()
