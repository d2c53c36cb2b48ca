"""Fit strength around these runs: move or add strength sessions so the week's rules hold.

The runs in the store (typed or imported from a calendar feed) are the plan; the
athlete's planned strength sessions of a date range are moved off the days the rules
warn about, and weeks short of ``athlete.strength_days`` get sessions with the
generator's content for that week. History — done, skipped or logged sessions, as
:func:`generate.census_of` defines it — is never moved, changed nor deleted; surplus
sessions are removed only when the generator made them and nobody changed them since.
The action is one transaction and one undo step (see :mod:`changes`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from runstrong_gui.domain import bounds as b
from runstrong_gui.domain.enums import SessionKind
from runstrong_gui.domain.errors import ValidationError
from runstrong_gui.domain.fit import WeekFit, fit_strength
from runstrong_gui.domain.generator import MAX_WEEKS, GeneratedSession
from runstrong_gui.domain.models import Athlete, Exercise, PlannedExercise
from runstrong_gui.domain.progression import week_dates, week_number
from runstrong_gui.domain.strength_profile import StrengthProfile, strength_profile
from runstrong_gui.services.calendar import renumber_days
from runstrong_gui.services.changes import Action, Outcome
from runstrong_gui.services.generate import (
    census_of,
    default_options,
    default_weeks,
    generated_sessions,
    write_generated,
)

if TYPE_CHECKING:  # the store (SQLAlchemy) loads when first used, after the window paints
    from runstrong_gui.storage.store import Store, Tx

MAX_DAYS = 7 * MAX_WEEKS  # a block's worth: the generator plans no more than that


@dataclass(frozen=True)
class FitPreview:
    """What fitting would do, week by week (see :class:`domain.fit.WeekFit`)."""

    first: dt.date
    last: dt.date
    weeks: tuple[WeekFit, ...] = ()

    @property
    def moved(self) -> int:
        return sum(len(w.moves) for w in self.weeks)

    @property
    def added(self) -> int:
        return sum(len(w.added) for w in self.weeks)

    @property
    def removed(self) -> int:
        return sum(len(w.removed) for w in self.weeks)

    @property
    def short(self) -> int:
        return sum(w.short for w in self.weeks)

    @property
    def warned_weeks(self) -> list[WeekFit]:
        """Weeks that keep a placement warning: no day for strength avoids every rule."""
        return [w for w in self.weeks if w.keeps_warnings]

    @property
    def changes(self) -> bool:
        return any(w.changes for w in self.weeks)


def check_range(first: dt.date, last: dt.date) -> None:
    if last < first:
        raise ValidationError("Dates", "the last day must not be before the first")
    if (last - first).days >= MAX_DAYS:
        raise ValidationError("Dates", f"fit at most {MAX_WEEKS} weeks at a time")


def _window(athlete: Athlete, first: dt.date, last: dt.date) -> tuple[dt.date, dt.date]:
    """Whole block weeks around the range and a day either side (rules 2 and 5 look
    across the week's edges)."""
    one = dt.timedelta(days=1)
    start = week_dates(athlete, week_number(athlete, first))[0]
    end = week_dates(athlete, week_number(athlete, last))[-1]
    return start - one, end + one


def _generated_profile(g: GeneratedSession, library: dict[int, Exercise]) -> StrengthProfile:
    items = [
        (
            PlannedExercise(
                session_id=0,
                exercise_id=item.exercise_key_or_id,
                position=n,
                sets=item.sets,
                amount=item.amount,
                load_kg=item.load_kg,
                per_side=item.per_side,
            ),
            library[item.exercise_key_or_id],
        )
        for n, item in enumerate(g.items)
    ]
    return strength_profile(items)


@dataclass(frozen=True)
class _Plan:
    preview: FitPreview
    content: dict[int, list[GeneratedSession]]


def _plan(tx: Tx, athlete_id: int, first: dt.date, last: dt.date) -> _Plan:
    check_range(first, last)
    athlete = tx.athlete(athlete_id)
    lo, hi = _window(athlete, first, last)
    sessions = tx.sessions_between(athlete_id, lo, hi)
    strength = [s for s in sessions if s.kind is SessionKind.STRENGTH]
    details = tx.session_details(strength)
    profiles = {
        d.session.id: strength_profile(d.items, d.session.id)
        for d in details
        if d.session.id is not None
    }
    census = census_of(tx, strength)
    fixed = {s.id for s in census.history if s.id is not None}
    removable = {
        s.id
        for s in census.replaced
        if s.id is not None and s.source == "generator" and not s.edited
    }
    content: dict[int, list[GeneratedSession]] = {}
    library: dict[int, Exercise] = {}

    @cache
    def _all_weeks() -> bool:
        """Generate the block once, only when some week is short of sessions."""
        weeks = min(MAX_WEEKS, max(default_weeks(athlete), week_number(athlete, last)))
        options = dataclasses.replace(default_options(athlete), weeks=weeks, include_past=True)
        library.update({e.id: e for e in tx.exercises(include_hidden=True) if e.id is not None})
        for g in generated_sessions(tx, athlete, options, None):
            content.setdefault(g.week, []).append(g)
        return True

    def week_content(week: int) -> Sequence[StrengthProfile]:
        if not 1 <= week <= MAX_WEEKS:
            return []
        _all_weeks()
        return [_generated_profile(g, library) for g in content.get(week, [])]

    weeks = fit_strength(athlete, first, last, sessions, profiles, fixed, removable, week_content)
    return _Plan(FitPreview(first, last, tuple(weeks)), content)


def fit_preview(store: Store, athlete_id: int, first: dt.date, last: dt.date) -> FitPreview:
    """What fitting ``first``..``last`` would move, add and remove, and the placement
    warnings of each week before and after; nothing is written."""
    with store.transaction() as tx:
        return _plan(tx, athlete_id, first, last).preview


def fit_action(athlete_id: int, first: dt.date, last: dt.date) -> Action:
    """Move, add (and remove surplus generated) strength sessions as :func:`fit_preview`
    shows, in one transaction; record it with ``changes.record`` over the range's days."""
    check_range(first, last)

    def action(tx: Tx) -> Outcome:
        plan = _plan(tx, athlete_id, first, last)
        moves = {sid: day for w in plan.preview.weeks for sid, day in w.moves}
        for sid in (sid for w in plan.preview.weeks for sid in w.removed):
            tx.delete_session(sid)
        # Last in its new day for now (run first, then strength); the days are made
        # dense again below.
        for s in tx.sessions_by_id(moves):
            tx.update_session(dataclasses.replace(s, date=moves[s.id or 0], order=b.ORDER[1]))
        library = {e.id: e for e in tx.exercises(include_hidden=True) if e.id is not None}
        created = []
        for w in plan.preview.weeks:
            for index, day in w.added:
                g = plan.content[w.week][index]
                created.append(
                    write_generated(tx, athlete_id, dataclasses.replace(g, date=day), library)
                )
        days = [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
        renumber_days(tx, tx.sessions_between(athlete_id, first, last), days)
        placed = [*moves.values(), *(d for w in plan.preview.weeks for _i, d in w.added)]
        return Outcome(created=tuple(created), focus_date=min(placed, default=first))

    return action


def fit_days(first: dt.date, last: dt.date) -> tuple[dt.date, ...]:
    """The days :func:`fit_action` may touch, for ``changes.record``."""
    check_range(first, last)
    return tuple(first + dt.timedelta(days=n) for n in range((last - first).days + 1))


__all__ = ["FitPreview", "check_range", "fit_action", "fit_days", "fit_preview"]
