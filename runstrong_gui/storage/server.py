"""A clinic store on a database server (PostgreSQL): its check, its backup, its errors.

Everything here reads only: the check runs in a READ ONLY transaction, and the backup
is ``pg_dump``'s (custom format, verified with ``pg_restore --list``). A server that
cannot be reached, a wrong password, a database of another program, a schema newer
than the app or a role without rights each get one clear sentence (:func:`explain`,
:func:`inspect_server`), and nothing is written.
"""

from __future__ import annotations

import datetime as dt
import glob
import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from runstrong_gui.storage.errors import StoreError
from runstrong_gui.storage.revisions import head_revision, known_revisions

if TYPE_CHECKING:
    from runstrong_gui.storage.backup import BackupInfo

STORE_TABLES = frozenset({"athletes", "exercises", "training_sessions", "planned_exercises"})
COUNTED = (("athletes", "athletes"), ("training_sessions", "sessions"), ("set_logs", "logged sets"))
# child table, its column, parent table: rows whose parent is missing
LINKS = (
    ("training_sessions", "athlete_id", "athletes"),
    ("planned_exercises", "session_id", "training_sessions"),
    ("planned_exercises", "exercise_id", "exercises"),
    ("set_logs", "planned_exercise_id", "planned_exercises"),
)
CONNECT_TIMEOUT = 10  # seconds: an unreachable server is said so, not waited on forever


class DumpError(StoreError):
    """No backup was made of a store that could be read (no pg_dump, it failed, or its
    file did not read back)."""


def where(url: str) -> str:
    """``database on host`` for messages (never the password)."""
    u = make_url(url)
    host = u.host or u.query.get("host") or "localhost"
    return f"the database {u.database!r} on {host}"


def explain(exc: BaseException, url: str) -> str:
    """One sentence for what went wrong talking to the server."""
    u = make_url(url)
    text_ = str(getattr(exc, "orig", None) or exc)
    low = text_.lower()
    place = where(url)
    if "password authentication failed" in low or "no password supplied" in low:
        return (
            f"The clinic server refused the login of {u.username!r} to {place}: wrong "
            "password (or none given). Nothing was changed."
        )
    if "does not exist" in low and "database" in low:
        return f"There is no {place[4:]}. Nothing was changed."
    if "role" in low and "does not exist" in low:
        return f"The clinic server has no user {u.username!r}. Nothing was changed."
    if "permission denied" in low or "must be owner" in low:
        return (
            f"The user {u.username!r} has no rights on the RunStrong tables of {place} "
            "(ask the clinic's administrator to grant them). Nothing was changed."
        )
    if any(
        s in low
        for s in (
            "connection refused",
            "no such file or directory",
            "could not translate host name",
            "timeout expired",
            "could not connect",
            "connection failed",
            "network is unreachable",
        )
    ):
        return (
            f"The clinic server of {place} cannot be reached (is it running, and is the "
            "address right?). Nothing was changed."
        )
    return f"The clinic store {place} could not be used ({text_.strip()}). Nothing was changed."


def server_engine(url: str) -> Any:
    return create_engine(url, connect_args={"connect_timeout": CONNECT_TIMEOUT})


def refuse_foreign(conn: Any, url: str) -> str | None:
    """Before a migration may write: the revision of a RunStrong store (maybe one newer
    than this app), None for an empty database (a new store); a database of another
    program is refused, untouched."""
    tables = set(inspect(conn).get_table_names())
    if "alembic_version" in tables and tables & STORE_TABLES:
        row = conn.exec_driver_sql("SELECT version_num FROM alembic_version").first()
        if row is not None:
            return str(row[0])
    if tables:
        raise StoreError(
            f"{where(url).capitalize()} belongs to another program (it has tables, but not "
            "RunStrong's). It was left untouched: give RunStrong a database of its own."
        )
    return None


@dataclass
class ServerHealth:
    """What ``runstrong check`` found on a server store."""

    url: str
    ok: bool
    schema: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        place = where(self.url)
        if self.ok:
            what = ", ".join(f"{n} {label}" for label, n in self.counts.items())
            return f"The clinic store {place} passed the checks ({what})."
        return f"The clinic store {place} has problems: " + "; ".join(self.problems[:3])


def inspect_server(url: str, *, rows: bool = True) -> ServerHealth:
    """Check a server store, reading only: schema version, links between rows (orphans,
    constraints not validated) and, with ``rows``, every row against the records' checks.

    Raises :class:`StoreError` (with :func:`explain`'s sentence) when the store cannot
    be read at all: unreachable, refused login, another program's, no rights.
    """
    from runstrong_gui.storage.rows import row_problems

    engine = server_engine(url)
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SET TRANSACTION READ ONLY")
            schema = refuse_foreign(conn, url)
            found = ServerHealth(url, ok=True, schema=schema)
            if schema is None:
                raise StoreError(
                    f"{where(url).capitalize()} holds no RunStrong store yet (it is empty)."
                )
            if schema not in known_revisions():
                found.notes.append(
                    f"It was written by a newer version of RunStrong (schema {schema}); "
                    f"this one understands {head_revision()} and older: update RunStrong."
                )
                return found  # its tables may not be what this version reads
            if schema != head_revision():
                found.notes.append(
                    f"Its schema ({schema}) is older than this RunStrong's "
                    f"({head_revision()}): opening it in RunStrong brings it up to date."
                )
            for table, label in COUNTED:
                found.counts[label] = int(
                    conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() or 0
                )
            for child, column, parent in LINKS:
                n = conn.exec_driver_sql(
                    f"SELECT count(*) FROM {child} c LEFT JOIN {parent} p ON p.id = c.{column}"
                    f" WHERE c.{column} IS NOT NULL AND p.id IS NULL"
                ).scalar()
                if n:
                    found.problems.append(f"{n} {child} row(s) point to a missing {parent} row")
            unchecked = conn.execute(
                text(
                    "SELECT conrelid::regclass::text, conname FROM pg_constraint"
                    " WHERE NOT convalidated AND connamespace = 'public'::regnamespace"
                )
            ).all()
            for table, name in unchecked:
                found.problems.append(f"the constraint {name} of {table} is not validated")
            if rows:
                for damage in row_problems(conn):
                    found.problems.append(str(damage))
            found.ok = not found.problems
            conn.rollback()
            return found
    except DBAPIError as exc:
        raise StoreError(explain(exc, url)) from exc
    finally:
        engine.dispose()


