"""An undoable action's writes held for the read after it (PostgreSQL: one round trip),
and its reads answered from the snapshot read before it: the same store, the same
messages and the same reads as when each statement ran on its own."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
from sqlalchemy import select

from runstrong_gui.domain.enums import ExerciseGroup, SessionKind
from runstrong_gui.domain.models import Athlete, Exercise, Session
from runstrong_gui.services import calendar, changes
from runstrong_gui.storage.errors import ConflictError, StoreError
from runstrong_gui.storage.schema import SessionRow
from runstrong_gui.storage.store import Store, Tx

MONDAY = dt.date(2026, 3, 2)
CONFLICT = re.compile(
    r"^This session was changed on another computer at \d\d:\d\d — showing the current "
    r"version\. "
)


def _card(store: Store, title: str = "Easy") -> Session:
    with store.transaction() as tx:
        athlete = tx.add_athlete(Athlete("Held", block_start=MONDAY))
        assert athlete.id is not None
        return tx.add_session(Session(athlete.id, MONDAY, SessionKind.EASY, title=title))


def _athlete(store: Store, athlete_id: int) -> Athlete:
    with store.transaction() as tx:
        return tx.athlete(athlete_id)


def _title(store: Store, session_id: int) -> str:
    with store.transaction() as tx:
        return tx.session(session_id).title


def test_a_held_write_over_a_version_saved_meanwhile_is_refused_as_before(store: Store) -> None:
    card = _card(store)
    with store.transaction() as tx:
        tx.update_session(dataclasses.replace(card, title="Theirs"))
    with pytest.raises(ConflictError) as refused, store.transaction() as tx:
        tx.hold_writes()
        tx.update_session(dataclasses.replace(card, title="Mine"))  # the version read before
        tx.sessions_around(card.athlete_id, [MONDAY], [])  # sent here (or at once)
    assert CONFLICT.match(str(refused.value)), str(refused.value)
    assert _title(store, card.id or 0) == "Theirs"


def test_a_statement_after_a_held_write_reads_it(store: Store) -> None:
    card = _card(store)
    with store.transaction() as tx:
        tx.hold_writes()
        tx.update_session(dataclasses.replace(card, title="Moved"))
        orm_read = select(SessionRow.title).where(SessionRow.id == card.id)
        assert tx.orm.execute(orm_read).scalar_one() == "Moved"  # any path reads it
        tx.update_session(dataclasses.replace(card, title="Again", version=card.version + 1))
        assert tx.session(card.id or 0).title == "Again"
        assert tx.day_sessions(card.athlete_id, MONDAY)[0].title == "Again"
    assert _title(store, card.id or 0) == "Again"


def test_an_action_reads_its_own_writes_not_the_snapshot(store: Store) -> None:
    """The days' sessions were read before the action (the undo snapshot) and its first
    reads are answered from it; once it writes, it reads the store again."""
    card = _card(store)
    seen: list[list[str]] = []

    def action(tx: Tx) -> changes.Outcome:
        seen.append([s.title for s in tx.day_sessions(card.athlete_id, MONDAY)])
        tx.update_session(dataclasses.replace(card, title="Renamed"))
        seen.append([s.title for s in tx.day_sessions(card.athlete_id, MONDAY)])
        return changes.Outcome()

    change = changes.record(
        store, "Rename", card.athlete_id, [MONDAY], action, (), changes.seen(card)
    )
    assert seen == [["Easy"], ["Renamed"]]
    assert _title(store, card.id or 0) == "Renamed"
    changes.undo(store, change)
    assert _title(store, card.id or 0) == "Easy"
    changes.redo(store, change)
    assert _title(store, card.id or 0) == "Renamed"


def test_an_action_that_fails_after_a_held_write_saves_nothing(store: Store) -> None:
    card = _card(store)

    def action(tx: Tx) -> changes.Outcome:
        tx.update_session(dataclasses.replace(card, title="Half"))
        raise ValueError("the action gave up")

    with pytest.raises(ValueError, match="gave up"):
        changes.record(store, "Fail", card.athlete_id, [MONDAY], action, (), changes.seen(card))
    assert _title(store, card.id or 0) == "Easy"
    with store.transaction() as tx:  # the store's connections still work
        assert tx.session(card.id or 0).version == card.version


def test_a_redo_the_store_refuses_with_commit_in_the_same_batch_saves_nothing(
    store: Store,
) -> None:
    """Undo and redo send their writes with COMMIT on a server: a write the store refuses
    (here a planned exercise whose library exercise was deleted since) stops the
    COMMIT, and the user is told, as before."""
    card = _card(store)
    with store.transaction() as tx:
        drill = tx.add_exercise(Exercise("Drill of its own", ExerciseGroup.CORE))
        assert drill.id is not None
        strength = tx.add_session(Session(card.athlete_id, MONDAY, SessionKind.STRENGTH))
    command = calendar.drop_exercises_on_session(
        _athlete(store, card.athlete_id),
        strength,
        [drill.id],
        "the drill",
    )
    change = changes.record(
        store,
        command.label,
        card.athlete_id,
        command.days,
        command.action,
        command.extra_ids,
        command.seen,
        command.exercises,
    )
    changes.undo(store, change)
    with store.transaction() as tx:
        tx.delete_exercise(drill.id)  # no plan holds it any more
    with pytest.raises(StoreError, match="refused by the store"):
        changes.redo(store, change)
    with store.transaction() as tx:
        assert tx.planned_for([strength.id or 0]) == {}
        assert [s.id for s in tx.day_sessions(card.athlete_id, MONDAY)] == [card.id, strength.id]
