"""The store's side of importing history from other apps (Strong, Hevy), inside a Tx.

Years of history are tens of thousands of set logs. Sessions go in through a Core
insert whose ids come back by ``RETURNING``, in the order given (SQLAlchemy's
insertmanyvalues, on SQLite and PostgreSQL alike). Planned exercises and set logs, ten
times as many, go straight to the driver's ``executemany`` with the statement and the
column types' bind processors SQLAlchemy compiled for the dialect: the per-row
bookkeeping of a Core executemany cost more than the writing itself (50,000 set logs:
2 s against 0.3 s). The planned exercises' ids are then read back by (session, position),
which is unique within the brand-new sessions.
Values are plain dicts already checked by the service (domain bounds); the schema's
CHECK constraints stay the last line.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, cast

from sqlalchemy import Table, bindparam, delete, insert, select

from runstrong_gui.storage.schema import ExerciseAliasRow, ImportedWorkoutRow
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
    return _insert_returning(_conn(tx), SESSIONS, rows)


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
    convert = [(n, procs[n]) for n in order]
    if compiled.positional:
        params: list[Any] = [tuple(p(r[n]) if p else r[n] for n, p in convert) for r in rows]
    else:
        params = [{n: p(r[n]) if p else r[n] for n, p in convert} for r in rows]
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
