"""Start-up: the window paints before the store is open, and the store's deep check runs
beside it. Until the check passed nothing can be written; a store it finds damaged goes
the same way as one refused at the first look (a copy kept, a backup offered)."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDockWidget
from safety_support import AFTER, BEFORE
from window_support import athletes, calendar, full_window, library

from runstrong_gui.app import launch as gui
from runstrong_gui.app import recovery
from runstrong_gui.app.cli import parse
from runstrong_gui.services.changes import Command
from runstrong_gui.services.queries import Queries
from runstrong_gui.storage import backup
from runstrong_gui.storage.engine import DamagedStoreError, StoreError, open_store, sqlite_url
from runstrong_gui.storage.store import Store
from runstrong_gui.ui.progress.tab import ProgressTab
from runstrong_gui.ui.shell.lazy_page import LazyPage
from runstrong_gui.ui.shell.main_window import CHECKING, OPENING, MainWindow

SATURDAY = dt.date(2026, 3, 7)  # week 1 of the sample block: the long run


# -- helpers ---------------------------------------------------------------------------


def _main_windows() -> list[MainWindow]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]


def _when(done: Callable[[], bool], then: Callable[[], None], seconds: float = 30) -> None:
    """Poll the running app until ``done()``, then ``then()`` and quit it."""
    deadline = dt.datetime.now() + dt.timedelta(seconds=seconds)

    def poll() -> None:
        if done() or dt.datetime.now() > deadline:
            then()
            QApplication.quit()
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def _settled(window: MainWindow) -> bool:
    return window.has_store and not window.writing.paused and library(window).model.rowCount() > 0


def damage_a_page_only_the_check_reads(path: Path) -> bytes:
    """Fill a table nobody reads at start-up, then garble one of its pages: the first look
    (header, schema) and the window's reads pass; ``quick_check`` does not."""
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE filler (x TEXT)")
    con.executemany("INSERT INTO filler VALUES (?)", [("x" * 400,)] * 300)
    con.commit()
    con.close()  # the last connection: the -wal is written back and removed
    data = bytearray(path.read_bytes())
    size = int.from_bytes(data[16:18], "big")
    last = len(data) // size
    data[(last - 2) * size : (last - 1) * size] = bytes([0xA5]) * size
    path.write_bytes(bytes(data))
    assert data[18:20] == b"\x02\x02"  # still a WAL store: its check runs beside the window
    return bytes(data)


# -- the window before the store --------------------------------------------------------
def test_the_window_and_its_features_load_without_the_store(tmp_path: Path) -> None:
    """What the first paint needs loads neither SQLAlchemy nor the store (nor QtCharts nor
    the PDF export): a module that brings them back in costs every start ~0.4 s."""
    code = textwrap.dedent("""
        import sys
        from runstrong_gui.app.cli import parse
        assert parse(["--db", "x.sqlite3"]).command is None
        from PySide6.QtCore import QSettings
        from runstrong_gui.app.qt_start import make_application
        from runstrong_gui.app.features import build_window
        app = make_application(["runstrong"])
        window, _ = build_window(None, QSettings(sys.argv[1], QSettings.Format.IniFormat))
        heavy = ("sqlalchemy", "alembic", "runstrong_gui.storage.store",
                 "runstrong_gui.storage.schema", "PySide6.QtCharts", "reportlab",
                 "runstrong_gui.services.printing", "runstrong_gui.ui.progress.tab")
        print(sorted(m for m in sys.modules if m.split(".")[0] in heavy or m in heavy))
    """)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "s.ini")],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert out.stdout.strip() == "[]"


def test_the_frame_has_every_tab_dock_and_menu_then_shows_the_store(
    qtbot: Any, store: Store, settings: QSettings, errors: list[str]
) -> None:
    w = full_window(None, settings)
    qtbot.addWidget(w)
    tabs = [w.tabs.tabText(i) for i in range(w.tabs.count())]
    assert tabs == ["Week", "Block", "Progress", "Clients"]
    docks = {d.objectName() for d in w.findChildren(QDockWidget)}
    assert {"libraryDock", "sessionDock"} <= docks
    menus = [a.text() for a in w.menuBar().actions()]
    assert menus == ["&File", "&Edit", "&View", "&Week", "&Athlete", "&Plan", "&Help"]
    assert w.menu("plan").isEmpty()  # its feature loads after the first paint
    assert not w.has_store and w.writing.paused == OPENING
    assert w.writing.check_label.text() == OPENING
    assert calendar(w).view.header.caption.text() == "Loading…"
    assert (
        w.apply(Command("Move", (SATURDAY,), lambda tx: None)) is None
    )  # no athlete, no store yet

    w.set_queries(Queries(store))
    w.show_week(1)
    assert w.has_store and not w.writing.paused and w.writing.check_label.isHidden()
    assert calendar(w).view.header.caption.text() == "Week 1 of 15"
    assert library(w).model.rowCount() >= 38
    file_menu = [a.text() for a in w.menu("file").actions() if a.text()]
    assert file_menu[:2] == ["&Export…", "&Preferences…"]  # installed with the store
    assert "&Back up now" in file_menu
    plan_menu = [a.text() for a in w.menu("plan").actions() if a.text()]
    assert "&Generate 12-week block…" in plan_menu  # filled once the store is open
    assert errors == []


