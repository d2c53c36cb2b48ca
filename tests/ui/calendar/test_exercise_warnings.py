"""Exercises dropped by hand that the athlete should not do are warned about on the card
and in the week's warnings list, not only in the status bar."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from window_support import calendar, full_window

from runstrong_gui.services import calendar as service
from runstrong_gui.services.athletes import save_athlete
from runstrong_gui.services.queries import Queries
from runstrong_gui.storage.store import Store
from runstrong_gui.ui.calendar.week_model import WARNINGS_ROLE
from runstrong_gui.ui.shell.main_window import MainWindow

THU = dt.date(2026, 3, 5)


@pytest.fixture
def window(qtbot, store: Store, settings) -> MainWindow:  # type: ignore[no-untyped-def]
    with store.transaction() as tx:
        athlete = tx.athletes()[0]
    save_athlete(store, dataclasses.replace(athlete, avoid=("Romanian deadlift",)))
    w = full_window(Queries(store), settings)
    qtbot.addWidget(w)
    w.show_week(1)
    return w


def _drop(window: MainWindow, store: Store, *keys: str) -> int:
    with store.transaction() as tx:
        ids = [e.id for e in tx.exercises() if e.key in keys]
        thursday = next(s for s in tx.day_sessions(tx.athletes()[0].id, THU))
    assert window.athlete is not None and thursday.id is not None
    window.apply(service.drop_exercises_on_session(window.athlete, thursday, ids, "dropped"))
    return thursday.id


def test_an_avoided_exercise_and_an_early_jump_are_warned_on_card_and_list(
    window: MainWindow, store: Store
) -> None:
    session_id = _drop(window, store, "romanian-deadlift", "squat-jump")
    listed = calendar(window).view.warnings.text()
    avoided = (
        "Romanian deadlift on Thursday 5 March: it is on the athlete's avoid list. "
        "Swap it for another exercise."
    )
    jump = (
        "Squat jump on Thursday 5 March: the athlete is not cleared for jumps; jumps come "
        "after the 12-week base, and this is week 1. Swap it for another exercise."
    )
    assert avoided in listed and jump in listed
    assert "No scheduling warnings" not in listed
    card = calendar(window).model.index_of_session(session_id)
    assert {avoided, jump} <= set(map(str, card.data(WARNINGS_ROLE)))
    window.undo_stack.undo()
    assert "avoid list" not in calendar(window).view.warnings.text()


def test_a_jump_after_the_base_for_a_cleared_athlete_is_not_warned(
    window: MainWindow, store: Store
) -> None:
    assert window.athlete is not None
    cleared = save_athlete(store, dataclasses.replace(window.athlete, plyometrics_ok=True))
    week13 = window.queries.week(cleared.id or 0, 13)
    assert not any("jump" in w.message.lower() for w in week13.warnings)
    later = THU + dt.timedelta(weeks=12)
    window.apply(service.add_session(cleared, later, service.SessionKind.STRENGTH))
    with store.transaction() as tx:
        strength = tx.day_sessions(cleared.id or 0, later)[0]
        jump = [e.id for e in tx.exercises() if e.key == "squat-jump"]
    window.apply(service.drop_exercises_on_session(cleared, strength, jump, "Squat jump"))
    week13 = window.queries.week(cleared.id or 0, 13)
    assert not any("Squat jump" in w.message for w in week13.warnings)
