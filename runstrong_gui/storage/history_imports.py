"""The store's side of importing history from other apps (Strong, Hevy), inside a Tx.

Years of history are tens of thousands of set logs. Rows go straight to the driver's
``executemany`` with the statement and the column types' bind processors SQLAlchemy
compiled for the dialect: the per-row bookkeeping of a Core executemany cost more than
the writing itself (50,000 set logs: 2 s against 0.3 s). New rows' ids are read back by
what is unique among them: a session by the uid it is given here, a planned exercise
by (session, position). On PostgreSQL sessions instead come back by ``RETURNING`` in
the order given, in batches (SQLAlchemy's insertmanyvalues); SQLite can only do that
one row at a time, a quarter of a second for 10,000 workouts.
Values are plain dicts already checked by the service (domain bounds); the schema's
CHECK constraints stay the last line.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from operator import itemgetter
from typing import Any, cast

from sqlalchemy import Table, bindparam, delete, insert, select

from runstrong_gui.storage.schema import ExerciseAliasRow, ImportedWorkoutRow, new_uid
from runstrong_gui.storage.statements import PLANNED, SESSIONS, SET_LOGS
from runstrong_gui.storage.tx import Tx

ALIASES = cast(Table, ExerciseAliasRow.__table__)
IMPORTED = cast(Table, ImportedWorkoutRow.__table__)


def _conn(tx: Tx) -> Any:
    orm = tx.orm
    if orm.new or orm.dirty or orm.deleted:
        orm.flush()
    return orm.connection()


def aliases(tx: Tx, source: str) -> dict[str, int]:
    """The names the user mapped before for ``source``: name → exercise id."""
    q = select(ALIASES.c.name, ALIASES.c.exercise_id).where(ALIASES.c.source == source)
    return {name: int(eid) for name, eid in _conn(tx).execute(q)}


def put_aliases(tx: Tx, source: str, mapping: Mapping[str, int]) -> list[int]:
    """Remember (or change) ``mapping``; the ids of the rows added."""
    if not mapping:
        return []
    conn = _conn(tx)
    names = list(mapping)
    conn.execute(delete(ALIASES).where(ALIASES.c.source == source, ALIASES.c.name.in_(names)))
    rows = [{"source": source, "name": n, "exercise_id": mapping[n]} for n in names]
    return _insert_returning(conn, ALIASES, rows)


def delete_aliases(tx: Tx, ids: Sequence[int]) -> None:
    if ids:
        _conn(tx).execute(delete(ALIASES).where(ALIASES.c.id.in_(list(ids))))


def imported_keys(tx: Tx, athlete_id: int, source: str) -> set[str]:
    """Keys of the workouts of ``source`` imported before for the athlete (and kept)."""
    q = select(IMPORTED.c.key).where(
        IMPORTED.c.athlete_id == athlete_id, IMPORTED.c.source == source
    )
    return set(_conn(tx).scalars(q))


def _insert_returning(conn: Any, table: Table, rows: list[dict[str, Any]]) -> list[int]:
    if not rows:
        return []
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return [int(r[0]) for r in conn.execute(statement, rows)]


def add_sessions(tx: Tx, rows: list[dict[str, Any]]) -> list[int]:
    """Session rows (``convert.session_values`` shape); their new ids, in order."""
    conn = _conn(tx)
    if conn.dialect.name != "sqlite":
        return _insert_returning(conn, SESSIONS, rows)
    uids = [new_uid() for _row in rows]
    # the driver is given every value SQLAlchemy would have filled in (uid, version)
    new = [{**row, "uid": uid, "version": 1} for row, uid in zip(rows, uids, strict=True)]
    _bulk_insert(conn, SESSIONS, new)
    found: dict[str, int] = {}
    for start in range(0, len(uids), 500):
        q = select(SESSIONS.c.id, SESSIONS.c.uid).where(
            SESSIONS.c.uid.in_(uids[start : start + 500])
        )
        found.update({uid: int(sid) for sid, uid in conn.execute(q)})
    return [found[uid] for uid in uids]


def _bulk_insert(conn: Any, table: Table, rows: list[dict[str, Any]]) -> None:
    """``rows`` (dicts with the same keys) through the driver's executemany. ``inline``:
    no implicit RETURNING (PostgreSQL would add one), every column from ``rows``."""
    if not rows:
        return
    names = list(rows[0])
    compiled = (
        insert(table)
        .inline()
        .values({n: bindparam(n) for n in names})
        .compile(dialect=conn.dialect)
    )
    procs = {n: table.c[n].type.bind_processor(conn.dialect) for n in names}
    order = list(compiled.positiontup or []) if compiled.positional else names
    values = itemgetter(*order) if len(order) > 1 else (lambda r: (r[order[0]],))
    # only some columns convert (booleans, dates): the others are taken as they are
    convert = [(i, p) for i, p in enumerate(procs[n] for n in order) if p is not None]
    params: list[Any] = []
    for r in rows:
        row = list(values(r))
        for i, p in convert:
            row[i] = p(row[i])
        params.append(tuple(row) if compiled.positional else dict(zip(order, row, strict=True)))
    conn.exec_driver_sql(str(compiled), params)


def add_planned(tx: Tx, rows: list[dict[str, Any]]) -> list[int]:
    """Planned-exercise rows (``convert.planned_values`` shape) of sessions made in this
    transaction, each (session, position) once; their ids, in the order given."""
    conn = _conn(tx)
    _bulk_insert(conn, PLANNED, rows)
    found: dict[tuple[int, int], int] = {}
    sessions = sorted({r["session_id"] for r in rows})
    for start in range(0, len(sessions), 500):
        q = select(PLANNED.c.id, PLANNED.c.session_id, PLANNED.c.position).where(
            PLANNED.c.session_id.in_(sessions[start : start + 500])
        )
        found.update({(sid, pos): int(pid) for pid, sid, pos in conn.execute(q)})
    return [found[(r["session_id"], r["position"])] for r in rows]


def add_set_logs(tx: Tx, rows: list[dict[str, Any]]) -> None:
    """Set-log rows (``convert.set_log_values`` shape)."""
    _bulk_insert(_conn(tx), SET_LOGS, rows)


def add_imported(tx: Tx, athlete_id: int, source: str, keys: Iterable[tuple[str, int]]) -> None:
    """Record (workout key, session id) pairs as imported."""
    rows = [
        {"athlete_id": athlete_id, "source": source, "key": k, "session_id": sid} for k, sid in keys
    ]
    if rows:
        _conn(tx).execute(insert(IMPORTED), rows)


def delete_sessions(tx: Tx, ids: Sequence[int]) -> None:
    """Delete sessions by id; their exercises, logs and import records go with them."""
    conn = _conn(tx)
    ids = list(ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        conn.execute(delete(SESSIONS).where(SESSIONS.c.id.in_(chunk)))
