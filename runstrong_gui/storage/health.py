"""Is this file a sound RunStrong store? Answered by reading only, never by writing.

Used at open (before any connection that could write), by ``runstrong check``, and to
verify every backup before it is kept or restored. The checks go from cheap to dear:
the size and the 100-byte header first (empty, not SQLite, cut short), then SQLite's
own ``quick_check`` (or the full ``integrity_check`` after an unclean shutdown, which
also compares every index with its table), then ``foreign_key_check``. After an unclean
shutdown the ``-wal`` is read by its format before SQLite reads it (:mod:`.wal`).

The cheap part (``deep=False``) takes milliseconds; the deep part reads the whole file,
about a second for a clinic's store. The app runs the deep part in a
:class:`BackgroundCheck` while its window loads, and lets nothing write until it passed.

A read-only connection to a WAL store leaves an empty ``-wal`` and a ``-shm`` beside it
(SQLite needs them to read); the store file itself is never modified.
"""

from __future__ import annotations

import enum
import os
import sqlite3
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from runstrong_gui.storage import wal

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
MAX_MESSAGES = 20  # an integrity check of a badly damaged file can list thousands
COUNTED = {  # table: (one, many), the rows a user recognises in a summary
    "athletes": ("athlete", "athletes"),
    "training_sessions": ("session", "sessions"),
    "set_logs": ("logged set", "logged sets"),
}


class State(enum.Enum):
    OK = "ok"
    MISSING = "missing"
    EMPTY = "empty"
    NOT_SQLITE = "not SQLite"
    FOREIGN = "not a RunStrong store"
    DAMAGED = "damaged"
    UNREADABLE = "out of reach"


class WalOutOfReach(sqlite3.OperationalError):
    """The store's -wal holds data but the folder is read-only and has no -shm."""


@dataclass(frozen=True)
class Health:
    """What the checks found. ``problems`` are short lines for the user."""

    path: Path
    state: State
    problems: tuple[str, ...] = ()
    full: bool = False  # the full integrity_check ran (not only quick_check)
    schema: str | None = None  # alembic revision, when readable
    counts: Mapping[str, int] = field(default_factory=dict)
    stray_wal: str = ""  # why the -wal beside the store is not its own (it was left out)

    @property
    def ok(self) -> bool:
        return self.state is State.OK

    @property
    def check_name(self) -> str:
        return "integrity check" if self.full else "quick check"

    def contents(self) -> str:
        """``3 athletes, 41 sessions, 120 logged sets`` (empty when not counted)."""
        return ", ".join(
            f"{n} {COUNTED[table][0] if n == 1 else COUNTED[table][1]}"
            for table, n in self.counts.items()
            if table in COUNTED
        )

    def summary(self) -> str:
        """One or two lines for ``runstrong check`` and the dialogs."""
        if self.ok:
            what = self.contents()
            tail = f" ({what})" if what else ""
            return f"The store {self.path} passed the {self.check_name}{tail}."
        detail = "; ".join(self.problems[:3])
        return f"The store {self.path} is {self.state.value}: {detail}"

    def wal_note(self) -> str:
        """What happens to a stray ``-wal`` ("" when there is none)."""
        if not self.stray_wal:
            return ""
        return (
            f"Its {wal_path(self.path).name} is not its own ({self.stray_wal}): it holds "
            "nothing of this store and was left out of the check. When RunStrong opens "
            "the store, that file is set aside into the backups folder."
        )


