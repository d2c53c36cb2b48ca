"""Fit strength around runs: the rows in the store after fitting, the rules' warnings on
the result, history left alone, and one undo."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from runstrong_gui.domain.enums import Equipment, Philosophy, SessionKind
from runstrong_gui.domain.errors import ValidationError
from runstrong_gui.domain.models import Athlete, PlannedExercise, Session, SetLog
from runstrong_gui.domain.progression import week_dates, week_number
from runstrong_gui.domain.rules import WARNING, placement_warnings
from runstrong_gui.domain.strength_profile import strength_profile
from runstrong_gui.services import changes, fit
from runstrong_gui.storage.store import Store

START = dt.date(2026, 3, 2)  # a Monday
HEAVY = "Romanian deadlift"  # lower body: heavy when loaded
LIGHT = "Dead bug"  # core: never heavy


def _new_athlete(store: Store, **kw: object) -> Athlete:
    with store.transaction() as tx:
        return tx.add_athlete(
            Athlete(
                name="Fit test",
                block_start=START,
                equipment=(Equipment.DUMBBELLS, Equipment.STEP, Equipment.BAND),
                **kw,  # type: ignore[arg-type]
            )
        )


def _exercise_id(store: Store, name: str) -> int:
    with store.transaction() as tx:
        return next(e.id for e in tx.exercises() if e.name == name and e.id is not None)


def _add(store: Store, athlete: Athlete, day: dt.date, kind: SessionKind, **kw: object) -> int:
    with store.transaction() as tx:
        order = len(tx.day_sessions(athlete.id or 0, day))
        s = tx.add_session(
            Session(athlete_id=athlete.id or 0, date=day, kind=kind, order=order, **kw)  # type: ignore[arg-type]
        )
        assert s.id is not None
        return s.id


def _strength(
    store: Store,
    athlete: Athlete,
    day: dt.date,
    heavy: bool,
    logged: bool = False,
    **kw: object,
) -> int:
    """A strength session with one exercise; ``logged`` gives it a set done."""
    sid = _add(store, athlete, day, SessionKind.STRENGTH, **kw)
    exercise = _exercise_id(store, HEAVY if heavy else LIGHT)
    with store.transaction() as tx:
        p = tx.add_planned(
            PlannedExercise(
                session_id=sid, exercise_id=exercise, sets=3, amount=8, load_kg=20 if heavy else 0
            )
        )
        if logged:
            tx.replace_logs(p.id or 0, [SetLog(p.id or 0, 1, 8, 20 if heavy else 0, rpe=7)])
    return sid


def _state(store: Store, athlete: Athlete, first: dt.date, last: dt.date) -> dict:
    """Every session of the days with its exercises and logs: what undo must restore."""
    with store.transaction() as tx:
        sessions = tx.sessions_between(athlete.id or 0, first, last)
        return changes.capture(tx, [s.id for s in sessions if s.id is not None])


def _fit(store: Store, athlete: Athlete, first: dt.date, last: dt.date) -> changes.Change:
    return changes.record(
        store,
        "Fit strength",
        athlete.id or 0,
        fit.fit_days(first, last),
        fit.fit_action(athlete.id or 0, first, last),
    )


def _week_warnings(store: Store, athlete: Athlete, week: int) -> list:
    """Placement warnings (rules 2–5) of a week as the week view computes them."""
    days = week_dates(athlete, week)
    one = dt.timedelta(days=1)
    with store.transaction() as tx:
        sessions = tx.sessions_between(athlete.id or 0, days[0] - one, days[-1] + one)
        details = tx.session_details(sessions)
    profiles = {
        d.session.id: strength_profile(d.items, d.session.id)
        for d in details
        if d.session.id is not None and d.session.kind is SessionKind.STRENGTH
    }
    return [
        w for w in placement_warnings(athlete, week, sessions, profiles) if w.severity == WARNING
    ]


def _strength_days(store: Store, athlete: Athlete, first: dt.date, last: dt.date) -> list:
    with store.transaction() as tx:
        return [
            s.date
            for s in tx.sessions_between(athlete.id or 0, first, last)
            if s.kind is SessionKind.STRENGTH
        ]


# --- examples -------------------------------------------------------------------------


def test_strength_moves_off_the_days_the_rules_warn_about(store: Store) -> None:
    athlete = _new_athlete(store)
    days = week_dates(athlete, 4)  # a Build week
    mon, tue, _wed, thu, _fri, sat, sun = days
    _add(store, athlete, tue, SessionKind.QUALITY, minutes=55)
    _add(store, athlete, thu, SessionKind.EASY, minutes=40)
    _add(store, athlete, sun, SessionKind.LONG, minutes=90)
    # heavy legs the day before the intervals and before the long run, back to back
    bad = [_strength(store, athlete, mon, heavy=True), _strength(store, athlete, sat, heavy=True)]
    assert {w.rule for w in _week_warnings(store, athlete, 4)} == {5}
    before = _state(store, athlete, mon, sun)

    preview = fit.fit_preview(store, athlete.id or 0, mon, sun)
    assert preview.moved == 2 and preview.added == 0 and not preview.warned_weeks
    assert {w.rule for w in preview.weeks[0].before} == {5}
    assert _state(store, athlete, mon, sun) == before  # a preview writes nothing

    change = _fit(store, athlete, mon, sun)
    assert _week_warnings(store, athlete, 4) == []
    with store.transaction() as tx:
        moved = tx.sessions_by_id(bad)
    assert all(s.date not in (mon, sat) for s in moved)
    assert len(_strength_days(store, athlete, mon, sun)) == 2
    changes.undo(store, change)
    assert _state(store, athlete, mon, sun) == before
    changes.redo(store, change)
    assert _week_warnings(store, athlete, 4) == []


def test_a_week_with_no_strength_gets_the_generators_sessions(store: Store) -> None:
    athlete = _new_athlete(store, strength_days=2)
    mon, _tue, wed, _thu, _fri, sat, _sun = days = week_dates(athlete, 5)
    _add(store, athlete, mon, SessionKind.EASY)
    _add(store, athlete, wed, SessionKind.QUALITY)
    _add(store, athlete, sat, SessionKind.LONG)
    preview = fit.fit_preview(store, athlete.id or 0, days[0], days[-1])
    assert preview.added == 2 and preview.moved == 0
    _fit(store, athlete, days[0], days[-1])
    with store.transaction() as tx:
        made = [
            d
            for d in tx.session_details(tx.sessions_between(athlete.id or 0, days[0], days[-1]))
            if d.session.kind is SessionKind.STRENGTH
        ]
    assert len(made) == 2
    assert all(d.session.source == "generator" and len(d.items) >= 5 for d in made)
    assert [d.session.title for d in made] == ["Strength A · Build", "Strength B · Build"]
    assert _week_warnings(store, athlete, 5) == []


def test_a_week_already_right_is_left_alone(store: Store) -> None:
    athlete = _new_athlete(store)
    mon, tue, wed, thu, fri, sat, sun = days = week_dates(athlete, 4)
    _add(store, athlete, mon, SessionKind.EASY)
    _strength(store, athlete, mon, heavy=True)  # after the easy run
    _add(store, athlete, thu, SessionKind.EASY)
    _strength(store, athlete, thu, heavy=False)
    _add(store, athlete, sat, SessionKind.LONG)
    preview = fit.fit_preview(store, athlete.id or 0, mon, sun)
    assert not preview.changes
    before = _state(store, athlete, mon, sun)
    change = _fit(store, athlete, mon, sun)
    assert change.is_empty and _state(store, athlete, mon, sun) == before
    del tue, wed, fri, days


def test_strength_before_the_run_goes_after_it(store: Store) -> None:
    athlete = _new_athlete(store, strength_days=1)
    thu = week_dates(athlete, 4)[3]
    sid = _strength(store, athlete, thu, heavy=False)
    _add(store, athlete, thu, SessionKind.EASY)  # the run is second on the day
    assert [w.rule for w in _week_warnings(store, athlete, 4)] == [3]
    days = week_dates(athlete, 4)
    _fit(store, athlete, days[0], days[-1])
    assert _week_warnings(store, athlete, 4) == []
    with store.transaction() as tx:
        assert tx.session(sid).order == 1 or tx.session(sid).date != thu


def test_history_stays_even_when_it_breaks_a_rule(store: Store) -> None:
    athlete = _new_athlete(store)
    mon, tue, wed, thu, fri, sat, sun = days = week_dates(athlete, 4)
    _add(store, athlete, sat, SessionKind.LONG)
    logged = _strength(store, athlete, fri, heavy=True, logged=True)  # rule 5, but done
    done = _strength(store, athlete, thu, heavy=False, done=True)  # rule 2 with Friday
    skipped = _strength(store, athlete, mon, heavy=True, skipped=True)
    history = _state(store, athlete, mon, sun)
    history = {k: v for k, v in history.items() if k in (logged, done, skipped)}
    preview = fit.fit_preview(store, athlete.id or 0, mon, sun)
    assert preview.moved == 0 and preview.added == 0  # two done already: nothing to fit
    assert preview.warned_weeks  # and the week says so
    _fit(store, athlete, mon, sun)
    after = _state(store, athlete, mon, sun)
    assert {k: v for k, v in after.items() if k in history} == history
    del tue, wed, days


def test_surplus_generated_sessions_go_and_the_users_own_stay(store: Store) -> None:
    athlete = _new_athlete(store, strength_days=1)
    mon, tue, wed, thu, fri, sat, sun = week_dates(athlete, 4)
    gen = _strength(store, athlete, tue, heavy=False, source="generator")
    own = _strength(store, athlete, thu, heavy=False)
    preview = fit.fit_preview(store, athlete.id or 0, mon, sun)
    assert preview.removed == 1
    _fit(store, athlete, mon, sun)
    with store.transaction() as tx:
        assert [s.id for s in tx.sessions_by_id([gen, own])] == [own]
    del wed, fri, sat


def test_bad_range_is_refused_and_nothing_is_written(store: Store) -> None:
    athlete = _new_athlete(store)
    with pytest.raises(ValidationError, match="last day must not be before the first"):
        fit.fit_action(athlete.id or 0, START, START - dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="at most 16 weeks"):
        fit.fit_preview(store, athlete.id or 0, START, START + dt.timedelta(weeks=20))


# --- the property -----------------------------------------------------------------------

RUN_KINDS = [
    SessionKind.EASY,
    SessionKind.MODERATE,
    SessionKind.LONG,
    SessionKind.QUALITY,
    SessionKind.RACE,
    SessionKind.WALK,
    SessionKind.REST,
]


@st.composite
def weeks(draw: st.DrawFn) -> dict:
    n_runs = draw(st.integers(1, 6))
    run_days = draw(st.lists(st.integers(0, 6), min_size=n_runs, max_size=n_runs, unique=True))
    return {
        "week_start": draw(st.integers(0, 6)),
        "philosophy": draw(st.sampled_from(list(Philosophy))),
        "strength_days": draw(st.integers(1, 3)),
        "week": draw(st.integers(2, 12)),  # week 1 may begin before the block
        "runs": [(d, draw(st.sampled_from(RUN_KINDS))) for d in run_days],
        # planned strength already in the week: (day, heavy, before the day's run)
        "strength": draw(
            st.lists(
                st.tuples(st.integers(0, 6), st.booleans(), st.booleans()),
                max_size=3,
                unique_by=lambda t: t[0],
            )
        ),
        "logged": draw(st.none() | st.tuples(st.integers(0, 6), st.booleans())),
    }


def _warning_free_exists(
    athlete: Athlete, week: int, fixed: list[Session], movable: list, profiles: dict
) -> bool:
    """Brute force: some assignment of the movable sessions to free days has no
    placement warning (the oracle asks rules.py, not the fit)."""
    days = week_dates(athlete, week)
    taken = {s.date for s in fixed if s.kind is SessionKind.STRENGTH}
    free = [d for d in days if d not in taken]
    for chosen in itertools.permutations(free, len(movable)):
        trial = [
            *fixed,
            *(
                dataclasses.replace(s, date=d, order=99)
                for s, d in zip(movable, chosen, strict=True)
            ),
        ]
        if not [
            w for w in placement_warnings(athlete, week, trial, profiles) if w.severity == WARNING
        ]:
            return True
    return False


@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=weeks())
def test_fitting_any_run_week(store: Store, case: dict) -> None:
    athlete = _new_athlete(
        store,
        week_start=case["week_start"],
        philosophy=case["philosophy"],
        strength_days=case["strength_days"],
    )
    week = case["week"]
    days = week_dates(athlete, week)
    for offset, kind in case["runs"]:
        _add(store, athlete, days[offset], kind)
    for offset, heavy, early in case["strength"]:
        sid = _strength(store, athlete, days[offset], heavy)
        if early:  # before the day's run: rule 3
            with store.transaction() as tx:
                s = tx.session(sid)
                tx.update_session(dataclasses.replace(s, order=0))
                for other in tx.day_sessions(athlete.id or 0, s.date):
                    if other.id != sid:
                        tx.update_session(dataclasses.replace(other, order=other.order + 1))
    history_id = None
    if case["logged"] is not None:
        offset, heavy = case["logged"]
        if days[offset] not in {days[o] for o, _h, _e in case["strength"]}:
            history_id = _strength(store, athlete, days[offset], heavy, logged=True)
    before = _state(store, athlete, days[0], days[-1])
    event(f"warnings before: {bool(_week_warnings(store, athlete, week))}")

    change = _fit(store, athlete, days[0], days[-1])

    after = _state(store, athlete, days[0], days[-1])
    if history_id is not None:  # logged history never changes
        assert after[history_id] == before[history_id]
    runs = {k: v for k, v in before.items() if v and v.session.kind is not SessionKind.STRENGTH}
    assert {k: dataclasses.replace(v.session, order=0) for k, v in runs.items()} == {
        k: dataclasses.replace(after[k].session, order=0)  # type: ignore[union-attr]
        for k in runs
    }
    strength = [v for v in after.values() if v and v.session.kind is SessionKind.STRENGTH]
    counted = [v for v in strength if not v.session.skipped]
    assert len(counted) == max(
        case["strength_days"], len(case["strength"]) + (history_id is not None)
    )
    assert len({v.session.date for v in strength}) == len(strength)  # one a day
    # Where a warning-free placement exists, the result raises none of the rules.
    fixed = [
        v.session
        for k, v in after.items()
        if v and k != history_id and v.session.kind is not SessionKind.STRENGTH
    ]
    if history_id is not None:
        fixed.append(after[history_id].session)  # type: ignore[union-attr]
    movable = [v.session for v in strength if v.session.id != history_id]
    with store.transaction() as tx:
        details = tx.session_details([v.session for v in strength])
    profiles = {d.session.id: strength_profile(d.items, d.session.id) for d in details}
    event(f"after: {bool(_week_warnings(store, athlete, week))}")
    if _warning_free_exists(athlete, week, fixed, movable, profiles):
        assert _week_warnings(store, athlete, week) == []
    else:
        assert fit.fit_preview(store, athlete.id or 0, days[0], days[-1]).warned_weeks

    # Fitting again finds nothing to do: the result is stable.
    assert not fit.fit_preview(store, athlete.id or 0, days[0], days[-1]).changes

    changes.undo(store, change)
    assert _state(store, athlete, days[0], days[-1]) == before
    assert week_number(athlete, days[0]) == week
