"""Live refresh, the store's side: the triggers of a clinic store tell every listener which
table changed for which athlete, once per commit and athlete, and a listener hears the
other computers' commits, never its own."""

from __future__ import annotations

import datetime as dt
import select
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text

from runstrong_gui.domain.enums import SessionKind
from runstrong_gui.services import changes, editing
from runstrong_gui.storage import live
from runstrong_gui.storage.store import Store

THURSDAY = dt.date(2026, 3, 5)  # the sample week's strength session


@pytest.fixture
def server_store(store: Store, engine_name: str) -> Store:
    if engine_name == "sqlite":
        pytest.skip("a SQLite store has no other computer to hear from (see the test below)")
    return store


@pytest.fixture
def other(server_store: Store, store_url: str) -> Iterator[Store]:
    s = Store.open(store_url)
    yield s
    s.close()


@pytest.fixture
def heard(server_store: Store) -> Iterator[live.Subscription]:
    subscription = live.subscribe(server_store.engine)
    yield subscription
    subscription.close()


def _wait(subscription: live.Subscription, seconds: float = 0.3) -> list[live.Touched]:
    """Everything heard within ``seconds`` (the notifications of one commit arrive together)."""
    found: list[live.Touched] = []
    while select.select([subscription.fileno()], [], [], seconds)[0]:
        found += subscription.drain()
        seconds = 0.05
    return found


def _strength_title(store: Store, title: str) -> int:
    with store.transaction() as tx:
        athlete = tx.athletes()[0]
        session = next(
            s for s in tx.day_sessions(athlete.id or 0, THURSDAY) if s.kind is SessionKind.STRENGTH
        )
    command = editing.update_session_field(session, "title", title)
    changes.record(store, command.label, athlete.id or 0, command.days, command.action, (),
                   command.seen)  # fmt: skip
    return athlete.id or 0


def test_a_sqlite_store_has_nobody_to_listen_to(store: Store, engine_name: str) -> None:
    assert live.listens(store.engine) is (engine_name == "postgresql")


def test_another_computer_s_save_is_heard_and_one_s_own_is_not(
    server_store: Store, other: Store, heard: live.Subscription
) -> None:
    _strength_title(server_store, "Mine")
    assert _wait(heard) == []
    athlete = _strength_title(other, "Theirs")
    assert _wait(heard) == [live.Touched("training_sessions", athlete)]


def test_one_statement_over_many_rows_tells_once_per_athlete_and_table(
    server_store: Store, other: Store, heard: live.Subscription
) -> None:
    with other.engine.begin() as conn:
        athletes = conn.execute(text("SELECT id FROM athletes ORDER BY id")).scalars().all()
        n = conn.execute(text("UPDATE planned_exercises SET notes = 'x'")).rowcount
        conn.execute(text("UPDATE set_logs SET note = 'y'"))
        conn.execute(text("UPDATE exercises SET notes = 'z' WHERE builtin"))
        conn.execute(text("UPDATE templates SET name = name"))
        conn.execute(text("UPDATE athletes SET notes = 'n'"))
        conn.execute(text("UPDATE training_sessions SET notes = 'q' WHERE false"))  # no row
    assert n > len(athletes) >= 1
    found = _wait(heard)
    expected = {live.Touched("planned_exercises", a) for a in athletes}
    expected |= {live.Touched("athletes", a) for a in athletes}
    expected |= {live.Touched("exercises", None), live.Touched("templates", None)}
    logged = {t.athlete_id for t in found if t.table == "set_logs"}
    assert logged <= set(athletes)
    assert {t for t in found if t.table != "set_logs"} == expected
    assert len(found) == len(set(found))  # the server folded the repeats of a commit


def test_a_deleted_session_is_told_with_its_athlete(
    server_store: Store, other: Store, heard: live.Subscription
) -> None:
    with other.engine.begin() as conn:
        athlete, session = conn.execute(
            text("SELECT athlete_id, id FROM training_sessions ORDER BY id LIMIT 1")
        ).one()
        conn.execute(text("DELETE FROM training_sessions WHERE id = :id"), {"id": session})
    assert live.Touched("training_sessions", athlete) in _wait(heard)


def test_a_listener_whose_backend_ends_says_the_connection_is_lost(
    server_store: Store, other: Store, heard: live.Subscription
) -> None:
    with other.engine.begin() as conn:
        conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": heard.backend_pid})
    with pytest.raises(live.ConnectionLost):
        for _ in range(5):
            select.select([heard.fileno()], [], [], 1)
            heard.drain()


@pytest.mark.postgresql
def test_a_clinic_store_made_before_live_refresh_gains_its_triggers(
    new_store_url: str, engine_name: str
) -> None:
    if engine_name == "sqlite":
        pytest.skip("the triggers are PostgreSQL's (SQLite: the migration does nothing)")
    from alembic import command

    from runstrong_gui.storage.revisions import MIGRATIONS_DIR, _alembic_config

    engine = create_engine(new_store_url)
    with engine.begin() as conn:
        cfg = _alembic_config(MIGRATIONS_DIR)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0006")
    engine.dispose()
    store = Store.open(new_store_url)
    try:
        with store.engine.connect() as conn:
            triggers = conn.execute(
                text("SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'runstrong_live_%'")
            ).scalar()
        assert triggers == 7 * 3
        heard = live.subscribe(store.engine)
        writer = create_engine(new_store_url)
        try:
            with writer.begin() as conn:
                conn.execute(text("INSERT INTO settings (key, value) VALUES ('k', '1')"))
                conn.execute(
                    text(
                        "INSERT INTO athletes (name, units, week_start, block_start, philosophy,"
                        " notes, strength_days, equipment, avoid, plyometrics_ok, archived)"
                        " VALUES ('New', 'kg', 0, '2026-01-05', 'easy_days', '', 2, '[]', '[]',"
                        " false, false)"
                    )
                )
            (touched,) = _wait(heard)
            assert touched.table == "athletes" and touched.athlete_id is not None
        finally:
            writer.dispose()
            heard.close()
    finally:
        store.close()
