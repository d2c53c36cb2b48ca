"""The window's side of data safety: backups, restore, read-only mode and failed saves."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from safety_support import AFTER, BEFORE
from sqlalchemy import event
from window_support import athletes, calendar, full_window, library

from runstrong_gui.domain.enums import SessionKind
from runstrong_gui.domain.models import PlannedExercise, Session
from runstrong_gui.services import changes, printing
from runstrong_gui.services.bootstrap import SAMPLE_NAME
from runstrong_gui.services.changes import Command
from runstrong_gui.services.queries import Queries
from runstrong_gui.storage import backup
from runstrong_gui.storage.engine import sqlite_url
from runstrong_gui.storage.store import Store, Tx
from runstrong_gui.ui.safety import feature as safety_feature
from runstrong_gui.ui.safety.restore_dialog import RestoreDialog
from runstrong_gui.ui.shell.main_window import MainWindow

TUESDAY = dt.date(2026, 3, 3)  # week 1 of the sample block; the sample puts a walk there


def _open_window(qtbot: Any, store: Store, settings: QSettings) -> MainWindow:
    w = full_window(Queries(store), settings)
    qtbot.addWidget(w)
    w.show_week(1)
    return w


@pytest.fixture
def window(qtbot: Any, store: Store, settings: QSettings) -> MainWindow:
    return _open_window(qtbot, store, settings)


@pytest.fixture
def errors(errors: list[str], monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The warning boxes (see conftest), and every question answered "Yes"."""
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    return errors


def _ctl(window: MainWindow) -> safety_feature.SafetyController:
    ctl = safety_feature.controller(window)
    assert ctl is not None
    return ctl


def _tuesday_cards(w: MainWindow) -> list[str]:
    column = next(c for c in calendar(w).view.columns if c.accessibleName() == "Tuesday 3 March")
    root = column.view.rootIndex()
    return [
        calendar(w).model.index(r, 0, root).data(Qt.ItemDataRole.AccessibleTextRole)
        for r in range(calendar(w).model.rowCount(root))
    ]


def _sample_id(tx: Tx) -> int:
    return printing.find_athlete(tx, SAMPLE_NAME).id or 0


def _add_strength(title: str, notes: str = "") -> changes.Action:
    def action(tx: Tx) -> changes.Outcome:
        athlete_id = _sample_id(tx)
        order = len(tx.day_sessions(athlete_id, TUESDAY))
        s = tx.add_session(
            Session(athlete_id, TUESDAY, SessionKind.STRENGTH, order, title=title, notes=notes)
        )
        assert s.id is not None
        for i, e in enumerate(tx.exercises()[:3]):
            assert e.id is not None
            tx.add_planned(PlannedExercise(s.id, e.id, position=i, sets=3, amount=10))
        return changes.Outcome(created=(s.id,))

    return action


def _titles_on_tuesday(store: Store) -> list[str]:
    with store.transaction() as tx:
        return [s.title for s in tx.day_sessions(_sample_id(tx), TUESDAY)]


# -- menus and backups ---------------------------------------------------------------------
def test_file_menu_has_backup_and_restore_before_quit(window: MainWindow) -> None:
    texts = [a.text() for a in window.menu("file").actions()]
    # the store's group: its backups, then the clinic store to switch to
    assert texts[-5:] == [
        "&Back up now",
        "&Restore from backup…",
        "Connect to &clinic…",
        "",
        "&Quit",
    ]
    assert _ctl(window).status.text() == "No backup yet"


def test_back_up_now_writes_a_verified_backup_and_says_so(
    window: MainWindow, db_path: Path
) -> None:
    _ctl(window).act_backup.trigger()
    [made] = backup.list_backups(db_path)
    assert backup.verify(made.path).ok
    assert _ctl(window).status.text() == f"Backed up {made.label()}"
    assert window.statusBar().currentMessage() == f"Backup saved: {made.path.name}"


