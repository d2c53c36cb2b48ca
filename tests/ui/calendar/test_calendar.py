"""The week calendar: drops, keyboard moves, week operations and undo, checked in the store."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from window_support import calendar, events_on, full_window

from runstrong_gui.domain import SessionKind
from runstrong_gui.services.queries import Queries
from runstrong_gui.storage.store import Store
from runstrong_gui.ui.calendar.week_model import SESSION_MIME
from runstrong_gui.ui.library.model import EXERCISE_MIME
from runstrong_gui.ui.shell.main_window import MainWindow

MON, TUE, WED, THU, FRI, SAT, SUN = (dt.date(2026, 3, 2) + dt.timedelta(days=i) for i in range(7))


@pytest.fixture
def window(qtbot, store: Store, settings) -> MainWindow:  # type: ignore[no-untyped-def]
    w = full_window(Queries(store), settings)
    qtbot.addWidget(w)
    w.show_week(1)
    return w


def dump(store: Store) -> list[tuple]:
    """Everything of the plan that a user could see, in a comparable form."""
    with store.transaction() as tx:
        a = tx.athletes()[0]
        sessions = tx.sessions_between(a.id, dt.date(2025, 1, 1), dt.date(2028, 1, 1))
        planned = tx.planned_for([s.id for s in sessions])
        logs = tx.logs_for([p.id for ps in planned.values() for p in ps])
    return [
        (s, tuple((p, tuple(logs.get(p.id, []))) for p in planned.get(s.id, []))) for s in sessions
    ]


def day_titles(store: Store, day: dt.date) -> list[str]:
    with store.transaction() as tx:
        return [s.display_title for s in tx.day_sessions(tx.athletes()[0].id, day)]


def session_on(store: Store, day: dt.date, kind: str) -> object:
    with store.transaction() as tx:
        return next(s for s in tx.day_sessions(tx.athletes()[0].id, day) if s.kind.value == kind)


def drag_of(w: MainWindow, session_id: int) -> QMimeData:
    return calendar(w).model.mimeData([calendar(w).model.index_of_session(session_id)])


def exercise_drag(store: Store, *keys: str) -> QMimeData:
    with store.transaction() as tx:
        ids = [e.id for e in tx.exercises() if e.key in keys]
    mime = QMimeData()
    mime.setData(EXERCISE_MIME, json.dumps({"exercise_ids": ids}).encode())
    return mime


def day(w: MainWindow, d: dt.date):  # type: ignore[no-untyped-def]
    return calendar(w).model.day_index((d - MON).days)


def test_move_card_to_another_day_and_undo(window: MainWindow, store: Store) -> None:
    before = dump(store)
    long_run = session_on(store, SAT, "long")
    ok = calendar(window).model.dropMimeData(
        drag_of(window, long_run.id), Qt.DropAction.MoveAction, -1, 0, day(window, SUN)
    )
    assert ok
    assert day_titles(store, SAT) == []
    assert day_titles(store, SUN) == ["Light walk", "Long run"]
    assert window.act_undo.text() == "&Undo Move Long run to Sunday 8 March"
    window.undo_stack.undo()
    assert dump(store) == before
    window.undo_stack.redo()
    assert day_titles(store, SUN) == ["Light walk", "Long run"]


def test_a_drop_repaints_the_days_it_changed_and_not_the_week_header(
    window: MainWindow, store: Store
) -> None:
    """The week number box shows the same week after a drop: setting it again repainted
    it, and the whole window behind it, on every card moved."""
    from PySide6.QtCore import QEvent

    header = calendar(window).view.header
    window.show()
    QApplication.processEvents()
    long_run = session_on(store, SAT, "long")
    for there in (SUN, SAT, SUN):  # the first drop opens the session editor beside the week
        with events_on(header.jump, QEvent.Type.Paint) as painted:
            assert calendar(window).model.dropMimeData(
                drag_of(window, long_run.id), Qt.DropAction.MoveAction, -1, 0, day(window, there)
            )
            QApplication.processEvents()
        assert day_titles(store, there)[-1] == "Long run"
    assert painted == []
    assert header.jump.text() == "Week 1"
    header.jump.clear()  # as before the store opens: the next week shown fills it again
    window.undo_stack.undo()
    assert header.jump.text() == "Week 1"


def test_the_toolbar_undo_and_redo_buttons_follow_the_stack(
    qtbot, window: MainWindow, store: Store
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QToolButton

    buttons = {b.accessibleName(): b for b in window.toolbar.findChildren(QToolButton)}
    undo, redo = buttons["Undo"], buttons["Redo"]
    assert not undo.isEnabled() and not redo.isEnabled()
    before = dump(store)
    long_run = session_on(store, SAT, "long")
    assert calendar(window).model.dropMimeData(
        drag_of(window, long_run.id), Qt.DropAction.MoveAction, -1, 0, day(window, SUN)
    )
    assert undo.isEnabled() and undo.toolTip() == "Undo Move Long run to Sunday 8 March"
    qtbot.mouseClick(undo, Qt.MouseButton.LeftButton)
    assert dump(store) == before
    assert not undo.isEnabled() and redo.isEnabled()
    assert redo.toolTip() == "Redo Move Long run to Sunday 8 March"
    qtbot.mouseClick(redo, Qt.MouseButton.LeftButton)
    assert day_titles(store, SUN) == ["Light walk", "Long run"]


def test_moving_a_logged_session_and_undoing_keeps_every_set(
    window: MainWindow, store: Store
) -> None:
    """A move snapshots session rows only; its undo and redo must still leave the logs."""
    from runstrong_gui.domain import SetLog

    strength = session_on(store, THU, "strength")
    with store.transaction() as tx:
        planned = tx.planned_for([strength.id])[strength.id]
        for p in planned[:2]:
            tx.replace_logs(p.id, [SetLog(p.id, n, 10, load_kg=20.0, rpe=7) for n in (1, 2)])
    window.plan_changed.emit(None, None)
    before = dump(store)
    assert sum(len(logs) for _s, items in before for _p, logs in items) == 4
    ok = calendar(window).model.dropMimeData(
        drag_of(window, strength.id), Qt.DropAction.MoveAction, -1, 0, day(window, FRI)
    )
    assert ok and "Beginner strength" in day_titles(store, FRI)
    moved = dump(store)
    assert sum(len(logs) for _s, items in moved for _p, logs in items) == 4
    window.undo_stack.undo()
    assert dump(store) == before
    window.undo_stack.redo()
    assert dump(store) == moved


def test_drop_position_sets_the_order(window: MainWindow, store: Store) -> None:
    strength = session_on(store, MON, "strength")
    calendar(window).model.dropMimeData(
        drag_of(window, strength.id), Qt.DropAction.MoveAction, 0, 0, day(window, MON)
    )
    assert day_titles(store, MON) == ["Beginner strength", "Easy run"]
    walk = session_on(store, TUE, "walk")
    calendar(window).model.dropMimeData(
        drag_of(window, walk.id), Qt.DropAction.MoveAction, 1, 0, day(window, MON)
    )
    assert day_titles(store, MON) == ["Beginner strength", "Walk or rest", "Easy run"]


def test_ctrl_drag_copies_with_exercises(window: MainWindow, store: Store) -> None:
    strength = session_on(store, THU, "strength")
    calendar(window).model.dropMimeData(
        drag_of(window, strength.id), Qt.DropAction.CopyAction, -1, 0, day(window, SAT)
    )
    assert day_titles(store, THU) == ["Beginner strength"]
    assert day_titles(store, SAT) == ["Long run", "Beginner strength"]
    copy = next(s for s in dump(store) if s[0].date == SAT and s[0].kind is SessionKind.STRENGTH)
    original = next(s for s in dump(store) if s[0].id == strength.id)
    assert [(p.exercise_id, p.sets, p.amount) for p, _ in copy[1]] == [
        (p.exercise_id, p.sets, p.amount) for p, _ in original[1]
    ]


def test_library_exercise_onto_strength_card_appends_scaled_dose(
    window: MainWindow, store: Store
) -> None:
    strength = session_on(store, THU, "strength")
    target = calendar(window).model.index_of_session(strength.id)
    assert calendar(window).model.dropMimeData(
        exercise_drag(store, "wall-sit"), Qt.DropAction.CopyAction, -1, 0, target
    )
    with store.transaction() as tx:
        items = tx.planned_for([strength.id])[strength.id]
        wall = tx.exercise(items[-1].exercise_id)
    assert wall.name == "Wall sit" and len(items) == 6
    # week 1 is Foundation: 2 sets at the low end of 30–45 s
    assert (items[-1].sets, items[-1].amount) == (2, 30)
    window.undo_stack.undo()
    with store.transaction() as tx:
        assert len(tx.planned_for([strength.id])[strength.id]) == 5


def test_library_exercise_onto_empty_day_makes_a_strength_session(
    window: MainWindow, store: Store
) -> None:
    calendar(window).model.dropMimeData(
        exercise_drag(store, "dead-bug"), Qt.DropAction.CopyAction, -1, 0, day(window, WED)
    )
    assert day_titles(store, WED) == ["Moderate run", "Strength"]
    made = session_on(store, WED, "strength")
    with store.transaction() as tx:
        [item] = tx.planned_for([made.id])[made.id]
        assert tx.exercise(item.exercise_id).name == "Dead bug"


def test_exercise_dropped_on_a_run_lands_after_it(window: MainWindow, store: Store) -> None:
    run = session_on(store, WED, "moderate")
    target = calendar(window).model.index_of_session(run.id)
    calendar(window).model.dropMimeData(
        exercise_drag(store, "glute-bridge"), Qt.DropAction.CopyAction, -1, 0, target
    )
    assert day_titles(store, WED) == ["Moderate run", "Strength"]


@pytest.mark.parametrize(
    ("fmt", "payload"),
    [
        (SESSION_MIME, b"not json at all"),
        (SESSION_MIME, b'{"session_ids": [1], "athlete_id": 999}'),
        (SESSION_MIME, b'{"session_ids": [-4], "athlete_id": 1}'),
        (SESSION_MIME, b'{"session_ids": "1", "athlete_id": 1}'),
        (SESSION_MIME, b"[1, 2, 3]"),
        (SESSION_MIME, b'{"session_ids": [99999], "athlete_id": 1}'),
        (EXERCISE_MIME, b'{"exercise_ids": [true]}'),
        (EXERCISE_MIME, b'{"exercise_ids": [123456]}'),
        (EXERCISE_MIME, b"\xff\xfe"),
        ("text/plain", b"Long run"),
    ],
)
def test_malformed_or_foreign_drag_data_changes_nothing(
    window: MainWindow, store: Store, qtbot, fmt: str, payload: bytes, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: None)
    before = dump(store)
    mime = QMimeData()
    mime.setData(fmt, payload)
    assert not calendar(window).model.dropMimeData(
        mime, Qt.DropAction.MoveAction, -1, 0, day(window, SUN)
    )
    assert dump(store) == before
    assert window.undo_stack.count() == 0


def test_drop_event_on_a_day_column(window: MainWindow, store: Store, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.resize(1300, 800)
    window.show()
    qtbot.waitExposed(window)
    easy = session_on(store, MON, "easy")
    target = calendar(window).view.columns[4].view  # Friday
    pos = QPoint(target.viewport().rect().center().x(), target.viewport().height() - 10)
    drop_on_view(target, drag_of(window, easy.id), pos, Qt.DropAction.MoveAction)
    assert day_titles(store, FRI) == ["Rest", "Easy run"]
    assert day_titles(store, MON) == ["Beginner strength"]
    # Ctrl held: the same gesture copies
    strength = session_on(store, MON, "strength")
    drop_on_view(target, drag_of(window, strength.id), pos, Qt.DropAction.CopyAction)
    assert day_titles(store, FRI) == ["Rest", "Easy run", "Beginner strength"]
    assert day_titles(store, MON) == ["Beginner strength"]


def drop_on_view(view, mime: QMimeData, pos: QPoint, action: Qt.DropAction) -> None:  # type: ignore[no-untyped-def]
    """What a real drag delivers to a view: enter, move, drop, with the chosen action."""
    actions = Qt.DropAction.MoveAction | Qt.DropAction.CopyAction
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(pos, actions, mime, buttons, mods)
    QApplication.sendEvent(view.viewport(), enter)
    move = QDragMoveEvent(pos, actions, mime, buttons, mods)
    QApplication.sendEvent(view.viewport(), move)
    drop = QDropEvent(QPointF(pos), actions, mime, buttons, mods)
    drop.setDropAction(action)
    QApplication.sendEvent(view.viewport(), drop)


def test_keyboard_moves_copies_and_deletes(window: MainWindow, store: Store, qtbot) -> None:  # type: ignore[no-untyped-def]
    walk = session_on(store, TUE, "walk")
    index = calendar(window).model.index_of_session(walk.id)
    column = calendar(window).view.columns[1]
    column.view.setCurrentIndex(index)
    calendar(window).move_selected(1)
    assert day_titles(store, WED) == ["Moderate run", "Walk or rest"]
    assert calendar(window).selected().session.id == walk.id  # the card stays selected
    calendar(window).duplicate_selected()
    assert day_titles(store, THU) == ["Beginner strength", "Walk or rest"]
    calendar(window).delete_selected()
    assert day_titles(store, THU) == ["Beginner strength"]
    calendar(window).move_selected(-1)
    window.undo_stack.undo()
    assert day_titles(store, WED) == ["Moderate run", "Walk or rest"]


def test_keyboard_shortcuts_are_bound(window: MainWindow) -> None:
    c = calendar(window)
    assert c.act_right.shortcut().toString() == "Ctrl+Right"
    assert c.act_left.shortcut().toString() == "Ctrl+Left"
    assert c.act_delete.shortcut().toString() == "Del"
    assert window.act_redo.shortcuts()[0].toString() == "Ctrl+Shift+Z"


def test_add_palette_and_undo(window: MainWindow, store: Store) -> None:
    calendar(window).add_to_day(SessionKind.QUALITY, FRI)
    assert day_titles(store, FRI) == ["Rest", "Quality run"]
    assert window.act_undo.text() == "&Undo Add quality run on Friday 6 March"
    window.undo_stack.undo()
    assert day_titles(store, FRI) == ["Rest"]


def test_week_operations_are_single_undo_steps(window: MainWindow, store: Store) -> None:
    before = dump(store)
    athlete = window.athlete
    from runstrong_gui.services import calendar

    plan = calendar.copy_week(athlete, 1, 2)
    window.apply(plan)
    assert day_titles(store, SAT + dt.timedelta(weeks=2)) == ["Long run"]
    assert len(dump(store)) == 3 * len(before)
    with store.transaction() as tx:
        later = calendar.sessions_to_push(tx.sessions_between(athlete.id, WED, dt.date.max), WED)
    plan = calendar.insert_rest_day(athlete, WED, later)
    window.apply(plan)
    assert day_titles(store, WED) == ["Rest"]
    assert day_titles(store, THU) == ["Moderate run"]
    assert day_titles(store, SUN) == ["Long run"]
    assert day_titles(store, SUN + dt.timedelta(days=1)) == ["Light walk"]
    plan = calendar.clear_week(athlete, 1)
    window.apply(plan)
    assert all(day_titles(store, MON + dt.timedelta(days=i)) == [] for i in range(7))
    for _ in range(3):
        window.undo_stack.undo()
    assert dump(store) == before
    for _ in range(3):
        window.undo_stack.redo()
    assert all(day_titles(store, MON + dt.timedelta(days=i)) == [] for i in range(7))


def test_insert_rest_day_asks_the_day_and_pushes_the_whole_plan_back(
    window: MainWindow, store: Store
) -> None:
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QDialog

    from runstrong_gui.services import calendar as service
    from runstrong_gui.ui.calendar.rest_day_dialog import RestDayDialog

    window.apply(service.copy_week(window.athlete, 1, 2))
    before = dump(store)
    week = dt.timedelta(weeks=1)
    titles = {d + n * week: day_titles(store, d) for n in range(3) for d in (SAT, SUN)}
    seen: list[RestDayDialog] = []

    def run(dialog: QDialog) -> bool:
        assert isinstance(dialog, RestDayDialog)
        seen.append(dialog)
        dialog.date_edit.setDate(QDate(2026, 3, 8))  # Sunday of week 1
        dialog.accept()
        return True

    calendar(window).run_dialog = run  # type: ignore[method-assign]
    calendar(window).insert_rest_day(FRI)
    later = [s for s, _items in before if s.date >= SUN]
    assert seen[0].effect.text() == (
        f"{len(later)} sessions from Sunday 8 March on move one day later; "
        "the plan keeps its order."
    )
    assert day_titles(store, SUN) == ["Rest"]
    for n in range(3):  # every later session, weeks 2 and 3 too, one day on; none stacked
        assert day_titles(store, SUN + n * week + dt.timedelta(days=1)) == titles[SUN + n * week]
        if n:
            assert (
                day_titles(store, SAT + n * week + dt.timedelta(days=1)) == (titles[SAT + n * week])
            )
    assert max(len(day_titles(store, MON + dt.timedelta(days=i))) for i in range(28)) <= 2
    assert len(dump(store)) == len(before) + 1
    window.undo_stack.undo()
    assert dump(store) == before


def test_warnings_update_live_on_grid_and_cards(window: MainWindow, store: Store) -> None:
    assert "No scheduling warnings" in calendar(window).view.warnings.text()
    thursday = session_on(store, THU, "strength")
    calendar(window).model.dropMimeData(
        drag_of(window, thursday.id), Qt.DropAction.MoveAction, -1, 0, day(window, TUE)
    )
    text = calendar(window).view.warnings.text()
    assert (
        "Tuesday" in text and "Monday" in text and "back-to-back" in text.lower()
    ) or "consecutive" in text.lower()
    index = calendar(window).model.index_of_session(thursday.id)
    from runstrong_gui.ui.calendar.week_model import WARNINGS_ROLE

    assert index.data(WARNINGS_ROLE)
    window.undo_stack.undo()
    assert "No scheduling warnings" in calendar(window).view.warnings.text()


def test_drop_outside_the_block_is_allowed_and_flagged(window: MainWindow, store: Store) -> None:
    strength = session_on(store, THU, "strength")
    window.show_week(16)  # the sample block runs to the race in week 15
    calendar(window).model.dropMimeData(
        drag_of_session(store, strength.id),
        Qt.DropAction.MoveAction,
        -1,
        0,
        calendar(window).model.day_index(2),
    )
    assert calendar(window).model.week.week == 16
    assert day_titles(store, WED + dt.timedelta(weeks=15)) == ["Beginner strength"]
    assert "outside the 15-week block" in calendar(window).view.warnings.text()


def drag_of_session(store: Store, session_id: int) -> QMimeData:
    mime = QMimeData()
    with store.transaction() as tx:
        athlete_id = tx.session(session_id).athlete_id
    mime.setData(
        SESSION_MIME, json.dumps({"session_ids": [session_id], "athlete_id": athlete_id}).encode()
    )
    return mime


def test_accessible_names(window: MainWindow) -> None:
    assert calendar(window).view.columns[1].accessibleName() == "Tuesday 3 March"
    long_index = calendar(window).model.index(0, 0, day(window, SAT))
    assert long_index.data(Qt.ItemDataRole.AccessibleTextRole) == "Long run, 80 min"


def test_week_model_passes_modeltester(window: MainWindow, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(calendar(window).model)


def test_block_view_rows_and_click(window: MainWindow, store: Store, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.tabs.setCurrentWidget(calendar(window).block_view)
    model = calendar(window).block_view.model
    assert model.rowCount() >= 12
    assert model.index(0, 1).data() == "Foundation"
    assert model.index(4, 1).data() == "Build"
    assert model.index(0, 9).data() == "20"  # two sessions × five exercises × two sets (Foundation)
    assert model.index(0, 10).data() == "✓"
    table = calendar(window).block_view.table
    table.clicked.emit(model.index(3, 0))
    assert window.tabs.currentIndex() == 0 and window.week_number == 4


def test_block_view_counts_warnings(window: MainWindow, store: Store, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    window.tabs.setCurrentWidget(calendar(window).block_view)
    model = calendar(window).block_view.model
    assert model.index(1, 10).data().startswith("⚠")  # week 2 has no strength at all
    qtmodeltester.check(model)


def test_pain_at_the_threshold_flags_the_card(window: MainWindow, store: Store) -> None:
    from runstrong_gui.domain import SetLog
    from runstrong_gui.ui.calendar.week_model import PAIN_ROLE

    strength = session_on(store, THU, "strength")
    index = calendar(window).model.index_of_session(strength.id)
    assert index.data(PAIN_ROLE) is False
    with store.transaction() as tx:
        first = tx.planned_for([strength.id])[strength.id][0]
        tx.replace_logs(first.id, [SetLog(first.id, 1, 10, pain=7)])
    window.plan_changed.emit(None, None)
    assert calendar(window).model.index_of_session(strength.id).data(PAIN_ROLE) is True
    assert first.id in calendar(window).model.week.pain_planned


def test_model_signals_stay_consistent_through_edits(
    window: MainWindow, store: Store, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    """The tester stays attached while drops and undo update the model day by day."""
    qtmodeltester.check(calendar(window).model, force_py=True)
    long_run = session_on(store, SAT, "long")
    strength = session_on(store, THU, "strength")
    model = calendar(window).model
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    model.dropMimeData(
        drag_of(window, long_run.id), Qt.DropAction.MoveAction, -1, 0, day(window, SUN)
    )
    model.dropMimeData(
        drag_of(window, strength.id), Qt.DropAction.CopyAction, 0, 0, day(window, FRI)
    )
    window.undo_stack.undo()
    window.undo_stack.undo()
    window.undo_stack.redo()
    assert resets == []  # same week: only the changed days were updated
    assert [
        model.index(r, 0, day(window, SUN)).data() for r in range(model.rowCount(day(window, SUN)))
    ] == [
        "Light walk",
        "Long run",
    ]


def test_card_tooltip_gives_units_sides_and_loads_in_the_athletes_unit(
    window: MainWindow, store: Store
) -> None:
    import dataclasses

    from runstrong_gui.domain import Units
    from runstrong_gui.domain.models import PlannedExercise

    strength = session_on(store, THU, "strength")
    with store.transaction() as tx:
        athlete = tx.athletes()[0]
        tx.update_athlete(dataclasses.replace(athlete, units=Units.LB))
        by_name = {e.name: e for e in tx.exercises()}
        plank, squat = by_name["Side plank"], by_name["Squat / goblet squat"]
        tx.add_planned(
            PlannedExercise(
                session_id=strength.id,
                exercise_id=plank.id,
                sets=2,
                amount=20,
                per_side=True,
                position=90,
            )
        )
        tx.add_planned(
            PlannedExercise(
                session_id=strength.id,
                exercise_id=squat.id,
                sets=3,
                amount=8,
                load_kg=7.5,
                position=91,
            )
        )
    window.athletes_changed.emit(athlete.id)
    window.show_week(1, force=True)
    index = calendar(window).model.index_of_session(strength.id)
    tip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert "• Side plank 2 × 20 s each side" in tip
    assert "• Squat / goblet squat 3 × 8 · 17.5 lb" in tip  # 7.5 kg is 16.5 lb as it converts
