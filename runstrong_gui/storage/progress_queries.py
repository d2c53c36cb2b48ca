"""The reads behind the Progress tab: one statement per kind of row, however long the range.

Both reads filter on ``training_sessions(athlete_id, day)`` first (the indexed pair), so
the cost follows the athlete's rows in the range, not the size of a clinic's store; the
aggregation is left to :mod:`runstrong_gui.domain.metrics`, which is a single pass in
Python over these rows. Only portable SQL is used (a grouped subquery, no ``strftime``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import ColumnElement, String, func, select, type_coerce
from sqlalchemy.orm import Session as OrmSession

from runstrong_gui.domain.enums import DoseKind, ExerciseGroup, SessionKind
from runstrong_gui.domain.metrics import LoggedSet
from runstrong_gui.domain.metrics import SessionRow as MetricSession
from runstrong_gui.storage.schema import (
    ExerciseRow,
    PlannedExerciseRow,
    SessionRow,
    SetLogRow,
)

# Plain dict look-ups: calling an Enum class per row costs more than the query itself.
_GROUPS = {g.value: g for g in ExerciseGroup}
_DOSES = {d.value: d for d in DoseKind}
_KINDS = {k.value: k for k in SessionKind}


class _Days(dict[object, dt.date]):
    """ISO text -> date, parsed once per distinct day (a year of sets has ~150 days).

    The day is read as plain text (``type_coerce``) because SQLAlchemy's SQLite date
    parsing costs more per row than the join; a backend that returns real dates
    (PostgreSQL) passes them through unchanged.
    """

    def __missing__(self, key: object) -> dt.date:
        day = key if isinstance(key, dt.date) else dt.date.fromisoformat(str(key))
        self[key] = day
        return day


def _day_column() -> ColumnElement[str]:
    return type_coerce(SessionRow.day, String).label("day")


def _in_range(athlete_id: int, first: dt.date | None, last: dt.date) -> list[ColumnElement[bool]]:
    """The indexed filter; ``first=None`` means from the athlete's earliest day."""
    where = [SessionRow.athlete_id == athlete_id, SessionRow.day <= last]
    if first is not None:
        where.append(SessionRow.day >= first)
    return where


def logged_sets(
    orm: OrmSession, athlete_id: int, first: dt.date | None, last: dt.date
) -> list[LoggedSet]:
    """Every set the athlete logged from ``first`` to ``last`` (inclusive), in one query."""
    q = (
        select(
            _day_column(),
            SessionRow.id,
            PlannedExerciseRow.exercise_id,
            ExerciseRow.group,
            ExerciseRow.dose_kind,
            SetLogRow.amount,
            SetLogRow.load_kg,
            SetLogRow.rpe,
            SetLogRow.pain,
        )
        .select_from(SessionRow)
        .join(PlannedExerciseRow, PlannedExerciseRow.session_id == SessionRow.id)
        .join(SetLogRow, SetLogRow.planned_exercise_id == PlannedExerciseRow.id)
        .join(ExerciseRow, ExerciseRow.id == PlannedExerciseRow.exercise_id)
        .where(*_in_range(athlete_id, first, last))
    )
    days = _Days()
    # Core execution on the transaction's connection: the ORM's row loading would
    # double the cost of this read, and these are plain tuples anyway. No ORDER BY:
    # every consumer aggregates or sorts (the load chart sorts by date).
    return [
        LoggedSet(
            date=days[day],
            session_id=sid,
            exercise_id=eid,
            group=_GROUPS[grp],
            dose_kind=_DOSES[dose],
            amount=amount,
            load_kg=float(load),
            rpe=rpe,
            pain=pain,
        )
        for day, sid, eid, grp, dose, amount, load, rpe, pain in orm.connection().execute(q)
    ]


def session_rows(
    orm: OrmSession, athlete_id: int, first: dt.date | None, last: dt.date
) -> list[MetricSession]:
    """Every session of the athlete in the range with its planned sets, in one query.

    The planned-set sums come from a grouped subquery restricted to the same athlete and
    range, so it never aggregates other athletes' plans.
    """
    planned = (
        select(
            PlannedExerciseRow.session_id.label("session_id"),
            func.sum(PlannedExerciseRow.sets).label("sets"),
        )
        .join(SessionRow, SessionRow.id == PlannedExerciseRow.session_id)
        .where(*_in_range(athlete_id, first, last))
        .group_by(PlannedExerciseRow.session_id)
        .subquery("planned")
    )
    q = (
        select(
            _day_column(),
            SessionRow.id,
            SessionRow.kind,
            SessionRow.minutes,
            SessionRow.done,
            SessionRow.skipped,
            func.coalesce(planned.c.sets, 0),
        )
        .outerjoin(planned, planned.c.session_id == SessionRow.id)
        .where(*_in_range(athlete_id, first, last))
        .order_by(SessionRow.day, SessionRow.position, SessionRow.id)
    )
    days = _Days()
    return [
        MetricSession(
            date=days[day],
            session_id=sid,
            kind=_KINDS[kind],
            minutes=minutes,
            done=bool(done),
            skipped=bool(skipped),
            planned_sets=int(sets),
        )
        for day, sid, kind, minutes, done, skipped, sets in orm.connection().execute(q)
    ]


def exercise_names(orm: OrmSession, exercise_ids: Iterable[int]) -> dict[int, str]:
    """Names of the given exercises (hidden ones included: old logs may point at them)."""
    ids = sorted(set(exercise_ids))
    if not ids:
        return {}
    q = select(ExerciseRow.id, ExerciseRow.name).where(ExerciseRow.id.in_(ids))
    return {eid: name for eid, name in orm.execute(q)}
