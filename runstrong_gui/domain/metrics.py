"""The numbers behind the progress charts: volume, adherence, load, buckets, pain, run minutes.

The storage layer fills a list of plain rows (:class:`LoggedSet`, :class:`SessionRow`)
with one query per chart; everything here is a single pass over those rows, so two years
of logs cost milliseconds. Every function that reports by week takes the ``weeks`` to
show and returns exactly one entry per week in that range, zero-filled, so a chart's
x-axis never has holes and rows outside the range are simply ignored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from typing import TypeVar

from runstrong_gui.domain.enums import DoseKind, ExerciseGroup, SessionKind
from runstrong_gui.domain.models import Athlete
from runstrong_gui.domain.progression import BLOCK_WEEKS, week_number

GREEN_BAND = 0.20  # within ±20% of the plan: on plan
YELLOW_BAND = 0.50  # within ±50%: drifting
_EPSILON = 1e-9  # keeps float noise (3.6 vs 3 minutes) from pushing an exact edge out a band
LAST_WEEKS = 12  # how far back the "last12" scope looks, today's week included
PAIN_THRESHOLD = 5  # pain 0–10 at or above which logging warns (DOMAIN.md, pain guidance)
SCOPES = ("block", "last12", "all")


# --------------------------------------------------------------------------- input rows


@dataclass(frozen=True, slots=True)
class LoggedSet:
    """One logged set, joined with what the charts need of its session and exercise."""

    date: dt.date
    session_id: int
    exercise_id: int
    group: ExerciseGroup
    dose_kind: DoseKind
    amount: int
    load_kg: float
    rpe: int | None
    pain: int | None


@dataclass(frozen=True, slots=True)
class SessionRow:
    """One planned session of any kind, with its status."""

    date: dt.date
    session_id: int
    kind: SessionKind
    minutes: int | None
    done: bool
    skipped: bool
    planned_sets: int


_Row = TypeVar("_Row", LoggedSet, SessionRow)


# ------------------------------------------------------------------------------ outputs


class Compliance(str, Enum):
    """How far what was done strays from the plan; the traffic light of a week."""

    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"
    NONE = "none"

    @property
    def label(self) -> str:
        return _COMPLIANCE_LABELS[self]


_COMPLIANCE_LABELS = {
    Compliance.GREEN: "On plan",
    Compliance.YELLOW: "Off plan",
    Compliance.RED: "Far off plan",
    Compliance.NONE: "Nothing planned",
}


class Bucket(str, Enum):
    """Muscle areas of the volume chart, in the priority order of DOMAIN.md."""

    GLUTES_HIPS = "glutes_hips"
    CALVES = "calves"
    QUADS = "quads"
    CORE = "core"
    UPPER_BODY = "upper_body"

    @property
    def label(self) -> str:
        return _BUCKET_LABELS[self]


_BUCKET_LABELS = {
    Bucket.GLUTES_HIPS: "Glutes and hips",
    Bucket.CALVES: "Calves",
    Bucket.QUADS: "Quads",
    Bucket.CORE: "Core",
    Bucket.UPPER_BODY: "Upper body",
}

BUCKET_OF: dict[ExerciseGroup, Bucket] = {
    ExerciseGroup.GLUTE_HIP: Bucket.GLUTES_HIPS,
    ExerciseGroup.CALF_ACHILLES: Bucket.CALVES,
    ExerciseGroup.QUAD_SINGLE_LEG: Bucket.QUADS,
    # Compound lifts and jumps load the legs mostly through the quads.
    ExerciseGroup.COMPOUND: Bucket.QUADS,
    ExerciseGroup.POWER: Bucket.QUADS,
    ExerciseGroup.CORE: Bucket.CORE,
    ExerciseGroup.UPPER_BODY: Bucket.UPPER_BODY,
}


@dataclass(frozen=True)
class WeekVolume:
    """Sets of every kind; reps and tonnage of rep-dosed sets only (seconds don't add up)."""

    week: int
    sets: int
    reps: int
    tonnage_kg: float  # unrounded; the chart formats it


@dataclass(frozen=True)
class WeekAdherence:
    """Strength sessions planned (skipped ones included) against those done."""

    week: int
    planned: int
    done: int
    ratio: float | None  # done / planned; None when nothing was planned
    compliance: Compliance


@dataclass(frozen=True)
class LoadPoint:
    """One day of an exercise: the heaviest set and the reps done in all."""

    date: dt.date
    top_load_kg: float
    reps: int


@dataclass(frozen=True)
class WeekPain:
    """Pain reported during the week's sets; None when no set recorded any."""

    week: int
    max_pain: int | None
    mean_pain: float | None  # rounded half up to one decimal


# ------------------------------------------------------------------------------ helpers


def _week_of(athlete: Athlete) -> Callable[[dt.date], int]:
    """``week_number`` memoised per date: many sets share a day, so this stays cheap."""
    cache: dict[dt.date, int] = {}

    def week_of(day: dt.date) -> int:
        week = cache.get(day)
        if week is None:
            week = cache[day] = week_number(athlete, day)
        return week

    return week_of


def _slots(weeks: range) -> dict[int, int]:
    """Week number -> index in the output, so each row lands in O(1)."""
    return {week: i for i, week in enumerate(weeks)}


def _indexed(athlete: Athlete, rows: Iterable[_Row], weeks: range) -> Iterator[tuple[int, _Row]]:
    """Yield (output index, row) for the rows that fall inside ``weeks``."""
    week_of, slots = _week_of(athlete), _slots(weeks)
    for row in rows:
        i = slots.get(week_of(row.date))
        if i is not None:
            yield i, row


# ---------------------------------------------------------------------------- functions


def weekly_volume(athlete: Athlete, sets: Iterable[LoggedSet], weeks: range) -> list[WeekVolume]:
    """Per block week: sets logged, reps done and tonnage (load × reps) of rep-dosed sets."""
    n = len(weeks)
    counts, reps, tonnage = [0] * n, [0] * n, [0.0] * n
    for i, s in _indexed(athlete, sets, weeks):
        counts[i] += 1
        if s.dose_kind == DoseKind.REPS:
            reps[i] += s.amount
            tonnage[i] += s.load_kg * s.amount
    return [WeekVolume(w, counts[i], reps[i], tonnage[i]) for i, w in enumerate(weeks)]


def compliance_for(planned: float, done: float) -> Compliance:
    """Traffic light for done against planned (sessions, minutes…), symmetric over and under.

    Green within ±20% of the plan, yellow within ±50%, red beyond. Doing something when
    nothing was planned is beyond any band, hence red; nothing either way is NONE.
    """
    if planned < 0 or done < 0:
        raise ValueError(f"planned and done must not be negative (got {planned}, {done})")
    if planned == 0:
        return Compliance.NONE if done == 0 else Compliance.RED
    deviation = abs(done - planned) / planned
    if deviation <= GREEN_BAND + _EPSILON:
        return Compliance.GREEN
    if deviation <= YELLOW_BAND + _EPSILON:
        return Compliance.YELLOW
    return Compliance.RED


def adherence(
    athlete: Athlete, sessions: Iterable[SessionRow], weeks: range
) -> list[WeekAdherence]:
    """Per block week: strength sessions planned vs done.

    A skipped session still counts as planned: skipping is exactly what adherence shows.
    """
    n = len(weeks)
    planned, done = [0] * n, [0] * n
    for i, s in _indexed(athlete, sessions, weeks):
        if s.kind == SessionKind.STRENGTH:
            planned[i] += 1
            done[i] += s.done
    return [
        WeekAdherence(
            week=w,
            planned=planned[i],
            done=done[i],
            ratio=done[i] / planned[i] if planned[i] else None,
            compliance=compliance_for(planned[i], done[i]),
        )
        for i, w in enumerate(weeks)
    ]


def load_progression(sets: Iterable[LoggedSet], exercise_id: int) -> list[LoadPoint]:
    """One point per day the exercise was logged, sorted by date, for the load chart."""
    top: dict[dt.date, float] = {}
    reps: dict[dt.date, int] = {}
    for s in sets:
        if s.exercise_id != exercise_id:
            continue
        if s.date not in top or s.load_kg > top[s.date]:
            top[s.date] = s.load_kg
        reps[s.date] = reps.get(s.date, 0) + (s.amount if s.dose_kind == DoseKind.REPS else 0)
    return [LoadPoint(day, top[day], reps[day]) for day in sorted(top)]


def volume_by_bucket(
    athlete: Athlete, sets: Iterable[LoggedSet], weeks: range
) -> dict[Bucket, list[int]]:
    """Weekly set counts per muscle bucket; every bucket present, in priority order."""
    n = len(weeks)
    out = {bucket: [0] * n for bucket in Bucket}
    for i, s in _indexed(athlete, sets, weeks):
        out[BUCKET_OF[s.group]][i] += 1
    return out


def pain_trend(athlete: Athlete, sets: Iterable[LoggedSet], weeks: range) -> list[WeekPain]:
    """Per block week: worst and mean pain of the sets that recorded one (0 counts)."""
    n = len(weeks)
    worst: list[int | None] = [None] * n
    total, count = [0] * n, [0] * n
    for i, s in _indexed(athlete, sets, weeks):
        if s.pain is None:
            continue
        current = worst[i]
        worst[i] = s.pain if current is None or s.pain > current else current
        total[i] += s.pain
        count[i] += 1
    return [
        WeekPain(w, worst[i], _mean_half_up(total[i], count[i]) if count[i] else None)
        for i, w in enumerate(weeks)
    ]


def _mean_half_up(total: int, count: int) -> float:
    """``total / count`` to one decimal, halves rounded up (2.25 -> 2.3, as a person would)."""
    tenths = (20 * total + count) // (2 * count)
    return tenths / 10


def run_minutes(
    athlete: Athlete, sessions: Iterable[SessionRow], weeks: range
) -> list[tuple[int, int]]:
    """Per block week: (planned, done) minutes of runs, the load strength work sits around.

    Skipped runs are left out of the plan (they put no load on the legs); sessions
    without minutes count as 0. Walks and cross-training are not runs.
    """
    n = len(weeks)
    planned, done = [0] * n, [0] * n
    for i, s in _indexed(athlete, sessions, weeks):
        if not s.kind.is_run or s.skipped:
            continue
        minutes = s.minutes or 0
        planned[i] += minutes
        if s.done:
            done[i] += minutes
    return list(zip(planned, done, strict=True))


def week_range(athlete: Athlete, scope: str, today: dt.date, first_logged: dt.date | None) -> range:
    """The block weeks a chart scope covers.

    "block": weeks 1–12. "last12": the 12 weeks ending with today's week (may reach
    before the block). "all": from the week of the first logged or planned day (week 1
    when there is none) to today's week, never fewer than one week.
    """
    if scope == "block":
        return range(1, BLOCK_WEEKS + 1)
    current = week_number(athlete, today)
    if scope == "last12":
        return range(current - LAST_WEEKS + 1, current + 1)
    if scope == "all":
        first = 1 if first_logged is None else week_number(athlete, first_logged)
        return range(first, max(first, current) + 1)
    raise ValueError(f"unknown scope '{scope}' (expected one of: {', '.join(SCOPES)})")


def pain_flag(pain: int | None, persisting: bool, threshold: int = PAIN_THRESHOLD) -> bool:
    """Whether a logged set should raise the pain warning: pain at or above the
    threshold, or pain that has lasted more than 48 h (DOMAIN.md, warning signs)."""
    return persisting or (pain is not None and pain >= threshold)
