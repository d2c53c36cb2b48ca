"""Backups are private, verified before they are kept, thinned out over time, restorable."""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from safety_support import AFTER, BEFORE, athlete_names

from runstrong_gui.app.cli import main as cli_main
from runstrong_gui.services.bootstrap import prepare_store
from runstrong_gui.storage import backup, health
from runstrong_gui.storage.engine import sqlite_url
from runstrong_gui.storage.health import Health, State, inspect
from runstrong_gui.storage.store import Store

NOW = dt.datetime(2026, 3, 20, 12, 0, tzinfo=dt.UTC)  # a Friday


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_backup_is_private_verified_standalone_and_named_by_time(backed_up: Path) -> None:
    old = os.umask(0o000)  # SQLite alone would make a world-writable file here
    try:
        store = Store.open(sqlite_url(backed_up))
        with store.sqlite_connection() as con:
            made = backup.create_backup(con, backed_up, now=NOW)
        store.close()
    finally:
        os.umask(old)
    assert made.path.parent == backed_up.parent / "backups"
    assert made.path.name == "clinic-2026-03-20T120000Z.sqlite3"
    assert _mode(made.path) == 0o600
    assert made.contents == "3 athletes, 8 sessions, 0 logged sets"
    header = made.path.read_bytes()[:20]
    assert header[18:20] == b"\x01\x01"  # rollback journal: one self-contained file
    assert inspect(made.path, full=True).ok
    assert [p.name for p in made.path.parent.iterdir() if p.name.startswith(".")] == []
    restored = Store.open(sqlite_url(made.path), read_only=True)
    assert set(athlete_names(restored)) >= {BEFORE, AFTER}
    restored.close()


def test_two_backups_in_one_second_get_two_names(backed_up: Path) -> None:
    first = backup.backup_file(backed_up, now=NOW)
    second = backup.backup_file(backed_up, now=NOW)
    assert first.path != second.path and second.path.name.endswith("Z-2.sqlite3")


