"""Opening a store: check it, migrate it in one transaction, configure SQLite safely.

Order matters for the promises made to the user:

1. A file that exists is inspected read-only *before* any connection that could write
   (even ``PRAGMA journal_mode=WAL`` rewrites the header), so a store that is not
   SQLite, is empty, or was written by a newer RunStrong is refused byte-identical.
2. pysqlite's own transaction handling is switched off and ``BEGIN`` is emitted by
   SQLAlchemy (the documented recipe), so Alembic's DDL runs inside one real
   transaction and a migration that fails midway leaves nothing behind.
3. New files are created 0600 before SQLite opens them; SQLite gives its ``-wal`` and
   ``-shm`` files the same mode.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SQLITE_MAGIC = b"SQLite format 3\x00"


class StoreError(Exception):
    """A store cannot be opened or written; the message is meant for the user."""


class NewerSchemaError(StoreError):
    pass


class NotAStoreError(StoreError):
    pass


def sqlite_url(path: Path | str) -> str:
    return f"sqlite+pysqlite:///{Path(path).expanduser().resolve()}"


def _alembic_config(script_location: Path) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(script_location))
    return cfg


def known_revisions(script_location: Path = MIGRATIONS_DIR) -> set[str]:
    script = ScriptDirectory.from_config(_alembic_config(script_location))
    return {rev.revision for rev in script.walk_revisions()}


def head_revision(script_location: Path = MIGRATIONS_DIR) -> str:
    script = ScriptDirectory.from_config(_alembic_config(script_location))
    head = script.get_current_head()
    assert head is not None
    return head


def _check_revision(found: str | None, script_location: Path, where: str) -> None:
    if found is not None and found not in known_revisions(script_location):
        raise NewerSchemaError(
            f"{where} was written by a newer version of RunStrong (schema {found}); this "
            f"version understands schema {head_revision(script_location)} and older. "
            "Nothing was changed: update RunStrong to open it."
        )


def _precheck_sqlite_file(path: Path, script_location: Path) -> None:
    """Refuse what is not a RunStrong store, reading only."""
    try:
        with path.open("rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        raise StoreError(f"The store {path} cannot be read: {exc.strerror}.") from exc
    if len(header) == 0:
        raise NotAStoreError(
            f"The store {path} is empty (zero bytes). It was left untouched; "
            "restore a backup or choose another file."
        )
    if not header.startswith(SQLITE_MAGIC):
        raise NotAStoreError(
            f"{path} is not a RunStrong store (not an SQLite database). It was left untouched."
        )
    try:
        con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            tables = {
                r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            found = None
            if "alembic_version" in tables:
                row = con.execute("SELECT version_num FROM alembic_version").fetchone()
                found = row[0] if row else None
            elif tables and "athletes" not in tables:
                raise NotAStoreError(
                    f"{path} is an SQLite database but not a RunStrong store. "
                    "It was left untouched."
                )
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise NotAStoreError(
            f"The store {path} is damaged ({exc}). It was left untouched; restore a backup."
        ) from exc
    _check_revision(found, script_location, f"The store {path}")


def _create_private_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself
        cur = dbapi_connection.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=5000")
        if engine.url.query.get("mode") != "ro":
            cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN")


def create_store_engine(
    url: str, *, script_location: Path = MIGRATIONS_DIR, create: bool = True
) -> Engine:
    """Open (and if needed create and migrate) the store at ``url``.

    Raises :class:`StoreError` with a message for the user; on any failure the file
    is as it was before the call.
    """
    parsed = make_url(url)
    is_sqlite = parsed.get_backend_name() == "sqlite"
    if is_sqlite:
        if not parsed.database or parsed.database == ":memory:":
            raise StoreError("An in-memory store cannot be used: give a file path.")
        path = Path(parsed.database)
        if path.exists():
            if path.is_dir():
                raise StoreError(f"{path} is a folder, not a store file.")
            _precheck_sqlite_file(path, script_location)
        elif create:
            _create_private_file(path)
        else:
            raise StoreError(f"There is no store at {path}.")
        engine = create_engine(url)
        _configure_sqlite(engine)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    try:
        migrate(engine, script_location)
    except StoreError:
        engine.dispose()
        raise
    except Exception as exc:
        engine.dispose()
        raise StoreError(
            f"The store could not be brought up to date ({exc.__class__.__name__}: {exc}). "
            "Nothing was changed."
        ) from exc
    return engine


def migrate(engine: Engine, script_location: Path = MIGRATIONS_DIR) -> None:
    """Apply every pending migration inside one transaction."""
    with engine.begin() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
        _check_revision(current, script_location, "The store")
        if current == head_revision(script_location):
            return
        cfg = _alembic_config(script_location)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def table_names(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names())


@contextmanager
def disposing(engine: Engine) -> Iterator[Engine]:
    try:
        yield engine
    finally:
        engine.dispose()
