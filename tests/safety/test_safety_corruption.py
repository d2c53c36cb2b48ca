"""A damaged store is never overwritten nor silently replaced: refused, kept, recovered."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from safety_support import AFTER, BEFORE, athlete_names, crash_after

from runstrong_gui.app import recovery
from runstrong_gui.app.cli import main as cli_main
from runstrong_gui.storage import backup
from runstrong_gui.storage.engine import (
    DamagedStoreError,
    NotAStoreError,
    sqlite_url,
)
from runstrong_gui.storage.health import State, inspect
from runstrong_gui.storage.store import Store


def _page_size(path: Path) -> int:
    return int.from_bytes(path.read_bytes()[16:18], "big")


def bad_magic(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[0:16] = b"RunStrong backup"
    path.write_bytes(bytes(data))


def bad_page_size(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[16:18] = (768).to_bytes(2, "big")
    path.write_bytes(bytes(data))


def cut_mid_page(path: Path) -> None:
    os.truncate(path, path.stat().st_size - 1000)


def cut_whole_pages(path: Path) -> None:
    os.truncate(path, path.stat().st_size // 2 // _page_size(path) * _page_size(path))


def malformed_pages(path: Path) -> None:
    size = _page_size(path)
    data = bytearray(path.read_bytes())
    for page in (3, 5, 8):  # b-tree pages of tables and indexes
        data[(page - 1) * size : page * size] = bytes([0xA5]) * size
    path.write_bytes(bytes(data))


def zero_length(path: Path) -> None:
    path.write_bytes(b"")


def not_sqlite(path: Path) -> None:
    path.write_text("name,sets\nsquat,3\n" * 50)


CORRUPTIONS: dict[str, tuple[Callable[[Path], None], State, str]] = {
    "bad header (magic)": (bad_magic, State.NOT_SQLITE, "not an SQLite database"),
    "bad header (page size)": (bad_page_size, State.DAMAGED, "header is damaged"),
    "truncated mid-page": (cut_mid_page, State.DAMAGED, "cut short"),
    "truncated whole pages": (cut_whole_pages, State.DAMAGED, "cut short"),
    "malformed pages": (malformed_pages, State.DAMAGED, "damaged"),
    "zero length": (zero_length, State.EMPTY, "empty"),
    "not SQLite at all": (not_sqlite, State.NOT_SQLITE, "not an SQLite database"),
}


@pytest.fixture(params=sorted(CORRUPTIONS))
def corrupted(request: pytest.FixtureRequest, backed_up: Path) -> tuple[Path, State, str]:
    damage, state, words = CORRUPTIONS[request.param]
    damage(backed_up)
    return backed_up, state, words


def test_inspection_names_the_damage_and_changes_nothing(
    corrupted: tuple[Path, State, str],
) -> None:
    path, state, words = corrupted
    before = path.read_bytes()
    found = inspect(path, full=True)
    assert found.state is state
    assert words in found.summary()
    assert path.read_bytes() == before


def test_opening_refuses_and_leaves_the_file_byte_identical(
    corrupted: tuple[Path, State, str],
) -> None:
    path, state, _words = corrupted
    before = path.read_bytes()
    error = DamagedStoreError if state is State.DAMAGED else NotAStoreError
    with pytest.raises(error) as refused:
        Store.open(sqlite_url(path))
    assert str(path) in str(refused.value)
    assert path.read_bytes() == before


def test_check_command_reports_damage_and_the_newest_good_backup(
    corrupted: tuple[Path, State, str], capsys: pytest.CaptureFixture[str]
) -> None:
    path, _state, words = corrupted
    before = path.read_bytes()
    assert cli_main(["check", "--db", str(path)]) == 1
    out = capsys.readouterr().out
    assert words in out
    assert "Newest good backup:" in out and str(backup.backup_dir(path)) in out
    assert path.read_bytes() == before


def test_app_keeps_a_copy_and_restores_the_newest_good_backup(
    corrupted: tuple[Path, State, str],
) -> None:
    path, state, _words = corrupted
    damaged = path.read_bytes()
    offered: list[recovery.Damage] = []

    def take_newest(damage: recovery.Damage, _parent: object) -> Path | None:
        offered.append(damage)
        return damage.good[0].path if damage.good else None

    queries = recovery.open_planner(sqlite_url(path), ask=take_newest)
    try:
        names = athlete_names(queries.store)
    finally:
        queries.store.close()
    assert BEFORE in names and AFTER not in names  # the backup's data, nothing newer
    [damage] = offered
    assert damage.good is not None
    if state is State.EMPTY:
        assert damage.kept is None  # nothing to keep of an empty file
    else:
        assert damage.kept is not None and damage.kept.read_bytes() == damaged
        assert damage.kept.stat().st_mode & 0o777 == 0o600
    assert [b.kind for b in backup.list_backups(path, (backup.DAMAGED,))] == (
        [] if state is State.EMPTY else [backup.DAMAGED]
    )


def test_declining_leaves_the_damaged_store_as_it_was(backed_up: Path) -> None:
    malformed_pages(backed_up)
    damaged = backed_up.read_bytes()
    with pytest.raises(recovery.RecoveryDeclined):
        recovery.open_planner(sqlite_url(backed_up), ask=lambda damage, parent: None)
    assert backed_up.read_bytes() == damaged
    assert len(backup.list_backups(backed_up)) == 1  # the good backup is still there


def test_a_damaged_store_without_backups_is_kept_never_replaced(tmp_path: Path) -> None:
    path = tmp_path / "lonely.sqlite3"
    Store.open(sqlite_url(path)).close()
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE filler (x)")
    con.executemany("INSERT INTO filler VALUES (?)", [("x" * 500,)] * 200)
    con.commit()
    con.close()
    malformed_pages(path)
    damaged = path.read_bytes()
    offered: list[recovery.Damage] = []
    with pytest.raises(recovery.RecoveryDeclined):
        recovery.open_planner(sqlite_url(path), ask=lambda d, p: offered.append(d))  # type: ignore[func-returns-value]
    assert offered[0].good is None
    assert path.read_bytes() == damaged


def test_a_foreign_file_gets_no_backups_folder(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not a store")
    with pytest.raises(NotAStoreError, match="not a RunStrong store"):
        recovery.open_planner(sqlite_url(notes), ask=lambda d, p: pytest.fail("asked"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_the_dialog_offers_the_newest_good_backup(qtbot, backed_up: Path) -> None:  # type: ignore[no-untyped-def]
    malformed_pages(backed_up)
    seen: dict[str, str] = {}

    def click_restore() -> None:
        box = next(
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.objectName() == "damagedStoreDialog"
        )
        seen["title"] = box.text()
        seen["details"] = box.informativeText()
        box.findChild(object, "restoreNewest").click()

    QTimer.singleShot(0, click_restore)
    queries = recovery.open_planner(sqlite_url(backed_up))
    try:
        assert AFTER not in athlete_names(queries.store)
    finally:
        queries.store.close()
    assert "damaged" in seen["title"]
    assert "A copy of the file as it is now was kept" in seen["details"]
    assert "The newest good backup is from" in seen["details"] and "2 athletes" in seen["details"]


def test_full_integrity_check_after_an_unclean_shutdown(backed_up: Path) -> None:
    crash_after(backed_up, "UPDATE athletes SET notes = 'after a crash'")
    store = Store.open(sqlite_url(backed_up))
    try:
        assert store.checked is not None and store.checked.full
    finally:
        store.close()
    store = Store.open(sqlite_url(backed_up))  # closed cleanly this time: the quick check
    try:
        assert store.checked is not None and not store.checked.full
    finally:
        store.close()