def test_a_copy_that_fails_its_check_is_never_kept(
    backed_up: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = sorted(p.name for p in backup.backup_dir(backed_up).iterdir())
    monkeypatch.setattr(
        backup, "verify", lambda path: Health(path, State.DAMAGED, ("page 4 is bad",))
    )
    with pytest.raises(backup.BackupError, match="failed its check"):
        backup.backup_file(backed_up, now=NOW)
    assert sorted(p.name for p in backup.backup_dir(backed_up).iterdir()) == before


def test_an_unwritable_backups_folder_gives_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    Store.open(sqlite_url(path)).close()
    (tmp_path / "backups").write_text("a file where the folder should be")
    with pytest.raises(backup.BackupError, match=r"No backup was made: .*backups cannot be"):
        backup.backup_file(path)


def test_a_damaged_store_is_not_backed_up(backed_up: Path) -> None:
    data = bytearray(backed_up.read_bytes())
    data[16:18] = b"\x03\x00"
    backed_up.write_bytes(bytes(data))
    with pytest.raises(backup.BackupError, match="damaged"):
        backup.backup_file(backed_up)
    assert len(backup.list_backups(backed_up)) == 1


def test_a_store_moved_while_open_can_still_be_rescued(backed_up: Path) -> None:
    store = Store.open(sqlite_url(backed_up))
    backed_up.rename(backed_up.with_name("elsewhere.sqlite3"))
    with store.sqlite_connection() as con:  # what File ▸ Back up now does
        made = backup.create_backup(con, backed_up, now=NOW)
    store.close()
    rescued = Store.open(sqlite_url(made.path), read_only=True)
    assert AFTER in athlete_names(rescued)
    rescued.close()


# -- rotation ------------------------------------------------------------------------
def _every_two_hours(days: int) -> list[dt.datetime]:
    return [NOW - dt.timedelta(hours=2 * i) for i in range(days * 12)]


def test_rotation_keeps_recent_then_daily_then_weekly() -> None:
    taken = _every_two_hours(70)
    kept = sorted((taken[i] for i in backup.keep_set(taken, NOW)), reverse=True)
    recent = [t for t in kept if NOW - t <= dt.timedelta(hours=24)]
    assert recent == taken[:12]  # every one of the last 24 h, at most twelve
    older = [t for t in kept if NOW - t > dt.timedelta(hours=24)]
    days = [t.date() for t in older if (NOW.date() - t.date()).days < 7]
    assert days == [dt.date(2026, 3, d) for d in (18, 17, 16, 15, 14)]  # 19th is in recent
    assert all(t.hour == 22 for t in older)  # the newest of its day
    weeks = [t.date() for t in older if (NOW.date() - t.date()).days >= 7]
    assert weeks == [
        dt.date(2026, 3, 8),
        dt.date(2026, 3, 1),
        dt.date(2026, 2, 22),
        dt.date(2026, 2, 15),
        dt.date(2026, 2, 8),
        dt.date(2026, 2, 1),
    ]  # Sundays
    assert len(kept) == 12 + 5 + 6


def test_rotating_as_time_goes_by_never_drops_what_is_needed_later() -> None:
    """Rotating hourly for 60 days keeps exactly what one rotation at the end would."""
    start = NOW - dt.timedelta(days=60)
    everything: list[dt.datetime] = []
    alive: list[dt.datetime] = []
    for hour in range(60 * 24 + 1):
        now = start + dt.timedelta(hours=hour)
        everything.append(now)
        alive.append(now)
        alive = [alive[i] for i in sorted(backup.keep_set(alive, now))]
    final = {everything[i] for i in backup.keep_set(everything, NOW)}
    assert set(alive) == final
    assert 20 <= len(alive) <= 12 + 7 + 8


def test_rotate_deletes_only_regular_backups_of_this_store(tmp_path: Path) -> None:
    store_path = tmp_path / "clinic.sqlite3"
    folder = backup.backup_dir(store_path)
    folder.mkdir()
    names = [
        f"clinic-{(NOW - dt.timedelta(days=d)).strftime('%Y-%m-%dT%H%M%SZ')}.sqlite3"
        for d in range(100)
    ]
    others = [
        "clinic-damaged-2025-01-01T000000Z.sqlite3",
        "clinic-replaced-2025-01-01T000000Z.sqlite3",
        "other-2025-01-01T000000Z.sqlite3",
        "notes.txt",
    ]
    for name in names + others:
        (folder / name).write_bytes(b"")
    gone = backup.rotate(store_path, now=NOW)
    left = {p.name for p in folder.iterdir()}
    assert set(others) <= left
    assert len(left - set(others)) == len(names) - len(gone)
    assert names[0] in left and names[99] not in left


def test_a_new_store_s_backups_never_rotate_out_the_last_one_of_the_store_before(
    backed_up: Path,
) -> None:
    """The store file is lost and a new one made at its path: a day of the new store's
    backups must not push out the last backup of the one it replaced."""
    [old] = backup.list_backups(backed_up)
    old_bytes = old.path.read_bytes()
    for companion in (backed_up, health.wal_path(backed_up), health.shm_path(backed_up)):
        companion.unlink(missing_ok=True)
    store = Store.open(sqlite_url(backed_up))
    prepare_store(store)
    assert backup.store_id(backed_up) not in (None, backup.store_id(old.path))
    start = old.taken + dt.timedelta(minutes=10)
    with store.sqlite_connection() as con:
        for i in range(30):  # every ten minutes, for five hours: the old one is the oldest
            backup.create_backup(con, backed_up, now=start + dt.timedelta(minutes=10 * i))
    store.close()
    left = backup.list_backups(backed_up)
    assert len(left) <= backup.KEEP_RECENT + 2  # (+1 if the five hours span two days)
    assert left[-1].path == old.path and old.path.read_bytes() == old_bytes
    assert BEFORE in _names(old.path)


def _names(path: Path) -> list[str]:
    con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return [r[0] for r in con.execute("SELECT name FROM athletes")]
    finally:
        con.close()


# -- restore -----------------------------------------------------------------------------
def test_restore_swaps_in_the_backup_and_keeps_the_replaced_store(backed_up: Path) -> None:
    [newest] = backup.list_backups(backed_up)
    kept = backup.restore(newest.path, backed_up, now=NOW)
    assert kept is not None and kept.name == "clinic-replaced-2026-03-20T120000Z.sqlite3"
    store = Store.open(sqlite_url(backed_up))
    assert BEFORE in athlete_names(store) and AFTER not in athlete_names(store)
    store.close()
    assert _mode(backed_up) == 0o600
    old = Store.open(sqlite_url(kept), read_only=True)
    assert AFTER in athlete_names(old)
    old.close()
    assert not list(backed_up.parent.glob(".*restoring"))


@pytest.mark.parametrize("what", ["damaged", "not RunStrong"])
def test_restore_refuses_a_bad_backup_and_leaves_the_store(backed_up: Path, what: str) -> None:
    import sqlite3

    [newest] = backup.list_backups(backed_up)
    if what == "damaged":
        os.truncate(newest.path, newest.size - 100)
    else:
        newest.path.unlink()
        con = sqlite3.connect(newest.path)
        con.execute("CREATE TABLE invoices (id INTEGER)")
        con.commit()
        con.close()
    before = backed_up.read_bytes()
    with pytest.raises(backup.BackupError, match=r"restore|RunStrong"):
        backup.restore(newest.path, backed_up)
    assert backed_up.read_bytes() == before
    assert backup.list_backups(backed_up, (backup.REPLACED,)) == []


# -- command line ------------------------------------------------------------------------
def test_backup_command(backed_up: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = backed_up.read_bytes()
    assert cli_main(["backup", "--db", str(backed_up)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Backup written and verified: ")
    assert "(3 athletes, 8 sessions, 0 logged sets)" in out
    made = Path(re.search(r"verified: (\S+)", out)[1])  # type: ignore[index]
    assert made.exists() and _mode(made) == 0o600
    assert backed_up.read_bytes() == before  # the store is only read
    assert len(backup.list_backups(backed_up)) == 2


def test_backup_command_refuses_a_damaged_store(
    backed_up: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backed_up.write_bytes(backed_up.read_bytes()[:5000])
    assert cli_main(["backup", "--db", str(backed_up)]) == 1
    assert "No backup was made" in capsys.readouterr().err
    assert len(backup.list_backups(backed_up)) == 1


def test_check_command_on_a_sound_store(
    backed_up: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli_main(["check", "--db", str(backed_up)]) == 0
    out = capsys.readouterr().out
    assert "passed the quick check (3 athletes, 8 sessions, 0 logged sets)" in out
    assert "Newest backup:" in out
    assert cli_main(["check", "--full", "--db", str(backed_up)]) == 0
    assert "passed the integrity check" in capsys.readouterr().out


def test_check_command_without_a_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nothing.sqlite3"
    assert cli_main(["check", "--db", str(missing)]) == 2
    assert "there is no store" in capsys.readouterr().err
    assert not missing.exists()


def test_check_command_on_a_lost_store_names_its_newest_good_backup(
    backed_up: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    [good] = backup.list_backups(backed_up)
    newer = backup._stamp(good.taken + dt.timedelta(minutes=5))
    damaged = good.path.with_name(f"clinic-{newer}.sqlite3")  # fails its check: not offered
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xa5" * 4000)
    backed_up.unlink()
    for command in ("check", "backup", "athletes"):
        assert cli_main([command, "--db", str(backed_up)]) == 2
        captured = capsys.readouterr()
        assert captured.out == ""
        assert captured.err == (
            f"runstrong: there is no store at {backed_up}. Its newest good backup is "
            f"{good.path} ({good.label()}; 2 athletes, 8 sessions, 0 logged sets): start "
            "RunStrong on this path to restore it.\n"
        )
    assert not backed_up.exists()


def _external_read(path: Path, sql: str) -> str:
    """What another program sees: a separate process opens, reads and closes the store."""
    code = (
        "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
        "print(c.execute(sys.argv[2]).fetchone()[0]); c.close()"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path), sql], capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def test_the_background_backup_leaves_the_open_store_visible_and_safe(
    store: Store, db_path: Path
) -> None:
    """After the app's own backup, another program that opens and closes the store must
    not take RunStrong's -wal for a leftover: saves made afterwards stay in the store
    other programs (and a restart after a crash) see."""
    import dataclasses

    def rename(name: str) -> None:
        with store.transaction() as tx:
            athlete = tx.athletes()[0]
            tx.update_athlete(dataclasses.replace(athlete, name=name))

    rename("Before the backup")
    made = backup.backup_open_store(db_path, now=NOW)
    assert made.path.is_file()
    query = "SELECT name FROM athletes ORDER BY id LIMIT 1"
    assert _external_read(db_path, query) == "Before the backup"
    rename("After another program looked")
    assert health_wal(db_path).is_file()  # still ours: SQLite left it in place
    assert _external_read(db_path, query) == "After another program looked"


def health_wal(path: Path) -> Path:
    return path.with_name(path.name + "-wal")
