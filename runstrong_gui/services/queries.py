"""What the window reads: a week, the block, the library, the athletes.

Each method opens one transaction and returns frozen domain data; a week is read with
a fixed number of queries however many sessions it holds, and the block overview with
a fixed number for all its weeks.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, cast

from runstrong_gui.domain.enums import Phase, SessionKind
from runstrong_gui.domain.metrics import (
    Compliance,
    WeekAdherence,
    shown_compliance,
    strength_adherence,
)
from runstrong_gui.domain.models import Athlete, Exercise, Session, SessionDetail
from runstrong_gui.domain.pain import PAIN_THRESHOLD, PainFlags, pain_flag
from runstrong_gui.domain.progression import (
    block_weeks,
    phase_caption,
    phase_of,
    week_dates,
    week_number,
)
from runstrong_gui.domain.rules import (
    WARNING,
    RuleWarning,
    baseline_weekly_sets,
    check_week,
    exercise_warnings,
)
from runstrong_gui.domain.strength_profile import StrengthProfile, strength_profile
from runstrong_gui.services.library import avoid_tokens, is_avoided
from runstrong_gui.services.pain import pain_flags_for

if TYPE_CHECKING:  # the store (SQLAlchemy) loads when first used, after the window paints
    from runstrong_gui.services.changes import Snapshot
    from runstrong_gui.storage.first_week import FirstWeekStore
    from runstrong_gui.storage.store import Store, Tx

ONE_DAY = dt.timedelta(days=1)


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
    warnings: tuple[RuleWarning, ...] = field(default=())
    pain_sessions: frozenset[int] = field(default=frozenset())
    pain_planned: frozenset[int] = field(default=frozenset())
    today: dt.date = field(default_factory=dt.date.today)

    @property
    def first(self) -> dt.date:
        return self.days[0].date

    @property
    def last(self) -> dt.date:
        return self.days[-1].date

    def warnings_for(self, session_id: int) -> list[RuleWarning]:
        return [w for w in self.warnings if session_id in w.session_ids]

    @property
    def adherence(self) -> WeekAdherence:
        """Strength sessions done against planned this week."""
        return strength_adherence(
            self.week, ((d.session.kind, d.session.done) for day in self.days for d in day.sessions)
        )

    @property
    def compliance(self) -> Compliance | None:
        """The adherence colour to show: None for a week still to come."""
        return shown_compliance(self.adherence, week_number(self.athlete, self.today))


@dataclass(frozen=True)
class WeekSummary:
    """One row of the block view: a week's phase, its sessions as marks, its warnings."""

    week: int
    phase: Phase
    dates: tuple[dt.date, ...]
    marks: tuple[tuple[dt.date, SessionKind, bool, bool], ...]  # date, kind, done, skipped
    warnings: tuple[RuleWarning, ...]
    strength_sets: int
    adherence: WeekAdherence
    compliance: Compliance | None  # None for a week still to come


def _profiles(details: list[SessionDetail]) -> dict[int, StrengthProfile]:
    return {
        d.session.id: strength_profile(d.items, d.session.id)
        for d in details
        if d.session.kind is SessionKind.STRENGTH and d.session.id is not None
    }


def _baseline(tx: WeekReader, athlete: Athlete, weeks: list[int]) -> float | None:
    """Usual weekly strength sets, needed only when a peak or race week is shown."""
    if not any(phase_of(athlete, w) in (Phase.PEAK, Phase.RACE) for w in weeks):
        return None
    first, last = week_dates(athlete, 1)[0], week_dates(athlete, block_weeks(athlete))[-1]
    by_week: dict[int, int] = defaultdict(int)
    for day, sets in tx.strength_sets_by_day(athlete.id or 0, first, last).items():
        by_week[week_number(athlete, day)] += sets
    return baseline_weekly_sets(athlete, by_week)


class WeekReader(Protocol):
    """The reads of one week: a store's transaction, or the start-up's first-week reader
    (storage/first_week.py, before SQLAlchemy is loaded)."""

    def athlete(self, athlete_id: int) -> Athlete: ...

    def sessions_between(self, athlete_id: int, first: dt.date, last: dt.date) -> list[Session]: ...

    def session_details(
        self, sessions: Sequence[Session], known: dict[int, Exercise] | None = None
    ) -> list[SessionDetail]: ...

    def strength_sets_by_day(
        self, athlete_id: int, first: dt.date, last: dt.date
    ) -> dict[dt.date, int]: ...

    def max_pain_for(self, planned_ids: Sequence[int]) -> dict[int, int]: ...


_WeekRows = tuple[Athlete, list[Session], list[SessionDetail], float | None, PainFlags]


