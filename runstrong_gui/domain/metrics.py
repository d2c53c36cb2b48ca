"""The numbers behind the progress charts: volume, adherence, load, buckets, pain, run minutes.

The storage layer fills lists of plain rows (:class:`SessionRow`, and the logged sets
summed per day and exercise as :class:`ExerciseDay`) with one query each; everything
here is a single pass over those rows, so two years of logs cost milliseconds. Every
function that reports by week takes the ``weeks`` to show and returns exactly one entry
per week in that range, zero-filled, so a chart's x-axis never has holes and rows
outside the range are simply ignored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import Enum
from typing import Any, NamedTuple, TypeVar

from runstrong_gui.domain.enums import DoseKind, ExerciseGroup, SessionKind
from runstrong_gui.domain.models import Athlete
from runstrong_gui.domain.progression import block_weeks, week_dates, week_number

GREEN_BAND = 0.20  # within ±20% of the plan: on plan
YELLOW_BAND = 0.50  # within ±50%: drifting
_EPSILON = 1e-9  # keeps float noise (3.6 vs 3 minutes) from pushing an exact edge out a band
LAST_WEEKS = 12  # how far back the "last12" scope looks, today's week included
SCOPES = ("block", "last12", "all")


# --------------------------------------------------------------------------- input rows


class LoggedSet(NamedTuple):
    """One logged set, joined with what the charts need of its session and exercise.

    A named tuple, not a frozen dataclass: two years of one athlete's logs are thousands
    of rows, and a tuple is built several times faster while staying immutable.
    """

    date: dt.date
    session_id: int
    exercise_id: int
    group: ExerciseGroup
    dose_kind: DoseKind
    amount: int
    load_kg: float
    rpe: int | None
    pain: int | None


class SessionRow(NamedTuple):
    """One planned session of any kind, with its status (a tuple, like :class:`LoggedSet`)."""

    date: dt.date
    session_id: int
    kind: SessionKind
    minutes: int | None
    done: bool
    skipped: bool
    planned_sets: int


class ExerciseDay(NamedTuple):
    """The sets of one exercise logged on one day, summed: all the charts need of them.

    The store sums the sets in SQL, which hands over a third as many rows as there are
    sets; :func:`exercise_days` does the same in Python and defines what the sums are.
    """

    date: dt.date
    exercise_id: int
    group: ExerciseGroup
    dose_kind: DoseKind
    sets: int
    amount: int  # reps, seconds… summed, as the dose kind counts them
    load_amount: float  # load × amount, summed
    top_load_kg: float
    max_pain: int | None  # of the sets that recorded one
    pain_total: int
    pain_count: int


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
    """Muscle areas of the volume chart, in the priority order runners train them."""

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


class _DateSlots(dict[dt.date, int]):
    """Day -> index of its week in the output (-1 outside ``weeks``), worked out once per
    distinct day: many rows share a day, and a hit is a plain dict look-up.

    The index is the number of whole weeks from the first day of ``weeks`` to ``day``:
    ``week_number(athlete, day) - weeks.start``, without working out the first day of
    the block's week again for every date.
    """

    def __init__(self, athlete: Athlete, weeks: range) -> None:
        super().__init__()
        self._origin = week_dates(athlete, weeks.start)[0]
        self._count = len(weeks)

    def __missing__(self, day: dt.date) -> int:
        slot = (day - self._origin).days // 7
        slot = self[day] = slot if 0 <= slot < self._count else -1
        return slot


def _indexed(athlete: Athlete, rows: Iterable[_Row], weeks: range) -> Iterator[tuple[int, _Row]]:
    """Yield (output index, row) for the rows that fall inside ``weeks``."""
    slot_of = _DateSlots(athlete, weeks)
    for row in rows:
        i = slot_of[row.date]
        if i >= 0:
            yield i, row


# ---------------------------------------------------------------------------- functions


def weekly_volume(athlete: Athlete, sets: Iterable[LoggedSet], weeks: range) -> list[WeekVolume]:
    """Per block week: sets logged, reps done and tonnage (load × reps) of rep-dosed sets."""
    return set_series(athlete, exercise_days(sets), weeks).volume


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
    return [week_adherence(w, planned[i], done[i]) for i, w in enumerate(weeks)]


def week_adherence(week: int, planned: int, done: int) -> WeekAdherence:
    """One week's adherence from its counts of strength sessions planned and done."""
    return WeekAdherence(
        week=week,
        planned=planned,
        done=done,
        ratio=done / planned if planned else None,
        compliance=compliance_for(planned, done),
    )


def strength_adherence(week: int, sessions: Iterable[tuple[SessionKind, bool]]) -> WeekAdherence:
    """Adherence of one week from its sessions' (kind, done), counted as :func:`adherence`
    counts them, for views that hold sessions rather than rows (the week, the block)."""
    planned = done = 0
    for kind, is_done in sessions:
        if kind == SessionKind.STRENGTH:
            planned += 1
            done += is_done
    return week_adherence(week, planned, done)


