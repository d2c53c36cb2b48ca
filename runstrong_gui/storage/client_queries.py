"""The reads behind the Clients view: every athlete at once, one statement per kind of row.

A therapist with a hundred clients opens the list in five statements, not five hundred:
the athletes, their strength sessions of the recent weeks, their last session done,
their next session and the sessions flagged for pain. Weeks, adherence and the texts are
left to :mod:`runstrong_gui.services.clients`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import and_, func, or_, select
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
    recent = and_(SessionRow.day >= first, SessionRow.day <= today)
    strength = select(SessionRow.athlete_id, SessionRow.day, SessionRow.done).where(
        recent, SessionRow.kind == SessionKind.STRENGTH.value
    )
    for aid, day, done in conn.execute(strength):
        out.strength.setdefault(aid, []).append((day, bool(done)))
    last = (
        select(SessionRow.athlete_id, func.max(SessionRow.day))
        .where(SessionRow.done.is_(True), SessionRow.day <= today)
        .group_by(SessionRow.athlete_id)
    )
    out.last_done.update((aid, day) for aid, day in conn.execute(last))
    open_ = and_(SessionRow.day >= today, SessionRow.done.is_(False), SessionRow.skipped.is_(False))
    soonest = (
        select(SessionRow.athlete_id.label("aid"), func.min(SessionRow.day).label("day"))
        .where(open_, SessionRow.kind != SessionKind.REST.value)
        .group_by(SessionRow.athlete_id)
        .subquery()
    )
    upcoming = (
        select(SessionRow.athlete_id, SessionRow.day, SessionRow.kind, SessionRow.title)
        .join(
            soonest, and_(soonest.c.aid == SessionRow.athlete_id, soonest.c.day == SessionRow.day)
        )
        .where(open_, SessionRow.kind != SessionKind.REST.value)
        .order_by(SessionRow.athlete_id, SessionRow.position.desc())
    )
    for aid, day, kind, title in conn.execute(upcoming):  # the day's first (by position) wins
        out.next_session[aid] = NextSession(day, SessionKind(kind), title)
    painful = (
        select(SessionRow.athlete_id, SessionRow.id)
        .select_from(SessionRow)
        .outerjoin(PlannedExerciseRow, PlannedExerciseRow.session_id == SessionRow.id)
        .outerjoin(SetLogRow, SetLogRow.planned_exercise_id == PlannedExerciseRow.id)
        .where(
            SessionRow.day >= pain_first,
            SessionRow.day <= today,
            or_(SessionRow.pain_persisting.is_(True), SetLogRow.pain >= pain_threshold),
        )
        .distinct()
    )
    for aid, sid in conn.execute(painful):
        out.flagged.setdefault(aid, set()).add(sid)
    return out
