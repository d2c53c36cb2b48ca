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
"""

from __future__ import annotations

import select
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.exc import DisconnectionError

from runstrong_gui.storage.live import _keep_alive


def watch_connections(engine: Engine) -> None:
    """Replace a dead pooled connection at checkout; keep TCP connections alive."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        _keep_alive(dbapi_connection.fileno())

    @event.listens_for(engine, "checkout")
    def _checkout(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        if not _still_open(dbapi_connection):
            raise DisconnectionError("the server closed this connection")


def _still_open(dbapi_connection: Any) -> bool:
    """Is this idle psycopg connection still open, as far as its socket tells now?"""
    import psycopg
    from psycopg import pq

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