def test_a_window_leaves_the_collector_as_it_found_it(
    qtbot: Any, store: Store, settings: QSettings
) -> None:
    """Only ``runstrong``'s own start pauses and resumes the cycle collector: a window built
    elsewhere (a test, the bench) neither turns it on nor freezes the process's objects."""
    import gc

    gc.disable()
    try:
        w = full_window(None, settings)
        qtbot.addWidget(w)
        w.set_queries(Queries(store))
        assert not gc.isenabled()
        assert gc.get_freeze_count() == 0
    finally:
        gc.enable()


def test_the_progress_tab_is_built_the_first_time_it_is_shown(
    qtbot: Any, store: Store, settings: QSettings
) -> None:
    w = full_window(Queries(store), settings)
    qtbot.addWidget(w)
    page = w.tabs.widget(2)
    assert isinstance(page, LazyPage) and page.content is None
    assert "runstrong_gui.ui.progress.tab" not in sys.modules or page.content is None
    w.show()
    w.tabs.setCurrentIndex(2)
    assert isinstance(page.content, ProgressTab) and w.tabs.currentWidget() is page
    assert [w.tabs.tabText(i) for i in range(w.tabs.count())] == [
        "Week",
        "Block",
        "Progress",
        "Clients",
    ]


# -- nothing written before the check passed ------------------------------------------
def test_a_change_during_the_check_is_refused_with_a_message_and_saves_nothing(
    qtbot: Any, store: Store, settings: QSettings, errors: list[str]
) -> None:
    w = full_window(Queries(store), settings)
    qtbot.addWidget(w)
    w.show_week(1)
    w.writing.pause(CHECKING)
    assert (
        w.writing.check_label.text() == "Checking the store…"
        and not w.writing.check_label.isHidden()
    )

    def delete_long_run(tx: Any) -> None:
        for s in tx.day_sessions(1, SATURDAY):
            tx.delete_session(s.id)

    assert w.apply(Command("Delete the long run", (SATURDAY,), delete_long_run)) is None
    assert errors == [
        "Delete the long run: RunStrong is still checking the store, so nothing was saved. "
        "Try again in a moment."
    ]
    with store.transaction() as tx:
        assert [s.display_title for s in tx.day_sessions(1, SATURDAY)] == ["Long run"]
    assert w.undo_stack.count() == 0

    w.writing.resume()
    assert w.apply(Command("Delete the long run", (SATURDAY,), delete_long_run)) is not None
    with store.transaction() as tx:
        assert tx.day_sessions(1, SATURDAY) == []


def test_the_store_itself_refuses_writes_until_its_check_passed(backed_up: Path) -> None:
    opened = open_store(sqlite_url(backed_up), defer_check=True)
    assert opened.deferred is not None and opened.checked is None
    store = Store(opened.engine, opened)
    try:
        with pytest.raises(StoreError), store.transaction() as tx:
            tx.set_setting("probe", {"x": 1})
        found = opened.deferred.wait()
        assert found is not None and found.ok and opened.deferred.error() is None
        opened.deferred.allow_writes()
        with store.transaction() as tx:
            tx.set_setting("probe", {"x": 1})
        with store.transaction() as tx:
            assert tx.setting("probe") == {"x": 1}
    finally:
        store.close()


# -- the app, end to end ---------------------------------------------------------------
def test_the_window_shows_the_week_and_takes_changes_once_the_check_passed(
    app_kept_alive: QApplication, backed_up: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gui, "START_BACKUP_DELAY_MS", 600_000)
    seen: dict[str, object] = {}

    def first() -> None:  # the first turn of the event loop: the window, no store yet
        [window] = _main_windows()
        seen["first"] = (window.has_store, window.writing.paused)

    def look() -> None:
        [window] = _main_windows()
        seen["caption"] = calendar(window).view.header.caption.text()
        seen["athlete"] = athletes(window).combo.currentText()
        seen["check label hidden"] = window.writing.check_label.isHidden()
        checked = window.queries.store.checked
        seen["checked"] = checked is not None and checked.ok

    QTimer.singleShot(0, first)
    _when(lambda: all(_settled(w) for w in _main_windows()), look)
    assert gui.run_gui(sqlite_url(backed_up), ["runstrong"]) == 0
    assert seen["first"] == (False, OPENING)
    assert str(seen["caption"]).startswith("Week ") and seen["athlete"]
    assert seen["check label hidden"] and seen["checked"]


