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
   A ``-wal`` left by an unclean shutdown is read by its format first (:mod:`wal`): a
   damaged frame with commits behind it is damage like any other; a ``-wal`` that is
   not the store's own is set aside into the backups folder and the store opens
   without it; the store's own is copied there before anything could checkpoint it.
   What is a RunStrong store at all is decided in :func:`health.is_runstrong`.
5. A store that cannot be written (read-only file, folder or mount, or an address
   that asks for ``mode=ro``) is opened with
   ``mode=ro`` (``immutable=1`` where SQLite cannot make its ``-shm``) rather than
   failing at the first save; :class:`OpenedStore` says so and why.
6. The app opens in two steps so its window can paint first: :func:`look_at_store`
   (the cheap checks, no SQLAlchemy) and :func:`connect_store`. With ``defer_check`` the
   deep checks of step 4 run in a :class:`DeferredCheck` beside the app instead; until
   they pass, every connection is ``query_only``, so SQLite itself refuses to write.
   A store that needs a migration, or is not in WAL mode yet (switching it rewrites the
   header), is still checked in full before it is opened.

SQLAlchemy is imported by the functions that need it, not by this module: the error
types (:mod:`.errors`) and the checks above are used before the window paints. The
schema's revisions and the migration itself are in :mod:`.revisions`.

The errors are re-exported here, where callers have always found them.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from runstrong_gui.storage import health, wal
from runstrong_gui.storage.errors import (
    DamagedStoreError,
    NewerSchemaError,
    NotAStoreError,
    StoreError,
)
from runstrong_gui.storage.health import Health, State
from runstrong_gui.storage.revisions import (
    MIGRATIONS_DIR,
    _check_revision,
    head_revision,
    migrate,
)

__all__ = [
    "MIGRATIONS_DIR",
    "DamagedStoreError",
    "NewerSchemaError",
    "NotAStoreError",
    "OpenedStore",
    "StoreError",
    "StoreLook",
    "connect_store",
    "create_store_engine",
    "look_at_store",
    "open_store",
    "sqlite_url",
    "store_path",
]

if TYPE_CHECKING:
    from sqlalchemy import Engine

log = logging.getLogger(__name__)


@dataclass
class OpenedStore:
    """An engine plus what the opening learnt about the store."""

    engine: Engine
    path: Path | None = None  # the SQLite file, None for a server database
    read_only: bool = False
    read_only_reason: str = ""
    checked: Health | None = None  # the at-open inspection (None for a new file)
    deferred: DeferredCheck | None = None  # the deep checks still running (defer_check)
    notice: str = ""  # something the opening did that the user should hear of


@dataclass
class StoreLook:
    """What the first, read-only look at a store found (step 1 of opening)."""

    url: str
    path: Path | None  # the SQLite file, None for a server database
    checked: Health | None = None  # the deep inspection, when it already ran
    read_only_reason: str = ""
    full: bool = False  # the deep check is the full integrity check
    defer: bool = False  # the deep check runs beside the app (see DeferredCheck)
    notice: str = ""  # e.g. a stray -wal was set aside
    ignore_wal: bool = False  # a stray -wal that could not be set aside: read without it


class DeferredCheck:
    """The deep checks of a store opened before they finished.

    Until :meth:`allow_writes` the store's connections are ``query_only``: SQLite refuses
    every write, whatever the caller. The app polls :meth:`done`, then reads
    :meth:`error` (None when the store passed) and calls :meth:`allow_writes`.
    """

    def __init__(self, path: Path, *, full: bool) -> None:
        self.path = path
        self.full = full
        self.writable = False
        self.engine: Engine | None = None
        self._check = health.BackgroundCheck(path, full=full)

    def done(self) -> bool:
        return self._check.done()

    def wait(self, timeout: float | None = None) -> Health | None:
        return self._check.wait(timeout)

    @property
    def result(self) -> Health | None:
        return self._check.result

    def error(self) -> StoreError | None:
        """Why the store must not be used (None while running or when it passed)."""
        found = self._check.result
        if found is None:
            return None
        return refusal(found)

    def allow_writes(self) -> None:
        """The check passed: drop the ``query_only`` connections; new ones may write."""
        self.writable = True
        if self.engine is not None:
            self.engine.dispose()

    def cancel(self) -> None:
        self._check.cancel()


def sqlite_url(path: Path | str) -> str:
    return f"sqlite+pysqlite:///{Path(path).expanduser().resolve()}"


