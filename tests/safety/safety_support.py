"""Helpers for the data-safety tests: a store with a verified backup taken midway."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from runstrong_gui.domain import Athlete
from runstrong_gui.services.bootstrap import prepare_store
from runstrong_gui.storage import backup
from runstrong_gui.storage.engine import sqlite_url
from runstrong_gui.storage.store import Store

BEFORE = "Anna Before-Backup"
AFTER = "Bruno After-Backup"


def athlete_names(store: Store) -> list[str]:
    with store.transaction() as tx:
        return [a.name for a in tx.athletes(include_archived=True)]


def make_backed_up(tmp_path: Path) -> Path:
    """A closed store holding BEFORE (in its one backup) and AFTER (only in the store)."""
    path = tmp_path / "clinic" / "clinic.sqlite3"
    store = Store.open(sqlite_url(path))
    prepare_store(store, today=dt.date(2026, 3, 4))
    with store.transaction() as tx:
        tx.add_athlete(Athlete(name=BEFORE))
    with store.sqlite_connection() as con:
        backup.create_backup(con, path, now=dt.datetime.now(dt.UTC) - dt.timedelta(hours=1))
    with store.transaction() as tx:
        tx.add_athlete(Athlete(name=AFTER))
    store.close()
    return path


CRASH_AFTER = (
    "import os, sqlite3, sys; con = sqlite3.connect(sys.argv[1], isolation_level=None); "
    "con.execute('PRAGMA journal_mode=WAL'); con.execute(sys.argv[2]); os.kill(os.getpid(), 9)"
)


def crash_after(path: Path, sql: str) -> None:
    """Commit ``sql`` in another process, then kill it: the change stays in the -wal."""
    subprocess.run([sys.executable, "-c", CRASH_AFTER, str(path), sql], check=False)
