"""A server store's pooled connection that the server closed is replaced before use.

The pool sends no ping at checkout (a round trip per user action, see
storage/pool.py), so these tests end a pooled connection's backend from outside, as a
restart or an administrator would, and then use the store as the window does.
"""

from __future__ import annotations

import datetime as dt
import time

import psycopg
import pytest
from sqlalchemy import text

from runstrong_gui.domain.enums import SessionKind
from runstrong_gui.domain.models import Athlete, Session
from runstrong_gui.services import changes
from runstrong_gui.services.calendar import move_session
from runstrong_gui.storage.store import Store


def _end_backends(store: Store) -> None:
    """End the server backends of the store's database, as ``pg_terminate_backend``
    from another connection (an administrator, a restart) does."""
    url = store.engine.url
    host = url.query["host"]
    with psycopg.connect(
        host=str(host), dbname=url.database, user="postgres", autocommit=True
    ) as admin:
        ended = admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchall()
    assert ended, "the store had a pooled connection to end"
    time.sleep(0.2)  # the server closes the sockets


@pytest.fixture
def server_store(store: Store, engine_name: str) -> Store:
    if engine_name != "postgresql":
        pytest.skip("a server closes connections; SQLite has none")
    return store


def test_a_read_after_the_server_ended_the_pooled_connection_works(server_store: Store) -> None:
    with server_store.transaction() as tx:
        athletes = tx.athletes()
    _end_backends(server_store)
    with server_store.transaction() as tx:
        assert [a.id for a in tx.athletes()] == [a.id for a in athletes]


def test_an_action_after_the_server_ended_the_pooled_connection_is_saved(
    server_store: Store,
) -> None:
    with server_store.transaction() as tx:
        athlete = tx.add_athlete(Athlete("Restart", block_start=dt.date(2026, 3, 2)))
        assert athlete.id is not None
        card = tx.add_session(Session(athlete.id, dt.date(2026, 3, 2), SessionKind.EASY))
    _end_backends(server_store)
    command = move_session(card, dt.date(2026, 3, 4))
    changes.record(
        server_store, command.label, athlete.id, command.days, command.action, (), command.seen
    )
    with server_store.engine.connect() as conn:
        day = conn.execute(
            text("SELECT day FROM training_sessions WHERE id = :id"), {"id": card.id}
        ).scalar_one()
    assert day == dt.date(2026, 3, 4)
