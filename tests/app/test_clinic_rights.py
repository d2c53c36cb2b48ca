"""What a therapist may add, change and hear of on a clinic store, enforced by the database.

A therapist adds a client, who is theirs from the first commit and invisible to the
other therapists. The exercise library and the templates are read by all and added to
by any therapist; a row is changed or deleted only by its author or the clinic's
administrator, and the app says whose it is instead of calling it a conflict. Live
refresh tells a therapist only of the clients they may see. A clinic store made before
all this gains it when its administrator opens it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import select
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from clinic_support import clinic_with, connect_as

from runstrong_gui.app.cli import main
from runstrong_gui.domain.enums import ExerciseGroup
from runstrong_gui.domain.models import Athlete, Exercise
from runstrong_gui.services import library, templates
from runstrong_gui.services.athletes import save_athlete
from runstrong_gui.storage import live
from runstrong_gui.storage.clinic import GROUP, OWN_ROWS
from runstrong_gui.storage.errors import StoreError
from runstrong_gui.storage.store import Store

ATHLETE_COLUMNS = (
    "INSERT INTO athletes (name, units, week_start, block_start, philosophy, notes,"
    " strength_days, equipment, avoid, plyometrics_ok, archived{extra}) VALUES"
    " (%s, 'kg', 0, '2026-03-02', 'easy_days', '', 2, '[]', '[]', false, false{value})"
)
WEEK = {"name": "Ana's week", "days": [{"weekday": 1, "sessions": [{"kind": "easy"}]}]}


@pytest.fixture
def clinic(pg_server: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A clinic store (its database name) with two therapists, r_ana and r_ben."""
    with clinic_with(pg_server, monkeypatch, "r_ana", "r_ben") as name:
        yield name


_as = connect_as


@pytest.fixture
def stores(pg_server: Any, clinic: str) -> Iterator[dict[str, Store]]:
    """The app's stores of the clinic as r_ana, r_ben and the administrator."""
    opened = {
        "r_ana": Store.open(pg_server.url(clinic, user="r_ana", password="pw-r_ana")),
        "r_ben": Store.open(pg_server.url(clinic, user="r_ben", password="pw-r_ben")),
        "admin": Store.open(pg_server.url(clinic)),
    }
    yield opened
    for store in opened.values():
        store.close()


def _names(store: Store) -> list[str]:
    with store.transaction() as tx:
        return [a.name for a in tx.athletes()]


# -- a therapist adds a client ---------------------------------------------------------


def test_a_therapist_s_new_client_is_theirs_and_nobody_else_s(pg_server: Any, clinic: str) -> None:
    with _as(pg_server, clinic, "r_ana") as ana:
        row = ana.execute(
            ATHLETE_COLUMNS.format(extra="", value="") + " RETURNING id", ("Ana's new client",)
        ).fetchone()
        assert row is not None
        new = row[0]
        assert ana.execute("SELECT name FROM athletes").fetchall() == [("Ana's new client",)]
        assert ana.execute("UPDATE athletes SET notes = 'seen' WHERE id = %s", (new,)).rowcount
        ana.execute(
            "INSERT INTO training_sessions (athlete_id, day, position, kind, title, notes, done,"
            " skipped, pain_persisting, source, edited) VALUES (%s, '2026-03-04', 0, 'easy', '',"
            " '', false, false, false, 'user', false)",
            (new,),
        )
        # nor can the client be passed to another therapist by their creator
        ana.execute("UPDATE athletes SET created_by = 'r_ben' WHERE id = %s", (new,))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # added in Ben's name
            ana.execute(
                ATHLETE_COLUMNS.format(extra=", created_by", value=", 'r_ben'"), ("Forged",)
            )
    with _as(pg_server, clinic, "r_ben") as ben:
        assert ben.execute("SELECT count(*) FROM athletes").fetchone() == (0,)
        assert ben.execute("SELECT count(*) FROM training_sessions").fetchone() == (0,)
        assert ben.execute("UPDATE athletes SET notes = 'x'").rowcount == 0
    with _as(pg_server, clinic, "postgres") as admin:
        assert admin.execute(
            "SELECT a.created_by, t.therapist, a.notes FROM athletes a"
            " JOIN athlete_therapists t ON t.athlete_id = a.id"
        ).fetchall() == [("r_ana", "r_ana", "seen")]


