"""The reads behind the Progress tab: one statement per kind of row, however long the range.

The reads filter on ``training_sessions(athlete_id, day)`` first (the indexed pair), so
the cost follows the athlete's rows in the range, not the size of a clinic's store. The
sets are summed per day and exercise in SQL (building a Python row per set cost more
than the query); the weeks are left to :mod:`runstrong_gui.domain.metrics`, a single
pass in Python over these rows. Only portable SQL is used (grouped subqueries, plain
SUM/MAX/COUNT, no ``strftime``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, String, bindparam, func, select, type_coerce
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.sql.expression import Executable

from runstrong_gui.domain.enums import DoseKind, ExerciseGroup, SessionKind
from runstrong_gui.domain.metrics import ExerciseDay, LoggedSet
from runstrong_gui.domain.metrics import SessionRow as MetricSession
from runstrong_gui.storage.batch import Statement
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


def _in_range(from_first: bool) -> list[ColumnElement[bool]]:
    """The indexed filter, on the bound ``athlete_id``, ``last`` and (unless the range
    starts at the athlete's earliest day) ``first``."""
    where = [SessionRow.athlete_id == bindparam("athlete_id"), SessionRow.day <= bindparam("last")]
    if from_first:
        where.append(SessionRow.day >= bindparam("first"))
    return where


def _range(athlete_id: int, first: dt.date | None, last: dt.date) -> dict[str, Any]:
    found = {"athlete_id": athlete_id, "last": last}
    return found if first is None else {**found, "first": first}


# Each statement is built once, with bound parameters: building it again on every
# refresh (joins, subqueries, labels) cost more than running it.


@cache
def _logged_sets(from_first: bool) -> Executable:
    return (
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
        .where(*_in_range(from_first))
    )


def logged_sets(
    orm: OrmSession, athlete_id: int, first: dt.date | None, last: dt.date
) -> list[LoggedSet]:
    """Every set the athlete logged from ``first`` to ``last`` (inclusive), in one query."""
    q = _logged_sets(first is not None)
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
        for day, sid, eid, grp, dose, amount, load, rpe, pain in orm.connection()
        .execute(q, _range(athlete_id, first, last))
        .all()
    ]


@cache
def _exercise_days(from_first: bool) -> Executable:
    per_day = (
        select(
            SessionRow.day.label("day"),
            PlannedExerciseRow.exercise_id.label("exercise_id"),
            func.count().label("sets"),
            func.sum(SetLogRow.amount).label("amount"),
            func.sum(SetLogRow.load_kg * SetLogRow.amount).label("load_amount"),
            func.max(SetLogRow.load_kg).label("top_load"),
            func.max(SetLogRow.pain).label("max_pain"),
            func.coalesce(func.sum(SetLogRow.pain), 0).label("pain_total"),
            func.count(SetLogRow.pain).label("pain_count"),
        )
        .select_from(SessionRow)
        .join(PlannedExerciseRow, PlannedExerciseRow.session_id == SessionRow.id)
        .join(SetLogRow, SetLogRow.planned_exercise_id == PlannedExerciseRow.id)
        .where(*_in_range(from_first))
        .group_by(SessionRow.day, PlannedExerciseRow.exercise_id)
        .subquery("per_day")
    )
    c = per_day.c
    return select(
        type_coerce(c.day, String),
        c.exercise_id,
        ExerciseRow.group,
        ExerciseRow.dose_kind,
        c.sets,
        c.amount,
        c.load_amount,
        c.top_load,
        c.max_pain,
        c.pain_total,
        c.pain_count,
        ExerciseRow.name,  # the charts name the exercises: no read of their own for it
    ).join(ExerciseRow, ExerciseRow.id == c.exercise_id)


def range_reads(athlete_id: int, first: dt.date | None, last: dt.date) -> list[Statement]:
    """The Progress tab's two reads of a range, which do not depend on each other (one
    round trip on a server, storage/batch.py): its sessions (:func:`sessions_of`) and its
    sets summed per day and exercise (:func:`days_of`)."""
    params = _range(athlete_id, first, last)
    return [(_session_rows(first is not None), params), (_exercise_days(first is not None), params)]


def days_of(rows: Iterable[Sequence[Any]]) -> tuple[list[ExerciseDay], dict[int, str]]:
    """The athlete's sets summed per day and exercise, and those exercises' names (hidden
    ones included: old logs may point at them): what
    :func:`runstrong_gui.domain.metrics.exercise_days` makes of :func:`logged_sets`, with
    a third as many rows to hand over (and build in Python)."""
    days = _Days()
    names: dict[int, str] = {}
    out = []
    for day, eid, grp, dose, sets, amount, load, top, *pain, name in rows:
        out.append(
            ExerciseDay(
                days[day],
                eid,
                _GROUPS[grp],
                _DOSES[dose],
                sets,
                amount,
                float(load),
                float(top),
                *pain,
            )
        )
        names[eid] = name
    return out, names


@cache
def _session_rows(from_first: bool) -> Executable:
    planned = (
        select(
            PlannedExerciseRow.session_id.label("session_id"),
            func.sum(PlannedExerciseRow.sets).label("sets"),
        )
        .join(SessionRow, SessionRow.id == PlannedExerciseRow.session_id)
        .where(*_in_range(from_first))
        .group_by(PlannedExerciseRow.session_id)
        .subquery("planned")
    )
    return (
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
        .where(*_in_range(from_first))
        .order_by(SessionRow.day, SessionRow.position, SessionRow.id)
    )


def sessions_of(rows: Iterable[Sequence[Any]]) -> list[MetricSession]:
    """Every session of the athlete in the range with its planned sets.

    The planned-set sums come from a grouped subquery restricted to the same athlete and
    range, so it never aggregates other athletes' plans.
    """
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
        for day, sid, kind, minutes, done, skipped, sets in rows
    ]