def shown_compliance(adherence: WeekAdherence, current_week: int) -> Compliance | None:
    """The colour a week's adherence is shown in: None while the week is still to come,
    NONE (neutral) for the current week, which cannot be judged yet."""
    if adherence.week > current_week:
        return None
    if adherence.week == current_week:
        return Compliance.NONE
    return adherence.compliance


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
    return set_series(athlete, exercise_days(sets), weeks).buckets


def pain_trend(athlete: Athlete, sets: Iterable[LoggedSet], weeks: range) -> list[WeekPain]:
    """Per block week: worst and mean pain of the sets that recorded one (0 counts)."""
    return set_series(athlete, exercise_days(sets), weeks).pain


def exercise_days(sets: Iterable[LoggedSet]) -> list[ExerciseDay]:
    """The sets summed per day and exercise (and its group and dose kind, which the store
    keeps per exercise), in the order each first appears."""
    sums: dict[tuple[dt.date, int, ExerciseGroup, DoseKind], list[Any]] = {}
    for s in sets:
        key = (s.date, s.exercise_id, s.group, s.dose_kind)
        row = sums.get(key)
        if row is None:
            row = sums[key] = [0, 0, 0.0, s.load_kg, None, 0, 0]
        row[0] += 1
        row[1] += s.amount
        row[2] += s.load_kg * s.amount
        row[3] = max(row[3], s.load_kg)
        if s.pain is not None:
            row[4] = s.pain if row[4] is None else max(row[4], s.pain)
            row[5] += s.pain
            row[6] += 1
    return [ExerciseDay(*key, *row) for key, row in sums.items()]


@dataclass(frozen=True)
class SetSeries:
    """Every series the charts take from logged sets, from one pass over them."""

    volume: list[WeekVolume]
    buckets: dict[Bucket, list[int]]  # every bucket, in priority order
    pain: list[WeekPain]
    # exercise id -> its :func:`load_progression`, over every day given (in ``weeks`` or not)
    loads: dict[int, list[LoadPoint]]
    dose_kinds: dict[int, DoseKind]  # exercise id -> its dose kind


def set_series(athlete: Athlete, days: Iterable[ExerciseDay], weeks: range) -> SetSeries:
    """Weekly volume, sets per bucket, pain, and each exercise's load progression, in one
    pass over the summed sets: a pass per chart, each working out every row's week
    again, cost more than reading two years of logs."""
    n = len(weeks)
    slot_of = _DateSlots(athlete, weeks)
    counts, reps, tonnage = [0] * n, [0] * n, [0.0] * n
    buckets = {bucket: [0] * n for bucket in Bucket}
    by_group = {group: buckets[bucket] for group, bucket in BUCKET_OF.items()}
    worst: list[int | None] = [None] * n
    pain_total, pain_count = [0] * n, [0] * n
    top: dict[tuple[int, dt.date], float] = {}
    day_reps: dict[tuple[int, dt.date], int] = {}
    dose_kinds: dict[int, DoseKind] = {}
    rep_kind = DoseKind.REPS
    for day, exercise, group, dose, sets, amount, load_amount, load, pain, total, count in days:
        rep_dosed = dose == rep_kind
        key = (exercise, day)
        best = top.get(key)
        if best is None:  # one row per exercise and day from the store
            top[key] = load
            day_reps[key] = amount if rep_dosed else 0
            if exercise not in dose_kinds:
                dose_kinds[exercise] = dose
        else:
            if load > best:
                top[key] = load
            if rep_dosed:
                day_reps[key] += amount
        i = slot_of[day]
        if i < 0:
            continue
        counts[i] += sets
        if rep_dosed:
            reps[i] += amount
            tonnage[i] += load_amount
        by_group[group][i] += sets
        if pain is not None:
            current = worst[i]
            if current is None or pain > current:
                worst[i] = pain
            pain_total[i] += total
            pain_count[i] += count
    loads: dict[int, list[LoadPoint]] = {e: [] for e in dose_kinds}
    for exercise, day in sorted(top, key=lambda k: k[1]):
        key = (exercise, day)
        loads[exercise].append(LoadPoint(day, top[key], day_reps[key]))
    return SetSeries(
        volume=[WeekVolume(w, counts[i], reps[i], tonnage[i]) for i, w in enumerate(weeks)],
        buckets=buckets,
        pain=[
            WeekPain(
                w,
                worst[i],
                _mean_half_up(pain_total[i], pain_count[i]) if pain_count[i] else None,
            )
            for i, w in enumerate(weeks)
        ],
        loads=loads,
        dose_kinds=dose_kinds,
    )


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

    "block": the athlete's block, week 1 to its last (12, or on to a later race week).
    "last12": the 12 weeks ending with today's week (may reach
    before the block). "all": from the week of the first logged or planned day (week 1
    when there is none) to today's week, never fewer than one week.
    """
    if scope == "block":
        return range(1, block_weeks(athlete) + 1)
    current = week_number(athlete, today)
    if scope == "last12":
        return range(current - LAST_WEEKS + 1, current + 1)
    if scope == "all":
        first = 1 if first_logged is None else week_number(athlete, first_logged)
        return range(first, max(first, current) + 1)
    raise ValueError(f"unknown scope '{scope}' (expected one of: {', '.join(SCOPES)})")
