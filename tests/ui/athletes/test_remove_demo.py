"""Athlete ▸ Remove demo athlete: shown only while there is one, asks, and removes only it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from window_support import athletes, full_window

from runstrong_gui.services.bootstrap import prepare_store
from runstrong_gui.services.demo import DEMO_NAME
from runstrong_gui.services.queries import Queries
from runstrong_gui.storage.engine import sqlite_url
from runstrong_gui.storage.store import Store


@pytest.fixture
def first_run(tmp_path: Path):  # type: ignore[no-untyped-def]
    store = Store.open(sqlite_url(tmp_path / "first.sqlite3"))
    prepare_store(store, today=dt.date.today(), demo=True)
    yield store
    store.close()


def names(store: Store) -> list[str]:
    with store.transaction() as tx:
        return [a.name for a in tx.athletes(include_archived=True)]


def test_remove_demo_asks_then_removes_it_with_its_history(
    qtbot, first_run: Store, settings, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    window = full_window(Queries(first_run), settings)
    qtbot.addWidget(window)
    feature = athletes(window)
    assert window.athlete is not None and window.athlete.name == DEMO_NAME  # shown first
    window.menu("athlete").aboutToShow.emit()
    assert feature.act_remove_demo.isVisible()

    asked: list[str] = []

    def answer(button: QMessageBox.StandardButton):  # type: ignore[no-untyped-def]
        def ask(_parent, _title, text, *_a, **_k):  # type: ignore[no-untyped-def]
            asked.append(text)
            return button

        return ask

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    feature.act_remove_demo.trigger()
    assert names(first_run) == [DEMO_NAME, "Sample Runner"]  # declined: nothing changed
    assert "cannot be undone" in asked[0] and DEMO_NAME in asked[0]

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    feature.act_remove_demo.trigger()
    assert names(first_run) == ["Sample Runner"]
    combo = feature.combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["Sample Runner"]
    assert window.athlete is not None and window.athlete.name == "Sample Runner"
    assert window.undo_stack.count() == 0
    window.menu("athlete").aboutToShow.emit()
    assert not feature.act_remove_demo.isVisible()


def test_a_first_run_opens_on_the_shown_athletes_current_week(
    qtbot, first_run: Store, settings
) -> None:  # type: ignore[no-untyped-def]
    """Nothing remembered yet: the athlete shown first (the demo, six weeks into its
    block) opens on this week, not on week 1."""
    window = full_window(Queries(first_run), settings)
    qtbot.addWidget(window)
    assert window.athlete is not None and window.athlete.name == DEMO_NAME
    assert window.week_number == Queries(first_run).current_week(window.athlete) > 1