def test_new_athlete_in_the_app_as_a_therapist(stores: dict[str, Store]) -> None:
    saved = save_athlete(stores["r_ana"], Athlete(name="Walk-in", block_start=dt.date(2026, 3, 2)))
    assert saved.id is not None
    assert _names(stores["r_ana"]) == ["Walk-in"]
    assert _names(stores["r_ben"]) == []
    renamed = save_athlete(stores["r_ana"], Athlete(
        name="Walk-in Client", block_start=saved.block_start, id=saved.id, version=saved.version
    ))  # fmt: skip
    assert renamed.name == "Walk-in Client"
    assert "Walk-in Client" in _names(stores["admin"])


def test_the_administrator_s_new_client_is_assigned_to_nobody(
    pg_server: Any, clinic: str, stores: dict[str, Store]
) -> None:
    save_athlete(stores["admin"], Athlete(name="Front desk", block_start=dt.date(2026, 3, 2)))
    assert _names(stores["r_ana"]) == [] and _names(stores["r_ben"]) == []
    with _as(pg_server, clinic, "postgres") as admin:
        assert admin.execute("SELECT count(*) FROM athlete_therapists").fetchone() == (0,)


# -- the shared library: read by all, changed by its author or the administrator ------


def test_a_template_is_read_by_all_and_changed_by_its_author_or_the_admin(
    pg_server: Any, clinic: str
) -> None:
    with _as(pg_server, clinic, "r_ana") as ana:
        row = ana.execute(
            "INSERT INTO templates (name, kind, builtin, payload) VALUES"
            " ('Ana''s week', 'week', false, '{}') RETURNING id, author"
        ).fetchone()
        assert row is not None
        mine, author = row
        assert author == "r_ana"
    with _as(pg_server, clinic, "r_ben") as ben:
        assert ben.execute("SELECT name FROM templates WHERE id = %s", (mine,)).fetchall() == [
            ("Ana's week",)
        ]
        assert (
            ben.execute("UPDATE templates SET name = 'Ben''s' WHERE id = %s", (mine,)).rowcount == 0
        )
        assert ben.execute("DELETE FROM templates WHERE id = %s", (mine,)).rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # in Ana's name
            ben.execute(
                "INSERT INTO templates (name, kind, builtin, payload, author) VALUES"
                " ('Forged', 'week', false, '{}', 'r_ana')"
            )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # the built-ins are the clinic's
            ben.execute(
                "INSERT INTO templates (name, kind, builtin, payload) VALUES"
                " ('Built in', 'week', true, '{}')"
            )
        own = ben.execute(
            "INSERT INTO exercises (name, grp, kind, muscles, equipment, focus, level, dose_kind,"
            " sets, rep_min, rep_max, per_side, tempo, rest_seconds, steps, cues, stop_if, notes,"
            " builtin, hidden) VALUES ('Ben''s step-up', 'quad_single_leg', 'strength', '[]', '[]',"
            " '[]', 'beginner', 'reps', 3, 8, 10, true, '', 60, '[]', '[]', '[]', '', false, false)"
            " RETURNING author"
        ).fetchone()
        assert own == ("r_ben",)
    with _as(pg_server, clinic, "r_ana") as ana:
        assert ana.execute("UPDATE templates SET name = 'Ana''s 2' WHERE id = %s", (mine,)).rowcount
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # handing it to Ben
            ana.execute("UPDATE templates SET author = 'r_ben' WHERE id = %s", (mine,))
    with _as(pg_server, clinic, "postgres") as admin:
        assert admin.execute("UPDATE templates SET name = 'Clinic' WHERE id = %s", (mine,)).rowcount
        now = admin.execute("SELECT name, author FROM templates WHERE id = %s", (mine,))
        assert now.fetchone() == ("Clinic", "r_ana")


