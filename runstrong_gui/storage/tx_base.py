"""The plumbing of one open transaction (see :mod:`.store`): running statements with the
store's messages, and the version checks that refuse a save another computer overtook.
:class:`.tx.Tx` adds the operations on records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.sql.expression import Executable

from runstrong_gui.storage import statements as q
from runstrong_gui.storage.batch import Write, begun_here, read_batch
from runstrong_gui.storage.engine import StoreError
from runstrong_gui.storage.errors import ConflictError
from runstrong_gui.storage.known import Known


class NotFound(StoreError):
    pass


class InUseError(StoreError):
    pass


class TxBase:
    """Statements and version checks inside one open transaction."""

    def __init__(self, orm: OrmSession) -> None:
        self._s = orm
        self._connection: Connection | None = None
        self._known: Known | None = None  # see storage/known.py
        self._held: list[Write] | None = None  # writes held for the next batch (None: none)
        self._holding_on: Any = None  # the connection whose statements send them first

    # -- writes held for the next statement (PostgreSQL) ------------------
    def hold_writes(self) -> None:
        """On a server, hold the writes that return nothing but a count of rows until the
        next statement, and send them with it (one round trip: storage/batch.py); a
        refused one raises there. SQLite writes at once, as a round trip costs nothing."""
        conn = self._s.connection()
        if conn.dialect.name != "postgresql" or self._held is not None:
            return
        self._held = []
        self._holding_on = conn
        event.listen(conn, "before_cursor_execute", self._send_held)

    def stop_holding(self, *, send: bool = True) -> None:
        """Hold no more writes; those still held are sent now (or, when the transaction
        is failing anyway, dropped)."""
        if self._held is None:
            return
        event.remove(self._holding_on, "before_cursor_execute", self._send_held)
        if send:
            self._send_held()
        self._held = None

    def commit_held(self) -> bool:
        """Send the held writes with ``COMMIT``, in one round trip (True when done so; the
        caller commits otherwise). Only for writes that cannot be refused: ``record``
        holds a version bump to the end only when the sessions are locked."""
        if self._held is None:
            return False
        conn = self._holding_on
        held = self._take_held()
        self.stop_holding(send=False)
        if not held:
            return False
        if not begun_here(conn):
            read_batch(conn, [], held)
            return False
        read_batch(conn, [], held, commit=True)
        return True

    def _hold(self, write: Write) -> bool:
        """Hold ``write`` for the next statement, if writes are held (else False)."""
        if self._held is None:
            return False
        if self._known is not None:
            self._known.wrote(write.statement.table.name)  # type: ignore[attr-defined]
        self._held.append(write)
        return True

    def _take_held(self) -> list[Write]:
        if not self._held:
            return []
        held, self._held = self._held, []
        return held

    def _send_held(self, *_statement: Any) -> None:
        """Before any statement on the connection: the held writes go first."""
        held = self._take_held()
        if held:
            read_batch(self._holding_on, [], held)

    def _run(self, statement: Executable, params: Any = None) -> Any:
        """Execute a Core statement on this transaction's connection (see the note above)."""
        self._flush_pending()
        if self._connection is None:  # one per transaction: the session's lookup of it
            self._connection = self._s.connection()  # is a good part of a small read
        return self._connection.execute(statement, params)

    def _flush_pending(self) -> None:
        if self._s.new or self._s.deleted or self._s.dirty:
            self._s.flush()

    def _one(self, table: Any, key: int, what: str) -> Any:
        row = self._run(q.GET[table], {"key": key}).first()
        if row is None:
            raise NotFound(f"That {what} no longer exists (id {key}).")
        return row

    def _write(self, statement: Any, params: dict[str, Any], what: str) -> None:
        """An UPDATE or DELETE of one row by id; a missing row is reported like a read,
        a row another computer saved since (a versioned UPDATE) as a conflict."""

        def refused() -> None:
            if "expected" in params:
                self._refused(statement.table, params["key"], what)
            raise NotFound(f"That {what} no longer exists (id {params['key']}).")

        held = self._hold(Write(statement, [params], 1, refused))
        if not held and self._run(statement, params).rowcount == 0:
            refused()

    def _refused(self, table: Any, key: int, what: str) -> None:
        """Raise for a versioned save that found no row of the version it read."""
        row = self._run(q.VERSION_OF[table], {"key": key}).first()
        if row is None:
            raise NotFound(f"That {what} no longer exists (id {key}).")
        raise ConflictError(what, row.changed_at)

    def lock_sessions(self, ids: Iterable[int]) -> list[Any]:
        """(id, version, changed_at) of these sessions, locked until the transaction ends
        (on PostgreSQL; SQLite has one writer at a time)."""
        ids = sorted(set(ids))
        return list(self._run(q.LOCK_SESSIONS, {"ids": ids})) if ids else []

    def changed_at(self, session_id: int) -> dt.datetime | None:
        """When the session last changed (UTC; None when unknown or gone)."""
        row = self._run(q.VERSION_OF[q.SESSIONS], {"key": session_id}).first()
        return None if row is None else row.changed_at

    def _check_version(self, row: Any, seen: int, what: str) -> None:
        """The record the user edited must still be the version they saw."""
        if row.version != seen:
            raise ConflictError(what, row.changed_at)

    def _save_versioned(
        self, model: Any, key: int, seen: int, values: dict[str, Any], what: str
    ) -> int:
        """Write ``values`` over the row the user saw at version ``seen``; its new version."""
        row = self._get(model, key, what)
        self._check_version(row, seen, what)
        for k, v in values.items():
            setattr(row, k, v)
        row.changed_at = now_utc()
        self._flush_versioned(what)
        return int(row.version)

    def _flush_versioned(self, what: str) -> None:
        """Flush an ORM update (``version_id_col``): another transaction's commit of the
        same row in between is a conflict, not a silent overwrite."""
        try:
            self._s.flush()
        except StaleDataError:
            raise ConflictError(what) from None

    @property
    def orm(self) -> OrmSession:
        """The open ORM session, for query modules of other features (same transaction)."""
        return self._s

    def _get(self, model: Any, key: int, what: str) -> Any:
        row = self._s.get(model, key)
        if row is None:
            raise NotFound(f"That {what} no longer exists (id {key}).")
        return row


def now_utc() -> dt.datetime:
    """When a row changed: UTC, without a zone (the column is a plain DateTime)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
