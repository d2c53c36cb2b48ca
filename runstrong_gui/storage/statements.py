"""The store's hot-path statements, built once with bound parameters."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import (
    CheckConstraint,
    Table,
    bindparam,
    delete,
    func,
    insert,
    literal_column,
    select,
    update,
)

from runstrong_gui.domain.bounds import NAME_MAX
from runstrong_gui.storage import convert
from runstrong_gui.storage.schema import (
    AthleteRow,
    ExerciseRow,
    PlannedExerciseRow,
    SessionRow,
    SetLogRow,
)

# The hot paths (a week, a drop and its undo snapshots, the session editor) read and
# write sessions and planned exercises with Core statements run straight on the
# transaction's connection: rows come back as light tuples the converters read by name,
# with none of the ORM's per-statement and per-row bookkeeping (a drop went from about
# 25 ORM statements to the same number of plain ones, a third of the time). Sessions
# and planned exercises are therefore never loaded as ORM objects, so nothing can go
# stale; ORM writes elsewhere always flush at once, so these reads never miss them.
# The statements are built once, with bound parameters: building a select afresh cost
# more than running it.
ATHLETES = cast(Table, AthleteRow.__table__)
SESSIONS = cast(Table, SessionRow.__table__)
PLANNED = cast(Table, PlannedExerciseRow.__table__)
SET_LOGS = cast(Table, SetLogRow.__table__)


def checks_pass(table: Table, *more: str) -> Any:
    """A column true unless the row breaks one of the table's CHECK constraints (a NULL
    result passes, as in a CHECK), for the readers in storage/convert.py."""
    checks = [str(c.sqltext) for c in table.constraints if isinstance(c, CheckConstraint)]
    sql = " AND ".join(f"coalesce(({c}), TRUE)" for c in (*checks, *more))
    return literal_column(f"({sql})").label(convert.CHECKS_PASS)


def checked_select(table: Table, *more: str) -> Any:
    return select(table, checks_pass(table, *more))


def by_key(table: Any) -> Any:
    return table.c.id == bindparam("key")


def any_of(column: Any) -> Any:
    return column.in_(bindparam("ids", expanding=True))


def update_by_key(table: Any) -> Any:
    values: dict[str, Any] = {
        c.name: bindparam(f"v_{c.name}") for c in table.columns if c.name != "id"
    }
    return update(table).where(by_key(table)).values(values)


def update_params(values: dict[str, Any], key: int) -> dict[str, Any]:
    return {"key": key, **{f"v_{k}": v for k, v in values.items()}}


GET = {t: select(t).where(by_key(t)) for t in (ATHLETES, SESSIONS, PLANNED)}
UPDATE = {t: update_by_key(t) for t in (SESSIONS, PLANNED)}
DELETE = {t: delete(t).where(by_key(t)) for t in (SESSIONS, PLANNED)}
INSERT = {t: insert(t) for t in (SESSIONS, PLANNED, SET_LOGS)}
SESSION_TITLE = f"length(title) <= {NAME_MAX}"  # no CHECK holds it; the domain does
SESSIONS_BETWEEN = (
    checked_select(SESSIONS, SESSION_TITLE)
    .where(
        SESSIONS.c.athlete_id == bindparam("athlete"),
        SESSIONS.c.day.between(bindparam("first"), bindparam("last")),
    )
    .order_by(SESSIONS.c.day, SESSIONS.c.position, SESSIONS.c.id)
)
SESSIONS_BY_ID = checked_select(SESSIONS, SESSION_TITLE).where(any_of(SESSIONS.c.id))
PLANNED_FOR = (
    checked_select(PLANNED)
    .where(any_of(PLANNED.c.session_id))
    .order_by(PLANNED.c.session_id, PLANNED.c.position, PLANNED.c.id)
)
LOGS_FOR = (
    checked_select(SET_LOGS)
    .where(any_of(SET_LOGS.c.planned_exercise_id))
    .order_by(SET_LOGS.c.planned_exercise_id, SET_LOGS.c.set_number)
)
MAX_PAIN = (
    select(SET_LOGS.c.planned_exercise_id, func.max(SET_LOGS.c.pain))
    .where(any_of(SET_LOGS.c.planned_exercise_id), SET_LOGS.c.pain.is_not(None))
    .group_by(SET_LOGS.c.planned_exercise_id)
)
STRENGTH_SETS_BY_DAY = (
    select(SESSIONS.c.day, func.sum(PLANNED.c.sets))
    .join(PLANNED, PLANNED.c.session_id == SESSIONS.c.id)
    .where(
        SESSIONS.c.athlete_id == bindparam("athlete"),
        SESSIONS.c.day.between(bindparam("first"), bindparam("last")),
        SESSIONS.c.kind == "strength",
        SESSIONS.c.skipped.is_(False),
    )
    .group_by(SESSIONS.c.day)
)
EXERCISE_COLUMNS = [
    c.label("group") if c.name == "grp" else c for c in ExerciseRow.__table__.columns
]
EXERCISES_BY_ID = select(*EXERCISE_COLUMNS).where(any_of(ExerciseRow.id))
DELETE_LOGS = delete(SET_LOGS).where(SET_LOGS.c.planned_exercise_id == bindparam("planned"))