def _read_week(tx: WeekReader, athlete_id: int, week: int, known: dict[int, Exercise]) -> _WeekRows:
    athlete = tx.athlete(athlete_id)
    dates = week_dates(athlete, week)
    sessions = tx.sessions_between(athlete_id, dates[0] - ONE_DAY, dates[-1] + ONE_DAY)
    details = tx.session_details(sessions, known)
    baseline = _baseline(tx, athlete, [week])
    flags = pain_flags_for(cast("Tx", tx), details)
    return athlete, sessions, details, baseline, flags


def _week_data(rows: _WeekRows, week: int, today: dt.date | None) -> WeekData:
    athlete, sessions, details, baseline, flags = rows
    dates = week_dates(athlete, week)
    by_day: dict[dt.date, list[SessionDetail]] = {d: [] for d in dates}
    for detail in details:
        if detail.session.date in by_day:
            by_day[detail.session.date].append(detail)
    warnings = check_week(athlete, week, sessions, _profiles(details), baseline)
    tokens = avoid_tokens(athlete.avoid)
    shown = [(d.session, d.items) for d in details if d.session.date in by_day]
    warnings += exercise_warnings(athlete, week, shown, lambda e: is_avoided(e, tokens))
    warnings.sort(key=lambda w: (w.severity != WARNING, w.rule))
    return WeekData(
        athlete=athlete,
        week=week,
        phase=phase_of(athlete, week),
        caption=phase_caption(athlete, week),
        days=tuple(DayData(d, tuple(by_day[d])) for d in dates),
        warnings=tuple(warnings),
        pain_sessions=frozenset(flags.sessions),
        pain_planned=frozenset(flags.exercises),
        today=today or dt.date.today(),
    )


def _patched(
    rows: _WeekRows, week: int, before: Snapshot, after: Snapshot, exercises: dict[int, Exercise]
) -> _WeekRows | None:
    """The rows of a week read before a change, with the change applied: the sessions it
    touched replaced by their state after it (``after``, read in the change's own
    transaction). None when that cannot be known without the store: an exercise not
    read yet, or a peak week whose yardstick (the usual weekly sets of the Build and
    Load weeks) the change may have moved."""
    athlete, _sessions, details, baseline, flags = rows
    dates = week_dates(athlete, week)
    first, last = dates[0] - ONE_DAY, dates[-1] + ONE_DAY
    touched = before.keys() | after.keys()
    states = [s for s in (*before.values(), *after.values()) if s is not None]
    if baseline is not None and any(
        phase_of(athlete, week_number(athlete, s.session.date)) in (Phase.BUILD, Phase.LOAD)
        for s in states
    ):
        return None
    kept = [d for d in details if d.session.id not in touched]
    fresh: list[SessionDetail] = []
    pain_planned = set(flags.exercises & {p.id for d in kept for p, _e in d.items})
    for state in after.values():
        if state is None:
            continue
        s = state.session
        if s.athlete_id != athlete.id or not first <= s.date <= last:
            continue
        if any(p.exercise_id not in exercises for p, _logs in state.items):
            return None
        fresh.append(SessionDetail(s, tuple((p, exercises[p.exercise_id]) for p, _ in state.items)))
        for p, logs in state.items:
            worst = max((x.pain for x in logs if x.pain is not None), default=None)
            if p.id is not None and pain_flag(worst, False, PAIN_THRESHOLD):
                pain_planned.add(p.id)
    shown = sorted(
        [*kept, *fresh], key=lambda d: (d.session.date, d.session.order, d.session.id or 0)
    )
    pain_sessions = {
        d.session.id
        for d in shown
        if d.session.id is not None
        and (d.session.pain_persisting or any(p.id in pain_planned for p, _e in d.items))
    }
    sessions = [d.session for d in shown]
    return (
        athlete,
        sessions,
        shown,
        baseline,
        PainFlags(frozenset(pain_sessions), frozenset(pain_planned)),
    )


def first_week(
    store: FirstWeekStore, athlete_id: int, week: int | None, today: dt.date | None = None
) -> WeekData:
    """The week start-up shows before the store is open: the same WeekData
    :meth:`Queries.week` gives, read through ``store`` (the athlete's current week when
    ``week`` is None). Raises what the reader raises when it gives up."""
    with store.transaction() as tx:
        athlete = tx.athlete(athlete_id)
        week = week if week is not None else week_number(athlete, today or dt.date.today())
        rows = _read_week(tx, athlete_id, week, {})
    return _week_data(rows, week, today)


