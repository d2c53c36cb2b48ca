"""Positions within a day stay dense (0, 1, 2, …) after generating a block and copying a
week, whatever the day held before: the order column is what the week view sorts by."""

from __future__ import annotations

import dataclasses
import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from plan_support import OPTIONS

from runstrong_gui.domain.enums import Equipment, Philosophy
from runstrong_gui.domain.generator import GeneratorOptions
from runstrong_gui.domain.models import Athlete, Session
from runstrong_gui.domain.progression import week_dates
from runstrong_gui.services import calendar, changes
from runstrong_gui.services import generate as gen
from runstrong_gui.storage.store import Store


def _athlete(store: Store) -> Athlete:
    with store.transaction() as tx:
        return tx.athletes()[0]


def _positions(store: Store, athlete: Athlete, first: dt.date, last: dt.date) -> dict:
    """Each day's sessions as (position, title, id), in the order the week view shows."""
    with store.transaction() as tx:
        sessions = tx.sessions_between(athlete.id or 0, first, last)
    out: dict[dt.date, list[tuple[int, str, int]]] = {}
    for s in sessions:
        out.setdefault(s.date, []).append((s.order, s.display_title, s.id or 0))
    return out


def _dense(days: dict) -> bool:
    return all([p for p, _t, _i in rows] == list(range(len(rows))) for rows in days.values())


def _generate(store: Store, athlete: Athlete, options: GeneratorOptions = OPTIONS):  # type: ignore[no-untyped-def]
    return changes.record(
        store,
        "Generate",
        athlete.id or 0,
        gen.block_dates(athlete, options.weeks),
        gen.generate_action(athlete.id or 0, options, False, athlete.block_start),
    )


def _add(store: Store, athlete: Athlete, day: dt.date, kind: str, order: int, **kw: object) -> int:
    with store.transaction() as tx:
        s = tx.add_session(
            Session(athlete_id=athlete.id or 0, date=day, kind=kind, order=order, **kw)  # type: ignore[arg-type]
        )
    return s.id or 0


def test_generating_leaves_each_day_numbered_from_zero(store: Store) -> None:
    athlete = _athlete(store)
    thursday = week_dates(athlete, 1)[3]  # the sample's strength session is first that day
    _add(store, athlete, thursday, "easy", 1)  # a run after it: it moves up when it goes
    for day in week_dates(athlete, 2)[:5]:  # the sample week copied, a run after strength
        _add(store, athlete, day, "strength", 0, title="Old plan")
        _add(store, athlete, day, "easy", 1)
    dates = gen.block_dates(athlete, 12)
    _generate(store, athlete)
    days = _positions(store, athlete, dates[0], dates[-1])
    assert _dense(days), {d: rows for d, rows in days.items() if len(rows) > 1}
    for rows in days.values():  # strength still after the day's run (rule 3)
        titles = [t for _p, t, _i in rows]
        if any(t.startswith("Strength") for t in titles):
            assert titles[-1].startswith("Strength")


def test_copying_a_week_appends_after_the_days_sessions(store: Store) -> None:
    athlete = _athlete(store)
    week1, week2 = week_dates(athlete, 1), week_dates(athlete, 2)
    # a Monday as an older version left it: positions 1 and 2, none at 0
    _add(store, athlete, week2[0], "walk", 1)
    _add(store, athlete, week2[0], "cross", 2)
    _add(store, athlete, week2[3], "easy", 0)
    source = _positions(store, athlete, week1[0], week1[-1])
    plan = calendar.copy_week(athlete, 1, 1)
    change = changes.record(store, plan.label, athlete.id or 0, plan.days, plan.action)
    after = _positions(store, athlete, week2[0], week2[-1])
    assert _dense(after)
    monday = [t for _p, t, _i in after[week2[0]]]
    assert monday == ["Walk", "Cross-training", "Easy run", "Beginner strength"]
    thursday = [t for _p, t, _i in after[week2[3]]]
    assert thursday == ["Easy run", "Beginner strength"]
    for n, day in enumerate(week1):  # every copied day keeps the source's order
        copied = [t for _p, t, _i in after[week2[n]]][-len(source.get(day, [])) or 99 :]
        assert copied == [t for _p, t, _i in source.get(day, [])]
    changes.undo(store, change)
    again = _positions(store, athlete, week2[0], week2[-1])
    assert [p for p, _t, _i in again[week2[0]]] == [1, 2]  # undo puts back what was there


