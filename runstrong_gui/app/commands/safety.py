"""``runstrong backup`` and ``runstrong check``: data safety from the command line.

Neither goes through the normal opening of a store (migrations, the library seeding):
``check`` only reads, so it can report a damaged store without touching it, and
``backup`` first checks the store, then copies it read-only and verifies the copy.

Exit codes: 0 all good; 1 the store is damaged or no backup could be made; 2 there is
nothing to check (no store, a file that is not one, a server store that cannot be
reached or is another program's). A store on a database server (PostgreSQL) is checked
by :mod:`runstrong_gui.storage.server` and backed up with ``pg_dump``.
"""

from __future__ import annotations

import argparse
import os
import stat
import sys
from pathlib import Path
from typing import Any

OK, DAMAGED, NOTHING = 0, 1, 2


def add_cli_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``backup`` and ``check``; both set ``handler(args) -> int`` and ``inspects_store``."""
    p = sub.add_parser(
        "backup",
        help="make a verified backup of the store now",
        description="Check the store, copy it into the backups folder beside it, verify "
        "the copy and thin out old backups. The store itself is only read.",
    )
    p.add_argument("--db", metavar="PATH", dest="sub_db", help=argparse.SUPPRESS)
    p.set_defaults(handler=run_backup, inspects_store=True)
    p = sub.add_parser(
        "check",
        help="check the store for damage without changing it",
        description="Read the store and report whether it is sound (exit code 0), "
        "damaged (1) or missing (2). Nothing is written.",
    )
    p.add_argument("--db", metavar="PATH", dest="sub_db", help=argparse.SUPPRESS)
    p.add_argument("--full", action="store_true", help="run SQLite's full integrity check (slower)")
    p.set_defaults(handler=run_check, inspects_store=True)


def _path(args: Any) -> Path | None:
    """The store file, or None for a store on a database server (see ``_server_*``)."""
    from runstrong_gui.storage.engine import store_path

    path = store_path(args.store_url)
    if path is not None:
        require_store_file(path)
    return path


def _server_check(url: str, full: bool) -> int:
    """``check`` of a clinic store: schema version, links between rows, row checks."""
    from runstrong_gui.storage.server import inspect_server

    found = inspect_server(url, rows=full)  # StoreError: unreachable, refused, foreign
    print(found.summary())
    for note in found.notes:
        print(note)
    for line in found.problems[3:]:
        print(f"  {line}")
    if not found.ok:
        print("Fix or delete these records in RunStrong, or restore a backup (pg_restore).")
        return DAMAGED
    return OK


def _server_backup(url: str) -> int:
    """``backup`` of a clinic store: pg_dump's custom format, read back before it is kept."""
    from runstrong_gui.storage.server import DumpError, back_up

    try:  # a store that cannot be used raises StoreError: exit 2, like other commands
        made = back_up(url).path
    except DumpError as exc:
        print(f"runstrong: {exc}", file=sys.stderr)
        return DAMAGED
    print(f"Backup written and verified: {made} (pg_dump custom format; restore with pg_restore).")
    return OK


def require_store_file(path: Path) -> None:
    """Raise StoreError unless ``path`` is an existing regular file.

    The commands only read: a store that is missing is reported, never created (nor
    its folders), and a device, pipe or folder is named for what it is before anything
    tries to open it (reading a named pipe would wait forever).
    """
    from runstrong_gui.paths import file_kind
    from runstrong_gui.storage.engine import StoreError

    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise StoreError(missing_store(path)) from None
    except OSError as exc:
        raise StoreError(f"{path} cannot be reached ({exc.strerror or exc}).") from None
    if not stat.S_ISREG(mode):
        raise StoreError(f"{path} is {file_kind(mode)}, not a store file.")


def missing_store(path: Path) -> str:
    """'there is no store at PATH.', naming the newest good backup of it if there is one."""
    from runstrong_gui.storage import backup

    message = f"there is no store at {path}."
    good = backup.newest_good_backup(path)
    if good is not None:
        info, checked = good
        message += (
            f" Its newest good backup is {info.path} ({info.label()}; {checked.contents()}):"
            " start RunStrong on this path to restore it."
        )
    return message


def run_check(args: Any) -> int:
    from runstrong_gui.storage import backup, health
    from runstrong_gui.storage.revisions import known_revisions

    path = _path(args)
    if path is None:
        return _server_check(args.store_url, bool(getattr(args, "full", False)))
    unclean = health.has_hot_wal(path)
    found = health.inspect(path, full=bool(getattr(args, "full", False)) or unclean, counts=True)
    if found.state is health.State.MISSING:
        print(f"runstrong: {missing_store(path)}", file=sys.stderr)
        return NOTHING
    print(found.summary())
    if found.stray_wal:
        print(found.wal_note())
    elif unclean and found.ok:
        print("It was not closed cleanly last time; nothing committed was lost.")
    if found.ok and found.schema and found.schema not in known_revisions():
        print(f"It was written by a newer version of RunStrong (schema {found.schema}).")
    if found.ok and getattr(args, "full", False) and _damaged_rows(path):
        return DAMAGED
    newest = backup.list_backups(path)
    if found.ok:
        if newest:
            print(f"Newest backup: {newest[0].path} ({newest[0].label()}).")
        return OK
    for line in found.problems[3:]:
        print(f"  {line}")
    good = backup.newest_good_backup(path)
    if good is None:
        print(f"No good backup of it was found in {backup.backup_dir(path)}.")
    else:
        info, checked = good
        print(
            f"Newest good backup: {info.path} ({info.label()}; {checked.contents()}). "
            "Start RunStrong to restore it; the damaged file is kept."
        )
    return DAMAGED


def _damaged_rows(path: Path) -> bool:
    """Report rows the records' own checks refuse (written by another program)."""
    from runstrong_gui.storage.rows import row_problems_at

    found = row_problems_at(path)
    if found:
        print(f"{len(found)} stored value(s) are refused by RunStrong's checks:")
        for damage in found:
            print(f"  {damage}")
        print("Fix or delete these records in RunStrong (they are marked as damaged).")
    return bool(found)


def run_backup(args: Any) -> int:
    from runstrong_gui.storage import backup

    path = _path(args)
    if path is None:
        return _server_backup(args.store_url)
    try:
        made = backup.backup_file(path)
    except backup.BackupError as exc:
        print(f"runstrong: {exc}", file=sys.stderr)
        return DAMAGED
    print(f"Backup written and verified: {made.path} ({made.contents}).")
    return OK
