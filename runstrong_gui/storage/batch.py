"""Several independent statements in one round trip to the server.

On PostgreSQL every statement SQLAlchemy runs waits for its reply before the next one
is sent: a user action that reads its sessions, their planned exercises and their
logs pays three network waits, and a ``BEGIN`` sent apart a fourth. :func:`read_batch`
sends statements that do not depend on each other's results through psycopg's
pipeline mode instead: ``BEGIN`` (when it is still due, see storage/pool.py), every
statement and one ``Sync`` leave together, and the replies come back together.
SQLAlchemy itself cannot run in a pipeline (it asks for each result's columns as soon
as the statement is sent), so the statements are compiled here and run on the
transaction's own psycopg connection, in the same transaction.

SQLite runs in the process, where a round trip costs nothing: the statements simply
run one after the other through SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql.expression import Executable

from runstrong_gui.storage.convert import Reader

T = TypeVar("T")

# in a connection's info: SQLAlchemy began a transaction whose BEGIN is not sent yet
# (storage/pool.py); a batch sends it with its statements
BEGIN_DUE = "runstrong_begin_due"

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

    def read(self, reader: Reader[T]) -> list[T]:
        """The rows as domain objects (see storage/convert.py)."""
        return reader.rows(self._rows, reader.names(self._names))


@dataclass
class Write:
    """A write sent in a batch: ``statement`` run once for each of ``params``; when
    ``rows`` is set and the writes changed another number of rows, ``refused`` raises
    the store's error for it (a version another computer saved meanwhile, a row gone)."""

    statement: Executable
    params: list[dict[str, Any]]
    rows: int | None = None
    refused: Callable[[], None] | None = None

    def check(self, changed: int) -> None:
        if self.rows is not None and changed != self.rows and self.refused is not None:
            self.refused()


Statement = tuple[Executable, dict[str, Any]]


def read_batch(
    conn: Connection,
    statements: Sequence[Statement],
    writes: Sequence[Write] = (),
    *,
    commit: bool = False,
) -> list[Result]:
    """The rows of each SELECT in ``statements``, after ``writes`` (whose rows changed
    are then checked): one round trip on PostgreSQL. With ``commit`` (PostgreSQL, a
    transaction whose BEGIN was sent by storage/pool.py) ``COMMIT`` goes with them:
    only writes that cannot be refused may be sent so (their rows are locked)."""
    if commit and not (conn.dialect.name == "postgresql" and begun_here(conn)):
        raise ValueError("only a transaction begun by storage/pool.py commits in a batch")
    if conn.dialect.name != "postgresql":
        for write in writes:
            changed = sum(conn.execute(write.statement, p).rowcount for p in write.params)
            write.check(changed)
        out = []
        for statement, params in statements:
            result = conn.execute(statement, params)
            out.append(Result(tuple(result.keys()), list(result.all())))
        return out
    return _pipelined(conn, statements, writes, commit)


def begun_here(conn: Connection) -> bool:
    """Was the connection's transaction begun by storage/pool.py (psycopg's autocommit
    mode, ``BEGIN`` sent by us), so that sending ``COMMIT`` ourselves is sound?"""
    raw = conn.connection.driver_connection
    return bool(getattr(raw, "autocommit", False))


def _pipelined(
    conn: Connection, statements: Sequence[Statement], writes: Sequence[Write], commit: bool
) -> list[Result]:
    import psycopg
    from psycopg.rows import namedtuple_row

    raw = conn.connection.driver_connection
    assert isinstance(raw, psycopg.Connection)
    # each write is one statement run for each of its parameters (an executemany)
    sent = [_compiled(conn, w.statement, w.params) for w in writes]
    sent += [_compiled(conn, statement, [params]) for statement, params in statements]
    sql = ""
    try:
        cursors = []
        with raw.pipeline():
            if conn.info.pop(BEGIN_DUE, False):
                raw.execute("BEGIN")
            for sql, values in sent:
                cursor = raw.cursor(row_factory=namedtuple_row)
                many = len(values) > 1
                for listener in conn.dispatch.before_cursor_execute:  # counters see it too
                    listener(conn, cursor, sql, values if many else values[0], None, many)
                if many:
                    cursor.executemany(sql, values)
                else:
                    cursor.execute(sql, values[0])
                cursors.append(cursor)
            if commit:
                raw.execute("COMMIT")
        # leaving the pipeline sent BEGIN (when due), the statements, COMMIT (when
        # asked) and one Sync together, and read every reply: a single round trip
        changed = [c.rowcount for c in cursors[: len(writes)]]
        out = []
        for cursor in cursors[len(writes) :]:
            names = [c.name for c in cursor.description or ()]
            out.append(Result(names, cursor.fetchall()))
        for cursor in cursors:
            cursor.close()
    except psycopg.Error as exc:
        raise DBAPIError.instance(sql, None, exc, psycopg.Error) from exc
    for write, rows in zip(writes, changed, strict=True):
        write.check(rows)
    return out


def _compiled(
    conn: Connection, statement: Executable, params: Sequence[dict[str, Any]]
) -> tuple[str, list[Any]]:
    """The SQL and the driver's parameters of ``statement`` (expanding ``IN`` lists
    rendered for the values given), as SQLAlchemy itself would send them."""
    key = (statement, tuple(params[0]))
    compiled = _COMPILED.get(key)
    if compiled is None or compiled.dialect is not conn.dialect:
        compiled = statement.compile(  # type: ignore[attr-defined]
            dialect=conn.dialect, column_keys=list(params[0])
        )
        _COMPILED[key] = compiled
    sql, values = "", []
    for one in params:
        state = compiled.construct_expanded_state(one)
        processors = state.processors
        sql = state.statement
        values.append(
            {k: processors[k](v) if k in processors else v for k, v in state.parameters.items()}
        )
    return sql, values


# the statements sent in batches are built once (storage/statements.py): so is their SQL
_COMPILED: dict[tuple[Executable, tuple[str, ...]], Any] = {}
