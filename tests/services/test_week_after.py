"""A change is shown by applying it to the week last read (Queries.week_after): what the
calendar then shows must be exactly what reading the week again gives, versions included
(a card showing an old version would have its next edit refused as a conflict)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from plan_support import OPTIONS
from sqlalchemy import event

from runstrong_gui.domain.enums import Phase, SessionKind
from runstrong_gui.domain.models import Athlete, Session
from runstrong_gui.domain.progression import phase_of, week_dates
from runstrong_gui.services import calendar, changes, editing, set_logs
from runstrong_gui.services import generate as gen
from runstrong_gui.services.queries import Queries, WeekData
from runstrong_gui.storage.store import Store


def _planned_athlete(store: Store) -> Athlete:
    """The sample athlete with a generated 12-week block and a race in week 12 (so weeks
    10 and 11 are its peak)."""
    with store.transaction() as tx:
        athlete = tx.athletes()[0]
        race = week_dates(athlete, 12)[5]
        athlete = tx.update_athlete(dataclasses.replace(athlete, goal_race_date=race))
    aid = athlete.id or 0
    dates = gen.block_dates(athlete, OPTIONS.weeks)
    changes.record(
        store, "Generate", aid, dates, gen.generate_action(aid, OPTIONS, False, athlete.block_start)
    )
    with store.transaction() as tx:
        return tx.athlete(aid)


def _apply(store: Store, athlete: Athlete, plan: changes.Command) -> changes.Change:
    return changes.record(
        store,
        plan.label,
        athlete.id or 0,
        plan.days,
        plan.action,
        plan.extra_ids,
        plan.seen,
        plan.exercises,
    )


@contextmanager
def _reads(store: Store) -> Iterator[list[str]]:
    """The statements run on the store meanwhile."""
    seen: list[str] = []

    def note(_conn, _cursor, statement, *_rest) -> None:  # type: ignore[no-untyped-def]
        seen.append(statement)

    event.listen(store.engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(store.engine, "before_cursor_execute", note)


def _shown(week: WeekData) -> list[tuple[dt.date, int, int, str]]:
    """Every card as the calendar shows it, with the version an edit of it would name."""
    return [
        (day.date, d.session.id or 0, d.session.version, d.session.display_title)
        for day in week.days
        for d in day.sessions
    ]


def _check(
    store: Store, athlete: Athlete, week: int, plan: Callable[[WeekData], changes.Command]
) -> tuple[WeekData, list[str]]:
    """Apply ``plan`` (built from the week as shown) and compare the week shown after it
    with the week read afresh; the statements run to show it are returned."""
    queries = Queries(store)
    aid = athlete.id or 0
    before = queries.week(aid, week)
    change = _apply(store, athlete, plan(before))
    with _reads(store) as ran:
        shown = queries.week_after(aid, week, change.before, change.after)
    fresh = Queries(store).week(aid, week)
    assert shown == fresh
    assert _shown(shown) == _shown(fresh)
    assert shown.pain_sessions == fresh.pain_sessions
    assert shown.pain_planned == fresh.pain_planned
    assert [w.message for w in shown.warnings] == [w.message for w in fresh.warnings]
    return shown, ran


def _strength(week: WeekData) -> Session:
    return next(
        d.session
        for day in week.days
        for d in day.sessions
        if d.session.kind is SessionKind.STRENGTH
    )


def _week_of(athlete: Athlete, phase: Phase) -> int:
    return next(w for w in range(1, 20) if phase_of(athlete, w) is phase)


def test_a_moved_card_is_shown_as_a_fresh_read_shows_it_without_reading_the_week(
    store: Store,
) -> None:
    athlete = _planned_athlete(store)
    week = 3
    days = week_dates(athlete, week)

    def move(shown: WeekData) -> changes.Command:
        card = _strength(shown)
        return calendar.move_session(card, days[(days.index(card.date) + 2) % 7])

    shown, ran = _check(store, athlete, week, move)
    assert ran == []
    # and the next change builds on that week: the card moves again, as shown
    _check(store, athlete, week, move)

    def to_the_top_of_a_busy_day(shown: WeekData) -> changes.Command:
        card = _strength(shown)
        busy = next(
            day for day in shown.days if day.date != card.date and day.sessions
        )  # the card goes before cards saved before it (lower ids)
        return calendar.move_session(card, busy.date, position=0)

    shown, _ran = _check(store, athlete, week, to_the_top_of_a_busy_day)
    top = next(day for day in shown.days if len(day.sessions) > 1)
    assert top.sessions[0].session.kind is SessionKind.STRENGTH


def test_cards_moved_out_deleted_logged_with_pain_and_added_show_as_read(store: Store) -> None:
    athlete = _planned_athlete(store)
    week = 4
    days = week_dates(athlete, week)

    def out_of_the_week(shown: WeekData) -> changes.Command:
        return calendar.move_session(_strength(shown), days[-1] + dt.timedelta(days=3))

    def deleted(shown: WeekData) -> changes.Command:
        return calendar.delete_session(_strength(shown))

    def painful_set(shown: WeekData) -> changes.Command:
        detail = next(
            d for day in shown.days for d in day.sessions if d.items and not d.session.done
        )
        planned, exercise = detail.items[0]
        return set_logs.log_set(detail.session, planned, exercise, [], 1, "pain", 7)

    def run_added(_shown: WeekData) -> changes.Command:
        return calendar.add_session(athlete, days[2], SessionKind.EASY)

    shown, _ran = _check(store, athlete, week, painful_set)
    assert shown.pain_planned  # the flag the card shows
    for plan in (out_of_the_week, deleted, run_added):
        _check(store, athlete, week, plan)


def test_a_peak_week_whose_yardstick_moves_is_read_again(store: Store) -> None:
    """Rule 6 measures a peak week against the usual sets of the Build and Load weeks: a
    change that reaches into one of those cannot be applied to the week last read."""
    athlete = _planned_athlete(store)
    peak = _week_of(athlete, Phase.PEAK)
    load_day = week_dates(athlete, peak)[0] - dt.timedelta(days=2)
    assert phase_of(athlete, peak - 1) in (Phase.LOAD, Phase.BUILD)

    def into_load_week(shown: WeekData) -> changes.Command:
        return calendar.move_session(_strength(shown), load_day)

    _shown_week, ran = _check(store, athlete, peak, into_load_week)
    assert ran  # read again

    def within_the_peak_week(shown: WeekData) -> changes.Command:
        card = _strength(shown)
        days = week_dates(athlete, peak)
        return calendar.move_session(card, days[(days.index(card.date) + 1) % 7])

    _shown_week, ran = _check(store, athlete, peak, within_the_peak_week)
    assert ran == []


def test_a_write_in_between_means_the_week_is_read_again(store: Store) -> None:
    athlete = _planned_athlete(store)
    aid, week = athlete.id or 0, 5
    queries = Queries(store)
    shown = queries.week(aid, week)
    card = _strength(shown)
    days = week_dates(athlete, week)
    other = next(d.session for day in shown.days for d in day.sessions if d.session.id != card.id)
    # another action, whose refresh never came (the week was not shown again after it)
    _apply(store, athlete, editing.update_session_field(other, "title", "Renamed elsewhere"))
    change = _apply(
        store, athlete, calendar.move_session(card, days[(days.index(card.date) + 1) % 7])
    )
    after = queries.week_after(aid, week, change.before, change.after)
    assert "Renamed elsewhere" in [t for *_x, t in _shown(after)]
    assert after == Queries(store).week(aid, week)
