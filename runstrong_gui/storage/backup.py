"""Rotating, verified backups of a SQLite store, and restoring one of them.

Backups live in ``backups/`` beside the store, named after the store's stem and the
UTC time they were taken (``runstrong-2026-03-04T181502Z.sqlite3``), so they sort by
name and a person can tell them apart in a file manager. Each one is:

1. written by ``VACUUM INTO`` into a file created empty with mode 0600 first
   (SQLite's own would be 0644), under a temporary name;
2. checked with the full ``integrity_check`` and ``foreign_key_check``, then synced;
3. renamed into place (atomic), and the folder synced.

A backup that fails its check is deleted and reported, never kept: rotation counts
only good backups, so a damaged store can never push the good ones out. Copies kept
when a store is found damaged or replaced by a restore carry ``damaged`` or
``replaced`` in their names and are never rotated away.

Rotation: everything from the last 24 hours (at most :data:`KEEP_RECENT`), then the
newest of each of the last :data:`KEEP_DAYS` days and of each of the last
:data:`KEEP_WEEKS` weeks. Buckets are calendar days and ISO weeks (UTC), and the
newest of a bucket is kept, so a backup that survives once keeps surviving as it ages.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from runstrong_gui.domain.dates import short_day
from runstrong_gui.storage import health
from runstrong_gui.storage.health import Health
from runstrong_gui.storage.revisions import known_revisions

BACKUP_DIR = "backups"
SUFFIX = ".sqlite3"
KEEP_RECENT = 12
KEEP_DAYS = 7
KEEP_WEEKS = 8
INTERVAL_MINUTES = 10  # while there are unsaved-to-backup changes
BACKUP = "backup"
DAMAGED = "damaged"
REPLACED = "replaced"
STORE_KEY = "store"  # the setting that holds a store's identity (see store_id)

_NAME = re.compile(
    r"^(?P<stem>.+?)-(?:(?P<kind>damaged|replaced)-)?"
    r"(?P<ts>\d{4}-\d{2}-\d{2}T\d{6})Z(?:-(?P<n>\d+))?\.sqlite3$"
)


class BackupError(Exception):
    """A backup or a restore could not be made; the message is meant for the user."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken: dt.datetime  # UTC, aware
    kind: str = BACKUP
    size: int = 0
    contents: str = ""  # "1 athlete, 12 sessions, …" when known (a fresh backup)

    def label(self, now: dt.datetime | None = None) -> str:
        """``Today 14:32``, ``Yesterday 09:10`` or ``Mon 2 Mar 2026 09:10`` (local time)."""
        local = self.taken.astimezone()
        today = (now or dt.datetime.now(dt.UTC)).astimezone().date()
        if local.date() == today:
            day = "Today"
        elif local.date() == today - dt.timedelta(days=1):
            day = "Yesterday"
        else:
            day = f"{short_day(local)} {local.year}"
        return f"{day} {local:%H:%M}"


def backup_dir(store_path: Path) -> Path:
    return Path(store_path).parent / BACKUP_DIR


