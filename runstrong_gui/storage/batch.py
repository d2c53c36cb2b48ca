"""Several independent reads in one round trip to the server.

On PostgreSQL every statement SQLAlchemy runs waits for its reply before the next one
is sent: a user action that reads its sessions, their planned exercises and their
logs pays three network waits, and the ``BEGIN`` psycopg sends before the first of
them a fourth. :func:`read_batch` sends statements that do not depend on each other's
results through psycopg's pipeline mode instead: ``BEGIN`` (when the transaction has
not started yet), every statement and one ``Sync`` leave together, and the replies
come back together. SQLAlchemy itself cannot run in a pipeline (it asks for each
result's columns as soon as the statement is sent), so the statements are compiled
here and run on the transaction's own psycopg connection, in the same transaction.

SQLite runs in the process, where a round trip costs nothing: the statements simply
run one after the other through SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql.expression import Executable

Rows = list[Any]  # rows whose values are read by column name (attributes) or position


class Result:
    """One statement's rows, with the column names the readers in convert.py match."""

    def __init__(self, names: Sequence[str], rows: Rows) -> None:
        self._names = tuple(names)
        self._rows = rows

    def keys(self) -> tuple[str, ...]:
        return self._names

    def all(self) -> Rows:
        return self._rows

    def __iter__(self) -> Any:
        return iter(self._rows)


def read_batch(
    conn: Connection, statements: Sequence[tuple[Executable, dict[str, Any]]]
) -> list[Result]:
    """The rows of each SELECT in ``statements``, read in one round trip on PostgreSQL."""
    if conn.dialect.name != "postgresql":
        out = []
        for statement, params in statements:
            result = conn.execute(statement, params)
            out.append(Result(tuple(result.keys()), result.all()))
        return out
    return _pipelined(conn, statements)


def _pipelined(
    conn: Connection, statements: Sequence[tuple[Executable, dict[str, Any]]]
) -> list[Result]:
    import psycopg
    from psycopg.rows import namedtuple_row

    raw = conn.connection.driver_connection
    assert isinstance(raw, psycopg.Connection)
    compiled = [_compiled(conn, statement, params) for statement, params in statements]
    sql = ""
    try:
        cursors = []
        with raw.pipeline():
            for sql, values in compiled:
                cursor = raw.cursor(row_factory=namedtuple_row)
                for listener in conn.dispatch.before_cursor_execute:  # counters see it too
                    listener(conn, cursor, sql, values, None, False)
                cursor.execute(sql, values)
                cursors.append(cursor)
        # leaving the pipeline sent BEGIN (when due), the statements and one Sync
        # together, and read every reply: a single round trip
        out = []
        for cursor in cursors:
            names = [c.name for c in cursor.description or ()]
            out.append(Result(names, cursor.fetchall()))
            cursor.close()
        return out
    except psycopg.Error as exc:
        raise DBAPIError.instance(sql, None, exc, psycopg.Error) from exc


def _compiled(
    conn: Connection, statement: Executable, params: dict[str, Any]
) -> tuple[str, dict[str, Any]]:
    """The SQL and the driver's parameters of ``statement`` (expanding ``IN`` lists
    rendered for the values given), as SQLAlchemy itself would send them."""
    compiled = _COMPILED.get(statement)
    if compiled is None or compiled.dialect is not conn.dialect:
        compiled = statement.compile(dialect=conn.dialect)  # type: ignore[attr-defined]
        _COMPILED[statement] = compiled
    state = compiled.construct_expanded_state(params)
    processors = state.processors
    values = {
        key: processors[key](value) if key in processors else value
        for key, value in state.parameters.items()
    }
    return state.statement, values


# the statements read in batches are built once (storage/statements.py): so is their SQL
_COMPILED: dict[Executable, Any] = {}
