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