def wal_path(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def shm_path(path: Path) -> Path:
    return path.with_name(path.name + "-shm")


def has_hot_wal(path: Path) -> bool:
    """A non-empty ``-wal`` beside a store that nobody has open means an unclean shutdown.

    SQLite deletes the WAL when the last connection closes cleanly; a killed process
    leaves it behind with committed (and perhaps torn) frames.
    """
    try:
        return wal_path(path).stat().st_size > 0
    except OSError:
        return False


def read_only_uri(path: Path, *, immutable: bool = False) -> str:
    """A ``file:`` URI that SQLite opens without ever writing the database."""
    flag = "immutable=1" if immutable else "mode=ro"
    return f"{path.resolve().as_uri()}?{flag}"


def connect_read_only(
    path: Path, *, same_thread: bool = True, without_wal: bool = False
) -> sqlite3.Connection:
    """A read-only connection; falls back to ``immutable`` where SQLite cannot make a -shm.

    On a read-only folder SQLite cannot create the ``-shm`` a WAL store needs, even to
    read. A missing ``-shm`` also means no program has the store open right now, and
    without a ``-wal`` holding data the file alone is the whole store: ``immutable=1``
    reads it as it is. (A writer starting later, which the folder's owner could be,
    would not be seen; a read-only place is for reading.) ``without_wal`` reads the
    file alone, for a ``-wal`` that is not the store's.
    """
    kw = {"uri": True, "isolation_level": None, "check_same_thread": same_thread}
    if without_wal:  # a stray -wal that could not be set aside: the store file alone
        return sqlite3.connect(read_only_uri(path, immutable=True), **kw)  # type: ignore[arg-type]
    con = sqlite3.connect(read_only_uri(path), **kw)  # type: ignore[arg-type]
    try:
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return con
    except sqlite3.OperationalError as exc:
        con.close()
        if "readonly" not in str(exc) and "unable to open" not in str(exc):
            raise
        if has_hot_wal(path):
            raise WalOutOfReach(
                f"its latest changes are in {wal_path(path).name}, which SQLite cannot read "
                "in a read-only folder; copy the store with that file to a writable folder"
            ) from exc
        return sqlite3.connect(read_only_uri(path, immutable=True), **kw)  # type: ignore[arg-type]


def uses_wal(path: Path) -> bool:
    """Is the store in WAL mode? (Bytes 18 and 19 of the header are 2.)

    Opening a store that is not makes the app switch it to WAL, which rewrites the
    header: such a store must pass its deep check before it is opened for writing.
    """
    try:
        with Path(path).open("rb") as fh:
            header = fh.read(20)
    except OSError:
        return False
    return len(header) == 20 and header[18] == 2 and header[19] == 2


def _header_problems(path: Path, header: bytes, size: int) -> list[str]:
    if len(header) < HEADER_SIZE:
        return [f"the file is cut short ({size} bytes, less than one page)"]
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size > 65536 or page_size & (page_size - 1):
        return [f"its header is damaged (page size {page_size})"]
    if size % page_size:
        return [f"the file is cut short ({size} bytes is not a whole number of pages)"]
    pages = int.from_bytes(header[28:32], "big")
    counter, valid_for = header[24:28], header[92:96]
    if pages and counter == valid_for and pages * page_size > size and not has_hot_wal(path):
        return [f"the file is cut short ({size // page_size} of its {pages} pages are left)"]
    return []


def inspect(path: Path, *, full: bool = False, counts: bool = False, deep: bool = True) -> Health:
    """Check the store at ``path`` without changing it.

    ``deep=False`` leaves out ``quick_check``/``integrity_check`` and
    ``foreign_key_check``: an OK then only means "an SQLite file of ours that SQLite can
    open, with its schema version" (see :class:`BackgroundCheck` for the rest).
    """
    path = Path(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        return Health(path, State.MISSING, ("there is no file there",))
    except OSError as exc:
        return Health(path, State.DAMAGED, (f"it cannot be read ({exc.strerror})",))
    if not path.is_file():
        return Health(path, State.NOT_SQLITE, ("it is a folder, not a file",))
    try:
        with path.open("rb") as fh:
            header = fh.read(HEADER_SIZE)
    except OSError as exc:
        return Health(path, State.DAMAGED, (f"it cannot be read ({exc.strerror})",))
    if st.st_size == 0:
        return Health(path, State.EMPTY, ("the file is empty (zero bytes)",))
    if not header.startswith(SQLITE_MAGIC):
        if len(header) < len(SQLITE_MAGIC) and SQLITE_MAGIC.startswith(header):
            return Health(path, State.DAMAGED, ("the file is cut short",))
        return Health(path, State.NOT_SQLITE, ("it is not an SQLite database",))
    problems = _header_problems(path, header, st.st_size)
    if problems:
        return Health(path, State.DAMAGED, tuple(problems), full)
    log = wal.read(path) if has_hot_wal(path) else None
    if log is not None and log.verdict is wal.Verdict.DAMAGED:
        return Health(path, State.DAMAGED, (log.reason,), full)
    if log is not None and log.verdict is wal.Verdict.STRAY:
        return _inspect_without_wal(path, log.reason, full=full, counts=counts, deep=deep)
    try:
        con = connect_read_only(path)
    except WalOutOfReach as exc:
        return Health(path, State.UNREADABLE, (str(exc),), full)
    except sqlite3.Error as exc:
        return Health(path, State.DAMAGED, (f"SQLite cannot open it ({exc})",), full)
    try:
        found = _inspect_open(path, con, full=full, counts=counts, deep=deep)
    except sqlite3.Error as exc:
        found = Health(path, State.DAMAGED, (f"SQLite cannot read it ({exc})",), full)
    finally:
        con.close()
    if log is not None and found.state is State.FOREIGN:
        # a sound log that turns our store into another program's: another database's
        alone = _inspect_without_wal(
            path, "it belongs to another database", full=full, counts=counts, deep=deep
        )
        if alone.ok:
            return alone
    return found


def _inspect_without_wal(
    path: Path, reason: str, *, full: bool, counts: bool, deep: bool
) -> Health:
    """Inspect the store file alone (``immutable=1`` reads no ``-wal``): its stray
    ``-wal`` holds nothing SQLite would count as the store's."""
    kw = {"uri": True, "isolation_level": None}
    try:
        con = sqlite3.connect(read_only_uri(path, immutable=True), **kw)  # type: ignore[arg-type]
    except sqlite3.Error as exc:
        return Health(path, State.DAMAGED, (f"SQLite cannot open it ({exc})",), full)
    try:
        found = _inspect_open(path, con, full=full, counts=counts, deep=deep)
    except sqlite3.Error as exc:
        return Health(path, State.DAMAGED, (f"SQLite cannot read it ({exc})",), full)
    finally:
        con.close()
    return replace(found, stray_wal=reason)


def is_runstrong(tables: set[str], schema: str | None) -> bool:
    """Is a database with these tables and Alembic revision a RunStrong store?

    The one place that says so. Ours: an Alembic revision (any: a newer RunStrong's is
    refused later, by name) and the ``athletes`` table every revision has. A database
    with no table at all is a new store that the first open makes ours. Anything else,
    however alike (another program's ``athletes``, another program's Alembic), is
    refused before a byte of it is written.
    """
    if not tables:
        return True
    return bool(schema) and "athletes" in tables


def _inspect_open(
    path: Path, con: sqlite3.Connection, *, full: bool, counts: bool, deep: bool = True
) -> Health:
    pragma = "integrity_check" if full else "quick_check"
    if deep:
        rows = [r[0] for r in con.execute(f"PRAGMA {pragma}({MAX_MESSAGES})")]
        if rows != ["ok"]:
            lines = tuple(f"SQLite {pragma}: {r}" for r in rows)
            return Health(path, State.DAMAGED, lines, full)
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    schema = None
    if "alembic_version" in tables:
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        schema = row[0] if row else None
    if not is_runstrong(tables, schema):
        return Health(path, State.FOREIGN, ("it is an SQLite database of another program",), full)
    broken = con.execute("PRAGMA foreign_key_check").fetchmany(MAX_MESSAGES) if deep else []
    if broken:
        lines = tuple(
            f"a row of {table} (rowid {rowid}) points to a missing row of {parent}"
            for table, rowid, parent, _fk in broken
        )
        return Health(path, State.DAMAGED, lines, full, schema)
    found: dict[str, int] = {}
    if counts:
        for table in COUNTED:
            if table in tables:
                found[table] = int(con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])
    return Health(path, State.OK, (), full, schema, found)


class BackgroundCheck:
    """The deep checks of :func:`inspect` on a thread of their own, on a read-only
    connection of their own (WAL lets it read beside the app's connection).

    SQLite does the work outside Python's lock, so the thread costs the window nothing
    but a core. :meth:`cancel` interrupts SQLite, so quitting never waits for a check.
    The result is read by polling (:meth:`done`, :attr:`result`): the thread never
    touches anything but its own connection.
    """

    def __init__(self, path: Path, *, full: bool = False) -> None:
        self.path = Path(path)
        self.full = full
        self.result: Health | None = None
        self.cancelled = False
        self._con: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="runstrong-check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        path, full = self.path, self.full
        try:
            con = connect_read_only(path, same_thread=False)
        except WalOutOfReach as exc:
            self.result = Health(path, State.UNREADABLE, (str(exc),), full)
            return
        except sqlite3.Error as exc:
            self.result = Health(path, State.DAMAGED, (f"SQLite cannot open it ({exc})",), full)
            return
        with self._lock:
            if self.cancelled:
                con.close()
                return
            self._con = con  # from here on, cancel() interrupts what SQLite is doing
        try:
            found = _inspect_open(path, con, full=full, counts=False)
        except sqlite3.Error as exc:
            found = Health(path, State.DAMAGED, (f"SQLite cannot read it ({exc})",), full)
        finally:
            with self._lock:
                self._con = None
                con.close()
        self.result = None if self.cancelled else found

    def done(self) -> bool:
        return not self._thread.is_alive()

    def wait(self, timeout: float | None = None) -> Health | None:
        """The result, once the check has finished (None if cancelled or still running)."""
        self._thread.join(timeout)
        return self.result

    def cancel(self) -> None:
        """Stop the check (its result is dropped) and wait for the thread to end."""
        with self._lock:
            self.cancelled = True
            if self._con is not None:
                self._con.interrupt()
        self._thread.join()


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new file in ``folder`` durable (a no-op where unsupported)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
