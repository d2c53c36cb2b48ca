"""The store's hot-path statements, built once with bound parameters."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import (
    CheckConstraint,
    Table,
    and_,
    bindparam,
    delete,
    func,
    insert,
    literal_column,
    or_,
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
    # changed_at is only read when a save is refused (see VERSION_OF); the readers match
    # the other columns to the record's fields
    columns = [c for c in table.columns if c.name != "changed_at"]
    return select(*columns, checks_pass(table, *more))


def by_key(table: Any) -> Any:
    return table.c.id == bindparam("key")


def any_of(column: Any) -> Any:
    return column.in_(bindparam("ids", expanding=True))


VERSION_COLUMNS = ("version", "changed_at")


def update_by_key(table: Any) -> Any:
    """UPDATE of one row by id; on a versioned table only if it still has the version
    the caller read (``expected``), bumping it (optimistic locking: 0 rows means another
    computer saved first, or the row is gone)."""
    versioned = "version" in table.c
    # a uid never changes: it is how other stores and calendars know the record
    skip = ("id", "uid", *VERSION_COLUMNS) if versioned else ("id", "uid")
    values: dict[str, Any] = {
        c.name: bindparam(f"v_{c.name}") for c in table.columns if c.name not in skip
    }
    statement = update(table).where(by_key(table))
    if versioned:
        statement = statement.where(table.c.version == bindparam("expected"))
        values |= {"version": table.c.version + 1, "changed_at": bindparam("now")}
    return statement.values(values)


def update_params(
    values: dict[str, Any], key: int, expected: int | None = None, now: Any = None
) -> dict[str, Any]:
    params = {"key": key, **{f"v_{k}": v for k, v in values.items()}}
    if expected is not None:
        params |= {"expected": expected, "now": now}
    return params


GET = {t: select(t).where(by_key(t)) for t in (ATHLETES, SESSIONS, PLANNED)}
# what a refused save tells the user: the row's version and when it last changed
VERSION_OF = {
    t: select(t.c.version, t.c.changed_at).where(by_key(t))
    for t in (ATHLETES, SESSIONS, cast(Table, ExerciseRow.__table__))
}
UPDATE = {t: update_by_key(t) for t in (SESSIONS, PLANNED)}
DELETE = {t: delete(t).where(by_key(t)) for t in (SESSIONS, PLANNED)}
# the versions of sessions a user action was made over, locked until it commits, so no
# other computer's save can slip in between the check and the write (PostgreSQL; SQLite
# lets one writer in at a time and refuses a write over a snapshot that moved on)
LOCK_SESSIONS = (
    select(SESSIONS.c.id, SESSIONS.c.version, SESSIONS.c.changed_at)
    .where(any_of(SESSIONS.c.id))
    .order_by(SESSIONS.c.id)
    .with_for_update()
)
BUMP_SESSION = (
    update(SESSIONS)
    .where(by_key(SESSIONS), SESSIONS.c.version == bindparam("expected"))
    .values(version=SESSIONS.c.version + 1, changed_at=bindparam("now"))
)
# a session's new place in its day, if it is still at the version read (run for many)
SET_POSITION = (
    update(SESSIONS)
    .where(by_key(SESSIONS), SESSIONS.c.version == bindparam("expected"))
    .values(position=bindparam("at"), version=SESSIONS.c.version + 1, changed_at=bindparam("now"))
)
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
SESSIONS_BETWEEN_LOCKED = SESSIONS_BETWEEN.with_for_update()
IMPORTED_SESSIONS = (
    checked_select(SESSIONS, SESSION_TITLE)
    .where(SESSIONS.c.athlete_id == bindparam("athlete"), SESSIONS.c.external_id.is_not(None))
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


# An undoable action's snapshot (services/changes.py): the sessions of some days of one
# athlete plus some by id, with their planned exercises and logs. Each statement finds
# the sessions itself, so the three need no result of another and are read together
# (storage/batch.py: one round trip on PostgreSQL).
def _around(column: Any) -> Any:
    return column.in_(
        select(SESSIONS.c.id).where(
            or_(
                and_(
                    SESSIONS.c.athlete_id == bindparam("athlete"),
                    SESSIONS.c.day.in_(bindparam("days", expanding=True)),
                ),
                any_of(SESSIONS.c.id),
            )
        )
    )


SESSIONS_AROUND = (
    checked_select(SESSIONS, SESSION_TITLE)
    .where(
        or_(
            and_(
                SESSIONS.c.athlete_id == bindparam("athlete"),
                SESSIONS.c.day.in_(bindparam("days", expanding=True)),
            ),
            any_of(SESSIONS.c.id),
        )
    )
    .order_by(SESSIONS.c.day, SESSIONS.c.position, SESSIONS.c.id)
)
SESSIONS_AROUND_LOCKED = SESSIONS_AROUND.with_for_update()
PLANNED_AROUND = (
    checked_select(PLANNED)
    .where(_around(PLANNED.c.session_id))
    .order_by(PLANNED.c.session_id, PLANNED.c.position, PLANNED.c.id)
)
LOGS_AROUND = (
    checked_select(SET_LOGS)
    .where(
        SET_LOGS.c.planned_exercise_id.in_(
            select(PLANNED.c.id).where(_around(PLANNED.c.session_id))
        )
    )
    .order_by(SET_LOGS.c.planned_exercise_id, SET_LOGS.c.set_number)
)
# sessions put back by undo and redo go first (their planned exercises and logs with them)
DELETE_SESSIONS = delete(SESSIONS).where(any_of(SESSIONS.c.id))
