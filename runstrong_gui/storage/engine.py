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
4. The read-only inspection runs ``quick_check`` (the full ``integrity_check`` when a
   ``-wal`` left by a killed process shows an unclean shutdown) and
   ``foreign_key_check``: a damaged store raises :class:`DamagedStoreError` before
   anything could write to it.
5. A store that cannot be written (read-only file, folder or mount) is opened with
   ``mode=ro`` (``immutable=1`` where SQLite cannot make its ``-shm``) rather than
   failing at the first save; :class:`OpenedStore` says so and why.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url

from runstrong_gui.storage import health
from runstrong_gui.storage.health import Health, State

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class StoreError(Exception):
    """A store cannot be opened or written; the message is meant for the user."""


class NewerSchemaError(StoreError):
    pass


class NotAStoreError(StoreError):
    """The file is not a store RunStrong can read (empty, not SQLite, damaged, foreign)."""

    def __init__(self, message: str, health: Health | None = None) -> None:
        super().__init__(message)
        self.health = health


class DamagedStoreError(NotAStoreError):
    """A RunStrong store that failed its checks: offer a backup, never overwrite it."""


@dataclass
class OpenedStore:
    """An engine plus what the opening learnt about the store."""

    engine: Engine
    path: Path | None = None  # the SQLite file, None for a server database
    read_only: bool = False
    read_only_reason: str = ""
    checked: Health | None = None  # the at-open inspection (None for a new file)


def sqlite_url(path: Path | str) -> str:
    return f"sqlite+pysqlite:///{Path(path).expanduser().resolve()}"


def _alembic_config(script_location: Path) -> Any:
    from alembic.config import Config  # Alembic is loaded only when a migration runs

    cfg = Config()
    cfg.set_main_option("script_location", str(script_location))
    return cfg


_REVISION = re.compile(r"^revision\s*=\s*['\"]([^'\"]+)['\"]", re.M)
_DOWN = re.compile(r"^down_revision\s*=\s*(?:None|['\"]([^'\"]+)['\"])", re.M)


@functools.lru_cache(maxsize=8)
def _revisions(script_location: Path) -> tuple[str, frozenset[str]]:
    """(head, every revision) of a migrations folder, read once per process.

    Read from the scripts' own ``revision`` lines rather than through Alembic, whose
    import costs ~0.2 s of every start; a test checks both agree.
    """
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in sorted((script_location / "versions").glob("*.py")):
        text = path.read_text("utf-8")
        found = _REVISION.search(text)
        if found is None:
            continue
        revisions.add(found.group(1))
        down = _DOWN.search(text)
        if down is not None and down.group(1):
            parents.add(down.group(1))
    heads = revisions - parents
    if len(heads) != 1:
        raise StoreError(f"The migrations have {len(heads)} heads; expected one.")
    return heads.pop(), frozenset(revisions)


def _current_revision(conn: Any) -> str | None:
    """The store's schema revision, read with plain SQL (no Alembic needed)."""
    if not inspect(conn).has_table("alembic_version"):
        return None
    row = conn.exec_driver_sql("SELECT version_num FROM alembic_version").first()
    return None if row is None else str(row[0])


def known_revisions(script_location: Path = MIGRATIONS_DIR) -> set[str]:
    return set(_revisions(Path(script_location))[1])


def head_revision(script_location: Path = MIGRATIONS_DIR) -> str:
    return _revisions(Path(script_location))[0]


def _check_revision(found: str | None, script_location: Path, where: str) -> None:
    if found is not None and found not in known_revisions(script_location):
        raise NewerSchemaError(
            f"{where} was written by a newer version of RunStrong (schema {found}); this "
            f"version understands schema {head_revision(script_location)} and older. "
            "Nothing was changed: update RunStrong to open it."
        )


def _precheck_sqlite_file(path: Path, script_location: Path, *, full: bool) -> Health:
    """Refuse what is not a sound RunStrong store, reading only."""
    found = health.inspect(path, full=full)
    detail = "; ".join(found.problems[:3])
    if found.state is State.EMPTY:
        raise NotAStoreError(
            f"The store {path} is empty (zero bytes). It was left untouched; "
            "restore a backup or choose another file.",
            found,
        )
    if found.state is State.NOT_SQLITE:
        raise NotAStoreError(
            f"{path} is not a RunStrong store (not an SQLite database). It was left untouched.",
            found,
        )
    if found.state is State.FOREIGN:
        raise NotAStoreError(
            f"{path} is an SQLite database but not a RunStrong store. It was left untouched.",
            found,
        )
    if found.state is State.DAMAGED:
        raise DamagedStoreError(
            f"The store {path} is damaged: {detail}. It was left untouched; restore a backup.",
            found,
        )
    if found.state is not State.OK:
        raise StoreError(f"The store {path} cannot be opened here: {detail}. Nothing was changed.")
    _check_revision(found.schema, script_location, f"The store {path}")
    return found


