"""Generating the 12-week block into the store, and scaling a week's strength volume.

Both are plan changes written as actions for ``changes.record`` (through
``MainWindow.apply``), so one undo takes a whole generated block — or a whole
deload — back out exactly, replaced sessions included.

Regenerating never silently destroys the user's work: :func:`user_sessions` lists the
strength sessions in the block that the user made, changed, did or logged, and the
caller asks whether to keep them. Keeping them leaves every week holding one as it is.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Iterable
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
from runstrong_gui.domain.progression import BLOCK_WEEKS, race_week, week_dates, week_number
from runstrong_gui.services.changes import Action, Outcome
from runstrong_gui.services.library import avoid_tokens

if TYPE_CHECKING:  # the store (SQLAlchemy) loads when first used, after the window paints
    from runstrong_gui.storage.store import SessionDetail, Store, Tx

SCALE_PERCENT = (10, 200)
DELOAD_PERCENT = 60


def default_weeks(athlete: Athlete) -> int:
    """Twelve weeks, or up to the goal race week when it falls a little later."""
    race = race_week(athlete)
    if race is not None and BLOCK_WEEKS < race <= MAX_WEEKS:
        return race
    return BLOCK_WEEKS


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


def _generate(tx: Tx, athlete: Athlete, options: GeneratorOptions) -> list[GeneratedSession]:
    dates = block_dates(athlete, options.weeks)
    around = tx.sessions_between(
        athlete.id or 0, dates[0] - dt.timedelta(days=1), dates[-1] + dt.timedelta(days=1)
    )
    runs = [s for s in around if s.kind is not SessionKind.STRENGTH]
    library = tx.exercises(include_hidden=True)
    return generate_block(_planning_athlete(athlete), library, runs, options)


def preview(store: Store, athlete_id: int, options: GeneratorOptions) -> list[GeneratedSession]:
    """What generating would write, without writing it (for the dialog's summary)."""
    with store.transaction() as tx:
        return _generate(tx, tx.athlete(athlete_id), options)


def _changed_by_user(tx: Tx, sessions: list[Session]) -> list[Session]:
    ids = [s.id for s in sessions if s.id is not None]
    planned = tx.planned_for(ids)
    logs = tx.logs_for([p.id for items in planned.values() for p in items if p.id is not None])
    logged = {sid for sid, items in planned.items() if any(logs.get(p.id or -1) for p in items)}
    return [s for s in sessions if s.source != "generator" or s.edited or s.done or s.id in logged]


def user_sessions(store: Store, athlete_id: int, weeks: int) -> list[Session]:
    """Strength sessions in the block that the user made, edited, did or logged."""
    with store.transaction() as tx:
        athlete = tx.athlete(athlete_id)
        dates = block_dates(athlete, weeks)
        strength = [
            s
            for s in tx.sessions_between(athlete_id, dates[0], dates[-1])
            if s.kind is SessionKind.STRENGTH
        ]
        return _changed_by_user(tx, strength)


def generate_action(athlete_id: int, options: GeneratorOptions, keep_user: bool) -> Action:
    """Replace the block's strength sessions with freshly generated ones.

    With ``keep_user`` every week holding a session the user made or changed is left
    exactly as it is; otherwise those sessions are replaced too. Runs are never touched.
    """

    def action(tx: Tx) -> Outcome:
        athlete = tx.athlete(athlete_id)
        dates = block_dates(athlete, options.weeks)
        strength = [
            s
            for s in tx.sessions_between(athlete_id, dates[0], dates[-1])
            if s.kind is SessionKind.STRENGTH
        ]
        kept_weeks = (
            {week_number(athlete, s.date) for s in _changed_by_user(tx, strength)}
            if keep_user
            else set()
        )
        for s in strength:
            if week_number(athlete, s.date) not in kept_weeks:
                assert s.id is not None
                tx.delete_session(s.id)
        created: list[int] = []
        library = {e.id: e for e in tx.exercises(include_hidden=True) if e.id is not None}
        for g in _generate(tx, athlete, options):
            if g.week in kept_weeks:
                continue
            created.append(_write(tx, athlete_id, g, library))
        return Outcome(created=tuple(created), focus_date=dates[0])

    return action


def _write(tx: Tx, athlete_id: int, g: GeneratedSession, library: dict[int, Exercise]) -> int:
    """Save one generated session; its exercises go in with one bulk insert."""
    from sqlalchemy import insert

    from runstrong_gui.storage import convert
    from runstrong_gui.storage.schema import PlannedExerciseRow

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
    rows = [
        convert.planned_values(
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
        )
        for position, item in enumerate(g.items)
    ]
    if rows:
        tx.orm.execute(insert(PlannedExerciseRow), rows)
    return session.id


# --- whole-week scaling -------------------------------------------------------------


def scaled_sets(sets: int, percent: int) -> int:
    """Sets at ``percent`` of now, rounded half up, never below one nor above the cap."""
    return max(1, min(b.SETS[1], math.floor(sets * percent / 100 + 0.5)))


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
    return sum(scaled_sets(p.sets, percent) for d in details if _scalable(d) for p, _e in d.items)


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
        for s in sessions:
            changed = False
            for p in planned.get(s.id or -1, []):
                new = scaled_sets(p.sets, percent)
                if new != p.sets:
                    tx.update_planned(dataclasses.replace(p, sets=new))
                    changed = True
            if changed and s.source == "generator" and not s.edited:
                tx.update_session(dataclasses.replace(s, edited=True))
        return Outcome()

    return action
