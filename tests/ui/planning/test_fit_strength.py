"""Plan ▸ Fit strength around runs: the dialog's summary, the rows it moves, the week's
warnings afterwards, and one undo."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QMessageBox
from window_support import calendar, full_window, plan_tools

from runstrong_gui.domain.enums import SessionKind
from runstrong_gui.domain.models import Athlete, PlannedExercise, Session
from runstrong_gui.domain.progression import week_dates
from runstrong_gui.services.queries import Queries
from runstrong_gui.storage.store import Store
from runstrong_gui.ui.planning.feature import PlanTools
from runstrong_gui.ui.planning.fit_dialog import FitDialog
from runstrong_gui.ui.shell.main_window import MainWindow

WEEK = 4  # a Build week of the sample athlete, empty in the sample store
# A heavy session that also loads the calves and works one leg at a time, so the
# week's only warnings are about where it sits.
ITEMS = (("Romanian deadlift", 20.0), ("Split squat", 0.0), ("Single-leg calf raise", 0.0))


def _unexpected(_parent: object, title: str, text: str, *_args: object) -> None:
    raise AssertionError(f"unexpected message box: {title}: {text}")


@pytest.fixture
def window(qtbot, store: Store, settings: QSettings, monkeypatch) -> MainWindow:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QMessageBox, "warning", _unexpected)
    w = full_window(Queries(store), settings)
    qtbot.addWidget(w)
    return w


def _athlete(store: Store) -> Athlete:
    with store.transaction() as tx:
        return tx.athletes()[0]


def _tools(w: MainWindow, today: dt.date) -> PlanTools:
    tools = plan_tools(w)
    tools.today = lambda: today
    return tools


def _add(store: Store, athlete: Athlete, day: dt.date, kind: SessionKind) -> int:
    with store.transaction() as tx:
        order = len(tx.day_sessions(athlete.id or 0, day))
        made = tx.add_session(Session(athlete_id=athlete.id or 0, date=day, kind=kind, order=order))
        assert made.id is not None
        if kind is SessionKind.STRENGTH:
            library = {e.name: e for e in tx.exercises()}
            for n, (name, load) in enumerate(ITEMS):
                exercise = next(e for key, e in library.items() if key.startswith(name))
                tx.add_planned(
                    PlannedExercise(
                        session_id=made.id,
                        exercise_id=exercise.id or 0,
                        position=n,
                        sets=3,
                        amount=8,
                        load_kg=load,
                        per_side=exercise.per_side,
                    )
                )
        return made.id


def _strength_days(store: Store, athlete: Athlete) -> dict[int, dt.date]:
    days = week_dates(athlete, WEEK)
    with store.transaction() as tx:
        return {
            s.id or 0: s.date
            for s in tx.sessions_between(athlete.id or 0, days[0], days[-1])
            if s.kind is SessionKind.STRENGTH
        }


def test_fit_moves_strength_off_the_warned_days_and_undo_puts_it_back(
    window: MainWindow, store: Store
) -> None:
    athlete = _athlete(store)
    mon, tue, _wed, thu, _fri, sat, sun = week_dates(athlete, WEEK)
    _add(store, athlete, tue, SessionKind.QUALITY)
    _add(store, athlete, thu, SessionKind.EASY)
    _add(store, athlete, sun, SessionKind.LONG)
    _add(store, athlete, mon, SessionKind.STRENGTH)  # heavy legs before the intervals
    _add(store, athlete, sat, SessionKind.STRENGTH)  # …and before the long run
    window.show_week(WEEK)
    assert len(window.shown_week.warnings) == 2
    before = _strength_days(store, athlete)
    tools = _tools(window, athlete.block_start)
    seen: list[QDialog] = []

    def run(dialog: QDialog) -> bool:
        seen.append(dialog)
        assert isinstance(dialog, FitDialog)
        assert dialog.effect.text() == "2 strength sessions move."
        assert dialog.warned.isHidden()  # a warning-free week can be had
        dialog.accept()
        return dialog.result() == QDialog.DialogCode.Accepted

    tools.run_dialog = run  # type: ignore[method-assign]
    assert tools.act_fit.text() == "&Fit strength around runs…"
    tools.act_fit.trigger()
    assert len(seen) == 1

    after = _strength_days(store, athlete)
    assert set(after) == set(before)  # the same rows, on other days
    assert not {mon, sat} & set(after.values())
    assert window.shown_week.warnings == ()
    assert "No scheduling warnings" in calendar(window).view.warnings.toPlainText()
    assert window.undo_stack.undoText() == "Fit strength around runs"

    window.undo_stack.undo()
    assert _strength_days(store, athlete) == before
    assert len(window.shown_week.warnings) == 2


def test_a_week_in_the_past_is_not_fitted(window: MainWindow, store: Store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    athlete = _athlete(store)
    window.show_week(WEEK)
    errors: list[str] = []
    monkeypatch.setattr(window, "show_error", lambda _t, text: errors.append(text))
    tools = _tools(window, week_dates(athlete, WEEK + 1)[0])
    tools.run_dialog = lambda _d: pytest.fail("no dialog for a past week")  # type: ignore[method-assign]
    tools.fit_strength()
    assert errors == ["This week is over: fitting moves only what is still to come."]


def test_the_dialog_names_the_weeks_that_keep_a_warning(window: MainWindow, store: Store) -> None:
    athlete = _athlete(store)
    days = week_dates(athlete, WEEK)
    for day in days:  # a quality run every day: no day for heavy strength is clean
        _add(store, athlete, day, SessionKind.QUALITY)
    _add(store, athlete, days[0], SessionKind.STRENGTH)
    window.show_week(WEEK)
    tools = _tools(window, athlete.block_start)
    store_ranges = tools.fit_ranges()
    assert [label for label, _f, _l in store_ranges] == [f"Week {WEEK}", f"Weeks {WEEK}–15"]
    dialog = FitDialog(store_ranges, _preview(store, athlete), window)
    try:
        assert dialog.effect.text() == "1 strength session moves, 1 new session is added."
        assert dialog.warned.text().startswith("1 week keeps a warning")
        assert f"Week {WEEK}: " in dialog.warned.text()
    finally:
        dialog.deleteLater()


def _preview(store: Store, athlete: Athlete):  # type: ignore[no-untyped-def]
    from runstrong_gui.services import fit

    return lambda first, last: fit.fit_preview(store, athlete.id or 0, first, last)
