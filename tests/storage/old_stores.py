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


OLD_HISTORY = (
    "INSERT INTO exercises (key, name, grp, kind, muscles, equipment, focus, level,"
    " dose_kind, sets, rep_min, rep_max, per_side, tempo, rest_seconds, steps, cues,"
    " stop_if, notes, builtin, hidden) VALUES ('old_squat', 'Old squat', 'compound', 'strength',"
    " '[]', '[]', '[]', 'beginner', 'reps', 3, 8, 12, 0, '', 60, '[]', '[]', '[]', '', 0, 0)",
    "INSERT INTO training_sessions (athlete_id, day, position, kind, title, notes, done,"
    " skipped, pain_persisting, source, edited) VALUES"
    " (1, '2026-03-03', 0, 'long', 'Sunday long', '', 1, 0, 0, 'user', 0),"
    " (1, '2026-03-04', 0, 'strength', 'Legs', '', 1, 0, 0, 'generator', 0)",
    "INSERT INTO planned_exercises (session_id, exercise_id, position, sets, amount,"
    " load_kg, tempo, rest_seconds, per_side, notes) VALUES (2, 1, 0, 2, 10, 20.0, '', 60, 0, '')",
    "INSERT INTO set_logs (planned_exercise_id, set_number, amount, load_kg, rpe, pain, note,"
    " logged_at) VALUES (1, 1, 10, 20.0, 7, 0, '', '2026-03-04 18:00:00'),"
    " (1, 2, 9, 20.0, 8, 2, 'tired', '2026-03-04 18:03:00')",
)


def add_history_at_0001(db_path: Path) -> dict[str, int]:
    """A run, a logged strength session with one exercise and two set logs, for athlete 1
    of a store at 0001; returns each table's row count."""
    con = sqlite3.connect(db_path)
    with con:
        for statement in OLD_HISTORY:
            con.execute(statement)
    counts = row_counts(con)
    con.close()
    return counts


def row_counts(con: sqlite3.Connection) -> dict[str, int]:
    tables = ("athletes", "exercises", "training_sessions", "planned_exercises", "set_logs")
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