def test_changes_start_the_backup_timer_and_only_changes_make_backups(
    window: MainWindow, db_path: Path, qtbot: Any
) -> None:
    ctl = _ctl(window)
    assert not ctl.timer.isActive()
    assert ctl.timer.interval() == 10 * 60 * 1000
    window.apply(Command("Add strength", (TUESDAY,), _add_strength("Gym")))
    assert ctl.timer.isActive()  # the first save after a backup starts the countdown
    ctl.timer.setInterval(20)
    ctl.timer.start()
    qtbot.waitUntil(lambda: ctl.status.text().startswith("Backed up"), timeout=5000)
    assert len(backup.list_backups(db_path)) == 1  # made off the GUI thread
    assert not ctl.timer.isActive() and ctl.pending is None
    ctl.backup_if_changed()  # nothing changed since: no second backup
    assert len(backup.list_backups(db_path)) == 1


def test_the_start_backup_is_skipped_for_a_read_only_store(
    qtbot: Any, store: Store, db_path: Path, settings: QSettings
) -> None:
    store.close()
    ro = Store.open(sqlite_url(db_path), read_only=True)
    try:
        w = _open_window(qtbot, ro, settings)
        assert safety_feature.backup_at_start(w) is False
        assert backup.list_backups(db_path) == []
    finally:
        ro.close()


# -- restore -----------------------------------------------------------------------------
@pytest.fixture
def backed_up_window(
    qtbot: Any, backed_up: Path, settings: QSettings
) -> Iterator[tuple[MainWindow, Path]]:
    store = Store.open(sqlite_url(backed_up))
    window = _open_window(qtbot, store, settings)
    with store.transaction() as tx:
        window.athletes_changed.emit(_sample_id(tx))
    window.show_week(1)
    yield window, backed_up
    store.close()


def test_restore_from_the_menu_shows_the_backup_and_keeps_the_replaced_store(
    backed_up_window: tuple[MainWindow, Path], errors: list[str], qtbot: Any
) -> None:
    window, path = backed_up_window
    window.apply(Command("Add strength", (TUESDAY,), _add_strength("Gym")))
    assert window.undo_stack.count() == 1
    names = [athletes(window).combo.itemText(i) for i in range(athletes(window).combo.count())]
    assert AFTER in names

    def choose_newest() -> None:
        dialog = next(
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, RestoreDialog) and w.isVisible()
        )
        assert dialog.list.count() == 1 and dialog.list.item(0).text().startswith("Today")
        dialog.restore_button.click()

    QTimer.singleShot(0, choose_newest)
    assert _ctl(window).restore() is True
    names = [athletes(window).combo.itemText(i) for i in range(athletes(window).combo.count())]
    assert BEFORE in names and AFTER not in names
    assert window.undo_stack.count() == 0  # the history belonged to the replaced store
    [kept] = backup.list_backups(path, (backup.REPLACED,))
    assert "The store it replaced was kept as " + kept.path.name in (
        window.statusBar().currentMessage()
    )
    assert errors == []
    window.apply(
        Command("Add strength", (TUESDAY,), _add_strength("After restore"))
    )  # still writable
    assert "After restore" in _titles_on_tuesday(window.queries.store)


def test_restoring_a_damaged_file_is_refused_and_changes_nothing(
    backed_up_window: tuple[MainWindow, Path], errors: list[str], tmp_path: Path
) -> None:
    window, path = backed_up_window
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(path.read_bytes()[:3000])
    assert _ctl(window).restore_file(bad, confirm=False) is False
    assert errors and "cannot be restored" in errors[0]
    names = [athletes(window).combo.itemText(i) for i in range(athletes(window).combo.count())]
    assert AFTER in names