def _stamp(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H%M%SZ")


def _free_name(folder: Path, stem: str, kind: str, when: dt.datetime) -> Path:
    middle = "" if kind == BACKUP else f"{kind}-"
    base = f"{stem}-{middle}{_stamp(when)}"
    candidate = folder / f"{base}{SUFFIX}"
    n = 2
    while candidate.exists() or _temp_for(candidate).exists():
        candidate = folder / f"{base}-{n}{SUFFIX}"
        n += 1
    return candidate


def _temp_for(final: Path) -> Path:
    return final.with_name(f".{final.name}.partial")


def list_backups(store_path: Path, kinds: Iterable[str] = (BACKUP,)) -> list[BackupInfo]:
    """Backups of this store (by stem) of the given kinds, newest first."""
    folder = backup_dir(store_path)
    stem = Path(store_path).stem
    wanted = set(kinds)
    found = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for entry in entries:
        m = _NAME.match(entry.name)
        if not m or m["stem"] != stem or (m["kind"] or BACKUP) not in wanted:
            continue
        taken = dt.datetime.strptime(m["ts"], "%Y-%m-%dT%H%M%S").replace(tzinfo=dt.UTC)
        try:
            size = entry.stat().st_size
        except OSError:
            continue
        found.append(BackupInfo(entry, taken, m["kind"] or BACKUP, size))
    found.sort(key=lambda b: (b.taken, b.path.name), reverse=True)
    return found


def _private_empty_file(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    try:
        os.fchmod(fd, 0o600)  # whatever the umask
    finally:
        os.close(fd)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove(path: Path) -> None:
    path.unlink(missing_ok=True)


def verify(path: Path) -> Health:
    """The full check every backup passes before it is kept, offered or restored."""
    return health.inspect(path, full=True, counts=True)


def create_backup(
    source: sqlite3.Connection, store_path: Path, *, now: dt.datetime | None = None
) -> BackupInfo:
    """Write, verify and rename a backup of the store read through ``source``; then rotate.

    ``source`` may be the store's own connection (which still reads the store after its
    file was moved or deleted) or a read-only one; it must not be inside a transaction.
    """
    now = now or dt.datetime.now(dt.UTC)
    store_path = Path(store_path)
    folder = backup_dir(store_path)
    final = _free_name(folder, store_path.stem, BACKUP, now)
    temp = _temp_for(final)
    try:
        _private_empty_file(temp)
    except OSError as exc:
        raise BackupError(
            f"No backup was made: {folder} cannot be written ({exc.strerror})."
        ) from exc
    try:
        try:
            source.execute("VACUUM INTO ?", (str(temp),))
        except sqlite3.Error as exc:
            raise BackupError(
                f"No backup was made: SQLite could not copy the store ({exc})."
            ) from exc
        checked = verify(temp)
        if not checked.ok:
            raise BackupError(
                "No backup was made: the copy failed its check ("
                + "; ".join(checked.problems[:2])
                + "). The store itself may be damaged: run 'runstrong check'."
            )
        _fsync(temp)
        os.replace(temp, final)
        health.fsync_dir(folder)
    except BaseException:
        _remove(temp)
        raise
    rotate(store_path, now=now)
    taken = now.astimezone(dt.UTC).replace(microsecond=0)
    return BackupInfo(final, taken, BACKUP, final.stat().st_size, checked.contents())


def backup_open_store(store_path: Path, *, now: dt.datetime | None = None) -> BackupInfo:
    """Back up a store this process has open, from another thread: read only, and only
    through SQLite.

    Never through a plain file handle: closing any handle on a file drops every POSIX
    lock this process holds on it, SQLite's included, and another program closing the
    store would then take RunStrong's open ``-wal`` for a leftover and delete it, so
    every later save would go to a file nobody else can see and a crash would lose.
    The copy gets the full check before it is kept, so a damaged store makes no backup.
    """
    store_path = Path(store_path)
    try:
        con = health.connect_read_only(store_path, same_thread=False)
    except (sqlite3.Error, health.WalOutOfReach) as exc:
        raise BackupError(f"No backup was made: the store could not be read ({exc}).") from exc
    try:
        return create_backup(con, store_path, now=now)
    finally:
        con.close()


def backup_file(store_path: Path, *, now: dt.datetime | None = None) -> BackupInfo:
    """Back up a store that is not open in this process (the command line): check it,
    read only. (For the app's own store see :func:`backup_open_store`.)"""
    store_path = Path(store_path)
    found = health.inspect(store_path)
    if not found.ok:
        raise BackupError(f"No backup was made. {found.summary()}")
    con = health.connect_read_only(store_path)
    try:
        return create_backup(con, store_path, now=now)
    finally:
        con.close()


def keep_set(taken: Sequence[dt.datetime], now: dt.datetime) -> set[int]:
    """Indexes of the backups (by time taken) that rotation keeps."""
    order = sorted(range(len(taken)), key=lambda i: taken[i], reverse=True)
    keep: set[int] = set(order[:1])  # the newest, whatever its age
    recent = [i for i in order if now - taken[i] <= dt.timedelta(hours=24)]
    keep.update(recent[:KEEP_RECENT])
    days: dict[dt.date, int] = {}
    weeks: dict[tuple[int, int], int] = {}
    for i in order:  # newest first, so the first seen of a bucket is its newest
        day = taken[i].astimezone(dt.UTC).date()
        days.setdefault(day, i)
        iso = day.isocalendar()
        weeks.setdefault((iso.year, iso.week), i)
    today = now.astimezone(dt.UTC).date()
    for day, i in days.items():
        if (today - day).days < KEEP_DAYS:
            keep.add(i)
    this_week = today - dt.timedelta(days=today.weekday())
    for (year, week), i in weeks.items():
        monday = dt.date.fromisocalendar(year, week, 1)
        if (this_week - monday).days // 7 < KEEP_WEEKS:
            keep.add(i)
    return keep


def store_id(path: Path) -> str | None:
    """The identity a store (or a backup of it) carries, None when it has none or is
    unreadable. Set once when a store is first prepared; restoring a backup brings its
    store's identity back with it."""
    try:
        con = health.connect_read_only(Path(path))
    except (sqlite3.Error, OSError):
        return None
    try:
        row = con.execute("SELECT value FROM settings WHERE key = ?", (STORE_KEY,)).fetchone()
        value = json.loads(row[0]) if row else None
    except (sqlite3.Error, ValueError, TypeError):
        return None
    finally:
        con.close()
    found = value.get("id") if isinstance(value, dict) else None
    return found if isinstance(found, str) else None


def rotate(store_path: Path, *, now: dt.datetime | None = None) -> list[Path]:
    """Delete the regular backups rotation no longer keeps; returns what was deleted.

    The newest backup of every other store that had this path is kept whatever its age
    (a store deleted and made anew must not have its own backups push out the last one
    of the store it replaced). Which store a backup is of, it says itself
    (:func:`store_id`); the newest backup is of the current store.
    """
    now = now or dt.datetime.now(dt.UTC)
    backups = list_backups(store_path)
    keep = keep_set([b.taken for b in backups], now)
    if len(keep) < len(backups):
        current = store_id(backups[0].path)
        newest_of: dict[str | None, int] = {}
        for i, b in enumerate(backups):  # newest first
            newest_of.setdefault(store_id(b.path), i)
        keep.update(i for sid, i in newest_of.items() if sid != current)
    gone = []
    for i, b in enumerate(backups):
        if i not in keep:
            _remove(b.path)
            gone.append(b.path)
    stem = Path(store_path).stem
    for partial in backup_dir(store_path).glob(f".{stem}-*.partial"):
        try:  # left by a backup that was interrupted (a crash, a full disk)
            if now.timestamp() - partial.stat().st_mtime > 3600:
                _remove(partial)
        except OSError:
            pass
    return gone


def newest_good_backup(store_path: Path) -> tuple[BackupInfo, Health] | None:
    """The newest backup that passes the full check (damaged ones are skipped)."""
    for info in list_backups(store_path):
        checked = verify(info.path)
        if checked.ok:
            return info, checked
    return None


def _copy_private(src: Path, dst: Path) -> None:
    _private_empty_file(dst)
    try:
        with src.open("rb") as fin, dst.open("r+b") as fout:
            shutil.copyfileobj(fin, fout, 1 << 20)
            fout.flush()
            os.fsync(fout.fileno())
    except BaseException:
        _remove(dst)
        raise


def keep_copy(store_path: Path, kind: str = DAMAGED, *, now: dt.datetime | None = None) -> Path:
    """Copy the store byte for byte (with its ``-wal``) into the backups folder.

    Used before anything else happens to a damaged store, so the user keeps whatever
    can still be recovered from it by other tools.
    """
    store_path = Path(store_path)
    now = now or dt.datetime.now(dt.UTC)
    final = _free_name(backup_dir(store_path), store_path.stem, kind, now)
    try:
        _copy_private(store_path, final)
        if health.has_hot_wal(store_path):
            _copy_private(health.wal_path(store_path), health.wal_path(final))
    except OSError as exc:
        raise BackupError(f"No copy of {store_path} could be kept ({exc.strerror}).") from exc
    health.fsync_dir(final.parent)
    return final


def restore(
    backup_path: Path, store_path: Path, *, keep_old: bool = True, now: dt.datetime | None = None
) -> Path | None:
    """Replace the store at ``store_path`` by the backup; returns the kept old store.

    The store must be closed. The backup is checked, copied beside the store under a
    temporary name, checked again, and renamed over the store (atomic); unless the
    caller already kept one (``keep_old=False``), the old store is kept in the backups
    folder as a ``replaced`` copy first (a hard link where the file system allows, so it
    costs no space), with its ``-wal`` if it has one. On any failure the store is left
    as it was.
    """
    backup_path, store_path = Path(backup_path), Path(store_path)
    now = now or dt.datetime.now(dt.UTC)
    checked = verify(backup_path)
    if not checked.ok:
        raise BackupError(f"That backup cannot be restored. {checked.summary()}")
    if checked.schema is None:
        raise BackupError(f"{backup_path} is not a RunStrong backup; nothing was restored.")
    if checked.schema not in known_revisions():
        raise BackupError(
            f"{backup_path} was made by a newer version of RunStrong; update RunStrong to "
            "restore it. Nothing was restored."
        )
    temp = store_path.with_name(f".{store_path.name}.restoring")
    _remove(temp)
    try:
        _copy_private(backup_path, temp)
        again = verify(temp)
        if not again.ok:
            raise BackupError(f"The restored copy failed its check: {again.summary()}")
        kept = _keep_replaced(store_path, now) if keep_old and store_path.exists() else None
        for companion in (health.wal_path(store_path), health.shm_path(store_path)):
            _remove(companion)  # a -wal left of the old store must never meet the new one
        os.replace(temp, store_path)
        health.fsync_dir(store_path.parent)
    except OSError as exc:
        raise BackupError(
            f"The backup could not be restored ({exc.strerror}); the store was left as it was."
        ) from exc
    finally:
        _remove(temp)
    return kept


def _keep_replaced(store_path: Path, now: dt.datetime) -> Path:
    final = _free_name(backup_dir(store_path), store_path.stem, REPLACED, now)
    final.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        os.link(store_path, final)
    except OSError:
        _copy_private(store_path, final)
    if health.has_hot_wal(store_path):
        _copy_private(health.wal_path(store_path), health.wal_path(final))
    health.fsync_dir(final.parent)
    return final
