"""A store made before imported runs existed opens, its rows intact, with the new fields."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from pathlib import Path

from runstrong_gui.domain import Session
from runstrong_gui.domain.enums import SessionKind
from runstrong_gui.services.bootstrap import prepare_store
from runstrong_gui.storage.engine import create_store_engine, sqlite_url
from runstrong_gui.storage.revisions import MIGRATIONS_DIR
from runstrong_gui.storage.store import Store


def test_store_at_0001_upgrades_and_keeps_its_sessions(db_path: Path, tmp_path: Path) -> None:
    only_first = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, only_first, ignore=shutil.ignore_patterns("__pycache__"))
    for script in (only_first / "versions").glob("*.py"):
        if not script.name.startswith("0001_"):
            script.unlink()
    engine = create_store_engine(sqlite_url(db_path), script_location=only_first)
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO athletes (name, units, week_start, block_start, philosophy, notes,"
            " strength_days, equipment, avoid, plyometrics_ok, archived)"
            " VALUES ('Old', 'kg', 0, '2026-03-02', 'easy_days', '', 2, '[]', '[]', 0, 0)"
        )
        conn.exec_driver_sql(
            "INSERT INTO training_sessions (athlete_id, day, position, kind, title, notes,"
            " done, skipped, pain_persisting, source, edited)"
            " VALUES (1, '2026-03-03', 0, 'long', 'Sunday long', '', 1, 0, 0, 'user', 0)"
        )
    engine.dispose()

    store = Store.open(sqlite_url(db_path))
    try:
        with store.transaction() as tx:
            athlete = tx.athletes()[0]
            (run,) = tx.sessions_between(athlete.id or 0, dt.date(2026, 3, 1), dt.date(2026, 3, 8))
            assert athlete.feed_url is None
            assert (run.title, run.kind, run.done) == ("Sunday long", SessionKind.LONG, True)
            assert (run.external_id, run.external_seq, run.description) == (None, None, "")
            tx.update_athlete(dataclasses.replace(athlete, feed_url="https://example.com/p.ics"))
            tx.add_session(
                Session(
                    athlete_id=athlete.id or 0,
                    date=dt.date(2026, 3, 4),
                    kind=SessionKind.EASY,
                    external_id="uid-1@example.com",
                    external_seq=3,
                    description="Easy • 6km",
                )
            )
        with store.transaction() as tx:
            assert tx.athletes()[0].feed_url == "https://example.com/p.ics"
            new = tx.day_sessions(athlete.id or 0, dt.date(2026, 3, 4))[0]
            assert (new.external_id, new.external_seq, new.description) == (
                "uid-1@example.com",
                3,
                "Easy • 6km",
            )
        prepare_store(store)  # a migrated store is a normal store
    finally:
        store.close()