def test_the_app_says_whose_template_it_is_and_changes_nothing(
    stores: dict[str, Store],
) -> None:
    saved = templates.save_template(stores["r_ana"], "Ana's week", "week", WEEK)
    assert saved.id is not None
    seen_by_ben = [t.name for t in templates.templates(stores["r_ben"], "week")]
    assert "Ana's week" in seen_by_ben
    with pytest.raises(StoreError, match="belongs to r_ana: only r_ana or the clinic's admin"):
        templates.rename_template(stores["r_ben"], saved.id, "Ben's now")
    with pytest.raises(StoreError, match="belongs to r_ana") as refused:
        templates.delete_template(stores["r_ben"], saved.id)
    assert "changed on another computer" not in str(refused.value)
    assert "Nothing was changed." in str(refused.value)
    _before, after = templates.rename_template(stores["r_ana"], saved.id, "Ana's base week")
    templates.rename_template(stores["admin"], saved.id, "Clinic week")
    names = [t.name for t in templates.templates(stores["r_ben"], "week")]
    assert "Clinic week" in names and "Ben's now" not in names
    assert after.name == "Ana's base week"


def test_the_app_says_whose_exercise_it_is_and_changes_nothing(
    stores: dict[str, Store],
) -> None:
    mine = library.save_exercise(
        stores["r_ana"], Exercise("Ana's lunge", ExerciseGroup.QUAD_SINGLE_LEG)
    )
    assert mine.id is not None
    with stores["r_ben"].transaction() as tx:
        seen = tx.exercise(mine.id)
        builtin = next(e for e in tx.exercises() if e.builtin)
    with pytest.raises(StoreError, match="belongs to r_ana"):
        library.save_exercise(stores["r_ben"], Exercise("Ben's lunge", seen.group, id=seen.id,
                                                        version=seen.version))  # fmt: skip
    with pytest.raises(StoreError, match="belongs to r_ana"):
        library.set_hidden(stores["r_ben"], mine.id, True)
    refusal = library.delete_refusal(stores["r_ben"], mine.id)
    assert refusal is not None and "belongs to r_ana" in refusal
    with pytest.raises(StoreError, match="clinic's shared library: only the clinic's admin"):
        library.set_hidden(stores["r_ben"], builtin.id or 0, True)
    with stores["admin"].transaction() as tx:
        assert tx.exercise(mine.id).name == "Ana's lunge"
        assert not tx.exercise(builtin.id or 0).hidden
    assert library.delete_refusal(stores["r_ana"], mine.id) is None
    library.delete_exercise(stores["r_ana"], mine.id)


# -- live refresh: a therapist hears only of the clients they may see -------------------


def _heard(subscription: live.Subscription, seconds: float = 0.4) -> list[live.Touched]:
    """Everything heard within ``seconds`` (the notifications of one commit arrive together)."""
    found: list[live.Touched] = []
    while select.select([subscription.fileno()], [], [], seconds)[0]:
        found += subscription.drain()
        seconds = 0.05
    return found


def _touch(store: Store, athlete: Athlete, notes: str) -> Athlete:
    with store.transaction() as tx:
        fresh = tx.athlete(athlete.id or 0)
    return save_athlete(store, dataclasses.replace(fresh, notes=notes))


