"""Placing strength around runs, without a store: across a week's edge, and the least
bad day when every day breaks a rule."""

from __future__ import annotations

import datetime as dt

from runstrong_gui.domain.enums import Philosophy, SessionKind
from runstrong_gui.domain.fit import fit_strength
from runstrong_gui.domain.models import Athlete, Session
from runstrong_gui.domain.progression import week_dates
from runstrong_gui.domain.rules import WARNING
from runstrong_gui.domain.strength_profile import StrengthProfile

START = dt.date(2026, 3, 2)  # a Monday


def _profile(sid: int, heavy: bool) -> StrengthProfile:
    return StrengthProfile(sid, heavy, heavy, 9, True, True, False)


def _session(sid: int, day: dt.date, kind: SessionKind, order: int = 0) -> Session:
    return Session(athlete_id=1, date=day, kind=kind, order=order, id=sid)


def _no_content(_week: int) -> list[StrengthProfile]:
    raise AssertionError("no week here is short of sessions")


def test_a_session_moves_off_the_day_before_next_weeks_fixed_strength() -> None:
    athlete = Athlete(name="A", block_start=START, strength_days=1, id=1)
    one, two = week_dates(athlete, 1), week_dates(athlete, 2)
    sessions = [
        _session(1, one[6], SessionKind.STRENGTH),  # Sunday, planned
        _session(2, two[0], SessionKind.STRENGTH),  # next Monday, logged
    ]
    profiles = {1: _profile(1, False), 2: _profile(2, False)}
    weeks = fit_strength(athlete, one[0], two[-1], sessions, profiles, {2}, (), _no_content)
    assert [w.rule for w in weeks[0].before] == [2]
    assert weeks[0].moves and weeks[0].moves[0][0] == 1
    assert weeks[0].moves[0][1] not in (one[6], two[0] - dt.timedelta(days=1))
    assert weeks[1].moves == () and weeks[1].before  # the logged one stays put
    assert weeks[0].after == () and weeks[1].after == ()


def test_runs_every_day_give_the_least_bad_day_and_say_so() -> None:
    athlete = Athlete(name="A", block_start=START, strength_days=1, id=1)
    days = week_dates(athlete, 1)
    sessions = [_session(10 + n, d, SessionKind.QUALITY) for n, d in enumerate(days)]
    sessions.append(_session(1, days[2], SessionKind.STRENGTH, order=1))
    [week] = fit_strength(
        athlete, days[0], days[-1], sessions, {1: _profile(1, True)}, (), (), _no_content
    )
    # Wednesday breaks rules 4 and 5; Sunday only rule 4 (Monday next holds no run).
    assert week.moves == ((1, days[6]),)
    assert week.keeps_warnings
    assert [w.rule for w in week.after if w.severity == WARNING] == [4]


def test_hard_days_hard_puts_heavy_strength_on_the_long_run_day() -> None:
    athlete = Athlete(
        name="A", block_start=START, strength_days=1, philosophy=Philosophy.HARD_DAYS, id=1
    )
    days = week_dates(athlete, 1)
    sessions = [
        _session(10, days[1], SessionKind.EASY),
        _session(11, days[5], SessionKind.LONG),
        _session(1, days[2], SessionKind.STRENGTH),
    ]
    [week] = fit_strength(
        athlete, days[0], days[-1], sessions, {1: _profile(1, True)}, (), (), _no_content
    )
    # Heavy strength on an easy day is only a note under hard-days-hard: the session
    # stays rather than move for a preference.
    assert week.moves == () and not week.keeps_warnings
