"""Generating the 12-week block into the store, and scaling a week's strength volume.

Both are plan changes written as actions for ``changes.record`` (through
``MainWindow.apply``), so one undo takes a whole generated block — or a whole
deload — back out exactly, replaced sessions included.

Regenerating never silently destroys the user's work: :func:`block_sessions` sorts the
block's strength sessions into history (done, skipped or logged: always kept), the
user's own plans and the rest, and the caller asks whether to keep the user's weeks.
Keeping them leaves every week holding one as it is; replacing replaces planned
sessions with no log only.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from runstrong_gui.domain import bounds as b
from runstrong_gui.domain.enums import SessionKind
from runstrong_gui.domain.errors import ValidationError
from runstrong_gui.domain.generator import (
    MAX_WEEKS,
    GeneratedSession,
    GeneratorOptions,
    generate_block,
    strength_order,
)
from runstrong_gui.domain.models import Athlete, Exercise, PlannedExercise, Session
from runstrong_gui.domain.progression import BLOCK_WEEKS, block_weeks, week_dates, week_number
from runstrong_gui.services.calendar import renumber_days
from runstrong_gui.services.changes import Action, Outcome
from runstrong_gui.services.library import avoid_tokens

if TYPE_CHECKING:  # the store (SQLAlchemy) loads when first used, after the window paints
    from runstrong_gui.domain.models import SessionDetail
    from runstrong_gui.storage.store import Store, Tx

SCALE_PERCENT = (10, 200)
DELOAD_PERCENT = 60


def default_weeks(athlete: Athlete) -> int:
    """The athlete's block (twelve weeks, or on to a later race) when the generator can
    plan all of it; else the twelve weeks of the base."""
    length = block_weeks(athlete)
    return length if length <= MAX_WEEKS else BLOCK_WEEKS


def default_options(athlete: Athlete) -> GeneratorOptions:
    return GeneratorOptions(
        strength_days=athlete.strength_days,
        equipment=frozenset(athlete.equipment),
        philosophy=athlete.philosophy,
        plyometrics=athlete.plyometrics_ok,
        weeks=default_weeks(athlete),
    )


def block_dates(athlete: Athlete, weeks: int) -> list[dt.date]:
    """Every date of block weeks 1..``weeks``: the days a generation may touch."""
    return [d for w in range(1, weeks + 1) for d in week_dates(athlete, w)]


def _planning_athlete(athlete: Athlete) -> Athlete:
    """The athlete with the avoid list spelled the way the generator matches it."""
    return dataclasses.replace(athlete, avoid=tuple(sorted(avoid_tokens(athlete.avoid))))


def first_day(athlete: Athlete, options: GeneratorOptions, today: dt.date | None) -> dt.date:
    """The first day a generation may write to: the block start, or today when later
    (unless the user asked to plan the days already gone by too)."""
    if options.include_past:
        return athlete.block_start
    return max(athlete.block_start, today or dt.date.today())


def generated_sessions(
    tx: Tx, athlete: Athlete, options: GeneratorOptions, today: dt.date | None
) -> list[GeneratedSession]:
    dates = block_dates(athlete, options.weeks)
    around = tx.sessions_between(
        athlete.id or 0, dates[0] - dt.timedelta(days=1), dates[-1] + dt.timedelta(days=1)
    )
    runs = [s for s in around if s.kind is not SessionKind.STRENGTH]
    library = tx.exercises(include_hidden=True)
    return generate_block(
        _planning_athlete(athlete), library, runs, options, first_day(athlete, options, today)
    )


def preview(
    store: Store, athlete_id: int, options: GeneratorOptions, today: dt.date | None = None
) -> list[GeneratedSession]:
    """What generating would write, without writing it (for the dialog's summary)."""
    with store.transaction() as tx:
        return generated_sessions(tx, tx.athlete(athlete_id), options, today)


def exercises_by_id(store: Store) -> dict[int, Exercise]:
    """The whole library, hidden exercises too, for naming what a preview holds."""
    with store.transaction() as tx:
        return {e.id: e for e in tx.exercises(include_hidden=True) if e.id is not None}


@dataclass(frozen=True)
class BlockSessions:
    """The block's strength sessions as a regeneration sees them (see :func:`block_sessions`)."""

    history: tuple[Session, ...] = ()  # done, skipped or logged: never replaced nor changed
    mine: tuple[Session, ...] = ()  # planned, no log, made or changed by the user
    replaced: tuple[Session, ...] = ()  # every planned session with no log ("Replace them")

    @property
    def users(self) -> list[Session]:
        """What the user made, changed, did or logged, in calendar order."""
        return sorted([*self.history, *self.mine], key=lambda s: (s.date, s.order, s.id or 0))


def _block_strength(tx: Tx, athlete: Athlete, weeks: int) -> list[Session]:
    dates = block_dates(athlete, weeks)
    return [
        s
        for s in tx.sessions_between(athlete.id or 0, dates[0], dates[-1])
        if s.kind is SessionKind.STRENGTH
    ]


def census_of(tx: Tx, sessions: list[Session]) -> BlockSessions:
    """Sort the sessions into history, the user's plans and the rest of the plan.

    History is what the athlete did: a session done or skipped, with a pain report, or
    with any set logged even if never marked done. It is the only record of the
    training, so no answer to the regeneration question may delete it.
    """
    ids = [s.id for s in sessions if s.id is not None]
    planned = tx.planned_for(ids)
    logs = tx.logs_for([p.id for items in planned.values() for p in items if p.id is not None])
    logged = {sid for sid, items in planned.items() if any(logs.get(p.id or -1) for p in items)}
    did = {s.id for s in sessions if s.done or s.skipped or s.pain_persisting or s.id in logged}
    history = tuple(s for s in sessions if s.id in did)
    rest = [s for s in sessions if s.id not in did]
    mine = tuple(s for s in rest if s.source != "generator" or s.edited)
    return BlockSessions(history=history, mine=mine, replaced=tuple(rest))


def block_sessions(store: Store, athlete_id: int, weeks: int) -> BlockSessions:
    """The block's strength sessions: what a regeneration keeps and what it may replace."""
    with store.transaction() as tx:
        return census_of(tx, _block_strength(tx, tx.athlete(athlete_id), weeks))


def user_sessions(store: Store, athlete_id: int, weeks: int) -> list[Session]:
    """Strength sessions in the block that the user made, edited, did or logged."""
    return block_sessions(store, athlete_id, weeks).users


def _beside_kept(generated: list[GeneratedSession], kept: list[Session]) -> list[GeneratedSession]:
    """The week's generated sessions that still fit beside the sessions kept in it.

    A kept session stands for one generated session, so the week keeps the number of
    strength sessions asked for: the ones on a day that already holds a kept session
    go first (never two strength sessions on a day), then the ones nearest a kept day.
    """
    if not kept:
        return generated
    days = {s.date for s in kept}
    room = max(0, len(generated) - len(kept))

    def distance(g: GeneratedSession) -> int:
        return min(abs((g.date - d).days) for d in days)

    free = [n for n, g in enumerate(generated) if g.date not in days]
    chosen = set(sorted(free, key=lambda n: (-distance(generated[n]), n))[:room])
    return [g for n, g in enumerate(generated) if n in chosen]


def generate_action(
    athlete_id: int, options: GeneratorOptions, keep_user: bool, today: dt.date | None = None
) -> Action:
    """Replace the block's planned strength sessions with freshly generated ones.

    Sessions done, skipped or logged are history and stay exactly as they are whatever
    ``keep_user`` says; a generated session that would sit beside one is left out (see
    :func:`_beside_kept`). With ``keep_user`` every week holding a session the user
    made, changed, did or logged is left as it is; otherwise only the history is kept.
    Runs are never touched, nor anything before :func:`first_day`. Positions within
    each day touched end up dense.
    """

    def action(tx: Tx) -> Outcome:
        athlete = tx.athlete(athlete_id)
        start = first_day(athlete, options, today)
        dates = [d for d in block_dates(athlete, options.weeks) if d >= start]
        census = census_of(tx, _block_strength(tx, athlete, options.weeks))
        kept_weeks = {week_number(athlete, s.date) for s in census.users} if keep_user else set()
        for s in census.replaced:
            if s.date >= start and week_number(athlete, s.date) not in kept_weeks:
                assert s.id is not None
                tx.delete_session(s.id)
        history: dict[int, list[Session]] = {}  # and the plans left in the past
        for s in [*census.history, *(s for s in census.replaced if s.date < start)]:
            history.setdefault(week_number(athlete, s.date), []).append(s)
        weeks: dict[int, list[GeneratedSession]] = {}
        for g in generated_sessions(tx, athlete, options, today):
            weeks.setdefault(g.week, []).append(g)
        created: list[int] = []
        library = {e.id: e for e in tx.exercises(include_hidden=True) if e.id is not None}
        for week, generated in weeks.items():
            if week in kept_weeks:
                continue
            for g in _beside_kept(generated, history.get(week, [])):
                created.append(write_generated(tx, athlete_id, g, library))
        touched = [d for d in dates if week_number(athlete, d) not in kept_weeks]
        if touched:
            renumber_days(tx, tx.sessions_between(athlete_id, touched[0], touched[-1]), touched)
        return Outcome(created=tuple(created), focus_date=dates[0] if dates else start)

    return action


def write_generated(
    tx: Tx, athlete_id: int, g: GeneratedSession, library: dict[int, Exercise]
) -> int:
    """Save one generated session; its exercises go in with one bulk insert."""
    session = tx.add_session(
        Session(
            athlete_id=athlete_id,
            date=g.date,
            kind=SessionKind.STRENGTH,
            order=strength_order(g.date, tx.day_sessions(athlete_id, g.date)),
            title=g.title,
            source="generator",
        )
    )
    assert session.id is not None
    tx.add_planned_many(
        [
            PlannedExercise(
                session_id=session.id,
                exercise_id=item.exercise_key_or_id,
                position=position,
                sets=item.sets,
                amount=item.amount,
                load_kg=item.load_kg,
                rest_seconds=item.rest_seconds,
                per_side=item.per_side,
                tempo=item.tempo,
            ).checked_for(library[item.exercise_key_or_id].dose_kind)
            for position, item in enumerate(g.items)
        ]
    )
    return session.id


# --- whole-week scaling -------------------------------------------------------------


def scaled_sets(sets: Sequence[int], percent: int) -> list[int]:
    """Sets at ``percent`` of now, with the total as close to that share as it can be.

    Each exercise keeps at least one set and at most the cap, so rounding each one on its
    own drifts (ten exercises of 2 sets at 60 % would all round to 1: 50 %). Instead the
    whole is apportioned by largest remainders: every exercise gets the whole part of its
    share, and the sets still missing from the target go to the largest fractions (the
    earlier exercise first on a tie).
    """
    lo, hi = b.SETS
    shares = [n * percent / 100 for n in sets]
    target = math.floor(sum(shares) + 0.5)
    out = [max(lo, min(hi, math.floor(q))) for q in shares]
    by_remainder = sorted(range(len(sets)), key=lambda i: (-(shares[i] - math.floor(shares[i])), i))
    for i in by_remainder:
        if sum(out) >= target:
            break
        if out[i] < hi and out[i] < math.ceil(shares[i]):
            out[i] += 1
    return out


def check_percent(percent: object) -> int:
    lo, hi = SCALE_PERCENT
    if isinstance(percent, bool) or not isinstance(percent, int):
        raise ValidationError("Percentage", f"must be a whole number from {lo} to {hi} %")
    if not lo <= percent <= hi:
        raise ValidationError("Percentage", f"must be from {lo} to {hi} % (got {percent} %)")
    return percent


def _scalable(detail: SessionDetail) -> bool:
    s = detail.session
    return s.kind is SessionKind.STRENGTH and not s.done


def week_sets(details: Iterable[SessionDetail], percent: int = 100) -> int:
    """Strength sets of the sessions still to do, at ``percent`` (what scaling changes)."""
    return sum(scaled_sets([p.sets for d in details if _scalable(d) for p, _e in d.items], percent))


def scale_week_action(athlete_id: int, dates: Iterable[dt.date], percent: int) -> Action:
    """Set the strength sets of the days' sessions to ``percent`` of what they are.

    Sessions already done keep their sets (they are history); generated sessions that
    are scaled count as changed by the user, so a regeneration asks before replacing
    them.
    """
    percent = check_percent(percent)
    days = sorted(set(dates))

    def action(tx: Tx) -> Outcome:
        sessions = [
            s
            for s in tx.sessions_between(athlete_id, days[0], days[-1])
            if s.date in days and s.kind is SessionKind.STRENGTH and not s.done
        ]
        planned = tx.planned_for([s.id for s in sessions if s.id is not None])
        items = [(s, p) for s in sessions for p in planned.get(s.id or -1, [])]
        changed: dict[int, Session] = {}
        for (s, p), new in zip(
            items, scaled_sets([p.sets for _s, p in items], percent), strict=True
        ):
            if new != p.sets:
                tx.update_planned(dataclasses.replace(p, sets=new))
                changed[s.id or -1] = s
        for s in changed.values():
            if s.source == "generator" and not s.edited:
                tx.update_session(dataclasses.replace(s, edited=True))
        return Outcome()

    return action