def test_a_therapist_hears_of_shared_clients_not_of_another_therapist_s(
    pg_server: Any, clinic: str, stores: dict[str, Store]
) -> None:
    ben, admin = stores["r_ben"], stores["admin"]
    private = save_athlete(admin, Athlete(name="Ben's own", block_start=dt.date(2026, 3, 2)))
    shared = save_athlete(admin, Athlete(name="Shared", block_start=dt.date(2026, 3, 2)))
    url = pg_server.url(clinic)
    for who, athlete in (("r_ben", private), ("r_ana", shared), ("r_ben", shared)):
        assert main(["clinic", "assign", who, "--athlete-id", str(athlete.id), "--url", url]) == 0
    ana_hears = live.subscribe(stores["r_ana"].engine)
    admin_hears = live.subscribe(stores["admin"].engine)
    with _as(pg_server, clinic, "r_ana") as eavesdropper:
        eavesdropper.execute("LISTEN runstrong")  # everybody's channel before
        try:
            _touch(ben, private, "private")
            assert _heard(ana_hears) == []
            assert _heard(admin_hears) == [live.Touched("athletes", private.id)]
            _touch(ben, shared, "shared")
            assert _heard(ana_hears) == [live.Touched("athletes", shared.id)]
            assert list(eavesdropper.notifies(timeout=0.1)) == []
            with pytest.raises(psycopg.errors.InsufficientPrivilege):  # the others' channels
                eavesdropper.execute("SELECT channel FROM live_listeners")
        finally:
            ana_hears.close()
            admin_hears.close()


# -- a clinic store made before therapists could add clients ----------------------------

OLD_INIT = [  # what ``clinic init`` of revision 0008 made
    f"DO $$ BEGIN CREATE ROLE {GROUP} NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$",
    f"GRANT USAGE ON SCHEMA public TO {GROUP}",
    "GRANT SELECT, INSERT, UPDATE, DELETE ON athletes, training_sessions, planned_exercises,"
    f" set_logs TO {GROUP}",
    f"GRANT SELECT ON exercises, templates, settings, alembic_version, athlete_therapists"
    f" TO {GROUP}",
    f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {GROUP}",
    *(
        statement
        for table, rule in OWN_ROWS.items()
        for statement in (
            f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
            f"CREATE POLICY own_clients ON {table} TO {GROUP} USING ({rule}) WITH CHECK ({rule})",
        )
    ),
    *(
        statement
        for table in ("exercises", "templates")
        for statement in (
            f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
            f"CREATE POLICY read_all ON {table} FOR SELECT TO {GROUP} USING (true)",
        )
    ),
    "INSERT INTO templates (name, kind, builtin, payload, version, uid) VALUES"
    " ('Clinic week', 'week', false, '{}', 1, 'u-clinic-week')",
]


def test_a_clinic_store_made_at_0008_gains_the_rights_when_opened(
    pg_server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from alembic import command
    from sqlalchemy import create_engine

    from runstrong_gui.storage.revisions import MIGRATIONS_DIR, _alembic_config

    name = pg_server.new_database()
    url = pg_server.url(name)
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            cfg = _alembic_config(MIGRATIONS_DIR)
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0008")
        engine.dispose()
        pg_server.execute(*OLD_INIT, database=name)
        monkeypatch.setattr("sys.stdin", io.StringIO("pw-r_ana\n"))
        assert main(["clinic", "add-therapist", "r_ana", "--url", url]) == 0
        Store.open(url).close()  # the administrator opens it: migrated
        ana = Store.open(pg_server.url(name, user="r_ana", password="pw-r_ana"))
        try:
            saved = save_athlete(ana, Athlete(name="New", block_start=dt.date(2026, 3, 2)))
            assert _names(ana) == ["New"]
            heard = live.subscribe(ana.engine)
            heard.close()
            mine = templates.save_template(ana, "Ana's week", "week", WEEK)
            templates.rename_template(ana, mine.id or 0, "Ana's first week")
            clinic_week = next(
                t for t in templates.templates(ana, "week") if t.name == "Clinic week"
            )
            with pytest.raises(StoreError, match="clinic's shared library"):
                templates.delete_template(ana, clinic_week.id or 0)
        finally:
            ana.close()
        assert saved.id is not None
    finally:
        engine.dispose()
        pg_server.drop_database(name)
        pg_server.execute("DROP ROLE IF EXISTS r_ana")
