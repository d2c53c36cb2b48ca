"""Two therapists' windows on one clinic store (PostgreSQL): what one saves shows in the
other within a second, keeping the other's athlete, week, selected card, library choice
and undo history; a lost connection shows a banner, refuses edits, and reconnects."""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from window_support import calendar, controller, full_window, library, session

from runstrong_gui.domain.enums import SessionKind
from runstrong_gui.services import editing
from runstrong_gui.services.library import save_exercise
from runstrong_gui.services.queries import Queries
from runstrong_gui.storage import live as live_store
from runstrong_gui.storage.store import Store
from runstrong_gui.ui.live.feature import BANNER, LiveRefresh
from runstrong_gui.ui.shell.main_window import MainWindow
from runstrong_gui.ui.shell.writing import OFFLINE, PAUSED_MESSAGES

THURSDAY = dt.date(2026, 3, 5)  # the sample week's strength session
WITHIN = 1000  # ms: another desktop's change is on screen within a second


@pytest.fixture
def clinic_url(pg_server: Any, pg_prepared: str, request: pytest.FixtureRequest) -> str:
    """A clinic database of the test's own (copied from the prepared one)."""
    name = pg_server.new_database(pg_prepared)
    request.addfinalizer(lambda: pg_server.drop_database(name))
    return str(pg_server.url(name))


@pytest.fixture
def open_window(
    qtbot: Any, clinic_url: str, tmp_path: Path
) -> Iterator[Callable[[str], MainWindow]]:
    """A therapist's window on the clinic store (its own store handle and settings)."""
    stores: list[Store] = []

    def make(who: str) -> MainWindow:
        store = Store.open(clinic_url)
        stores.append(store)
        settings = QSettings(str(tmp_path / f"{who}.ini"), QSettings.Format.IniFormat)
        w = full_window(Queries(store), settings)
        qtbot.addWidget(w)
        w.setWindowTitle(f"RunStrong — {who}")
        w.show_week(1)
        w.show()
        return w

    yield make
    for store in stores:
        store.close()


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _p, title, text, *a: shown.append((title, text))
    )
    return shown


def _live(w: MainWindow) -> LiveRefresh:
    return controller(w, LiveRefresh)


def _select_strength(w: MainWindow) -> int:
    """Click Thursday's strength card; its session id."""
    cal = calendar(w)
    for column in cal.view.columns:
        root = column.view.rootIndex()
        for row in range(cal.model.rowCount(root)):
            index = cal.model.index(row, 0, root)
            detail = cal.model.detail(index)
            if (
                detail
                and detail.session.date == THURSDAY
                and detail.session.kind is SessionKind.STRENGTH
            ):
                column.view.setCurrentIndex(index)
                return detail.session.id or 0
    raise AssertionError("no strength card on Thursday")


def _card_title(w: MainWindow, session_id: int) -> str:
    detail = calendar(w).model.detail(calendar(w).model.index_of_session(session_id))
    return detail.session.title if detail else ""


def _retitle(w: MainWindow, title: str) -> None:
    """Change the title of the session the window's editor shows, as the user would."""
    view = session(w).editor.view
    assert view is not None
    assert w.apply(editing.update_session_field(view.session, "title", title)) is not None


@pytest.mark.postgresql
def test_a_change_on_another_desktop_shows_within_a_second_keeping_selection_and_undo(
    qtbot: Any, open_window: Callable[[str], MainWindow]
) -> None:
    mine, theirs = open_window("Ana"), open_window("Ben")
    sid = _select_strength(mine)
    _retitle(mine, "Legs (Ana)")  # an undo step of Ana's own
    exercise = library(mine).dock.panel.model.exercises()[5]
    assert library(mine).dock.panel.select_exercise(exercise.id or -1)
    week, athlete = mine.week_number, mine.athlete
    qtbot.wait(300)
    assert _live(mine).refreshes == 0  # her own save was shown already, not heard back

    assert _select_strength(theirs) == sid
    qtbot.waitUntil(lambda: _card_title(theirs, sid) == "Legs (Ana)", timeout=WITHIN)
    _retitle(theirs, "Legs (Ben)")

    qtbot.waitUntil(lambda: _card_title(mine, sid) == "Legs (Ben)", timeout=WITHIN)
    editor = session(mine).editor
    assert editor.view is not None and editor.view.session.title == "Legs (Ben)"
    assert (mine.week_number, mine.athlete and mine.athlete.id) == (week, athlete and athlete.id)
    assert calendar(mine).view.selected_session_id() == sid
    current = library(mine).dock.panel.current_exercise()
    assert current is not None and current.id == exercise.id
    assert mine.undo_stack.count() == 1 and mine.undo_stack.canUndo()
    assert _live(mine).refreshes == 1


