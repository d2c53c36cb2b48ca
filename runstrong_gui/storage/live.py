"""What other desktops change on a clinic store (PostgreSQL ``LISTEN``), without Qt.

The triggers of migrations 0008 and 0009 send ``'<table>:<athlete id>'`` at each commit
that changed a table a window shows, on the channel of each listener that may see the
athlete (storage/live_triggers.py): a therapist hears nothing of other therapists'
clients. A :class:`Subscription` is one extra connection, in autocommit, that asks the
store for its login's secret channel and listens on it: the caller watches its socket
(:meth:`Subscription.fileno`) and calls :meth:`Subscription.drain` when it is readable,
which never blocks. Notifications sent by the app's own connections are left out (the
window has already shown its own change): :func:`own_backends` keeps the server pids of
the connections the store's pool hands out.

SQLite stores have no other desktop to hear from: :func:`listens` says so. Importing
this module loads neither SQLAlchemy nor psycopg (the window imports it before its
store is open).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from runstrong_gui.storage.errors import StoreError

if TYPE_CHECKING:
    from sqlalchemy import Engine

CHANNEL = re.compile(r"runstrong_[0-9a-f]{32}")  # what runstrong_live_channel() names
# TCP keepalives make a dead peer (a pulled cable, a sleeping server) show on the
# socket within ~20 s instead of the system's two hours; a unix socket ignores them.
KEEPALIVES = (("TCP_KEEPIDLE", 10), ("TCP_KEEPINTVL", 5), ("TCP_KEEPCNT", 2))
DELAYS = (0.5, 1.0, 2.0, 4.0, 8.0, 15.0)  # seconds between attempts to reconnect
_OWN = "runstrong_own_backends"


class ConnectionLost(StoreError):
    """The listening connection is gone (server down, network lost, backend ended)."""


@dataclass(frozen=True)
class Touched:
    """One table changed by another desktop, for one athlete (None: clinic-wide rows,
    the exercise library and the templates)."""

    table: str
    athlete_id: int | None

    @classmethod
    def parse(cls, payload: str) -> Touched | None:
        table, sep, athlete = payload.partition(":")
        if not sep or not table:
            return None  # someone else's NOTIFY on our channel
        try:
            return cls(table, int(athlete) if athlete else None)
        except ValueError:
            return None


def listens(engine: Engine) -> bool:
    """Is there anybody else to hear from (a server store)?"""
    return engine.dialect.name == "postgresql"


def own_backends(engine: Engine) -> set[int]:
    """The server pids of the engine's connections, kept up to date from now on.

    A pid is added when its connection is checked out (reading it costs no round trip)
    and dropped when the pool closes the connection, so a pid the server hands to
    another desktop's new backend later is not mistaken for ours.
    """
    own: set[int] | None = getattr(engine, _OWN, None)
    if own is not None:
        return own
    from sqlalchemy import event

    own = set()
    setattr(engine, _OWN, own)

    @event.listens_for(engine, "checkout")
    def _checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        pid = _pid(dbapi_connection)
        if pid:
            record.info[_OWN] = pid
            own.add(pid)

    @event.listens_for(engine, "close")
    def _close(_dbapi_connection: Any, record: Any) -> None:
        own.discard(record.info.pop(_OWN, 0))

    return own


def _pid(dbapi_connection: Any) -> int:
    info = getattr(dbapi_connection, "info", None)
    return int(getattr(info, "backend_pid", 0) or 0)


class Subscription:
    """One listening connection; made by :func:`subscribe` (blocking), used from one
    thread at a time."""

    def __init__(self, connection: Any, own: set[int], channel: str) -> None:
        self._conn = connection
        self._own = own
        self.channel = channel
        self.backend_pid = _pid(connection)  # the server's process of this connection

    def fileno(self) -> int:
        return int(self._conn.fileno())

    def drain(self) -> list[Touched]:
        """What arrived since the last call, others' only, in order; never waits.

        Raises :class:`ConnectionLost` once the connection is gone.
        """
        import psycopg

        found: list[Touched] = []
        try:
            for note in self._conn.notifies(timeout=0):
                if note.channel != self.channel or note.pid in self._own:
                    continue
                touched = Touched.parse(note.payload)
                if touched is not None:
                    found.append(touched)
        except psycopg.Error as exc:
            raise ConnectionLost(str(exc).strip() or "the connection was closed") from exc
        if self._conn.closed or self._conn.pgconn.status != psycopg.pq.ConnStatus.OK:
            raise ConnectionLost("the connection was closed")
        return found

    def close(self) -> None:
        self._own.discard(self.backend_pid)  # the server may give the pid to another
        with contextlib.suppress(Exception):
            self._conn.close()


def subscribe(engine: Engine) -> Subscription:
    """A new connection of the store's (same address, password and settings), set to
    autocommit and listening. Blocks while it connects; raises :class:`ConnectionLost`.

    The connection is the pool's own kind, detached from the pool so it is never handed
    to a transaction (its socket must carry nothing but notifications).
    """
    own = own_backends(engine)
    try:
        fairy = engine.raw_connection()
    except Exception as exc:  # the driver's error, wrapped by SQLAlchemy's
        raise ConnectionLost(str(getattr(exc, "orig", None) or exc).strip()) from exc
    conn: Any = fairy.driver_connection
    fairy.detach()
    try:
        conn.rollback()  # the pool's liveness check may have opened a transaction
        conn.autocommit = True
        channel = str(conn.execute("SELECT runstrong_live_channel()").fetchone()[0])
        if not CHANNEL.fullmatch(channel):
            raise ValueError(f"the store named an unexpected channel {channel!r}")
        conn.execute(f'LISTEN "{channel}"')
        _keep_alive(conn.fileno())
    except Exception as exc:
        with contextlib.suppress(Exception):
            conn.close()
        raise ConnectionLost(str(exc).strip()) from exc
    return Subscription(conn, own, channel)


def _keep_alive(fd: int) -> None:
    """Turn on TCP keepalives (see :data:`KEEPALIVES`) on a TCP socket; others as they are."""
    import os
    import socket

    with socket.socket(fileno=os.dup(fd)) as sock:  # a duplicate: its family is detected
        if sock.family not in (socket.AF_INET, socket.AF_INET6):
            return
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
        for name, value in KEEPALIVES:
            option = getattr(socket, name, None)
            if option is not None:
                sock.setsockopt(socket.IPPROTO_TCP, option, value)


def delays() -> Iterator[float]:
    """Seconds to wait before each attempt to reconnect: quick at first, then every
    :data:`DELAYS`\\ [-1] seconds."""
    yield from DELAYS
    while True:
        yield DELAYS[-1]