def test_copying_a_non_dense_week_onto_an_empty_one(store: Store) -> None:
    athlete = _athlete(store)
    week3 = week_dates(athlete, 3)
    _add(store, athlete, week3[1], "easy", 1)
    _add(store, athlete, week3[1], "strength", 2, title="Gym")
    plan = calendar.copy_week(athlete, 3, 2)
    changes.record(store, plan.label, athlete.id or 0, plan.days, plan.action)
    for week in (4, 5):
        days = week_dates(athlete, week)
        after = _positions(store, athlete, days[0], days[-1])
        assert [(p, t) for p, t, _i in after[days[1]]] == [(0, "Easy run"), (1, "Gym")]


# --- a property over generated blocks ----------------------------------------------

_LAYOUT = st.lists(
    st.tuples(
        st.integers(0, 8 * 7 - 1),  # a day of the first eight weeks
        st.sampled_from(["easy", "long", "quality", "strength", "strength"]),
        st.integers(0, 4),  # its position, possibly with gaps or twice
        st.sampled_from(["planned", "planned", "done", "skipped", "logged"]),
    ),
    max_size=10,
)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    layout=_LAYOUT,
    strength_days=st.integers(1, 3),
    weeks=st.integers(1, 8),
    philosophy=st.sampled_from(list(Philosophy)),
)
def test_any_block_generates_dense_days_and_keeps_history(
    store: Store, layout: list, strength_days: int, weeks: int, philosophy: Philosophy
) -> None:
    """Whatever the block held, generating keeps every done, skipped or logged session
    as it was, gives no kept day a second strength session, leaves positions dense, and
    one undo puts everything back."""
    from runstrong_gui.domain.models import PlannedExercise, SetLog

    athlete = _athlete(store)
    dates = gen.block_dates(athlete, 8)
    with store.transaction() as tx:
        squat = next(e for e in tx.exercises() if e.id is not None)
    baseline = _look(store, athlete, dates)
    with store.transaction() as tx:
        for offset, kind, order, status in layout:
            s = tx.add_session(
                Session(
                    athlete_id=athlete.id or 0,
                    date=dates[offset],
                    kind=kind,  # type: ignore[arg-type]
                    order=order,
                    done=status == "done",
                    skipped=status == "skipped",
                )
            )
            if kind == "strength" and status == "logged":
                p = tx.add_planned(
                    PlannedExercise(
                        session_id=s.id or 0, exercise_id=squat.id or 0, sets=2, amount=8
                    )
                )
                tx.replace_logs(p.id or 0, [SetLog(p.id or 0, 1, 8)])
    options = GeneratorOptions(
        strength_days=strength_days,
        equipment=frozenset({Equipment.DUMBBELLS}),
        philosophy=philosophy,
        plyometrics=False,
        weeks=weeks,
    )
    block = gen.block_sessions(store, athlete.id or 0, weeks)
    before = _look(store, athlete, dates)
    try:
        change = _generate(store, athlete, options)
        after = _look(store, athlete, dates)
        touched = gen.block_dates(athlete, weeks)
        assert _dense(_positions(store, athlete, touched[0], touched[-1]))
        for s in block.history:  # history as it was; only its place in the day may move up
            was, now = before[s.id or 0], after[s.id or 0]
            assert was is not None and now is not None
            assert now.items == was.items
            assert dataclasses.replace(now.session, order=0) == dataclasses.replace(
                was.session, order=0
            )
        kept_days = {s.date for s in block.history}
        for sid in change.outcome.created:
            made = after[sid]
            assert made is not None and made.session.date not in kept_days
        changes.undo(store, change)
        assert _look(store, athlete, dates) == before
    finally:
        with store.transaction() as tx:  # the next example starts from the sample again
            for s in tx.sessions_between(athlete.id or 0, dates[0], dates[-1]):
                tx.delete_session(s.id or 0)
            changes.restore(tx, baseline)


def _look(store: Store, athlete: Athlete, dates: list[dt.date]) -> changes.Snapshot:
    """Every session of ``dates`` with its exercises and logs."""
    with store.transaction() as tx:
        sessions = tx.sessions_between(athlete.id or 0, dates[0], dates[-1])
        return changes.capture(tx, [s.id for s in sessions if s.id is not None], sessions)
