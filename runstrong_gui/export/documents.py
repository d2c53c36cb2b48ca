"""What the exporters print: plain records the services layer fills from the store.

The renderers never query anything, so everything a page shows must be in here.
Days, sessions and items are printed in date, ``Session.order`` and
``PlannedExercise.position`` order whatever order they arrive in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from runstrong_gui.domain.models import Athlete, Exercise, PlannedExercise, Session


@dataclass(frozen=True)
class ClinicInfo:
    """The handout's letterhead. ``contact`` may hold several lines."""

    name: str
    contact: str = ""
    logo_path: str | None = None


@dataclass(frozen=True)
class ItemPlan:
    """An exercise with the dose planned for it."""

    exercise: Exercise
    planned: PlannedExercise


@dataclass(frozen=True)
class SessionPlan:
    """A session of a day; ``items`` is empty for runs, walks, rest and cross-training."""

    session: Session
    items: tuple[ItemPlan, ...] = ()


@dataclass(frozen=True)
class DayPlan:
    date: dt.date
    sessions: tuple[SessionPlan, ...] = ()


WeekDays = tuple[int, tuple[DayPlan, ...]]
"""A block week number and its days (days without sessions may be left out)."""


@dataclass(frozen=True)
class HandoutData:
    """A therapist's handout: the client's exercises and, optionally, their week."""

    clinic: ClinicInfo
    athlete: Athlete
    therapist: str
    date: dt.date
    goal: str
    items: tuple[ItemPlan, ...]
    schedule: tuple[DayPlan, ...] = ()


@dataclass(frozen=True)
class WeekPlanData:
    """One block week for the fridge; every day must fall inside ``week``."""

    athlete: Athlete
    week: int
    days: tuple[DayPlan, ...]


@dataclass(frozen=True)
class ProgrammeData:
    """The block at a glance, week by week."""

    athlete: Athlete
    weeks: tuple[WeekDays, ...]


@dataclass(frozen=True)
class LogSheetData:
    """The strength sessions to print writing boxes for."""

    athlete: Athlete
    weeks: tuple[WeekDays, ...]
