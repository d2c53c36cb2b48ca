"""Adding a library exercise to the plan with the keyboard: Enter in the list, the button,
or Ctrl+Shift+A, each one undoable step through the same commands as a drop."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from window_support import calendar, full_window, library

from runstrong_gui.domain.enums import SessionKind
from runstrong_gui.services.queries import Queries
from runstrong_gui.storage.store import Store
from runstrong_gui.ui.shell.main_window import MainWindow

MON = dt.date(2026, 3, 2)
TUE = MON + dt.timedelta(days=1)


@pytest.fixture
def window(qtbot, store: Store, settings) -> MainWindow:  # type: ignore[no-untyped-def]
    w = full_window(Queries(store), settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    w.show_week(1)
    return w


def exercises_of(store: Store, day: dt.date) -> list[list[str]]:
    """Each strength session of the day as its exercises' names."""
    with store.transaction() as tx:
        athlete = tx.athletes()[0]
        sessions = [s for s in tx.day_sessions(athlete.id, day) if s.kind is SessionKind.STRENGTH]
        details = tx.session_details(sessions)
    return [[e.name for _p, e in d.items] for d in details]


def choose(window: MainWindow, name: str) -> None:
    panel = library(window).dock.panel
    exercise = next(e for e in panel.model.exercises() if e.name == name)
    assert panel.select_exercise(exercise.id or -1)


def test_enter_in_the_library_adds_to_the_selected_strength_session(
    window: MainWindow, store: Store, qtbot
) -> None:  # type: ignore[no-untyped-def]
    before = exercises_of(store, MON)
    assert len(before) == 1
    cal = calendar(window)
    monday = cal.view.columns[0].view
    strength = next(
        i
        for i in (cal.model.index(r, 0, cal.model.day_index(0)) for r in range(4))
        if i.isValid() and cal.model.detail(i).session.kind is SessionKind.STRENGTH
    )
    monday.setCurrentIndex(strength)
    choose(window, "Side plank")
    panel = library(window).dock.panel
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    after = exercises_of(store, MON)
    assert after == [[*before[0], "Side plank"]]
    assert window.act_undo.text().startswith("&Undo Add Side plank to ")
    window.undo_stack.undo()
    assert exercises_of(store, MON) == before


def test_button_and_shortcut_make_a_session_on_the_focused_day(
    window: MainWindow, store: Store, qtbot
) -> None:  # type: ignore[no-untyped-def]
    assert exercises_of(store, TUE) == []
    cal = calendar(window)
    cal.view.columns[1].view.setFocus()  # Tab to Tuesday (no strength there)
    QApplication.processEvents()
    assert window.selected_day == TUE
    choose(window, "Side plank")
    library(window).add_button.click()
    assert exercises_of(store, TUE) == [["Side plank"]]
    choose(window, "Glute bridge")
    cal.view.columns[1].view.setFocus()
    qtbot.keyClick(
        cal.view.columns[1].view,
        Qt.Key.Key_A,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert sorted(map(tuple, exercises_of(store, TUE))) == [("Glute bridge",), ("Side plank",)]
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert exercises_of(store, TUE) == []


def test_nothing_selected_says_what_to_do_and_changes_nothing(
    window: MainWindow, store: Store
) -> None:
    window.show_week(2)  # a new week: no day chosen yet
    choose(window, "Side plank")
    assert not library(window).add_to_plan()
    assert "Select a session or a day" in window.statusBar().currentMessage()
    assert window.undo_stack.count() == 0
