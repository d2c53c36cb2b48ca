"""The remembered week in the first paint, read with sqlite3 before the store opens."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
from test_startup import _main_windows, _settled, _when
from window_support import calendar
from window_support import session as session_feature

from runstrong_gui.app import launch as gui
from runstrong_gui.domain.progression import week_number
from runstrong_gui.services.queries import Queries, first_week
from runstrong_gui.storage.engine import sqlite_url
from runstrong_gui.storage.first_week import FirstWeekStore, NotForTheFastPath
from runstrong_gui.storage.store import Store
from runstrong_gui.ui.shell.main_window import OPENING


def _demo_week(path: Path) -> tuple[int, int]:
    store = Store.open(sqlite_url(path))
    try:
        queries = Queries(store)
        for athlete in queries.athletes():
            assert athlete.id is not None
            sessions = queries.sessions_from(athlete.id, dt.date.min)
            if sessions:
                return athlete.id, week_number(athlete, sessions[0].date)
        raise AssertionError("no athlete with a plan")
    finally:
        store.close()


def test_the_first_paint_shows_the_remembered_week_and_writes_wait_for_the_store(
    app_kept_alive: QApplication, backed_up: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(gui, "START_BACKUP_DELAY_MS", 600_000)
    athlete_id, week = _demo_week(backed_up)
    settings = QSettings()
    settings.setValue("view/athlete", athlete_id)
    settings.setValue("view/week", week)
    settings.sync()
    seen: dict[str, Any] = {}

    def first() -> None:  # the first turn of the event loop: painted, the store not open
        [window] = _main_windows()
        view = calendar(window).view
        seen["first"] = (window.has_store, window.writing.paused, window.shown_week)
        seen["caption"] = view.header.caption.text()
        seen["cards"] = sum(c.view.model().rowCount() for c in view.columns)

    def look() -> None:
        [window] = _main_windows()
        seen["settled"] = window.shown_week
        seen["cards after"] = sum(c.view.model().rowCount() for c in calendar(window).view.columns)

    QTimer.singleShot(0, first)
    _when(lambda: all(_settled(w) for w in _main_windows()), look)
    assert gui.run_gui(sqlite_url(backed_up), ["runstrong"]) == 0
    has_store, paused, shown = seen["first"]
    assert (has_store, paused) == (False, OPENING)  # nothing can be saved yet
    assert shown is not None and shown.athlete.id == athlete_id and shown.week == week
    assert seen["caption"].startswith(f"Week {week}")
    assert seen["cards"] > 0 and seen["cards"] == seen["cards after"]
    assert seen["settled"] == shown  # the store's own read shows the very same week


def test_the_first_week_is_the_store_s_week_read_without_sqlalchemy(backed_up: Path) -> None:
    athlete_id, week = _demo_week(backed_up)
    store = Store.open(sqlite_url(backed_up))
    try:
        expected = Queries(store).week(athlete_id, week)
    finally:
        store.close()
    assert first_week(FirstWeekStore(backed_up), athlete_id, week) == expected
    code = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from runstrong_gui.services.queries import first_week
        from runstrong_gui.storage.first_week import FirstWeekStore
        week = first_week(FirstWeekStore(Path({str(backed_up)!r})), {athlete_id}, {week})
        print(sum(len(d.sessions) for d in week.days), "sqlalchemy" in sys.modules)
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert int(out[0]) > 0 and out[1] == "False"


def test_the_fast_path_gives_up_on_what_the_store_must_handle(backed_up: Path) -> None:
    athlete_id, week = _demo_week(backed_up)
    with pytest.raises(NotForTheFastPath):  # nobody of that number
        first_week(FirstWeekStore(backed_up), 999, week)
    con = sqlite3.connect(backed_up)
    con.execute("PRAGMA ignore_check_constraints = ON")  # as another program may have
    con.execute("UPDATE training_sessions SET minutes = -5 WHERE athlete_id = ?", [athlete_id])
    con.commit()
    with pytest.raises(NotForTheFastPath):  # a row its record refuses: salvaged by the store
        first_week(FirstWeekStore(backed_up), athlete_id, week)
    con.execute("UPDATE alembic_version SET version_num = '0001'")
    con.commit()
    con.close()
    with pytest.raises(NotForTheFastPath):  # an older schema: the store migrates it first
        first_week(FirstWeekStore(backed_up), athlete_id, None)
    con = sqlite3.connect(backed_up)
    try:
        assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
    finally:
        con.close()


def test_a_card_chosen_before_the_store_opened_is_shown_in_the_editor_after(
    app_kept_alive: QApplication, backed_up: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The editor reads the store: a card clicked in start-up's first week waits for it,
    then opens, instead of the editor failing on a window with no store."""
    monkeypatch.setattr(gui, "START_BACKUP_DELAY_MS", 600_000)
    athlete_id, week = _demo_week(backed_up)
    settings = QSettings()
    settings.setValue("view/athlete", athlete_id)
    settings.setValue("view/week", week)
    settings.sync()
    seen: dict[str, Any] = {}
    failures: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda _t, exc, _tb: failures.append(exc))

    def first() -> None:  # choose the first card of the week while the store is not open
        [window] = _main_windows()
        for column in calendar(window).view.columns:
            index = column.view.model().index(0, 0, column.view.rootIndex())
            if index.isValid():
                column.view.setCurrentIndex(index)
                break
        seen["chosen"] = calendar(window).view.selected_session_id()
        seen["store then"] = window.has_store

    def look() -> None:
        [window] = _main_windows()
        editor = session_feature(window).editor
        seen["editor"] = editor.view.session.id if editor.view is not None else None

    QTimer.singleShot(0, first)
    _when(lambda: all(_settled(w) for w in _main_windows()), look)
    assert gui.run_gui(sqlite_url(backed_up), ["runstrong"]) == 0
    assert failures == []
    assert seen["store then"] is False and seen["chosen"] is not None
    assert seen["editor"] == seen["chosen"]
