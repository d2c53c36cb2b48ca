"""Block weeks line up with the athlete's calendar weeks; phases follow the progression table."""

from __future__ import annotations

import dataclasses
import datetime as dt

from runstrong_gui.domain import Athlete, Exercise, Phase
from runstrong_gui.domain.progression import (
    dose_for_phase,
    phase_caption,
    phase_of,
    week_dates,
    week_number,
)


def test_week_numbers_follow_the_week_start_day() -> None:
    # Block starts on Thursday 5 March 2026; this athlete's weeks start on Sunday.
    a = Athlete(name="A", block_start=dt.date(2026, 3, 5), week_start=6)
    assert week_dates(a, 1)[0] == dt.date(2026, 3, 1)  # the Sunday before
    assert week_number(a, dt.date(2026, 3, 7)) == 1  # Saturday: same week
    assert week_number(a, dt.date(2026, 3, 8)) == 2  # Sunday: next week
    assert week_number(a, dt.date(2026, 2, 28)) == 0


def test_phases_and_race_override() -> None:
    a = Athlete(name="A", block_start=dt.date(2026, 1, 5))
    assert [phase_of(a, w) for w in (0, 1, 2, 3, 6, 7, 12, 13)] == [
        Phase.BEFORE,
        Phase.FOUNDATION,
        Phase.FOUNDATION,
        Phase.BUILD,
        Phase.BUILD,
        Phase.LOAD,
        Phase.LOAD,
        Phase.POWER,
    ]
    raced = Athlete(name="A", block_start=dt.date(2026, 1, 5), goal_race_date=dt.date(2026, 3, 28))
    assert week_number(raced, raced.goal_race_date) == 12
    assert phase_of(raced, 12) is Phase.RACE
    assert phase_of(raced, 10) is Phase.PEAK and phase_of(raced, 9) is Phase.LOAD
    assert phase_caption(raced, 3) == "Week 3 of 12 · Build"


def test_dose_per_phase() -> None:
    e = Exercise("Glute bridge", "glute_hip", sets=3, rep_min=12, rep_max=15)
    assert (
        dose_for_phase(e, Phase.FOUNDATION).sets,
        dose_for_phase(e, Phase.FOUNDATION).amount,
    ) == (2, 12)
    assert (dose_for_phase(e, Phase.BUILD).sets, dose_for_phase(e, Phase.BUILD).amount) == (3, 13)
    assert dose_for_phase(e, Phase.PEAK).sets == 2  # 3 sets cut by about 40%


def test_dates_are_spelled_out_whatever_the_locale() -> None:
    import locale

    from runstrong_gui.domain.dates import day_name, full_date, short_day

    day = dt.date(2026, 3, 3)
    saved = locale.setlocale(locale.LC_TIME)
    try:
        for name in ("de_DE.UTF-8", "fr_FR.UTF-8", "C"):
            try:
                locale.setlocale(locale.LC_TIME, name)
            except locale.Error:
                continue
            assert day_name(day) == "Tuesday 3 March"
            assert short_day(day) == "Tue 3 Mar"
            assert full_date(day) == "Tuesday 3 March 2026"
    finally:
        locale.setlocale(locale.LC_TIME, saved)


def test_a_later_race_makes_one_longer_block_for_every_reader() -> None:
    """Header, warnings and phases agree on a 15-week block (race in week 15)."""
    from runstrong_gui.domain.enums import SessionKind
    from runstrong_gui.domain.models import Session
    from runstrong_gui.domain.progression import block_weeks
    from runstrong_gui.domain.rules import check_week

    a = Athlete(name="A", block_start=dt.date(2026, 1, 5), goal_race_date=dt.date(2026, 4, 18))
    assert block_weeks(a) == 15
    assert phase_caption(a, 1) == "Week 1 of 15 · Foundation"
    assert phase_caption(a, 13) == "Week 13 of 15 · Peak"
    assert phase_caption(a, 16) == "Week 16 · after the block · Power"
    strength = Session(athlete_id=1, date=week_dates(a, 13)[2], kind=SessionKind.STRENGTH, id=1)
    messages = [w.message for w in check_week(a, 13, [strength], {})]
    assert not [m for m in messages if "outside" in m], messages
    after = dataclasses.replace(strength, date=week_dates(a, 16)[2])
    assert any("outside the 15-week block" in w.message for w in check_week(a, 16, [after], {}))
    no_race = dataclasses.replace(a, goal_race_date=None)
    assert block_weeks(no_race) == 12 and phase_caption(no_race, 12) == "Week 12 of 12 · Load"
