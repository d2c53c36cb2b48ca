"""The -wal of a store not closed cleanly: damage in its middle is caught, not checkpointed
in; a -wal that is not the store's own is set aside and the store opens."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from safety_support import AFTER, BEFORE, athlete_names
from window_support import full_window

from runstrong_gui.app import recovery
from runstrong_gui.app.cli import main as cli_main
from runstrong_gui.services.queries import Queries
from runstrong_gui.storage import backup
from runstrong_gui.storage.engine import DamagedStoreError, look_at_store, sqlite_url
from runstrong_gui.storage.health import wal_path
from runstrong_gui.storage.store import Store

LATE = 20  # commits made after the store was last closed cleanly

ADD_ATHLETE = (
    "INSERT INTO athletes (name, units, week_start, block_start, philosophy, notes, "
    "strength_days, equipment, avoid, plyometrics_ok, archived) SELECT ?, units, week_start, "
    "block_start, philosophy, notes, strength_days, equipment, avoid, plyometrics_ok, "
    "archived FROM athletes WHERE name = ?"
)


def leave_unclean(path: Path, commits: int = LATE) -> None:
    """Commit ``commits`` athletes with no checkpoint, and leave the store as a killed
    writer would: every one of them only in the -wal."""
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA wal_autocheckpoint=0")
    for i in range(commits):
        con.execute(ADD_ATHLETE, (f"Late {i:02d}", BEFORE))
    kept = path.with_name("unclean")
    kept.mkdir()
    shutil.copy(path, kept / "db")
    shutil.copy(wal_path(path), kept / "wal")
    con.close()  # checkpoints and deletes the -wal: put the unclean state back
    shutil.copy(kept / "db", path)
    shutil.copy(kept / "wal", wal_path(path))
    shutil.rmtree(kept)


def damage_a_middle_frame(path: Path) -> bytes:
    wal = bytearray(wal_path(path).read_bytes())
    page = int.from_bytes(wal[8:12], "big")
    frames = (len(wal) - 32) // (24 + page)
    middle = 32 + frames // 2 * (24 + page) + 24 + page // 2
    wal[middle] ^= 0xFF
    wal_path(path).write_bytes(bytes(wal))
    return bytes(wal)


def files_in_backups(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in backup.backup_dir(path).iterdir()}


# -- defect 6: a damaged frame in the middle of the -wal ---------------------------------
def test_an_unclean_store_opens_with_every_commit_and_its_wal_is_copied(backed_up: Path) -> None:
    leave_unclean(backed_up)
    wal = wal_path(backed_up).read_bytes()
    store = Store.open(sqlite_url(backed_up))
    try:
        names = athlete_names(store)
    finally:
        store.close()
    assert sum(n.startswith("Late ") for n in names) == LATE
    copies = {n: b for n, b in files_in_backups(backed_up).items() if n.endswith("-wal")}
    assert list(copies.values()) == [wal]
    [name] = copies
    assert (backup.backup_dir(backed_up) / name).stat().st_mode & 0o777 == 0o600


def test_check_reports_a_damaged_wal_and_changes_nothing(
    backed_up: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    leave_unclean(backed_up)
    wal = damage_a_middle_frame(backed_up)
    db = backed_up.read_bytes()
    assert cli_main(["check", "--db", str(backed_up)]) == 1
    out = capsys.readouterr().out
    assert "-wal" in out and "damaged" in out and "later commits cannot be read" in out
    assert "nothing committed was lost" not in out and "passed" not in out
    assert "Newest good backup:" in out
    assert backed_up.read_bytes() == db and wal_path(backed_up).read_bytes() == wal


def test_opening_refuses_a_damaged_wal_before_any_write(backed_up: Path) -> None:
    leave_unclean(backed_up)
    wal = damage_a_middle_frame(backed_up)
    db = backed_up.read_bytes()
    with pytest.raises(DamagedStoreError, match="-wal file is damaged"):
        Store.open(sqlite_url(backed_up))
    with pytest.raises(DamagedStoreError, match="-wal file is damaged"):
        look_at_store(sqlite_url(backed_up), defer_check=True)  # the window's first look
    assert backed_up.read_bytes() == db and wal_path(backed_up).read_bytes() == wal
    assert wal in files_in_backups(backed_up).values()  # the -wal as it was left


def test_the_app_keeps_copies_and_offers_the_newest_backup(backed_up: Path) -> None:
    leave_unclean(backed_up)
    wal = damage_a_middle_frame(backed_up)
    offered: list[recovery.Damage] = []

    def take_newest(damage: recovery.Damage, _parent: object) -> Path | None:
        offered.append(damage)
        return damage.good[0].path if damage.good else None

    queries = recovery.open_planner(sqlite_url(backed_up), ask=take_newest)
    try:
        names = athlete_names(queries.store)
    finally:
        queries.store.close()
    assert BEFORE in names and AFTER not in names  # the backup, as the user chose
    [damage] = offered
    assert damage.kept is not None and damage.good is not None
    assert wal_path(damage.kept).read_bytes() == wal  # the damaged -wal beside its store


def test_declining_leaves_the_damaged_wal_where_it_was(backed_up: Path) -> None:
    leave_unclean(backed_up)
    wal = damage_a_middle_frame(backed_up)
    db = backed_up.read_bytes()
    with pytest.raises(recovery.RecoveryDeclined):
        recovery.open_planner(sqlite_url(backed_up), ask=lambda damage, parent: None)
    assert backed_up.read_bytes() == db and wal_path(backed_up).read_bytes() == wal


def test_a_torn_last_transaction_is_no_damage(backed_up: Path) -> None:
    """Frames after the break with no commit among them were never acknowledged."""
    leave_unclean(backed_up)
    wal = bytearray(wal_path(backed_up).read_bytes())
    page = int.from_bytes(wal[8:12], "big")
    last = len(wal) - page // 2
    wal[last] ^= 0xFF  # the page of the last frame, the last commit's
    wal_path(backed_up).write_bytes(bytes(wal))
    assert cli_main(["check", "--db", str(backed_up)]) == 0
    store = Store.open(sqlite_url(backed_up))
    try:
        assert sum(n.startswith("Late ") for n in athlete_names(store)) == LATE - 1
    finally:
        store.close()


# -- defect 7: a -wal that is not the store's own ------------------------------------------
def wal_of_another_database(tmp_path: Path, page_size: int = 4096) -> bytes:
    other = tmp_path / "other.sqlite3"
    con = sqlite3.connect(other, isolation_level=None)
    con.execute(f"PRAGMA page_size={page_size}")
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA wal_autocheckpoint=0")
    con.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    for i in range(10):
        con.execute("INSERT INTO invoices (total) VALUES (?)", (i * 1.5,))
    data = wal_path(other).read_bytes()
    con.close()
    return data


STRAYS = {
    "another database's": lambda tmp: wal_of_another_database(tmp),
    "another page size": lambda tmp: wal_of_another_database(tmp, 1024),
    "not a log at all": lambda tmp: b"runstrong notes\n" * 300,
}


@pytest.mark.parametrize("kind", sorted(STRAYS))
def test_a_stray_wal_is_set_aside_and_the_store_opens(
    backed_up: Path, tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    stray = STRAYS[kind](tmp_path)
    wal_path(backed_up).write_bytes(stray)
    db = backed_up.read_bytes()
    assert cli_main(["check", "--db", str(backed_up)]) == 0
    out = capsys.readouterr().out
    assert "passed" in out and "another program" not in out
    assert "-wal" in out and "set aside" in out
    assert backed_up.read_bytes() == db and wal_path(backed_up).read_bytes() == stray
    queries = recovery.open_planner(sqlite_url(backed_up), ask=lambda d, p: pytest.fail("asked"))
    try:
        assert {BEFORE, AFTER} <= set(athlete_names(queries.store))
        assert "set aside" in queries.store.notice and "backups" in queries.store.notice
    finally:
        queries.store.close()
    kept = [p for p in backup.backup_dir(backed_up).iterdir() if p.name.endswith(".sqlite3-wal")]
    assert [p.read_bytes() for p in kept] == [stray]
    assert "-stray-" in kept[0].name and kept[0].stat().st_mode & 0o777 == 0o600


def test_the_window_says_a_stray_wal_was_set_aside(
    qtbot: Any, backed_up: Path, tmp_path: Path, settings: QSettings
) -> None:
    wal_path(backed_up).write_bytes(wal_of_another_database(tmp_path))
    store = Store.open(sqlite_url(backed_up))
    try:
        window = full_window(Queries(store), settings)
        qtbot.addWidget(window)
        message = window.statusBar().currentMessage()
        assert "was not its own" in message and "set aside" in message
    finally:
        store.close()