# -- read-only and lost stores --------------------------------------------------------------
def test_a_read_only_store_shows_a_banner_and_switches_editing_off(
    qtbot: Any, store: Store, db_path: Path, settings: QSettings, errors: list[str]
) -> None:
    store.close()
    before = db_path.read_bytes()
    ro = Store.open(sqlite_url(db_path), read_only=True)
    try:
        w = _open_window(qtbot, ro, settings)
        w.show()
        banner = w.findChild(safety_feature.SafetyBanner)
        assert banner is not None and banner.isVisible()
        assert banner.text.text().startswith("<b>Read-only.</b> This store cannot be changed")
        assert w.read_only is True and w.property("readOnly") is True
        layout = w.centralWidget().layout()
        assert layout.indexOf(banner) < layout.indexOf(w.tabs)  # the banner above the tabs
        assert not w.act_undo.isEnabled() and not w.act_redo.isEnabled()
        assert not athletes(w).act_new.isEnabled() and not athletes(w).act_edit.isEnabled()
        w.athletes_changed.emit(w.athlete.id if w.athlete else None)  # switching re-enables nothing
        assert not athletes(w).act_edit.isEnabled() and not athletes(w).act_archive.isEnabled()
        assert not library(w).dock.panel.list.dragEnabled()
        assert not _ctl(w).act_restore.isEnabled()
        shown = _tuesday_cards(w)
        w.apply(Command("Add strength", (TUESDAY,), _add_strength("Gym")))  # refused either way
        assert _tuesday_cards(w) == shown
    finally:
        ro.close()
    assert db_path.read_bytes() == before


def test_a_store_moved_away_turns_the_window_read_only_and_offers_a_rescue_backup(
    backed_up_window: tuple[MainWindow, Path], errors: list[str]
) -> None:
    window, path = backed_up_window
    window.show()
    shown = _tuesday_cards(window)
    path.rename(path.with_name("moved-by-a-sync-tool.sqlite3"))
    window.apply(Command("Add strength", (TUESDAY,), _add_strength("Lost")))
    assert len(errors) == 1 and "was moved or deleted while RunStrong was open" in errors[0]
    assert _tuesday_cards(window) == shown  # the refused action is not on screen
    banner = window.findChild(safety_feature.SafetyBanner)
    assert banner is not None and banner.isVisible()
    assert "The store file was moved or deleted" in banner.text.text()
    assert window.read_only is True
    banner.button.click()  # Back up now, from what this window still reads
    [rescue, _old] = backup.list_backups(path)
    rescued = Store.open(sqlite_url(rescue.path), read_only=True)
    with rescued.transaction() as tx:
        assert AFTER in {a.name for a in tx.athletes()}
    rescued.close()


def test_a_full_disk_rolls_the_action_back_on_screen_too(
    window: MainWindow, store: Store, errors: list[str]
) -> None:
    shown = _tuesday_cards(window)
    with store.sqlite_connection() as con:
        pages = con.execute("PRAGMA page_count").fetchone()[0]

    @event.listens_for(store.engine, "checkout")
    def _no_more_pages(dbapi_con: Any, _record: Any, _proxy: Any) -> None:
        dbapi_con.execute(f"PRAGMA max_page_count = {pages}")  # the disk has no room left

    window.apply(Command("Add strength", (TUESDAY,), _add_strength("Gym", notes="n" * 3900)))
    assert errors == [
        "Add strength: The disk is full: the change was not saved, and everything saved "
        "before is intact. Free some space and try again."
    ]
    assert _tuesday_cards(window) == shown
    assert window.undo_stack.count() == 0
    event.remove(store.engine, "checkout", _no_more_pages)
    with store.sqlite_connection() as con:
        con.execute("PRAGMA max_page_count = 1073741823")
    assert "Gym" not in _titles_on_tuesday(store)


def test_a_closed_window_stops_listening_to_the_store(
    qtbot: Any, store: Store, settings: QSettings
) -> None:
    w = full_window(Queries(store), settings)
    assert len(store._listeners) == 1
    w.deleteLater()
    qtbot.waitUntil(lambda: not store._listeners, timeout=2000)
    with store.transaction() as tx:  # a save after the window is gone is just a save
        tx.set_setting("after", {"ok": True})
