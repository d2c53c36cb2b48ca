"""Batch readers build the same objects the checking constructors build, and a row the
schema should never have let in still fails loudly instead of reaching the screen."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select, text

from runstrong_gui.domain import PlannedExercise, Session, SetLog
from runstrong_gui.storage import convert
from runstrong_gui.storage.schema import SessionRow, SetLogRow
from runstrong_gui.storage.store import Store


def _typed(obj: Any) -> list[tuple[str, type, Any]]:
    return [
        (f.name, type(getattr(obj, f.name)), getattr(obj, f.name)) for f in dataclasses.fields(obj)
    ]


@pytest.fixture
def varied(store: Store) -> tuple[int, list[int], list[int]]:
    """Sessions and logs that use every optional field one way or the other."""
    day = dt.date(2026, 5, 4)
    with store.transaction() as tx:
        athlete = tx.athletes()[0]
        bridge = next(e for e in tx.exercises() if e.key == "glute-bridge")
        sessions = [
            Session(
                athlete_id=athlete.id,
                date=day,
                kind="quality",
                minutes=40,
                distance_km=8.5,
                intensity=7,
                notes="Hilly route",
                done=True,
                source="template",
            ),
            Session(
                athlete_id=athlete.id,
                date=day,
                kind="strength",
                order=1,
                title="Gym",
                skipped=True,
                pain_persisting=True,
                edited=True,
            ),
            Session(athlete_id=athlete.id, date=day + dt.timedelta(days=1), kind="rest"),
        ]
        saved = [tx.add_session(s) for s in sessions]
        planned = [
            tx.add_planned(
                PlannedExercise(
                    session_id=saved[1].id,
                    exercise_id=bridge.id,
                    sets=3,
                    amount=12,
                    load_kg=22.5,
                    tempo="3-1-1",
                    per_side=True,
                    notes="Slow down",
                    position=0,
                )
            ),
            tx.add_planned(
                PlannedExercise(
                    session_id=saved[1].id, exercise_id=bridge.id, sets=2, amount=30, position=1
                )
            ),
        ]
        tx.replace_logs(
            planned[0].id,
            [
                SetLog(
                    planned[0].id,
                    1,
                    12,
                    22.5,
                    rpe=8,
                    pain=3,
                    note="Left side",
                    logged_at=dt.datetime(2026, 5, 4, 18, 30),
                ),
                SetLog(planned[0].id, 2, 10, logged_at=dt.datetime(2026, 5, 4, 18, 33)),
            ],
        )
    return athlete.id, [s.id for s in saved], [p.id for p in planned]


def test_batch_reads_equal_checked_reads_field_for_field(
    store: Store, varied: tuple[int, list[int], list[int]]
) -> None:
    athlete_id, session_ids, planned_ids = varied
    with store.transaction() as tx:
        fast_sessions = tx.sessions_between(athlete_id, dt.date(2026, 5, 4), dt.date(2026, 5, 5))
        fast_by_id = tx.sessions_by_id(session_ids)
        fast_planned = tx.planned_for([session_ids[1]])[session_ids[1]]
        fast_logs = tx.logs_for(planned_ids)[planned_ids[0]]
        checked_sessions = [tx.session(i) for i in session_ids]  # one row: the checking reader
        checked_planned = [tx.planned_exercise(i) for i in planned_ids]
        rows = tx.orm.execute(select(SetLogRow).order_by(SetLogRow.set_number)).scalars().all()
    assert [_typed(s) for s in fast_sessions] == [_typed(s) for s in checked_sessions]
    assert sorted(map(_typed, fast_by_id)) == sorted(map(_typed, checked_sessions))
    assert [_typed(p) for p in fast_planned] == [_typed(p) for p in checked_planned]
    assert [_typed(x) for x in fast_logs] == [_typed(convert.set_log(r)) for r in rows]
    assert fast_sessions[1].title == "Gym" and fast_sessions[1].kind.value == "strength"
    assert fast_logs[0].note == "Left side" and fast_logs[1].rpe is None


@pytest.mark.sqlite_only(reason="the bad row needs CHECKs switched off")
def test_a_row_with_an_unknown_kind_loads_as_damaged_with_the_domain_message(
    store: Store, varied: tuple[int, list[int], list[int]]
) -> None:
    athlete_id, session_ids, _ = varied
    with store.transaction() as tx:  # only another program that skips the checks does this
        tx.orm.execute(text("PRAGMA ignore_check_constraints = ON"))
        tx.orm.execute(
            text(f"UPDATE training_sessions SET kind = 'swim' WHERE id = {session_ids[0]}")
        )
        tx.orm.execute(text("PRAGMA ignore_check_constraints = OFF"))
    with store.transaction() as tx:
        day = tx.sessions_between(athlete_id, dt.date(2026, 5, 4), dt.date(2026, 5, 4))
        single = tx.session(session_ids[0])
    read = next(s for s in day if s.id == session_ids[0])
    for s in (read, single):
        [damage] = s.damage
        assert (damage.field, damage.value) == ("Kind", "'swim'")
        assert "'swim' is not one of" in damage.message  # the domain's own message
    assert [s.id for s in day if s.damage] == [session_ids[0]]


def test_columns_are_matched_by_name_not_by_place(
    store: Store, varied: tuple[int, list[int], list[int]]
) -> None:
    _, session_ids, _ = varied
    table = SessionRow.__table__
    with store.transaction() as tx:
        reversed_cols = tx.orm.execute(
            select(*reversed(table.columns)).where(table.c.id == session_ids[0])
        )
        [read] = convert.SESSIONS.all(reversed_cols)
        partial = tx.orm.execute(select(table.c.id, table.c.day))
        assert convert.SESSIONS.names(partial.keys()) is None  # not every field: checked reader
        expected = tx.session(session_ids[0])
    assert _typed(read) == _typed(expected)
    assert (read.kind.value, read.minutes, read.distance_km, read.notes) == (
        "quality",
        40,
        8.5,
        "Hilly route",
    )
