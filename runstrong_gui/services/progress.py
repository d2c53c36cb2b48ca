"""Everything the Progress tab shows for one athlete and range, read in one transaction.

The tab renders from a :class:`ProgressData` and never asks the store itself: the
service reads the athlete, the sessions and the logged sets summed per day and exercise
(a fixed number of queries for any range) and computes every series with the pure
functions of :mod:`runstrong_gui.domain.metrics`. Switching the exercise of the load chart reuses
the same data: every logged exercise's progression is computed up front.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum

from runstrong_gui.domain import metrics
from runstrong_gui.domain.enums import DoseKind, Phase
from runstrong_gui.domain.metrics import (
    Bucket,
    Compliance,
    ExerciseDay,
    LoadPoint,
    WeekAdherence,
    WeekPain,
    WeekVolume,
)
from runstrong_gui.domain.models import Athlete
from runstrong_gui.domain.progression import phase_of, week_dates, week_number
from runstrong_gui.storage.store import Store

SCOPE_LABELS = {"block": "This block", "last12": "Last 12 weeks", "all": "All"}


class WeekState(str, Enum):
    """Where a week stands against today: only finished weeks get a compliance colour."""

    PAST = "past"
    CURRENT = "current"
    FUTURE = "future"


@dataclass(frozen=True)
class WeekInfo:
    """One week slot of the charts' x-axis."""

    week: int
    first: dt.date
    last: dt.date
    phase: Phase
    state: WeekState

    @property
    def label(self) -> str:
        """'W3'; weeks before the block read 'W0', 'W−2' (a real minus sign)."""
        return f"W{self.week}" if self.week >= 0 else f"W−{-self.week}"


@dataclass(frozen=True)
class LoggedExercise:
    """An exercise with sets logged in the range: a choice for the load chart."""

    id: int
    name: str
    dose_kind: DoseKind
    days: int  # days it was logged on
    loaded_days: int  # days with a load above zero


@dataclass(frozen=True)
class ProgressData:
    """The chart series for one athlete over the weeks of a scope, one entry per week."""

    athlete: Athlete
    scope: str
    today: dt.date
    weeks: tuple[WeekInfo, ...]
    volume: tuple[WeekVolume, ...]
    adherence: tuple[WeekAdherence, ...]
    buckets: dict[Bucket, tuple[int, ...]]
    pain: tuple[WeekPain, ...]
    runs: tuple[tuple[int, int], ...]  # (planned, done) run minutes
    exercises: tuple[LoggedExercise, ...]  # by name
    loads: dict[int, tuple[LoadPoint, ...]] = field(default_factory=dict)

    @property
    def first(self) -> dt.date:
        return self.weeks[0].first

    @property
    def last(self) -> dt.date:
        return self.weeks[-1].last

    @property
    def sets_logged(self) -> int:
        return sum(v.sets for v in self.volume)

    @property
    def strength_done(self) -> int:
        return sum(a.done for a in self.adherence)

    @property
    def has_logs(self) -> bool:
        """Anything to chart: a logged set, or a session (run or strength) marked done."""
        return self.sets_logged > 0 or self.strength_done > 0 or any(d for _, d in self.runs)

    def shown_compliance(self, index: int) -> Compliance | None:
        """The colour a week's adherence bar gets: None while the week is still to come,
        and NONE (neutral) for the current week, which cannot be judged yet."""
        return metrics.shown_compliance(
            self.adherence[index], week_number(self.athlete, self.today)
        )

    def default_exercise(self) -> int | None:
        """The exercise whose load moved most often, else the most logged one."""
        if not self.exercises:
            return None
        best = max(self.exercises, key=lambda e: (e.loaded_days, e.days, e.name))
        return best.id

    def week_index(self, day: dt.date) -> int:
        """Slot of ``day`` on the x-axis (may fall outside ``weeks`` for stray days)."""
        return week_number(self.athlete, day) - self.weeks[0].week


def _week_state(week: int, current: int) -> WeekState:
    if week < current:
        return WeekState.PAST
    return WeekState.CURRENT if week == current else WeekState.FUTURE


def build_progress(
    athlete: Athlete,
    scope: str,
    today: dt.date,
    weeks: range,
    sessions: Sequence[metrics.SessionRow],
    days: Sequence[ExerciseDay],
    names: dict[int, str],
) -> ProgressData:
    """Compute every series from the rows (pure: no store, no Qt)."""
    current = week_number(athlete, today)
    infos = []
    for w in weeks:
        dates = week_dates(athlete, w)
        infos.append(
            WeekInfo(w, dates[0], dates[-1], phase_of(athlete, w), _week_state(w, current))
        )

    series = metrics.set_series(athlete, days, weeks)
    exercises = []
    for eid, points in series.loads.items():
        exercises.append(
            LoggedExercise(
                id=eid,
                name=names.get(eid, f"Exercise {eid}"),
                dose_kind=series.dose_kinds[eid],
                days=len(points),
                loaded_days=sum(1 for p in points if p.top_load_kg > 0),
            )
        )
    exercises.sort(key=lambda e: (e.name.casefold(), e.id))
    return ProgressData(
        athlete=athlete,
        scope=scope,
        today=today,
        weeks=tuple(infos),
        volume=tuple(series.volume),
        adherence=tuple(metrics.adherence(athlete, sessions, weeks)),
        buckets={b: tuple(v) for b, v in series.buckets.items()},
        pain=tuple(series.pain),
        runs=tuple(metrics.run_minutes(athlete, sessions, weeks)),
        exercises=tuple(exercises),
        loads={eid: tuple(points) for eid, points in series.loads.items()},
    )


def load_progress(
    store: Store, athlete_id: int, scope: str, today: dt.date | None = None
) -> ProgressData:
    """Read and compute the Progress tab's data in one transaction.

    Three queries whatever the range: the athlete, then the sessions and the logged sets
    summed per day and exercise with their exercises' names (together: one round trip
    on a server). For "all" the range is open at the start and its first week is taken
    from the earliest session read, so no extra query is needed.
    """
    if scope not in metrics.SCOPES:
        raise ValueError(f"unknown scope '{scope}' (expected one of: {', '.join(metrics.SCOPES)})")
    today = today or dt.date.today()
    with store.transaction() as tx:
        athlete = tx.athlete(athlete_id)
        current_last = week_dates(athlete, week_number(athlete, today))[-1]
        if scope == "all":
            first: dt.date | None = None
            last = current_last
        else:
            weeks = metrics.week_range(athlete, scope, today, None)
            first = week_dates(athlete, weeks[0])[0]
            last = week_dates(athlete, weeks[-1])[-1]
        sessions, days, names = tx.progress_rows(athlete_id, first, last)
    if scope == "all":
        earliest = sessions[0].date if sessions else None
        weeks = metrics.week_range(athlete, "all", today, earliest)
    return build_progress(athlete, scope, today, weeks, sessions, days, names)