def write_blocker(path: Path) -> str:
    """Why the store at ``path`` cannot be written ("" when it can).

    Root passes every permission check, so only a read-only mount stops it; other users
    are also stopped by the file's or the folder's mode (SQLite creates ``-wal`` and
    ``-shm`` beside the store).
    """
    folder = path.parent
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return "it is on a read-only disk"
    except (OSError, AttributeError):
        pass
    if not os.access(path, os.W_OK):
        return "the file is read-only"
    companions = (health.wal_path(path), health.shm_path(path))
    if not os.access(folder, os.W_OK | os.X_OK) and not all(
        c.exists() and os.access(c, os.W_OK) for c in companions
    ):
        return "its folder is read-only"
    return ""


def _create_private_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def _configure_sqlite(engine: Engine, read_only: bool = False) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself
        cur = dbapi_connection.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=5000")
        if not read_only and engine.url.query.get("mode") != "ro":
            cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN")


def create_store_engine(
    url: str, *, script_location: Path = MIGRATIONS_DIR, create: bool = True
) -> Engine:
    """Open (and if needed create and migrate) the store at ``url``; see :func:`open_store`."""
    return open_store(url, script_location=script_location, create=create).engine


def store_path(url: str) -> Path | None:
    """The SQLite file behind ``url`` (None for a server database)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    if not parsed.database or parsed.database == ":memory:":
        raise StoreError("An in-memory store cannot be used: give a file path.")
    return Path(parsed.database.removeprefix("file:")).expanduser()


def open_store(
    url: str,
    *,
    script_location: Path = MIGRATIONS_DIR,
    create: bool = True,
    read_only: bool = False,
    full_check: bool | None = None,
) -> OpenedStore:
    """Open (and if needed create and migrate) the store at ``url``.

    ``read_only`` forces a read-only open; a store that cannot be written is opened
    read-only anyway. ``full_check`` runs the full integrity check (by default only
    after an unclean shutdown). Raises :class:`StoreError` with a message for the user;
    on any failure the file is as it was before the call.
    """
    path = store_path(url)
    checked: Health | None = None
    reason = ""
    if path is not None:
        if path.exists():
            if path.is_dir():
                raise StoreError(f"{path} is a folder, not a store file.")
            full = health.has_hot_wal(path) if full_check is None else full_check
            checked = _precheck_sqlite_file(path, script_location, full=full)
            reason = write_blocker(path) or ("it was opened read-only" if read_only else "")
        elif read_only or not create:
            raise StoreError(f"There is no store at {path}.")
        else:
            _create_private_file(path)
        if reason:
            ro_path = path.resolve()
            engine = create_engine(
                url, creator=lambda: health.connect_read_only(ro_path, same_thread=False)
            )
        else:
            engine = create_engine(url)
        _configure_sqlite(engine, read_only=bool(reason))
    else:
        engine = create_engine(url, pool_pre_ping=True)
    try:
        migrate(engine, script_location, read_only=bool(reason))
    except StoreError:
        engine.dispose()
        raise
    except Exception as exc:
        engine.dispose()
        raise StoreError(
            f"The store could not be brought up to date ({exc.__class__.__name__}: {exc}). "
            "Nothing was changed."
        ) from exc
    return OpenedStore(engine, path, bool(reason), reason, checked)


def migrate(
    engine: Engine, script_location: Path = MIGRATIONS_DIR, *, read_only: bool = False
) -> None:
    """Apply every pending migration inside one transaction."""
    with engine.begin() as conn:
        current = _current_revision(conn)
        _check_revision(current, script_location, "The store")
        if current == head_revision(script_location):
            return
        if read_only:
            raise StoreError(
                "The store was made by an older RunStrong and needs an update, but it is "
                "read-only. Nothing was changed: copy it to a folder you can write to."
            )
        from alembic import command

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