def find_tool(name: str) -> str | None:
    """A PostgreSQL client tool on PATH, else in Debian's versioned folders (newest)."""
    found = shutil.which(name)
    if found:
        return found
    candidates = glob.glob(f"/usr/lib/postgresql/*/bin/{name}")
    candidates.sort(key=lambda p: int(Path(p).parts[4]) if Path(p).parts[4].isdigit() else 0)
    return candidates[-1] if candidates else None


def _libpq_env(url: str) -> dict[str, str]:
    """The connection for pg_dump through libpq's variables: the password never appears
    on a command line (where other users could read it)."""
    u = make_url(url)
    env = dict(os.environ)
    host = u.host or u.query.get("host")
    for key, value in (
        ("PGHOST", host),
        ("PGPORT", str(u.port) if u.port else None),
        ("PGUSER", u.username),
        ("PGPASSWORD", u.password),
        ("PGDATABASE", u.database),
        ("PGCONNECT_TIMEOUT", str(CONNECT_TIMEOUT)),
    ):
        if value:
            env[key] = str(value)
    return env


def dump(url: str, folder: Path, make_folder: Callable[[Path], Path] | None = None) -> Path:
    """A verified ``pg_dump -Fc`` of the server store into ``folder`` (0600 file).

    The store is checked first (it must be a RunStrong store this version reads: else
    :class:`StoreError`, and nothing is made, not even the folder); a backup that
    cannot be made raises :class:`DumpError`, saying how to make it by hand when
    pg_dump is missing. ``make_folder`` makes ``folder`` (the app's private one).
    """
    health = inspect_server(url, rows=False)
    if health.schema not in known_revisions():
        raise StoreError(" ".join(health.notes) + " No backup was made.")
    pg_dump, pg_restore = find_tool("pg_dump"), find_tool("pg_restore")
    u = make_url(url)
    if pg_dump is None or pg_restore is None:
        raise DumpError(
            "pg_dump was not found, so no backup was made. Install PostgreSQL's client "
            "tools (Debian: apt install postgresql-client), or on the server run: "
            f"pg_dump -Fc -d {u.database} -f {u.database}.dump"
        )
    if make_folder is not None:
        make_folder(folder)
    else:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H%M%SZ")
    target = folder / f"{u.database}-{stamp}.dump"
    part = target.with_suffix(".dump.part")
    fd = os.open(part, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    env = _libpq_env(url)
    try:
        done = subprocess.run(
            [pg_dump, "-Fc", "--no-password", "-f", str(part)],
            env=env, capture_output=True, text=True, timeout=3600, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            low = done.stderr.lower()
            if "permission denied" in low or "row-level security" in low:
                raise DumpError(
                    f"The user {u.username!r} may not read all of {where(url)}, so no backup "
                    "was made: backing up the clinic store is for the clinic's administrator "
                    "(runstrong backup, logged in as them)."
                )
            raise DumpError(f"pg_dump failed, so no backup was made: {done.stderr.strip()}")
        listed = subprocess.run(
            [pg_restore, "--list", str(part)],
            capture_output=True, text=True, timeout=600, check=False,
        )  # fmt: skip
        if listed.returncode != 0 or "TABLE DATA public athletes" not in listed.stdout:
            raise DumpError(
                "The backup pg_dump wrote could not be read back, so it was not kept: "
                f"{listed.stderr.strip() or 'the athletes are missing from it'}"
            )
        part.replace(target)
    finally:
        part.unlink(missing_ok=True)
    return target


def backup_folder(url: str) -> Path:
    """Where this computer keeps its backups of a clinic store: one folder per database."""
    from runstrong_gui.paths import data_dir

    return data_dir() / "backups" / f"clinic-{make_url(url).database}"


def back_up(url: str) -> BackupInfo:
    """A verified dump of the clinic store into :func:`backup_folder` (``runstrong
    backup`` and File ▸ Back up now): see :func:`dump` for what it refuses."""
    from runstrong_gui.paths import private_folder
    from runstrong_gui.storage.backup import BackupInfo

    made = dump(url, backup_folder(url), private_folder)
    return BackupInfo(made, dt.datetime.now(dt.UTC), size=made.stat().st_size)


def latest_backup(url: str) -> BackupInfo | None:
    """The newest dump in :func:`backup_folder`, if any (for the status bar)."""
    from runstrong_gui.storage.backup import BackupInfo

    dumps = [(p.stat().st_mtime, p) for p in backup_folder(url).glob("*.dump") if p.is_file()]
    if not dumps:
        return None
    when, path = max(dumps)
    return BackupInfo(path, dt.datetime.fromtimestamp(when, dt.UTC), size=path.stat().st_size)