def refusal(found: Health) -> StoreError | None:
    """The error that refuses a store in the state ``found`` (None for a sound one)."""
    path = found.path
    detail = "; ".join(found.problems[:3])
    if found.state is State.OK:
        return None
    if found.state is State.EMPTY:
        return NotAStoreError(
            f"The store {path} is empty (zero bytes). It was left untouched; "
            "restore a backup or choose another file.",
            found,
        )
    if found.state is State.NOT_SQLITE:
        return NotAStoreError(
            f"{path} is not a RunStrong store (not an SQLite database). It was left untouched.",
            found,
        )
    if found.state is State.FOREIGN:
        return NotAStoreError(
            f"{path} is an SQLite database but not a RunStrong store. It was left untouched.",
            found,
        )
    if found.state is State.DAMAGED:
        return DamagedStoreError(
            f"The store {path} is damaged: {detail}. It was left untouched; restore a backup.",
            found,
        )
    return StoreError(f"The store {path} cannot be opened here: {detail}. Nothing was changed.")


def _precheck_sqlite_file(
    path: Path, script_location: Path, *, full: bool, deep: bool = True
) -> Health:
    """Refuse what is not a sound RunStrong store, reading only."""
    found = health.inspect(path, full=full, deep=deep)
    error = refusal(found)
    if error is not None:
        raise error
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


def _configure_sqlite(
    engine: Engine, read_only: bool = False, deferred: DeferredCheck | None = None
) -> None:
    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself
        cur = dbapi_connection.cursor()
        if deferred is not None and not deferred.writable:
            cur.execute("PRAGMA query_only=ON")  # not a byte written before the check passed
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


_PLAIN_SQLITE = ("sqlite+pysqlite:///", "sqlite:///")


def store_path(url: str) -> Path | None:
    """The SQLite file behind ``url`` (None for a server database).

    The URLs :func:`sqlite_url` makes are read without SQLAlchemy (the window paints
    before it is loaded); anything else goes through SQLAlchemy's own parser.
    """
    database: str | None = None
    for prefix in _PLAIN_SQLITE:
        if url.startswith(prefix) and not any(c in url for c in "?%#"):
            database = url.removeprefix(prefix)
            break
    else:
        from sqlalchemy.engine import make_url

        parsed = make_url(url)
        if parsed.get_backend_name() != "sqlite":
            return None
        database = parsed.database
    if not database or database == ":memory:":
        raise StoreError("An in-memory store cannot be used: give a file path.")
    return Path(database.removeprefix("file:")).expanduser()


def open_store(
    url: str,
    *,
    script_location: Path = MIGRATIONS_DIR,
    create: bool = True,
    read_only: bool = False,
    full_check: bool | None = None,
    defer_check: bool = False,
) -> OpenedStore:
    """Open (and if needed create and migrate) the store at ``url``.

    ``read_only`` forces a read-only open; a store that cannot be written is opened
    read-only anyway. ``full_check`` runs the full integrity check (by default only
    after an unclean shutdown). ``defer_check``: see :func:`look_at_store`. Raises
    :class:`StoreError` with a message for the user; on any failure the file is as it
    was before the call.
    """
    look = look_at_store(
        url,
        script_location=script_location,
        create=create,
        read_only=read_only,
        full_check=full_check,
        defer_check=defer_check,
    )
    return connect_store(look, script_location=script_location)


def look_at_store(
    url: str,
    *,
    script_location: Path = MIGRATIONS_DIR,
    create: bool = True,
    read_only: bool = False,
    full_check: bool | None = None,
    defer_check: bool = False,
) -> StoreLook:
    """Step 1 of opening, reading only and without SQLAlchemy (a new file is created).

    Refuses at once a file that is empty, not SQLite, damaged in its header, someone
    else's database or written by a newer RunStrong. With ``defer_check`` the deep
    checks (``quick_check`` or ``integrity_check``, ``foreign_key_check``) are left to
    a :class:`DeferredCheck` that :func:`connect_store` starts, unless the store needs
    a migration or is not in WAL mode, which are checked in full here first.
    """
    path = store_path(url)
    look = StoreLook(url, path)
    if path is None:
        return look
    read_only = read_only or url_is_read_only(url)
    if path.exists():
        if path.is_dir():
            raise StoreError(f"{path} is a folder, not a store file.")
        hot = health.has_hot_wal(path)
        look.full = hot if full_check is None else full_check
        look.read_only_reason = write_blocker(path) or (
            "it was opened read-only" if read_only else ""
        )
        writable = not look.read_only_reason
        deep = not defer_check
        try:
            found = _precheck_sqlite_file(path, script_location, full=look.full, deep=deep)
            if not deep and (
                found.schema != head_revision(script_location)
                or not health.uses_wal(path)
                or (found.stray_wal and not writable)
            ):
                found = _precheck_sqlite_file(path, script_location, full=look.full)
                deep = True
        except DamagedStoreError:
            if hot and writable:
                _keep_unclean_wal(path)
            raise
        if found.stray_wal:
            if writable:
                look.notice = _set_wal_aside(path, found)
            else:
                look.ignore_wal = True
        elif hot and writable:
            _keep_unclean_wal(path)
        look.checked = found if deep else None
        look.defer = not deep
    elif read_only or not create:
        raise StoreError(f"There is no store at {path}.")
    else:
        _create_private_file(path)
    return look


