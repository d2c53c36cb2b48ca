"""Stable uids: given to old rows by the migration, to new rows at insert, kept by undo."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from runstrong_gui.services import calendar
from runstrong_gui.services.changes import record, undo
from runstrong_gui.storage.engine import sqlite_url
from runstrong_gui.storage.store import Store
from tests.storage.old_stores import store_at_0001

UUID_LEN = 36


def _store_at_0001(path: Path, tmp_path: Path) -> None:
    """A store made by a release whose schema was 0001, with a few rows in it."""
    store_at_0001(path, tmp_path, athletes=("Old 1", "Old 2"))
    con = sqlite3.connect(path)
    with con:
        for n in (1, 2):
            con.execute(
                "INSERT INTO training_sessions (athlete_id, day, position, kind, title, notes,"
                " done, skipped, pain_persisting, source, edited)"
                " VALUES (?, '2026-01-06', 0, 'easy', '', '', 0, 0, 0, 'user', 0)",
                (n,),
            )
    con.close()


def test_a_store_made_at_0001_opens_with_a_uid_on_every_row(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    _store_at_0001(path, tmp_path)
    store = Store.open(sqlite_url(path))
    with store.transaction() as tx:
        sessions = tx.sessions_between(1, dt.date(2026, 1, 1), dt.date(2026, 2, 1))
        assert [a.name for a in tx.athletes()] == ["Old 1", "Old 2"]
    store.close()
    con = sqlite3.connect(path)
    for table in ("athletes", "training_sessions"):
        uids = [r[0] for r in con.execute(f"SELECT uid FROM {table}")]
        assert len(uids) == 2 and len(set(uids)) == 2
        assert all(len(u) == UUID_LEN for u in uids)
    con.close()
    assert sessions[0].uid is not None and len(sessions[0].uid) == UUID_LEN


def test_new_rows_get_a_uid_and_a_copy_gets_its_own(store: Store) -> None:
    with store.transaction() as tx:
        athlete = tx.athletes()[0]
        first = tx.sessions_between(athlete.id or 0, dt.date(2026, 1, 1), dt.date(2026, 12, 31))[0]
    assert first.uid and len(first.uid) == UUID_LEN
    change = record(
        store,
        "copy",
        athlete.id or 0,
        [first.date, first.date + dt.timedelta(days=1)],
        calendar.copy_session(first, first.date + dt.timedelta(days=1)).action,
    )
    (copy_id,) = change.outcome.created
    with store.transaction() as tx:
        copy = tx.session(copy_id)
    assert copy.uid and copy.uid != first.uid


def test_undo_of_a_delete_brings_the_session_back_under_its_uid(store: Store) -> None:
    """Calendars know the session by its uid: undo must not make it a new event."""
    with store.transaction() as tx:
        athlete = tx.athletes()[0]
        first = tx.sessions_between(athlete.id or 0, dt.date(2026, 1, 1), dt.date(2026, 12, 31))[0]
    command = calendar.delete_session(first)
    change = record(store, command.label, athlete.id or 0, command.days, command.action)
    with store.transaction() as tx:
        assert tx.sessions_by_id([first.id or 0]) == []
    undo(store, change)
    with store.transaction() as tx:
        assert tx.session(first.id or 0).uid == first.uid


@pytest.mark.sqlite_only(reason="another program writing to the store file with sqlite3")
def test_rows_another_tool_writes_get_their_uid_at_the_next_export(
    store: Store, db_path: Path
) -> None:
    """A row inserted past the app has no uid; it stays legal (two of them too) and the
    first export names it, the same way in every later export."""
    import io
    import json

    from runstrong_gui.services.interchange.data_export import write_json

    con = sqlite3.connect(db_path)
    with con:
        con.executemany(
            "INSERT INTO athletes (name, units, week_start, block_start, philosophy, notes,"
            " strength_days, equipment, avoid, plyometrics_ok, archived, phone, email, demo)"
            " VALUES (?, 'kg', 0, '2026-01-05', 'easy_days', '', 2, '[]', '[]', 0, 0, '', '', 0)",
            [("Tool One",), ("Tool Two",)],
        )
    con.close()

    def uids() -> dict[str, str]:
        out = io.BytesIO()
        write_json(store, out, None)
        doc = json.loads(out.getvalue())
        return {a["name"]: a["uid"] for a in doc["athletes"]}

    first = uids()
    assert len({first["Tool One"], first["Tool Two"]}) == 2
    assert all(len(u) == UUID_LEN for u in first.values())
    assert uids() == first
