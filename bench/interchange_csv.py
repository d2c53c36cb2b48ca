"""Bench row: ten years of Strong history (50,000 sets) imported in one go.

The app's figure is what the user waits for after choosing the file and pressing
Import: reading and checking the file, the preview (matching names, workouts imported
before) and the import's one transaction. Its floor is the same rows done plainly: the
file through ``csv.reader`` and the same sessions, planned exercises and set logs
inserted with the stdlib ``sqlite3`` module's ``executemany`` in one transaction.

Each trial imports into a fresh copy of a small prepared store, so every trial writes
all 50,000 sets (a second import of the same file would add nothing).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import shutil
import sqlite3
import uuid
from pathlib import Path
from typing import Any

KEY = "strong_import_50k"
SETS = 50_000
HEADER = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,"
    "Notes,Workout Notes,RPE"
)
# Strong's own names: matched to the library (brackets, plurals, "Single Leg") or mapped.
_LIFTS = [
    ("Squat (Barbell)", 60.0),
    ("Romanian Deadlift (Barbell)", 50.0),
    ("Single Leg Glute Bridge", 0.0),
    ("Split Squat (Dumbbell)", 12.0),
    ("Push Ups", 0.0),
    ("Dumbbell Row", 20.0),
    ("Bench Press (Barbell)", 40.0),
    ("Standing Calf Raise (Machine)", 80.0),
]


def strong_file(path: Path, sets: int = SETS, seed: int = 18) -> Path:
    """A Strong comma export of ``sets`` sets: three workouts a week over ~10 years."""
    rng = random.Random(seed)
    out = io.StringIO()
    out.write(HEADER + "\n")
    day = dt.datetime(2016, 1, 4, 7, 0, 0)
    written = 0
    workout = 0
    while written < sets:
        workout += 1
        stamp = day.strftime("%Y-%m-%d %I:%M:%S %p").lower()
        title = "Lower A" if workout % 2 else "Upper B"
        for name, base in rng.sample(_LIFTS, 5):
            for n in range(1, 4):
                if written >= sets:
                    break
                weight = base + (workout // 20) * 2.5 if base else 0.0
                reps = rng.choice((8, 10, 12))
                rpe = rng.choice(("", "7", "7.5", "8"))
                out.write(
                    f'{stamp},"{title}",{rng.randint(40, 70)}m,"{name}",{n},{weight:.1f},'
                    f'{reps}.0,0,0.0,"","",{rpe}\n'
                )
                written += 1
        day += dt.timedelta(days=(2, 2, 3)[workout % 3], minutes=rng.randint(-30, 30))
    path.write_text(out.getvalue(), "utf-8")
    return path


def _fresh_store(template: Path, work: Path, i: int) -> Path:
    db = work / f"import_{i}.sqlite3"
    shutil.copyfile(template, db)
    return db


def _template(work: Path) -> tuple[Path, int]:
    from runstrong_gui.services.bootstrap import prepare_store
    from runstrong_gui.storage.engine import sqlite_url
    from runstrong_gui.storage.store import Store

    db = work / "import_template.sqlite3"
    store = Store.open(sqlite_url(db))
    prepare_store(store)
    with store.transaction() as tx:
        athlete_id = tx.athletes()[0].id or 0
    store.close()
    return db, athlete_id


def _app_import(db: Path, path: Path, athlete_id: int) -> int:
    from runstrong_gui.services.interchange import history_import as hi
    from runstrong_gui.services.interchange.history_csv import read_history_file
    from runstrong_gui.storage.engine import sqlite_url
    from runstrong_gui.storage.store import Store

    store = Store.open(sqlite_url(db))
    try:
        history = read_history_file(path, "strong", "kg")
        preview = hi.preview_import(store, athlete_id, history)
        choices: dict[str, hi.Choice] = {n: hi.NEW for n in preview.unmatched}
        return hi.import_history(store, preview, choices).sets
    finally:
        store.close()


def _floor_import(db: Path, path: Path, athlete_id: int) -> int:
    """The same rows through csv.reader and sqlite3.executemany, nothing checked."""
    from bench.floors import connect

    conn = connect(db)
    try:
        ids = {n: i for i, n in conn.execute("SELECT id, name FROM exercises")}
        exercise = next(iter(ids.values()))
        with path.open(newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))[1:]
        conn.execute("BEGIN")
        sessions: dict[str, int] = {}
        planned: dict[tuple[str, str], int] = {}
        logs = []
        for r in rows:
            key = r[0] + r[1]
            sid = sessions.get(key)
            if sid is None:
                day = dt.datetime.strptime(r[0], "%Y-%m-%d %I:%M:%S %p")
                sid = conn.execute(
                    "INSERT INTO training_sessions (athlete_id, day, position, kind, title, "
                    "notes, done, skipped, pain_persisting, source, edited, uid) "
                    "VALUES (?, ?, 0, 'strength', ?, '', 1, 0, 0, 'user', 0, ?)",
                    (athlete_id, day.date().isoformat(), r[1], str(uuid.uuid4())),
                ).lastrowid
                sessions[key] = sid or 0
            pid = planned.get((key, r[3]))
            if pid is None:
                pid = conn.execute(
                    "INSERT INTO planned_exercises (session_id, exercise_id, position, sets, "
                    "amount, load_kg, tempo, rest_seconds, per_side, notes) "
                    "VALUES (?, ?, 0, 3, 10, ?, '', 60, 0, '')",
                    (sessions[key], exercise, float(r[5])),
                ).lastrowid
                planned[(key, r[3])] = pid or 0
            logs.append(
                (
                    pid,
                    int(r[4]),
                    int(float(r[6])),
                    float(r[5]),
                    int(float(r[11])) if r[11] else None,
                    r[0][:19],
                )
            )
        conn.executemany(
            "INSERT INTO set_logs (planned_exercise_id, set_number, amount, load_kg, rpe, note, "
            "logged_at) VALUES (?, ?, ?, ?, ?, '', ?)",
            logs,
        )
        conn.execute("COMMIT")
        return len(logs)
    finally:
        conn.close()


def measure_strong_import(work: Path, trials: int, warmup: int) -> Any:
    """The bench row :data:`KEY` (a ``bench.run.Metric``), with its floor."""
    from bench.run import fill, new_metric, timed

    metric = new_metric(KEY)
    folder = work / "interchange_csv"
    folder.mkdir(exist_ok=True)
    path = strong_file(folder / "strong_10_years.csv")
    template, athlete_id = _template(folder)
    trials, warmup = max(1, min(trials, 5)), min(warmup, 1)  # each trial writes 50k rows

    def app(i: int) -> None:
        assert _app_import(_fresh_store(template, folder, i), path, athlete_id) == SETS

    def floor(i: int) -> None:
        assert _floor_import(_fresh_store(template, folder, 1000 + i), path, athlete_id) == SETS

    fill(metric, timed(app, trials, warmup))
    metric.note = (
        f"{SETS:,} sets in {path.stat().st_size / 1e6:.1f} MB, into a fresh store each trial"
    )
    metric.set_floor(timed(floor, trials, warmup), "csv.reader + sqlite3 executemany")
    for db in folder.glob("import_*.sqlite3*"):
        db.unlink()
    return metric


if __name__ == "__main__":  # pragma: no cover - a quick look without the whole bench
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        m = measure_strong_import(Path(tmp), int(sys.argv[1]) if len(sys.argv) > 1 else 3, 1)
        print(f"{m.label}: median {m.median} ms, p95 {m.p95} ms; floor {m.floor_median} ms "
              f"(×{m.ratio_median}); {m.budget_status} against {m.budget:g} ms")  # fmt: skip
        sqlite3.connect(":memory:").close()