def test_damage_only_the_check_finds_offers_the_newest_backup_and_writes_nothing(
    app_kept_alive: QApplication, backed_up: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    damaged = damage_a_page_only_the_check_reads(backed_up)
    offered: list[recovery.Damage] = []
    windows: list[MainWindow] = []

    def take_newest(damage: recovery.Damage, parent: Any) -> Path | None:
        offered.append(damage)
        windows.append(parent)
        assert backed_up.read_bytes() == damaged  # the window wrote nothing meanwhile
        return damage.good[0].path if damage.good else None

    monkeypatch.setattr(gui, "ask_with_dialog", take_newest)
    seen: dict[str, object] = {}

    def look() -> None:
        [window] = _main_windows()
        seen["reopened"] = window is not windows[0]
        combo = athletes(window).combo
        seen["athletes"] = [combo.itemText(i) for i in range(combo.count())]

    _when(lambda: bool(offered) and all(_settled(w) for w in _main_windows()), look)
    assert gui.run_gui(sqlite_url(backed_up), ["runstrong"]) == 0
    [damage] = offered
    assert isinstance(damage.error, DamagedStoreError) and "is damaged" in str(damage.error)
    assert isinstance(windows[0], MainWindow)  # found by the check, after the window showed
    assert damage.kept is not None and damage.kept.read_bytes() == damaged
    assert seen["reopened"]  # the window closed and opened again on the restored store
    assert BEFORE in seen["athletes"] and AFTER not in seen["athletes"]  # type: ignore[operator]
    kinds = [b.kind for b in backup.list_backups(backed_up, (backup.DAMAGED,))]
    assert kinds == [backup.DAMAGED]


def test_declining_the_backup_quits_and_leaves_the_damaged_store_as_it_was(
    app_kept_alive: QApplication, backed_up: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    damaged = damage_a_page_only_the_check_reads(backed_up)
    monkeypatch.setattr(gui, "ask_with_dialog", lambda damage, parent: None)
    assert gui.run_gui(sqlite_url(backed_up), ["runstrong"]) == 2
    assert backed_up.read_bytes() == damaged
    assert _main_windows() == [] or all(not w.isVisible() for w in _main_windows())


# -- a store whose file is gone but whose backups are there -------------------------------
def _lose_the_store_file(path: Path) -> dict[str, bytes]:
    for companion in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        companion.unlink(missing_ok=True)
    return {p.name: p.read_bytes() for p in backup.backup_dir(path).iterdir()}


def test_a_missing_store_with_backups_is_not_replaced_when_the_user_quits(
    app_kept_alive: QApplication, backed_up: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backups = _lose_the_store_file(backed_up)
    offered: list[recovery.Damage] = []
    monkeypatch.setattr(gui, "ask_with_dialog", lambda d, p: offered.append(d))
    guard = QTimer()  # a window that opened anyway is closed again, so the test can fail
    guard.setSingleShot(True)
    guard.timeout.connect(QApplication.quit)
    guard.start(10_000)
    try:
        assert gui.run_gui(sqlite_url(backed_up), ["runstrong"]) == 2
    finally:
        guard.stop()
    assert not backed_up.exists()  # no new store, no sample athlete
    assert {p.name: p.read_bytes() for p in backup.backup_dir(backed_up).iterdir()} == backups
    [damage] = offered
    assert damage.good is not None and damage.good[0].path.name in backups
    headline, details = recovery.damage_message(damage)
    assert headline == "RunStrong's store is missing"
    assert f"There is no store at {backed_up}" in details and "start a new store" in details
    box = recovery.damage_box(damage)
    buttons = {b.objectName() for b in box.buttons()}
    assert {"restoreNewest", "chooseBackup", "startNew", "quit"} <= buttons
    box.deleteLater()


@pytest.mark.parametrize("answer", ["restore", "new"])
def test_a_missing_store_with_backups_is_restored_or_made_anew_only_when_asked(
    app_kept_alive: QApplication, backed_up: Path, monkeypatch: pytest.MonkeyPatch, answer: str
) -> None:
    backups = _lose_the_store_file(backed_up)

    def ask(damage: recovery.Damage, parent: Any) -> Path | None:
        assert not backed_up.exists()
        assert damage.good is not None
        return damage.good[0].path if answer == "restore" else damage.path

    monkeypatch.setattr(gui, "ask_with_dialog", ask)
    seen: dict[str, object] = {}

    def look() -> None:
        [window] = _main_windows()
        combo = athletes(window).combo
        seen["athletes"] = [combo.itemText(i) for i in range(combo.count())]

    _when(lambda: all(_settled(w) for w in _main_windows()) and bool(_main_windows()), look)
    assert gui.run_gui(sqlite_url(backed_up), ["runstrong"]) == 0
    names = seen["athletes"]
    if answer == "restore":
        assert BEFORE in names and AFTER not in names  # type: ignore[operator]
    else:
        assert names == ["Demo — Alex Rivera", "Sample Runner"]  # a new store's first run
    for name, data in backups.items():  # the real backups are all still there
        assert (backup.backup_dir(backed_up) / name).read_bytes() == data


# -- the command line ------------------------------------------------------------------
def test_the_window_s_command_line_is_read_without_the_commands() -> None:
    assert parse(["--db", "x.sqlite3"]).command is None
    args = parse(["--db", "x.sqlite3", "check", "--full"])
    assert args.command == "check" and args.full
    with pytest.raises(SystemExit):
        parse(["--db", "x.sqlite3", "--no-such-option"])
