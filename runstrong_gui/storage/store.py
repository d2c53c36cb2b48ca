"""The store API: domain objects in, domain objects out, one transaction per use.

Callers write ``with store.transaction() as tx: ...``; everything done through ``tx``
commits together or not at all. Reads return frozen domain objects, never ORM rows,
so nothing above this layer can lazy-load or keep a database session open.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, event
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session as OrmSession

from runstrong_gui.storage.engine import OpenedStore, StoreError, open_store
from runstrong_gui.storage.tx import Tx
from runstrong_gui.storage.tx_base import InUseError, NotFound

__all__ = ["InUseError", "NotFound", "Store", "Tx"]

# in a server connection's info: a statement that writes ran in its transaction
WROTE = "runstrong_wrote"
_WRITES = ("INSERT", "UPDATE", "DELETE")


def _note_write(conn: Connection, _cursor: object, statement: str, *_rest: object) -> None:
    """Before each statement on a server (pipelined ones too, storage/batch.py)."""
    if statement.lstrip()[:6].upper() in _WRITES:
        conn.info[WROTE] = True


class Store:
    """A handle on one store: the engine plus transactions over it.

    It also guards the file behind it. A save is refused when the file it opened was
    moved, deleted or cut short meanwhile (SQLite would keep writing into the unlinked
    file, or append to a log whose pages the file no longer has, and the work would
    vanish), and listeners hear of every committed write (the backup timer) and of a
    lost file (the window turns read-only).

    Events given to listeners: ``"saved"`` after a transaction that wrote something
    committed, ``"lost"`` when the file was found moved, deleted or cut short,
    ``"reopened"`` after :meth:`reopen`.
    """

    def __init__(self, engine: Engine, opened: OpenedStore | None = None) -> None:
        self.engine = engine
        self.path: Path | None = opened.path if opened else None
        self.read_only = bool(opened and opened.read_only)
        self.read_only_reason = opened.read_only_reason if opened else ""
        self.checked = opened.checked if opened else None
        self.generation = 0  # committed write transactions since open (SQLite: backups)
        # committed write transactions since open, on every engine: a reader's results
        # are current while this is what it was when they were read (services/queries)
        self.writes = 0
        self.lost = False
        self.notice = opened.notice if opened else ""  # what the opening did, for the user
        self._listeners: list[Callable[[str], None]] = []
        self._identity = _identity(self.path)
        self._size = _size(self.path)
        self._url = self.url
        self._force_read_only = False
        self._count_server_writes()

    @classmethod
    def open(cls, url: str, *, read_only: bool = False, full_check: bool | None = None) -> Store:
        """Open the store at ``url``; see :func:`~runstrong_gui.storage.engine.open_store`."""
        opened = open_store(url, read_only=read_only, full_check=full_check)
        store = cls(opened.engine, opened)
        store._url = url  # as given: a read-only address stays read-only on reopen
        store._force_read_only = read_only
        return store

    def _adopt(self, opened: OpenedStore) -> None:
        self.engine = opened.engine
        self.path = opened.path
        self.read_only = opened.read_only
        self.read_only_reason = opened.read_only_reason
        self.checked = opened.checked
        self.notice = opened.notice
        self.lost = False
        self._identity = _identity(self.path)
        self._size = _size(self.path)
        self._count_server_writes()

    def _count_server_writes(self) -> None:
        """SQLite counts the rows a transaction wrote; a server's statements are watched."""
        if self.engine.dialect.name != "sqlite":
            event.listen(self.engine, "before_cursor_execute", _note_write)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def add_listener(self, listener: Callable[[str], None]) -> None:
        self._listeners.append(listener)

    def remove_listener(self, listener: Callable[[str], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _notify(self, event: str) -> None:
        for listener in list(self._listeners):
            try:
                listener(event)
            except RuntimeError:  # its window is gone; the save itself succeeded
                self.remove_listener(listener)

    @contextmanager
    def transaction(self) -> Iterator[Tx]:
        """One unit of work: commits when the block ends, rolls back if it raises."""
        wrote = server_wrote = False
        with OrmSession(self.engine, expire_on_commit=False) as orm:
            try:
                with orm.begin():
                    sqlite = _sqlite_connection(orm)
                    before = sqlite.total_changes if sqlite is not None else 0
                    if sqlite is None:
                        orm.connection().info.pop(WROTE, None)
                    tx = Tx(orm)
                    try:
                        yield tx
                        orm.flush()
                        tx.commit_held()  # writes held to the end go with COMMIT
                    finally:
                        tx.stop_holding(send=False)
                    wrote = sqlite is not None and sqlite.total_changes != before
                    server_wrote = sqlite is None and orm.connection().info.pop(WROTE, False)
                    if wrote:
                        self._check_file_is_there()
            except IntegrityError as exc:
                raise StoreError(f"The change was refused by the store: {exc.orig}") from exc
            except DBAPIError as exc:
                self._check_file_is_there()  # SQLite met the file cut short: say that
                raise StoreError(_explain(exc)) from exc
        if wrote or server_wrote:
            self.writes += 1
        if wrote:
            self.generation += 1
            self._size = max(self._size, _size(self.path))  # a checkpoint may have grown it
            self._notify("saved")

    def file_is_current(self) -> bool:
        """Is the file at the store's path still the one this store opened, whole?"""
        return self._file_problem() == ""

    def _file_problem(self) -> str:
        """How the file at the store's path stopped being the one opened ("" if it is).

        Only this store writes the file (one window per store), and its writes never
        make the file smaller (checkpoints grow it; nothing here vacuums), so a file
        smaller than last seen was cut short by something else.
        """
        if self.path is None or self._identity is None:
            return ""
        if _identity(self.path) != self._identity:
            return "moved"
        if _size(self.path) < self._size:
            return "cut short"
        return ""

    def _check_file_is_there(self) -> None:
        """Refuse to commit into a file that is no longer the one at the store's path."""
        problem = self._file_problem()
        if not problem:
            return
        first = not self.lost
        self.lost = True
        if first:
            self._notify("lost")
        if problem == "cut short":
            raise StoreError(
                f"The store file {self.path} was cut short while RunStrong was open "
                "(another program truncated it), so this change was not saved. Use File ▸ "
                "Back up now to keep a copy of what is shown, then restart RunStrong: it "
                "offers the newest good backup."
            )
        raise StoreError(
            f"The store file {self.path} was moved or deleted while RunStrong was open, so "
            "this change was not saved. If you moved it, restart RunStrong and open it from "
            "its new place; otherwise use File ▸ Back up now to keep a copy of what is shown."
        )

    @contextmanager
    def sqlite_connection(self) -> Iterator[sqlite3.Connection]:
        """The store's own SQLite connection (outside any transaction), e.g. for a backup.

        It reads the file RunStrong opened even after that file was moved or deleted.
        """
        raw = self.engine.raw_connection()
        try:
            con = raw.driver_connection
            if not isinstance(con, sqlite3.Connection):
                raise StoreError("Backups are only made of SQLite stores.")
            yield con
        finally:
            raw.close()

    def reopen(self) -> None:
        """Close and open the same store again (after a restore replaced its file)."""
        self.engine.dispose()
        self._adopt(open_store(self._url, read_only=self._force_read_only))
        self._notify("reopened")

    def close(self) -> None:
        self.engine.dispose()


def _identity(path: Path | None) -> tuple[int, int] | None:
    if path is None:
        return None
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _size(path: Path | None) -> int:
    if path is None:
        return 0
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _sqlite_connection(orm: OrmSession) -> sqlite3.Connection | None:
    """The transaction's SQLite connection, whose count of rows written tells whether
    it wrote (None for other databases)."""
    con = orm.connection().connection.driver_connection
    return con if isinstance(con, sqlite3.Connection) else None


def _explain(exc: DBAPIError) -> str:
    text = str(exc.orig)
    if "readonly" in text or "read-only" in text:
        return "The store is read-only: nothing was saved."
    if "disk is full" in text or "database or disk is full" in text:
        return (
            "The disk is full: the change was not saved, and everything saved before is "
            "intact. Free some space and try again."
        )
    if "disk I/O error" in text:
        return (
            "RunStrong could not write to the disk (it may be full, removed or failing): "
            "the change was not saved, and everything saved before is intact. Free some "
            "space or check the disk, then try again."
        )
    if "unable to open" in text:
        return (
            "The store can no longer be reached (was its disk or folder removed?): the "
            "change was not saved."
        )
    if "locked" in text:
        return "The store is busy in another program: the change was not saved. Try again."
    return f"The store could not save the change ({text}). Nothing was saved."
