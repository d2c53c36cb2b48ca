"""The store's side of importing history from other apps (Strong, Hevy), inside a Tx.

Years of history are tens of thousands of set logs, so rows go in as multi-row Core
inserts; the ids the next table needs come back through ``RETURNING`` in the order the
rows were given (SQLAlchemy's insertmanyvalues, on SQLite and PostgreSQL alike).
Values are plain dicts already checked by the service (domain bounds); the schema's
CHECK constraints stay the last line.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, cast

from sqlalchemy import Table, delete, insert, select

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


def add_planned(tx: Tx, rows: list[dict[str, Any]]) -> list[int]:
    """Planned-exercise rows (``convert.planned_values`` shape); their ids, in order."""
    return _insert_returning(_conn(tx), PLANNED, rows)


def add_set_logs(tx: Tx, rows: list[dict[str, Any]]) -> None:
    """Set-log rows (``convert.set_log_values`` shape), in one multi-row insert."""
    if rows:
        _conn(tx).execute(insert(SET_LOGS), rows)


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
