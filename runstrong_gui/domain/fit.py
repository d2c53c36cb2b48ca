"""Fitting strength around runs that are already planned (typed or imported).

The running plan is taken as it is; only the athlete's planned strength sessions move,
and weeks short of ``athlete.strength_days`` get new ones with the generator's content.
Each week is placed with the generator's own search (:func:`generator.place_week`, which
scores candidates with :func:`rules.placement_warnings`), so there is one definition of
each rule. Sessions that already sit well stay where they are: every subset of the
week's sessions is tried in place, the rest re-placed, and the arrangement with the
fewest warnings and then the fewest moves wins. History (done, skipped or logged
sessions, given as ``fixed``) is context only and never changes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass

from runstrong_gui.domain.enums import SessionKind
from runstrong_gui.domain.models import Athlete, Session
from runstrong_gui.domain.placement import place_week, strength_order
from runstrong_gui.domain.progression import week_dates, week_number
from runstrong_gui.domain.rules import WARNING, RuleWarning, placement_warnings
from runstrong_gui.domain.strength_profile import StrengthProfile

# Beyond this many sessions to place in one week only "keep all" and "move all" are
# tried: the subsets would multiply the generator's search for no real week.
_MAX_SUBSET_SEARCH = 3


@dataclass(frozen=True)
class WeekFit:
    """What fitting does to one block week, and its placement warnings before and after.

    ``moves`` are existing sessions given a new day (or put after the day's run);
    ``added`` pairs an index into the week's new content with its day; ``removed`` are
    surplus generated sessions; ``short`` counts sessions that could not be added
    (no free day in the range, or no generated content for the week).
    """

    week: int
    moves: tuple[tuple[int, dt.date], ...] = ()
    added: tuple[tuple[int, dt.date], ...] = ()
    removed: tuple[int, ...] = ()
    short: int = 0
    before: tuple[RuleWarning, ...] = ()
    after: tuple[RuleWarning, ...] = ()

    @property
    def keeps_warnings(self) -> bool:
        return any(w.severity == WARNING for w in self.after)

    @property
    def changes(self) -> bool:
        return bool(self.moves or self.added or self.removed)


def _new_key(week: int, index: int) -> int:
    """A stand-in id for a session not saved yet (negative: never a stored id)."""
    return -(abs(week) * 10 + index + 1)


def _count_warnings(found: Sequence[RuleWarning]) -> int:
    return sum(1 for w in found if w.severity == WARNING)


def _last_on_day(session: Session, day: dt.date, others: Sequence[Session]) -> Session:
    """The session on ``day`` after everything else there: run first, then strength."""
    rest = [s for s in others if s.date == day and s.id != session.id]
    return dataclasses.replace(session, date=day, order=strength_order(day, rest))


def _stays(original: Session, placed: Session, context: Sequence[Session]) -> Session:
    """The original row when the search put it back on its day and it already comes
    after that day's other sessions: nothing to write."""
    if placed.date != original.date:
        return placed
    others = [s.order for s in context if s.date == original.date and s.id != original.id]
    return original if all(o < original.order for o in others) else placed


def _subsets(movable: Sequence[Session]) -> list[tuple[Session, ...]]:
    """The sessions to try keeping in place, largest sets first (fewest moves)."""
    n = len(movable)
    if n > _MAX_SUBSET_SEARCH:
        return [tuple(movable), ()]
    return [c for k in range(n, -1, -1) for c in itertools.combinations(movable, k)]


def fit_strength(
    athlete: Athlete,
    first: dt.date,
    last: dt.date,
    sessions: Sequence[Session],
    profiles: Mapping[int, StrengthProfile],
    fixed: Collection[int],
    removable: Collection[int],
    content: Callable[[int], Sequence[StrengthProfile]],
) -> list[WeekFit]:
    """Place the planned strength sessions of ``first``..``last`` around the runs.

    ``sessions`` are the athlete's sessions of every block week the range touches and a
    day either side; ``profiles`` are the strength sessions' profiles by id; ``fixed``
    ids never move (history); ``removable`` ids may be deleted when a week holds more
    than ``athlete.strength_days`` (generated, unchanged plans); ``content(week)`` gives
    the generator's sessions for a week, in order, for weeks that are short. Only days
    in the range are written to; a day holding a strength session gets no second one.
    """
    weeks = range(week_number(athlete, first), week_number(athlete, last) + 1)
    in_range = {first + dt.timedelta(days=n) for n in range((last - first).days + 1)}

    def movable_now(s: Session) -> bool:
        return (
            s.kind is SessionKind.STRENGTH
            and s.id is not None
            and s.id not in fixed
            and not s.skipped
            and s.date in in_range
        )

    all_profiles = dict(profiles)
    # Where every session stands as the weeks are settled one by one. Movable sessions
    # of weeks not yet settled are left out of the context: they will make way.
    settled: dict[int, Session] = {
        s.id: s for s in sessions if s.id is not None and not movable_now(s)
    }
    results: list[WeekFit] = []
    for week in weeks:
        days = week_dates(athlete, week)
        mine = sorted(
            (s for s in sessions if movable_now(s) and s.date in days),
            key=lambda s: (s.date, s.order),
        )
        held = [
            s
            for s in settled.values()
            if s.kind is SessionKind.STRENGTH and not s.skipped and s.date in days
        ]
        count = len(held) + len(mine)
        surplus = count - athlete.strength_days
        removed: list[int] = []
        if surplus > 0:
            spare = [s for s in reversed(mine) if s.id in removable][:surplus]
            removed = [s.id for s in spare if s.id is not None]
            mine = [s for s in mine if s.id not in removed]
            count -= len(removed)
        need = max(0, athlete.strength_days - count)
        new: list[StrengthProfile] = []
        if need:
            made = list(content(week))[count : count + need]
            new = [
                dataclasses.replace(p, session_id=_new_key(week, count + i))
                for i, p in enumerate(made)
            ]
        open_days = [d for d in days if d in in_range]
        busy = {s.date for s in held}
        free_all_kept = [d for d in open_days if d not in busy | {s.date for s in mine}]
        short = need - len(new)
        if len(new) > len(free_all_kept):
            short += len(new) - len(free_all_kept)
            new = new[: len(free_all_kept)]
        all_profiles.update({p.session_id: p for p in new if p.session_id is not None})
        new_index = {p.session_id: count + i for i, p in enumerate(new)}

        window = {days[0] + dt.timedelta(days=n) for n in range(-1, 8)}
        around = [s for s in settled.values() if s.date in window]
        best: tuple[tuple[int, int, int], list[Session]] | None = None
        for n, kept in enumerate(_subsets(mine)):
            context = [*around, *kept]
            taken = busy | {s.date for s in kept}
            allowed = [i for i, d in enumerate(days) if d in in_range and d not in taken]
            rest = [s for s in mine if s not in kept]
            to_place = [all_profiles[s.id or 0] for s in rest] + new
            if len(to_place) > len(allowed):
                continue
            placed: list[Session] = []
            if to_place:
                dates = place_week(athlete, week, to_place, context, all_profiles, allowed)
                cards = [
                    *rest,
                    *(
                        Session(
                            athlete_id=athlete.id or 0,
                            date=days[0],
                            kind=SessionKind.STRENGTH,
                            id=p.session_id,
                        )
                        for p in new
                    ),
                ]
                placed = [
                    _last_on_day(card, day, context) for card, day in zip(cards, dates, strict=True)
                ]
                placed = [
                    _stays(card, s, context) if i < len(rest) else s
                    for i, (card, s) in enumerate(zip(cards, placed, strict=True))
                ]
            trial = [*context, *placed]
            warnings = _count_warnings(placement_warnings(athlete, week, trial, all_profiles))
            moved = sum(1 for s in placed if (s.id or 0) > 0 and s not in rest)
            key = (warnings, moved, n)
            if best is None or key < best[0]:
                best = (key, [*kept, *placed])
        assert best is not None  # keeping every session in place always fits
        moves: list[tuple[int, dt.date]] = []
        added: list[tuple[int, dt.date]] = []
        for s in best[1]:
            assert s.id is not None
            settled[s.id] = s
            if s.id < 0:
                added.append((new_index[s.id], s.date))
            elif s not in mine:
                moves.append((s.id, s.date))
        results.append(
            WeekFit(
                week=week,
                moves=tuple(sorted(moves, key=lambda m: (m[1], m[0]))),
                added=tuple(sorted(added, key=lambda a: a[1])),
                removed=tuple(removed),
                short=short,
            )
        )

    after = list(settled.values())
    return [
        dataclasses.replace(
            r,
            before=tuple(placement_warnings(athlete, r.week, sessions, profiles)),
            after=tuple(placement_warnings(athlete, r.week, after, all_profiles)),
        )
        for r in results
    ]


__all__ = ["WeekFit", "fit_strength"]
