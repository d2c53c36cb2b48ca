"""Upgrading a store keeps every row: a migration that rebuilds a table must not cascade."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from runstrong_gui.storage.engine import sqlite_url
from runstrong_gui.storage.revisions import head_revision
from runstrong_gui.storage.store import Store
from tests.storage.old_stores import add_history_at_0001, row_counts, store_at_0001


def test_upgrading_a_store_with_history_keeps_every_row(db_path: Path, tmp_path: Path) -> None:
    store_at_0001(db_path, tmp_path)
    before = add_history_at_0001(db_path)
    assert before == {
        "athletes": 1,
        "exercises": 1,
        "training_sessions": 2,
        "planned_exercises": 1,
        "set_logs": 2,
    }
    Store.open(sqlite_url(db_path)).close()
    con = sqlite3.connect(db_path)
    try:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone() == (
            head_revision(),
        )
        assert row_counts(con) == before
        assert con.execute("SELECT note FROM set_logs ORDER BY set_number").fetchall() == [
            ("",),
            ("tired",),
        ]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        con.close()


def test_a_current_store_opens_without_the_migration_key_check(db_path: Path) -> None:
    """With nothing to upgrade, opening runs no ``foreign_key_check``: on a clinic's store
    that scan took most of a second of every start-up, and the deep check run meanwhile
    looks at the keys already."""
    from runstrong_gui.storage.engine import create_store_engine
    from runstrong_gui.storage.revisions import migrate

    Store.open(sqlite_url(db_path)).close()
    engine = create_store_engine(sqlite_url(db_path))
    statements: list[str] = []
    try:
        with engine.connect() as conn:  # the pool hands this connection to migrate again
            raw = conn.connection.driver_connection
            assert isinstance(raw, sqlite3.Connection)
            raw.set_trace_callback(statements.append)
        migrate(engine)
        raw.set_trace_callback(None)
    finally:
        engine.dispose()
    assert any("alembic_version" in s for s in statements)  # it did look at the revision
    assert not [s for s in statements if "foreign_key_check" in s]
