"""Adherence in the week header and the Block view: colour and done/planned of past weeks."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from PySide6.QtCore import Qt
from window_support import calendar, full_window

from runstrong_gui.domain.enums import SessionKind
from runstrong_gui.domain.metrics import Compliance
from runstrong_gui.services.queries import Queries
from runstrong_gui.storage.store import Store
from runstrong_gui.ui.shell.main_window import MainWindow

DONE_COLUMN = 11


@pytest.fixture
def window(qtbot, store: Store, settings) -> MainWindow:  # type: ignore[no-untyped-def]
    w = full_window(Queries(store), settings)
    qtbot.addWidget(w)
    w.show_week(1)
    return w


def mark_strength_done(store: Store, count: int) -> None:
    """Mark ``count`` of week 1's strength sessions done (the sample has two)."""
    with store.transaction() as tx:
        athlete = tx.athletes()[0]
        first = athlete.block_start
        sessions = tx.sessions_between(athlete.id, first, first + dt.timedelta(days=6))
        strength = [s for s in sessions if s.kind is SessionKind.STRENGTH]
        assert len(strength) == 2
        for s in strength[:count]:
            tx.update_session(dataclasses.replace(s, done=True))


@pytest.mark.parametrize(
    ("done", "text", "colour"),
    [
        (2, "2/2 done", Compliance.GREEN),
        (1, "1/2 done", Compliance.YELLOW),
        (0, "0/2 done", Compliance.RED),
    ],
)
def test_past_week_header_shows_counts_and_colour(
    window: MainWindow, store: Store, done: int, text: str, colour: Compliance
) -> None:
    mark_strength_done(store, done)
    window.plan_changed.emit(None, None)
    badge = calendar(window).view.header.adherence
    assert badge.text() == text
    assert badge.compliance() is colour
    assert badge.accessibleName().startswith(f"Strength sessions: {done} done of 2 planned · ")
    assert colour.label in badge.toolTip()


def test_week_still_to_come_shows_no_adherence(window: MainWindow, store: Store) -> None:
    with store.transaction() as tx:
        athlete = tx.athletes()[0]
    future = Queries(store).current_week(athlete) + 2
    window.show_week(future)
    badge = calendar(window).view.header.adherence
    assert badge.text() == "" and badge.compliance() is None
    assert "still to come" in badge.toolTip()


def test_block_view_shows_each_past_weeks_adherence(window: MainWindow, store: Store) -> None:
    mark_strength_done(store, 1)
    window.tabs.setCurrentWidget(calendar(window).block_view)
    model = calendar(window).block_view.model
    assert model.headerData(DONE_COLUMN, Qt.Orientation.Horizontal) == "Done"
    cell = model.index(0, DONE_COLUMN)
    assert cell.data() == "1/2 done"
    assert cell.data(Qt.ItemDataRole.DecorationRole).name() == "#e8b923"  # amber: off plan
    assert "Off plan" in cell.data(Qt.ItemDataRole.ToolTipRole)
    empty = model.index(1, DONE_COLUMN)  # the sample plans only its first week
    assert empty.data() == "" and empty.data(Qt.ItemDataRole.DecorationRole) is None
    assert empty.data(Qt.ItemDataRole.ToolTipRole).endswith("nothing planned")