class Queries:
    """The read-only queries over one store (writes go through :mod:`changes` and the
    other services)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        # Exercises of the shown weeks, by id. The library changes only through the
        # library panel, which reloads it with library(); that empties this cache.
        self._exercises: dict[int, Exercise] = {}
        # Each athlete as last read: on a server, the days of the next week shown come
        # from it, so the athlete and that week are read together (see week()).
        self._athletes: dict[int, Athlete] = {}
        # The last week read, as (athlete id, week, the store's count of writes then, rows):
        # a change made right after it is shown by applying the change to these rows
        # (see week_after), without reading the week again.
        self._last_week: tuple[int, int, int, _WeekRows] | None = None

    @property
    def exercise_cache(self) -> dict[int, Exercise]:
        """Exercises already read, by id, for other readers of the shown plan to share."""
        return self._exercises

    def athletes(self, include_archived: bool = False) -> list[Athlete]:
        with self.store.transaction() as tx:
            return tx.athletes(include_archived)

    def athlete(self, athlete_id: int) -> Athlete:
        with self.store.transaction() as tx:
            return tx.athlete(athlete_id)

    def library(self, include_hidden: bool = False) -> list[Exercise]:
        self._exercises = {}
        with self.store.transaction() as tx:
            return tx.exercises(include_hidden)

    def session(self, session_id: int) -> Session:
        with self.store.transaction() as tx:
            return tx.session(session_id)

    def sessions_from(self, athlete_id: int, day: dt.date) -> list[Session]:
        """Every session of the athlete on or after ``day``, in calendar order."""
        with self.store.transaction() as tx:
            return tx.sessions_between(athlete_id, day, dt.date.max)

    def current_week(self, athlete: Athlete, today: dt.date | None = None) -> int:
        return week_number(athlete, today or dt.date.today())

    def week(self, athlete_id: int, week: int, today: dt.date | None = None) -> WeekData:
        """The seven days of a block week with sessions, exercises and rule warnings.

        The day before and after are read too: rule 5 looks at tomorrow's run.
        """
        with self.store.transaction() as tx:
            last_read = self._athletes.get(athlete_id)
            if last_read is not None:  # one round trip on a server (the days rarely move)
                days = week_dates(last_read, week)
                tx.know_week(athlete_id, days[0] - ONE_DAY, days[-1] + ONE_DAY)
            try:
                rows = _read_week(tx, athlete_id, week, self._exercises)
            finally:
                tx.forget()
        self._athletes[athlete_id] = rows[0]
        self._last_week = (athlete_id, week, self.store.writes, rows)
        return _week_data(rows, week, today)

    def week_after(
        self,
        athlete_id: int,
        week: int,
        before: Snapshot,
        after: Snapshot,
        today: dt.date | None = None,
    ) -> WeekData:
        """The week as :meth:`week` reads it, right after a change from ``before`` to
        ``after`` (snapshots of every session it touched, read in its transaction).

        When the week was the last one read and that change is the only write since, it
        is applied to that read instead of reading the week again: a drop then shows its
        card without a second transaction. Otherwise the week is read. (A change writes
        sessions with their exercises and logs, all in its snapshots; the athlete and
        the library change in transactions of their own, which count as writes. The
        one exception, a running plan's feed address kept with its import, is not
        part of any week.)
        """
        last = self._last_week
        if (
            last is not None
            and last[:2] == (athlete_id, week)
            and self.store.writes == last[2] + 1  # the change's own write, no other
        ):
            rows = _patched(last[3], week, before, after, self._exercises)
            if rows is not None:
                self._last_week = (athlete_id, week, self.store.writes, rows)
                return _week_data(rows, week, today)
        return self.week(athlete_id, week, today)

    def block(
        self, athlete_id: int, weeks: range | None = None, today: dt.date | None = None
    ) -> list[WeekSummary]:
        """Every week of the block (by default 1–12 and through the race week)."""
        with self.store.transaction() as tx:
            athlete = tx.athlete(athlete_id)
            if weeks is None:
                weeks = range(1, block_weeks(athlete) + 1)
            first = week_dates(athlete, weeks.start)[0]
            last = week_dates(athlete, weeks.stop - 1)[-1]
            sessions = tx.sessions_between(athlete_id, first - ONE_DAY, last + ONE_DAY)
            strength = [s for s in sessions if s.kind is SessionKind.STRENGTH]
            details = tx.session_details(strength)
            baseline = _baseline(tx, athlete, list(weeks))
        profiles = _profiles(details)
        by_week: dict[int, list[Session]] = defaultdict(list)
        for s in sessions:
            by_week[week_number(athlete, s.date)].append(s)
        current = week_number(athlete, today or dt.date.today())
        out = []
        for w in weeks:
            own = by_week.get(w, [])
            adherence = strength_adherence(w, ((s.kind, s.done) for s in own))
            context = by_week.get(w - 1, [])[-3:] + own + by_week.get(w + 1, [])[:3]
            out.append(
                WeekSummary(
                    week=w,
                    phase=phase_of(athlete, w),
                    dates=tuple(week_dates(athlete, w)),
                    marks=tuple((s.date, s.kind, s.done, s.skipped) for s in own),
                    warnings=tuple(check_week(athlete, w, context, profiles, baseline)),
                    strength_sets=sum(
                        profiles[s.id].total_sets for s in own if s.id in profiles and not s.skipped
                    ),
                    adherence=adherence,
                    compliance=shown_compliance(adherence, current),
                )
            )
        return out