def url_is_read_only(url: str) -> bool:
    """Does the address itself ask for a read-only store (``mode=ro``, ``immutable=1``)?

    Such a store is opened read-only by the app (with its banner), not found out at the
    first save.
    """
    if "?" not in url:
        return False
    from urllib.parse import parse_qs

    query = parse_qs(url.split("?", 1)[1])
    return "ro" in query.get("mode", []) or "1" in query.get("immutable", [])


def _keep_unclean_wal(path: Path) -> None:
    """Copy the ``-wal`` of a store not closed cleanly into its backups folder before
    anything may checkpoint it; a copy that cannot be made does not stop the open."""
    try:
        kept = wal.keep_copy(path)
    except OSError as exc:
        log.warning("no copy of the -wal of %s could be kept: %s", path, exc.strerror)
    else:
        log.info("the store was not closed cleanly; its -wal was copied to %s", kept)


def _set_wal_aside(path: Path, found: Health) -> str:
    """Move a ``-wal`` that is not the store's own out of its way; the message says so."""
    name = health.wal_path(path).name
    try:
        kept = wal.set_aside(path)
    except OSError as exc:
        raise StoreError(
            f"The file {name} beside the store {path} is not its own ({found.stray_wal}), "
            f"and it could not be moved aside ({exc.strerror}). Nothing was changed: move "
            f"{name} out of that folder, then start RunStrong again."
        ) from exc
    log.warning("stray -wal beside %s (%s) set aside as %s", path, found.stray_wal, kept)
    return (
        f"The file {name} beside the store was not its own ({found.stray_wal}), so it "
        f"held nothing of this store. It was set aside as {kept} (in the backups folder), "
        "and the store opened as it was."
    )


def connect_store(look: StoreLook, *, script_location: Path = MIGRATIONS_DIR) -> OpenedStore:
    """Step 2 of opening: the engine (SQLAlchemy), its SQLite settings, the migrations.

    For a look with ``defer`` the deep checks start here, on their own thread; the
    returned store's ``deferred`` says when they are done and lets writes in.
    """
    url, path, reason = look.url, look.path, look.read_only_reason
    # started first, so SQLite checks on another core while SQLAlchemy loads here
    deferred = DeferredCheck(path, full=look.full) if path is not None and look.defer else None
    from sqlalchemy import create_engine

    if path is not None:
        if reason:
            ro_path = path.resolve()
            engine = create_engine(
                sqlite_url(ro_path),  # the address's own query (mode=ro) is the creator's
                creator=lambda: health.connect_read_only(
                    ro_path, same_thread=False, without_wal=look.ignore_wal
                ),
            )
        else:
            engine = create_engine(url)
        if deferred is not None:
            deferred.engine = engine
        _configure_sqlite(engine, read_only=bool(reason), deferred=deferred)
    else:
        from runstrong_gui.storage.pool import watch_connections

        engine = create_engine(url)
        watch_connections(engine)  # no pre-ping: a round trip less per action
    try:
        if path is None:
            _check_server_store(engine, url)
        migrate(engine, script_location, read_only=bool(reason))
    except Exception as exc:
        engine.dispose()
        if deferred is not None:
            deferred.cancel()
        if isinstance(exc, StoreError):
            raise
        if path is None:
            from sqlalchemy.exc import DBAPIError

            from runstrong_gui.storage.server import explain

            if isinstance(exc, DBAPIError):
                raise StoreError(explain(exc, url)) from exc
        raise StoreError(
            f"The store could not be brought up to date ({exc.__class__.__name__}: {exc}). "
            "Nothing was changed."
        ) from exc
    return OpenedStore(engine, path, bool(reason), reason, look.checked, deferred, look.notice)


def _check_server_store(engine: Engine, url: str) -> None:
    """A server database must be empty (a new store) or RunStrong's before a migration
    may write to it (see :func:`.server.refuse_foreign`)."""
    from runstrong_gui.storage.server import refuse_foreign

    with engine.connect() as conn:
        refuse_foreign(conn, url)
        conn.rollback()


def table_names(engine: Engine) -> set[str]:
    from sqlalchemy import inspect

    return set(inspect(engine).get_table_names())


@contextmanager
def disposing(engine: Engine) -> Iterator[Engine]:
    try:
        yield engine
    finally:
        engine.dispose()
