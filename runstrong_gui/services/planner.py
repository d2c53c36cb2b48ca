"""What the planner window reads: a week, the library, the athletes.

Each method opens one transaction and returns frozen domain data; a week is read
with a fixed number of queries however many sessions it holds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from runstrong_gui.domain.enums import Phase
from runstrong_gui.domain.models import Athlete, Exercise
from runstrong_gui.domain.progression import (
    phase_caption,
    phase_of,
    planned_minutes,
    week_dates,
    week_number,
)
from runstrong_gui.storage.store import SessionDetail, Store


@dataclass(frozen=True)
class DayData:
    date: dt.date
    sessions: tuple[SessionDetail, ...]


@dataclass(frozen=True)
class WeekData:
    athlete: Athlete
    week: int
    phase: Phase
    caption: str
    days: tuple[DayData, ...]
    warnings: tuple = field(default=())  # RuleWarning objects, once rules are wired

    @property
    def first(self) -> dt.date:
        return self.days[0].date

    @property
    def last(self) -> dt.date:
        return self.days[-1].date


def strength_minutes(detail: SessionDetail) -> int:
    return planned_minutes([(p, e.dose_kind) for p, e in detail.items])


class Planner:
    """Read and write use cases over one store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def athletes(self, include_archived: bool = False) -> list[Athlete]:
        with self.store.transaction() as tx:
            return tx.athletes(include_archived)

    def athlete(self, athlete_id: int) -> Athlete:
        with self.store.transaction() as tx:
            return tx.athlete(athlete_id)

    def save_athlete(self, athlete: Athlete) -> Athlete:
        with self.store.transaction() as tx:
            if athlete.id is None:
                return tx.add_athlete(athlete)
            return tx.update_athlete(athlete)

    def library(self, include_hidden: bool = False) -> list[Exercise]:
        with self.store.transaction() as tx:
            return tx.exercises(include_hidden)

    def current_week(self, athlete: Athlete, today: dt.date | None = None) -> int:
        return week_number(athlete, today or dt.date.today())

    def week(self, athlete_id: int, week: int) -> WeekData:
        """The seven days of a block week with sessions and their exercises."""
        with self.store.transaction() as tx:
            athlete = tx.athlete(athlete_id)
            dates = week_dates(athlete, week)
            sessions = tx.sessions_between(athlete_id, dates[0], dates[-1])
            details = tx.session_details(sessions)
        by_day: dict[dt.date, list[SessionDetail]] = {d: [] for d in dates}
        for detail in details:
            by_day[detail.session.date].append(detail)
        return WeekData(
            athlete=athlete,
            week=week,
            phase=phase_of(athlete, week),
            caption=phase_caption(athlete, week),
            days=tuple(DayData(d, tuple(by_day[d])) for d in dates),
        )
