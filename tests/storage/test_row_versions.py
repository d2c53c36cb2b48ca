"""No lost updates: two computers on one store, each with the screen it last read.

Each "computer" is a Store of its own on the same address; the second save of a record
the first one changed since is refused with a message and overwrites nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from runstrong_gui.domain.enums import SessionKind
from runstrong_gui.services import changes, editing, library, set_logs
from runstrong_gui.services.athletes import save_athlete
from runstrong_gui.services.changes import Command
from runstrong_gui.services.editing import SessionView
from runstrong_gui.storage.errors import ConflictError
from runstrong_gui.storage.schema import SessionRow
from runstrong_gui.storage.store import Store

THURSDAY = dt.date(2026, 3, 5)  # the sample week's strength session
CONFLICT = re.compile(
    r"^This (session|athlete|exercise|template) was changed on another computer at "
    r"\d\d:\d\d — showing the current version\. "
)


@pytest.fixture
def other(store: Store, store_url: str) -> Iterator[Store]:
    """The same store, opened by a second computer."""
    s = Store.open(store_url)
    yield s
    s.close()


def _view(store: Store, kind: SessionKind = SessionKind.STRENGTH) -> SessionView:
    with store.transaction() as tx:
        athlete = tx.athletes()[0]
        sid = next(s.id for s in tx.day_sessions(athlete.id or 0, THURSDAY) if s.kind is kind)
    view = editing.read_session(store, sid or 0)
    assert view is not None
    return view


def _apply(store: Store, view: SessionView, command: Command) -> changes.Change:
    return changes.record(
        store,
        command.label,
        view.athlete.id or 0,
        command.days,
        command.action,
        command.extra_ids,
        command.seen,
    )


def test_a_session_saved_over_another_computer_s_save_is_refused(
    store: Store, other: Store
) -> None:
    mine, theirs = _view(store), _view(other)
    _apply(other, theirs, editing.update_session_field(theirs.session, "title", "Theirs"))
    with pytest.raises(ConflictError) as refused:
        _apply(store, mine, editing.update_session_field(mine.session, "title", "Mine"))
    assert CONFLICT.match(str(refused.value)), str(refused.value)
    assert _view(store).session.title == "Theirs"
    # once the screen shows the current version, the edit goes through
    fresh = _view(store)
    _apply(store, fresh, editing.update_session_field(fresh.session, "title", "Mine"))
    assert _view(other).session.title == "Mine"


def test_an_exercise_dose_or_log_over_a_changed_session_is_refused(
    store: Store, other: Store
) -> None:
    """Planned exercises and logs have no version of their own: a change to them gives
    their session a new one."""
    mine, theirs = _view(store), _view(other)
    planned, exercise = theirs.items[0]
    _apply(other, theirs, editing.update_dose(theirs.session, planned, exercise, "sets", 4))
    before = _view(other)
    with pytest.raises(ConflictError):
        _apply(store, mine, set_logs.done_as_planned(mine.session, *mine.items[0]))
    after = _view(store)
    assert after.items == before.items and after.logs == before.logs == {}


def test_an_athlete_saved_over_another_computer_s_save_is_refused(
    store: Store, other: Store
) -> None:
    with store.transaction() as tx:
        mine = tx.athletes()[0]
    with other.transaction() as tx:
        theirs = tx.athletes()[0]
    save_athlete(other, dataclasses.replace(theirs, notes="Theirs"))
    with pytest.raises(ConflictError) as refused:
        save_athlete(store, dataclasses.replace(mine, notes="Mine"))
    assert CONFLICT.match(str(refused.value)), str(refused.value)
    with store.transaction() as tx:
        current = tx.athletes()[0]
    assert current.notes == "Theirs"
    assert save_athlete(store, dataclasses.replace(current, notes="Mine")).notes == "Mine"


def test_an_exercise_saved_over_another_computer_s_save_is_refused(
    store: Store, other: Store
) -> None:
    with store.transaction() as tx:
        builtin = next(e for e in tx.exercises() if e.key == "glute-bridge")
    copy = library.duplicate_exercise(store, builtin.id or 0)
    theirs = dataclasses.replace(copy, notes="Theirs")
    library.save_exercise(other, theirs)
    with pytest.raises(ConflictError) as refused:
        library.save_exercise(store, dataclasses.replace(copy, notes="Mine"))
    assert CONFLICT.match(str(refused.value)), str(refused.value)
    with store.transaction() as tx:
        assert tx.exercise(copy.id or 0).notes == "Theirs"


def test_a_template_written_in_a_transaction_overtaken_by_another_is_refused(
    store: Store, other: Store, engine_name: str
) -> None:
    """Two transactions at once (a rename reads and writes in one)."""
    if engine_name == "sqlite":
        pytest.skip("SQLite lets one writer in at a time: the second one is told 'busy'")
    with store.transaction() as tx:
        template = tx.templates("session")[0]
    refused = pytest.raises(ConflictError, match="template was changed on another computer")
    with refused, store.transaction() as tx:
        mine = next(t for t in tx.templates("session") if t.id == template.id)
        with other.transaction() as theirs:
            theirs.put_template(dataclasses.replace(template, name="Theirs"))
        tx.put_template(dataclasses.replace(mine, name="Mine"), versioned=True)
    with store.transaction() as tx:
        assert next(t for t in tx.templates("session") if t.id == template.id).name == "Theirs"


def test_undo_of_a_change_another_computer_changed_since_is_refused(
    store: Store, other: Store
) -> None:
    mine = _view(store)
    change = _apply(store, mine, editing.update_session_field(mine.session, "notes", "Mine"))
    theirs = _view(other)
    _apply(other, theirs, editing.update_session_field(theirs.session, "title", "Theirs"))
    with pytest.raises(ConflictError) as refused:
        changes.undo(store, change)
    assert str(refused.value).endswith("Undo was refused: it would overwrite that change.")
    now = _view(store).session
    assert (now.title, now.notes) == ("Theirs", "Mine")


def test_undo_and_redo_of_one_s_own_change_still_work(store: Store, other: Store) -> None:
    mine = _view(store)
    change = _apply(store, mine, editing.update_session_field(mine.session, "notes", "Mine"))
    changes.undo(store, change)
    assert _view(other).session.notes == mine.session.notes
    changes.redo(store, change)
    theirs = _view(other)
    assert theirs.session.notes == "Mine"
    # a screen that read the session before the undo cannot save over what undo did
    with pytest.raises(ConflictError):
        _apply(other, mine, editing.update_session_field(mine.session, "title", "Stale"))


def test_every_update_bumps_the_version_and_the_time(store: Store) -> None:
    view = _view(store)
    row = select(SessionRow.version, SessionRow.changed_at).where(SessionRow.id == view.session.id)
    with store.engine.connect() as con:
        before = con.execute(row).one()
    _apply(store, view, editing.update_session_field(view.session, "notes", "x"))
    with store.engine.connect() as con:
        version, changed_at = con.execute(row).one()
    assert version == before.version + 1 == _view(store).session.version
    assert changed_at is not None
    assert abs(changed_at - dt.datetime.now(dt.UTC).replace(tzinfo=None)) < dt.timedelta(minutes=1)


def test_a_store_made_before_row_versions_opens_with_every_row_at_version_1(
    new_store_url: str,
) -> None:
    from alembic import command
    from sqlalchemy import create_engine, text

    from runstrong_gui.storage.revisions import MIGRATIONS_DIR, _alembic_config

    engine = create_engine(new_store_url)
    with engine.begin() as conn:
        cfg = _alembic_config(MIGRATIONS_DIR)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.execute(
            text(
                "INSERT INTO athletes (name, units, week_start, block_start, philosophy, notes,"
                " strength_days, equipment, avoid, plyometrics_ok, archived) VALUES ('Old',"
                " 'kg', 0, '2026-01-05', 'easy_days', '', 2, '[]', '[]', false, false)"
            )
        )
    engine.dispose()
    store = Store.open(new_store_url)
    try:
        with store.transaction() as tx:
            (old,) = tx.athletes()
        assert (old.name, old.version) == ("Old", 1)
        saved = save_athlete(store, dataclasses.replace(old, notes="kept"))
        assert saved.version == 2
        with pytest.raises(ConflictError):
            save_athlete(store, dataclasses.replace(old, notes="stale"))
    finally:
        store.close()
