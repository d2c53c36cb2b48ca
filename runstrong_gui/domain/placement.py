"""Where a generated week's sessions go: every way of putting them on the open days is
scored with :func:`rules.placement_warnings` (the code the week view uses) and the one
with the fewest broken rules wins, ties going to the philosophy's preferred days.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Sequence

from runstrong_gui.domain import bounds as b
from runstrong_gui.domain.dosing import Dose
from runstrong_gui.domain.enums import (
    Philosophy,
    SessionKind,
)
from runstrong_gui.domain.models import Athlete, Exercise, PlannedExercise, Session
from runstrong_gui.domain.progression import week_dates
from runstrong_gui.domain.rules import INFO, WARNING, placement_warnings
from runstrong_gui.domain.strength_profile import StrengthProfile, strength_profile


def _day_penalty(day: dt.date, others: Sequence[Session], philosophy: Philosophy) -> int:
    """How far a day is from where the philosophy wants strength (0 = ideal).

    Race day and the day before it are kept clear even of a light session: rules 4 and
    5 only guard against heavy ones, but nobody wants sore legs on the start line.
    """
    kinds = {s.kind for s in others if s.date == day and not s.skipped}
    eve = any(
        s.kind is SessionKind.RACE and not s.skipped and s.date == day + dt.timedelta(days=1)
        for s in others
    )
    penalty = (10 if SessionKind.RACE in kinds else 0) + (5 if eve else 0)
    hard = any(k.is_hard_run for k in kinds)
    if philosophy is Philosophy.EASY_DAYS:
        if hard:
            penalty += 4
        elif SessionKind.MODERATE in kinds:
            penalty += 1
        elif SessionKind.REST in kinds and not any(k.is_run for k in kinds):
            penalty += 1  # a planned rest day stays a rest day where possible
    elif not (SessionKind.LONG in kinds or SessionKind.QUALITY in kinds):
        penalty += 2
    return penalty


def _min_gap(offsets: Sequence[int]) -> int:
    """Smallest spacing between strength days, wrapping into the next (similar) week."""
    days = sorted(offsets)
    if len(days) < 2:
        return 7
    gaps = [b2 - a for a, b2 in itertools.pairwise(days)] + [days[0] + 7 - days[-1]]
    return min(gaps)


def _placements(
    profiles: Sequence[StrengthProfile], allowed: Sequence[int]
) -> Iterable[tuple[int, ...]]:
    """Day offsets for each session; sessions alike for the rules are not swapped.

    Rules 2–5 read nothing of a profile but ``heavy``, so two sessions equally heavy are
    interchangeable: trying both orders would only cost time.
    """
    pairs = [
        (i, j)
        for i, j in itertools.combinations(range(len(profiles)), 2)
        if profiles[i].heavy == profiles[j].heavy
    ]
    for perm in itertools.permutations(allowed, len(profiles)):
        if all(perm[i] < perm[j] for i, j in pairs):
            yield perm


def place_week(
    athlete: Athlete,
    week: int,
    profiles: Sequence[StrengthProfile],
    context: Sequence[Session],
    context_profiles: dict[int, StrengthProfile],
    allowed: Sequence[int],
) -> list[dt.date]:
    """The days for the week's sessions: fewest rule 2–5 warnings, then the philosophy's
    preferred days, then fewest notes, then the widest spacing, then the earliest days."""
    days = week_dates(athlete, week)
    all_profiles = dict(context_profiles)
    all_profiles.update({p.session_id: p for p in profiles if p.session_id is not None})
    penalties = [_day_penalty(d, context, athlete.philosophy) for d in days]
    best: tuple[tuple[int, ...], tuple[int, ...]] | None = None
    # One candidate card per (session, day), built once: validation is not free.
    cards = [
        [
            Session(
                athlete_id=athlete.id or 0,
                date=d,
                kind=SessionKind.STRENGTH,
                order=strength_order(d, context),
                id=p.session_id,
            )
            for d in days
        ]
        for p in profiles
    ]
    for perm in _placements(profiles, allowed):
        trial = [cards[n][off] for n, off in enumerate(perm)]
        found = placement_warnings(athlete, week, [*context, *trial], all_profiles)
        warnings = sum(1 for w in found if w.severity == WARNING)
        notes = sum(1 for w in found if w.severity == INFO)
        penalty = sum(penalties[off] for off in perm)
        key = (warnings, penalty, notes, -min(_min_gap(perm), 3), *sorted(perm), *perm)
        if best is None or key < best[0]:
            best = (key, perm)
    assert best is not None
    return [days[off] for off in best[1]]


def profile_of(sid: int, items: Sequence[tuple[Exercise, Dose]]) -> StrengthProfile:
    planned = [
        (
            PlannedExercise(
                session_id=sid,
                exercise_id=ex.id or 0,
                position=i,
                sets=d.sets,
                amount=d.amount,
                load_kg=d.load_kg,
                per_side=ex.per_side,
            ),
            ex,
        )
        for i, (ex, d) in enumerate(items)
    ]
    return strength_profile(planned, sid)


def strength_order(day: dt.date, sessions: Iterable[Session]) -> int:
    """An ``order`` that puts a new strength session after everything else that day.

    The generator's placements assume this (rule 3: run first, then strength); the
    service saving a generated session should use it.
    """
    orders = [s.order for s in sessions if s.date == day]
    return min(max(orders) + 1, b.ORDER[1]) if orders else 0
