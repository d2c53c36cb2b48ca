"""A server store's pooled connections: found dead before use, at no round trip.

SQLAlchemy's ``pool_pre_ping`` sends a statement and waits for its reply at every
checkout: on a clinic network, one wait more for every user action. What it guards
against is a pooled connection the server closed meanwhile (a restart, a backend
ended by an administrator, an idle timeout). The server says so on the socket when it
does (an error message, then the end of the stream), so :func:`_still_open` only looks
at the idle socket without waiting: nothing to read means nothing happened; something
to read is read, and a connection libpq then finds closed is invalidated and replaced
by a fresh one before the action runs (SQLAlchemy's :class:`DisconnectionError` at
checkout). A peer that vanished without a word (a pulled cable) is found by TCP
keepalives (:mod:`.live`) on the socket the same way, within seconds.

``BEGIN`` goes with the transaction's first statement rather than on a round trip of its
own (psycopg, left to itself, sends it and waits before the first statement, even in a
pipeline): the connection is put in psycopg's autocommit mode when SQLAlchemy begins a
transaction, and ``BEGIN`` is sent just before the first statement, or inside the first
pipelined batch (:mod:`.batch`). ``COMMIT`` and ``ROLLBACK`` are psycopg's own, sent
when a transaction is open, as before.
"""

from __future__ import annotations

import select
from typing import Any

from psycopg import pq
from sqlalchemy import Connection, Engine, event
from sqlalchemy.exc import DisconnectionError

from runstrong_gui.storage.batch import BEGIN_DUE
from runstrong_gui.storage.live import _keep_alive


def watch_connections(engine: Engine) -> None:
    """Replace a dead pooled connection at checkout; keep TCP connections alive; send
    ``BEGIN`` with the first statement."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        _keep_alive(dbapi_connection.fileno())

    @event.listens_for(engine, "checkout")
    def _checkout(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        if not _still_open(dbapi_connection):
            raise DisconnectionError("the server closed this connection")

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        if conn.get_execution_options().get("isolation_level") == "AUTOCOMMIT":
            return  # no transaction wanted (and no BEGIN)
        raw = conn.connection.driver_connection
        if raw is None or raw.pgconn.transaction_status != pq.TransactionStatus.IDLE:
            return
        raw.autocommit = True  # psycopg sends no BEGIN of its own: it is due (above)
        conn.info[BEGIN_DUE] = True

    @event.listens_for(engine, "before_cursor_execute")
    def _first(conn: Connection, cursor: Any, *_rest: Any) -> None:
        if conn.info.pop(BEGIN_DUE, False):
            cursor.execute("BEGIN")

    @event.listens_for(engine, "commit")
    @event.listens_for(engine, "rollback")
    def _end(conn: Connection) -> None:
        conn.info.pop(BEGIN_DUE, None)  # nothing ran: there is no transaction to end

    @event.listens_for(engine, "checkin")
    def _back(_dbapi_connection: Any, record: Any) -> None:
        if record is not None:
            record.info.pop(BEGIN_DUE, None)  # whatever happened, the next use begins anew


def _still_open(dbapi_connection: Any) -> bool:
    """Is this idle psycopg connection still open, as far as its socket tells now?"""
    import psycopg

    if dbapi_connection.closed or dbapi_connection.broken:
        return False
    pgconn = dbapi_connection.pgconn
    try:
        # an idle connection hears only of its end (or a notice): the server's last
        # message first, then the end of the stream, which libpq sees at its next read
        for _ in range(8):
            readable, _w, _x = select.select([pgconn.socket], [], [], 0)
            if not readable or pgconn.status != pq.ConnStatus.OK:
                break
            pgconn.consume_input()
    except (OSError, ValueError, psycopg.OperationalError):
        return False
    return bool(pgconn.status == pq.ConnStatus.OK)