@pytest.mark.postgresql
def test_a_new_exercise_on_another_desktop_shows_in_the_library_keeping_the_choice(
    qtbot: Any, open_window: Callable[[str], MainWindow]
) -> None:
    mine, theirs = open_window("Ana"), open_window("Ben")
    panel = library(mine).dock.panel
    chosen = panel.model.exercises()[3]
    assert panel.select_exercise(chosen.id or -1)
    sid = _select_strength(mine)
    mine_undo = mine.undo_stack.count()
    template = dataclasses.replace(chosen, id=None, name="Clinic step-down")
    added = save_exercise(theirs.queries.store, template)

    qtbot.waitUntil(lambda: panel.model.row_of(added.id or -1) >= 0, timeout=WITHIN)
    current = panel.current_exercise()
    assert current is not None and current.id == chosen.id
    assert calendar(mine).view.selected_session_id() == sid
    assert mine.undo_stack.count() == mine_undo


@pytest.mark.postgresql
def test_a_lost_connection_shows_the_banner_refuses_edits_and_reconnects(
    qtbot: Any, open_window: Callable[[str], MainWindow], warnings: list[tuple[str, str]]
) -> None:
    mine, theirs = open_window("Ana"), open_window("Ben")
    live = _live(mine)
    sid = _select_strength(mine)
    _select_strength(theirs)
    listener = live.subscription
    assert listener is not None and not live.banner.isVisible()
    with theirs.queries.store.engine.begin() as conn:
        conn.exec_driver_sql(f"SELECT pg_terminate_backend({listener.backend_pid})")

    qtbot.waitUntil(live.banner.isVisible, timeout=WITHIN)
    assert live.banner.text.text() == BANNER
    assert "Lost the connection to the clinic server — reconnecting…" in BANNER
    view = session(mine).editor.view
    assert view is not None
    assert mine.apply(editing.update_session_field(view.session, "title", "Offline")) is None
    assert warnings[-1][1] == PAUSED_MESSAGES[OFFLINE]
    assert mine.undo_stack.count() == 0
    with theirs.queries.store.transaction() as tx:
        assert tx.session(sid).title != "Offline"  # nothing saved, nothing queued
    _retitle(theirs, "Changed meanwhile")  # missed by the lost connection

    qtbot.waitUntil(lambda: not live.banner.isVisible(), timeout=3000)
    assert live.connected and mine.writing.paused == ""
    qtbot.waitUntil(lambda: _card_title(mine, sid) == "Changed meanwhile", timeout=WITHIN)
    assert calendar(mine).view.selected_session_id() == sid
    _retitle(mine, "Back online")
    with theirs.queries.store.transaction() as tx:
        assert tx.session(sid).title == "Back online"


def test_a_window_on_a_sqlite_store_listens_to_nobody(
    qtbot: Any, store: Store, settings: QSettings
) -> None:
    w = full_window(Queries(store), settings)
    qtbot.addWidget(w)
    assert not _live(w).connected and not _live(w).banner.isVisible()


@pytest.mark.postgresql
def test_a_server_still_out_of_reach_keeps_the_banner_until_a_later_attempt_connects(
    qtbot: Any, open_window: Callable[[str], MainWindow], monkeypatch: pytest.MonkeyPatch
) -> None:
    mine = open_window("Ana")
    live = _live(mine)
    real = live_store.subscribe
    attempts: list[float] = []

    def subscribe(engine: Any) -> live_store.Subscription:
        attempts.append(time.monotonic())
        if len(attempts) == 1:
            raise live_store.ConnectionLost("could not connect to server: Connection refused")
        return real(engine)

    monkeypatch.setattr(live_store, "subscribe", subscribe)
    listener = live.subscription
    assert listener is not None
    with mine.queries.store.engine.begin() as conn:
        conn.exec_driver_sql(f"SELECT pg_terminate_backend({listener.backend_pid})")
    qtbot.waitUntil(lambda: len(attempts) == 1, timeout=2000)
    assert live.banner.isVisible() and mine.writing.paused == OFFLINE
    qtbot.waitUntil(lambda: live.connected, timeout=3000)
    assert len(attempts) == 2 and attempts[1] - attempts[0] >= 0.9  # waited longer
    assert not live.banner.isVisible() and mine.writing.paused == ""


@pytest.mark.postgresql
def test_adding_to_the_selected_card_after_another_desktop_changed_it_goes_through(
    qtbot: Any, open_window: Callable[[str], MainWindow], warnings: list[tuple[str, str]]
) -> None:
    mine, theirs = open_window("Ana"), open_window("Ben")
    sid = _select_strength(mine)
    _select_strength(theirs)
    _retitle(theirs, "Hips (Ben)")
    qtbot.waitUntil(lambda: _card_title(mine, sid) == "Hips (Ben)", timeout=WITHIN)
    panel = library(mine).dock.panel
    broad_jump = next(e for e in panel.model.exercises() if e.name == "Broad jump")
    assert panel.select_exercise(broad_jump.id or -1)

    assert library(mine).add_to_plan(), warnings  # the version on screen, not the old one
    with theirs.queries.store.transaction() as tx:
        (detail,) = tx.session_details([tx.session(sid)])
    assert (detail.session.title, detail.items[-1][1].name) == ("Hips (Ben)", "Broad jump")
