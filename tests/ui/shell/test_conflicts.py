"""Another computer saved first: the window says so, shows the current version, and an
undo that would overwrite the other save is refused (one store, two Store handles)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox
from window_support import full_window, session

from runstrong_gui.domain.enums import SessionKind
from runstrong_gui.services import changes, editing
from runstrong_gui.services.queries import Queries
from runstrong_gui.storage.store import Store
from runstrong_gui.ui.shell.main_window import MainWindow

THURSDAY = dt.date(2026, 3, 5)


@pytest.fixture
def window(qtbot: Any, store: Store, settings: QSettings) -> MainWindow:
    w = full_window(Queries(store), settings)
    qtbot.addWidget(w)
    w.show_week(1)
    w.show()
    return w


@pytest.fixture
def other(store_url: str, store: Store) -> Iterator[Store]:
    s = Store.open(store_url)
    yield s
    s.close()


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _p, title, text, *a: shown.append((title, text))
    )
    return shown


def _strength(store: Store) -> editing.SessionView:
    with store.transaction() as tx:
        athlete = tx.athletes()[0]
        sid = next(
            s.id
            for s in tx.day_sessions(athlete.id or 0, THURSDAY)
            if s.kind is SessionKind.STRENGTH
        )
    view = editing.read_session(store, sid or 0)
    assert view is not None
    return view


def _save_elsewhere(other: Store, title: str) -> None:
    view = _strength(other)
    command = editing.update_session_field(view.session, "title", title)
    changes.record(
        other, command.label, view.athlete.id or 0, command.days, command.action, (), command.seen
    )


def test_a_save_overtaken_by_another_computer_shows_the_message_and_the_current_version(
    window: MainWindow, store: Store, other: Store, warnings: list[tuple[str, str]]
) -> None:
    shown = _strength(store)
    editor = session(window).editor
    editor.show_session(shown.session.id)
    _save_elsewhere(other, "Theirs")
    assert window.apply(editing.update_session_field(shown.session, "title", "Mine")) is None
    ((title, text),) = warnings
    assert title.startswith("Change title of")
    assert "was changed on another computer at " in text and "showing the current version" in text
    assert editor.view is not None and editor.view.session.title == "Theirs"  # reloaded
    assert _strength(store).session.title == "Theirs"
    # the screen now shows the current version: the same edit goes through
    assert window.apply(editing.update_session_field(editor.view.session, "title", "Mine"))
    assert _strength(other).session.title == "Mine"


def test_an_undo_that_would_overwrite_another_computer_s_save_is_refused(
    window: MainWindow, store: Store, other: Store, warnings: list[tuple[str, str]]
) -> None:
    shown = _strength(store)
    assert window.apply(editing.update_session_field(shown.session, "notes", "Mine"))
    _save_elsewhere(other, "Theirs")
    window.act_undo.trigger()
    QApplication.processEvents()
    ((title, text),) = warnings
    assert title.startswith("Undo Change notes of")
    assert text.endswith("Undo was refused: it would overwrite that change.")
    now = _strength(store).session
    assert (now.title, now.notes) == ("Theirs", "Mine")
    assert window.writing.undo_stack.count() == 0  # its steps no longer apply
