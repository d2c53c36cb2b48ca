"""The reads behind the Clients view: every athlete at once, one statement per kind of row.

A therapist with hundreds of clients opens the list in five statements, not one per client:
the athletes, their strength sessions of the recent weeks, their last session done,
their next session and the sessions flagged for pain. Weeks, adherence and the texts are
left to :mod:`runstrong_gui.services.clients`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session as OrmSession

from runstrong_gui.domain.enums import SessionKind
from runstrong_gui.domain.models import Athlete
from runstrong_gui.storage import convert
from runstrong_gui.storage.schema import AthleteRow, PlannedExerciseRow, SessionRow, SetLogRow


@dataclass(frozen=True)
class NextSession:
    date: dt.date
    kind: SessionKind
    title: str


@dataclass(frozen=True)
class ClientRows:
    """What the store holds for the Clients view, keyed by athlete id."""

    athletes: list[Athlete]
    strength: dict[int, list[tuple[dt.date, bool]]] = field(default_factory=dict)  # day, done
    last_done: dict[int, dt.date] = field(default_factory=dict)
    next_session: dict[int, NextSession] = field(default_factory=dict)
    flagged: dict[int, set[int]] = field(default_factory=dict)  # athlete -> session ids


def client_rows(
    orm: OrmSession, first: dt.date, today: dt.date, pain_first: dt.date, pain_threshold: int
) -> ClientRows:
    """Every athlete (archived too) with their strength sessions from ``first`` to
    ``today`` and the sessions flagged for pain from ``pain_first`` to ``today``."""
    conn = orm.connection()
    athletes = [
        convert.athlete(r)
        for r in orm.scalars(
            select(AthleteRow).order_by(func.lower(AthleteRow.name), AthleteRow.id)
        )
    ]
    out = ClientRows(athletes)
    # Every read seeks the indexed (athlete, day) pair once per athlete (an IN over the
    # athletes, or a subquery correlated with each): a range filter on the day alone
    # scanned a clinic's whole history (500 athletes, two years: 0.4 s against 0.15 s).
    each = AthleteRow.id == SessionRow.athlete_id
    every = SessionRow.athlete_id.in_(select(AthleteRow.id))
    strength = select(SessionRow.athlete_id, SessionRow.day, SessionRow.done).where(
        every,
        SessionRow.day >= first,
        SessionRow.day <= today,
        SessionRow.kind == SessionKind.STRENGTH.value,
    )
    for aid, day, done in conn.execute(strength):
        out.strength.setdefault(aid, []).append((day, bool(done)))
    last_day = (
        select(SessionRow.day)
        .where(each, SessionRow.day <= today, SessionRow.done.is_(True))
        .order_by(SessionRow.day.desc())
        .limit(1)
        .scalar_subquery()
    )
    for aid, day in conn.execute(select(AthleteRow.id, last_day)):
        if day is not None:
            out.last_done[aid] = day
    first_open = (
        select(SessionRow.id)
        .where(
            each,
            SessionRow.day >= today,
            SessionRow.done.is_(False),
            SessionRow.skipped.is_(False),
            SessionRow.kind != SessionKind.REST.value,
        )
        .order_by(SessionRow.day, SessionRow.position)
        .limit(1)
        .scalar_subquery()
    )
    upcoming = select(
        SessionRow.athlete_id, SessionRow.day, SessionRow.kind, SessionRow.title
    ).where(SessionRow.id.in_(select(first_open).select_from(AthleteRow)))
    for aid, day, kind, title in conn.execute(upcoming):
        out.next_session[aid] = NextSession(day, SessionKind(kind), title)
    painful = (
        select(SessionRow.athlete_id, SessionRow.id)
        .outerjoin(PlannedExerciseRow, PlannedExerciseRow.session_id == SessionRow.id)
        .outerjoin(SetLogRow, SetLogRow.planned_exercise_id == PlannedExerciseRow.id)
        .where(
            every,
            SessionRow.day >= pain_first,
            SessionRow.day <= today,
            or_(SessionRow.pain_persisting.is_(True), SetLogRow.pain >= pain_threshold),
        )
        .distinct()
    )
    for aid, sid in conn.execute(painful):
        out.flagged.setdefault(aid, set()).add(sid)
    return out
