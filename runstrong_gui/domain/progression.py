"""Weeks of the block, their phases, and the dose each phase asks for.

The block's week 1 is the athlete's calendar week (by their own week-start day) that
holds the block start date, so block weeks and calendar columns always line up. The
block is twelve weeks, or runs on to the goal race week when that comes later:
:func:`block_weeks` and :func:`phase_of` are the one answer every screen, warning,
printout and the generator give.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from runstrong_gui.domain.enums import DoseKind, Phase, SessionKind
from runstrong_gui.domain.models import Athlete, Exercise, PlannedExercise

BLOCK_WEEKS = 12
MAX_BLOCK_WEEKS = 52  # a goal race further off does not stretch the block for a year
PEAK_WEEKS = 2  # weeks before the race week that count as the peak
SECONDS_PER_REP = 3  # a controlled rep, lowering included
SECONDS_PER_STEP = 1
SECONDS_PER_METRE = 1
CHANGEOVER_SECONDS = 60  # moving to the next exercise and setting up


def week_begin(day: dt.date, week_start: int) -> dt.date:
    """The first day of the calendar week holding ``day`` (week_start 0 = Monday)."""
    return day - dt.timedelta(days=(day.weekday() - week_start) % 7)


def week_number(athlete: Athlete, day: dt.date) -> int:
    """Block week of ``day``: 1 for the first week, 0 or less before the block."""
    first = week_begin(athlete.block_start, athlete.week_start)
    return (week_begin(day, athlete.week_start) - first).days // 7 + 1


def week_dates(athlete: Athlete, week: int) -> list[dt.date]:
    """The seven dates of block week ``week``, in column order."""
    first = week_begin(athlete.block_start, athlete.week_start) + dt.timedelta(weeks=week - 1)
    return [first + dt.timedelta(days=i) for i in range(7)]


def race_week(athlete: Athlete) -> int | None:
    return None if athlete.goal_race_date is None else week_number(athlete, athlete.goal_race_date)


def block_weeks(athlete: Athlete) -> int:
    """How many weeks the athlete's block has: 12, or through a later goal race week."""
    race = race_week(athlete)
    if race is not None and BLOCK_WEEKS < race <= MAX_BLOCK_WEEKS:
        return race
    return BLOCK_WEEKS


def phase_of(athlete: Athlete, week: int) -> Phase:
    """The phase of a block week; a near goal race overrides the progression."""
    race = race_week(athlete)
    if race is not None and race >= 1:
        if week == race:
            return Phase.RACE
        if race - PEAK_WEEKS <= week < race:
            return Phase.PEAK
    if week < 1:
        return Phase.BEFORE
    if week <= 2:
        return Phase.FOUNDATION
    if week <= 6:
        return Phase.BUILD
    if week <= BLOCK_WEEKS:
        return Phase.LOAD
    return Phase.POWER


def phase_caption(athlete: Athlete, week: int) -> str:
    """'Week 3 of 12 · Build', as the week header shows it."""
    phase = phase_of(athlete, week)
    length = block_weeks(athlete)
    if week < 1:
        return f"{1 - week} week{'s' if week < 0 else ''} before the block"
    if week > length:
        return f"Week {week} · after the block · {phase.label}"
    return f"Week {week} of {length} · {phase.label}"


@dataclass(frozen=True)
class Dose:
    sets: int
    amount: int


def dose_for_phase(exercise: Exercise, phase: Phase) -> Dose:
    """The dose a new planned exercise starts with in a phase.

    Foundation: two sets at the low end of the range (half the listed volume).
    Build and Load: the listed sets at the middle of the range.
    Peak and Race: volume cut by about 40% (within the 30–50% band), intensity kept.
    """
    sets, amount = exercise.sets, exercise.default_amount
    if phase in (Phase.FOUNDATION, Phase.BEFORE):
        return Dose(sets=max(1, (sets + 1) // 2), amount=exercise.rep_min)
    if phase in (Phase.PEAK, Phase.RACE):
        return Dose(sets=max(1, round(sets * 0.6)), amount=amount)
    return Dose(sets=sets, amount=amount)


def set_seconds(dose_kind: DoseKind, amount: int, per_side: bool) -> int:
    """Working time of one set, both sides counted."""
    per = {
        DoseKind.REPS: SECONDS_PER_REP,
        DoseKind.SECONDS: 1,
        DoseKind.STEPS: SECONDS_PER_STEP,
        DoseKind.METRES: SECONDS_PER_METRE,
    }[dose_kind]
    return amount * per * (2 if per_side else 1)


def planned_minutes(items: list[tuple[PlannedExercise, DoseKind]]) -> int:
    """Estimated minutes of a strength session from its sets, amounts and rests."""
    total = 0
    for pe, kind in items:
        work = set_seconds(kind, pe.amount, pe.per_side) * pe.sets
        rest = pe.rest_seconds * max(pe.sets - 1, 0)
        total += work + rest + CHANGEOVER_SECONDS
    return round(total / 60)


def is_hard(kind: SessionKind) -> bool:
    return kind.is_hard_run
