"""The store keeps what is saved, refuses what it cannot understand, and never half-migrates."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import sqlite3
import stat
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import text

from runstrong_gui.domain import Athlete, PlannedExercise, Session, SetLog
from runstrong_gui.services.bootstrap import SAMPLE_NAME, prepare_store
from runstrong_gui.storage.engine import (
    MIGRATIONS_DIR,
    NewerSchemaError,
    NotAStoreError,
    StoreError,
    create_store_engine,
    head_revision,
    sqlite_url,
)
from runstrong_gui.storage.store import InUseError, Store


@pytest.mark.sqlite_only(reason="WAL, file mode and PRAGMAs are the SQLite file's")
def test_new_store_is_private_wal_and_migrated(db_path: Path) -> None:
    store = Store.open(sqlite_url(db_path))
    try:
        assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        assert version == head_revision()
    finally:
        store.close()


def test_athlete_round_trip_keeps_every_field(store: Store) -> None:
    a = Athlete(
        name="Ирина Иванова",
        units="lb",
        week_start=6,
        block_start=dt.date(2026, 1, 4),
        goal_race_date=dt.date(2026, 4, 19),
        philosophy="hard_days",
        notes="Left Achilles <b>",
        strength_days=3,
        equipment=("none", "band", "dumbbells"),
        avoid=("plyometric",),
        plyometrics_ok=True,
    )
    with store.transaction() as tx:
        saved = tx.add_athlete(a)
    with store.transaction() as tx:
        back = tx.athlete(saved.id)
    assert back == saved


def test_session_plan_and_logs_round_trip(store: Store) -> None:
    with store.transaction() as tx:
        athlete = tx.athletes()[0]
        bridge = next(e for e in tx.exercises() if e.key == "glute-bridge")
        s = tx.add_session(
            Session(athlete_id=athlete.id, date=dt.date(2026, 3, 10), kind="strength", title="Gym")
        )
        p = tx.add_planned(
            PlannedExercise(session_id=s.id, exercise_id=bridge.id, sets=3, amount=12, load_kg=20)
        )
        tx.replace_logs(
            p.id,
            [
                SetLog(p.id, n, 12, 20.0, rpe=7, pain=1, logged_at=dt.datetime(2026, 3, 10, 18))
                for n in (1, 2, 3)
            ],
        )
    with store.transaction() as tx:
        [detail] = tx.session_details([tx.session(s.id)])
        logs = tx.logs_for([p.id])[p.id]
    assert detail.session == s
    assert detail.items[0][0] == p and detail.items[0][1].name == "Glute bridge"
    assert [(x.set_number, x.amount, x.load_kg, x.rpe, x.pain) for x in logs] == [
        (1, 12, 20.0, 7, 1),
        (2, 12, 20.0, 7, 1),
        (3, 12, 20.0, 7, 1),
    ]


def test_prepare_is_idempotent_and_complete(store: Store) -> None:
    prepare_store(store)
    prepare_store(store)
    with store.transaction() as tx:
        exercises = tx.exercises()
        athletes = tx.athletes()
        templates = tx.templates()
    assert len(exercises) >= 38
    assert len({e.key for e in exercises}) == len(exercises)
    assert [a.name for a in athletes] == [SAMPLE_NAME]
    assert {t.key for t in templates} == {"beginner-20", "gym-35", "sample-week"}


def test_sample_week_is_in_the_store(store: Store) -> None:
    with store.transaction() as tx:
        athlete = tx.athletes()[0]
        sessions = tx.sessions_between(
            athlete.id, athlete.block_start, athlete.block_start + dt.timedelta(days=6)
        )
        details = tx.session_details(sessions)
    kinds = [(d.session.date.weekday(), d.session.kind.value) for d in details]
    assert (0, "easy") in kinds and (5, "long") in kinds and (3, "strength") in kinds
    strength = [d for d in details if d.session.kind.value == "strength"]
    assert len(strength) == 2
    assert [e.name for _, e in strength[0].items][:2] == [
        "Single-leg glute bridge",
        "Reverse lunge",
    ]
    # week 1 is Foundation: half volume, two sets instead of three
    assert all(p.sets <= 2 for d in strength for p, _ in d.items)


def test_check_constraints_are_the_last_line(store: Store) -> None:
    with pytest.raises(StoreError), store.transaction() as tx:
        tx._s.execute(text("UPDATE athletes SET strength_days = 9"))
    with store.transaction() as tx:
        assert tx.athletes()[0].strength_days == 2


def test_failed_transaction_changes_nothing(store: Store) -> None:
    with store.transaction() as tx:
        before = tx.athletes()
    with pytest.raises(RuntimeError), store.transaction() as tx:
        tx.add_athlete(Athlete(name="Half saved"))
        raise RuntimeError("boom")
    with store.transaction() as tx:
        assert tx.athletes() == before


def test_builtin_exercises_cannot_be_deleted(store: Store) -> None:
    with store.transaction() as tx:
        bridge = next(e for e in tx.exercises() if e.key == "glute-bridge")
    with pytest.raises(InUseError, match="built in"), store.transaction() as tx:
        tx.delete_exercise(bridge.id)


@pytest.mark.sqlite_only(
    reason="compares the file's bytes; the PostgreSQL case is in test_clinic_ops.py"
)
def test_newer_schema_is_refused_byte_identical(db_path: Path) -> None:
    Store.open(sqlite_url(db_path)).close()
    con = sqlite3.connect(db_path)
    con.execute("UPDATE alembic_version SET version_num = '9999_future'")
    con.commit()
    con.close()
    before = db_path.read_bytes()
    with pytest.raises(NewerSchemaError, match="newer version of RunStrong"):
        Store.open(sqlite_url(db_path))
    assert db_path.read_bytes() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"hello, this is a text file" * 10, "not a RunStrong store")],
)
@pytest.mark.sqlite_only(reason="files that are not SQLite databases")
def test_not_a_store_is_refused_untouched(db_path: Path, content: bytes, message: str) -> None:
    db_path.write_bytes(content)
    with pytest.raises(NotAStoreError, match=message):
        Store.open(sqlite_url(db_path))
    assert db_path.read_bytes() == content


@pytest.mark.sqlite_only(reason="another program's SQLite file")
def test_foreign_sqlite_database_is_refused(db_path: Path) -> None:
    con = sqlite3.connect(db_path)
    con.execute("CREATE TABLE invoices (id INTEGER)")
    con.commit()
    con.close()
    before = db_path.read_bytes()
    with pytest.raises(NotAStoreError, match="not a RunStrong store"):
        Store.open(sqlite_url(db_path))
    assert db_path.read_bytes() == before


@pytest.mark.sqlite_only(reason="compares the file's bytes")
def test_failing_migration_leaves_file_byte_identical(db_path: Path, tmp_path: Path) -> None:
    store = Store.open(sqlite_url(db_path))
    prepare_store(store)
    store.close()
    before = db_path.read_bytes()

    scripts = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "9999_breaks.py").write_text(
        textwrap.dedent("""
        import sqlalchemy as sa
        from alembic import op

        revision = "9999"
        down_revision = "HEAD"
        branch_labels = None
        depends_on = None

        def upgrade():
            op.create_table("half_done", sa.Column("id", sa.Integer, primary_key=True))
            op.add_column("athletes", sa.Column("shoe_size", sa.Integer, nullable=True))
            op.execute("INSERT INTO athletes (name) VALUES (NULL)")  # violates NOT NULL

        def downgrade():
            pass
    """).replace("HEAD", head_revision())  # on top of whatever the chain's head is
    )
    with pytest.raises(StoreError, match="Nothing was changed"):
        create_store_engine(sqlite_url(db_path), script_location=scripts)
    assert db_path.read_bytes() == before
    con = sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True)
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
    con.close()
    assert "half_done" not in tables


@pytest.mark.sqlite_only(reason="a missing store file")
def test_missing_file_is_not_created_without_create(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store"):
        create_store_engine(sqlite_url(tmp_path / "nope.sqlite3"), create=False)


def test_athlete_update_and_archive(store: Store) -> None:
    with store.transaction() as tx:
        a = tx.athletes()[0]
        tx.update_athlete(dataclasses.replace(a, archived=True))
    with store.transaction() as tx:
        assert tx.athletes() == []
        assert tx.athletes(include_archived=True)[0].archived


def test_revisions_read_from_the_scripts_match_alembic(tmp_path: Path) -> None:
    """The store reads revision ids itself (Alembic's import is slow); they must agree."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from runstrong_gui.storage.revisions import known_revisions

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    script = ScriptDirectory.from_config(cfg)
    assert head_revision() == script.get_current_head()
    assert known_revisions() == {r.revision for r in script.walk_revisions()}


@pytest.mark.sqlite_only(reason="measures the start-up path of a store file")
def test_opening_a_current_store_does_not_load_alembic(db_path: Path) -> None:
    import subprocess
    import sys

    Store.open(sqlite_url(db_path)).close()
    code = (
        "import sys\n"
        "from runstrong_gui.storage.store import Store\n"
        f"Store.open({sqlite_url(db_path)!r}).close()\n"
        "print('alembic' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
