"""A store as the first schema (revision 0001) made it, written with plain SQL.

Tests of later migrations start from one: the current code can't write a 0001 store
itself (its inserts name the newer columns).
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from runstrong_gui.storage.engine import MIGRATIONS_DIR, create_store_engine, sqlite_url

OLD_ATHLETE = (
    "INSERT INTO athletes (name, units, week_start, block_start, philosophy, notes,"
    " strength_days, equipment, avoid, plyometrics_ok, archived) VALUES"
    " (?, 'kg', 0, '2026-01-05', 'easy_days', '', 2, '[\"none\"]', '[]', 0, 0)"
)


def store_at_0001(
    db_path: Path, scratch: Path, athletes: tuple[str, ...] = ("Old Client",)
) -> None:
    """Create ``db_path`` at revision 0001 holding ``athletes`` (and nothing else)."""
    old = scratch / "migrations-0001"
    shutil.copytree(MIGRATIONS_DIR, old, ignore=shutil.ignore_patterns("__pycache__"))
    for script in (old / "versions").glob("*.py"):
        if not script.name.startswith("0001_"):
            script.unlink()
    create_store_engine(sqlite_url(db_path), script_location=old).dispose()
    con = sqlite3.connect(db_path)
    with con:
        con.executemany(OLD_ATHLETE, [(name,) for name in athletes])
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    con.close()
