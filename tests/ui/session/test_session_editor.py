"""The Session dock: what it shows for the selected card, edits that reach the store and
undo on the window's one stack, refused values with their message, logging and pain."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtWidgets import QDockWidget, QSpinBox
from window_support import calendar, events_on, full_window

from runstrong_gui.domain.enums import SessionKind, Units
from runstrong_gui.domain.progression import planned_minutes
from runstrong_gui.services import changes
from runstrong_gui.services.athletes import save_athlete
from runstrong_gui.services.changes import Command
from runstrong_gui.services.pain import pain_flags_for
from runstrong_gui.services.queries import Queries
from runstrong_gui.storage.store import Store
from runstrong_gui.ui.session.editor import SessionDock, SessionEditor
from runstrong_gui.ui.session.log_model import LogModel
from runstrong_gui.ui.session.models import FLAG_ROLE, PlannedModel
from runstrong_gui.ui.shell.main_window import MainWindow

THURSDAY = dt.date(2026, 3, 5)
MONDAY = dt.date(2026, 3, 2)
SETS, AMOUNT, LOAD, TEMPO, REST, SIDE, NOTES = range(1, 8)  # PlannedModel columns
L_AMOUNT, L_LOAD, L_RPE, L_PAIN = range(1, 5)  # LogModel columns


@pytest.fixture
def window(qtbot, store: Store, settings: QSettings) -> MainWindow:  # type: ignore[no-untyped-def]
    w = full_window(Queries(store), settings)
    qtbot.addWidget(w)
    w.show_week(1)
    w.resize(1400, 850)
    w.show()
    return w


def _dock(w: MainWindow) -> SessionDock:
    dock = w.findChild(QDockWidget, "sessionDock")
    assert isinstance(dock, SessionDock)
    return dock


def _editor(w: MainWindow) -> SessionEditor:
    return _dock(w).editor


def _select(w: MainWindow, day: dt.date, kind: SessionKind) -> SessionEditor:
    """Click the card of ``kind`` on ``day`` in the week view."""
    column = next(c for c in calendar(w).view.columns if f"{day.day} " in c.heading.text())
    root = column.view.rootIndex()
    for row in range(calendar(w).model.rowCount(root)):
        index = calendar(w).model.index(row, 0, root)
        detail = calendar(w).model.detail(index)
        if detail is not None and detail.session.kind is kind:
            column.view.setCurrentIndex(index)
            editor = _editor(w)
            assert editor.session_id == detail.session.id
            return editor
    raise AssertionError(f"no {kind} on {day}")


@pytest.fixture
def strength(window: MainWindow) -> SessionEditor:
    return _select(window, THURSDAY, SessionKind.STRENGTH)


def _stored(w: MainWindow, editor: SessionEditor) -> changes.Snapshot:
    with w.queries.store.transaction() as tx:
        return changes.capture(tx, [editor.session_id or -1])


def _planned(w: MainWindow, editor: SessionEditor) -> list:  # type: ignore[type-arg]
    snap = _stored(w, editor)[editor.session_id or -1]
    assert snap is not None
    return [p for p, _logs in snap.items]


def _logs(w: MainWindow, editor: SessionEditor, row: int) -> list:  # type: ignore[type-arg]
    snap = _stored(w, editor)[editor.session_id or -1]
    assert snap is not None
    return list(snap.items[row][1])


def _shown(model: PlannedModel | LogModel, row: int, column: int) -> str:
    return str(model.index(row, column).data())


# ------------------------------------------------------------------------------- showing


def test_models_pass_the_model_tester(qtmodeltester, strength: SessionEditor) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(strength.planned_model)
    strength.as_planned_button.click()
    strength.log_model.setData(strength.log_model.index(0, L_PAIN), "3")
    qtmodeltester.check(strength.log_model)


def test_dock_shows_the_selected_session(window: MainWindow, strength: SessionEditor) -> None:
    dock = _dock(window)
    assert dock.windowTitle() == "Session"
    assert window.dockWidgetArea(dock) == Qt.DockWidgetArea.RightDockWidgetArea
    assert dock.toggleViewAction() in window.menu("view").actions()
    assert dock.toggleViewAction().text() == "Session"
    view = strength.view
    assert view is not None
    model = strength.planned_model
    names = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert names == [e.name for _p, e in view.items] and len(names) == 5
    minutes = planned_minutes([(p, e.dose_kind) for p, e in view.items])
    assert strength.duration.text() == f"≈ {minutes} min"
    assert strength.subtitle.text() == "Thursday 5 March 2026"
    first, exercise = view.items[0]
    assert _shown(model, 0, SETS) == str(first.sets)
    assert strength.log_box.title() == f"Log · {exercise.name}"
    assert strength.log_model.rowCount() == first.sets
    assert strength.guidance.isHidden()
    calendar(window).view.columns[3].view.clearSelection()
    calendar(window).view.session_selected.emit(None)
    assert strength.stack.currentWidget() is strength.empty


# --------------------------------------------------------------------------- dose edits


def test_dose_edit_through_the_cell_editor_saves_and_undoes(
    qtbot,
    window: MainWindow,
    strength: SessionEditor,  # type: ignore[no-untyped-def]
) -> None:
    before = _planned(window, strength)[1]
    index = strength.planned_model.index(1, SETS)
    strength.table.setCurrentIndex(index)
    strength.table.edit(index)
    spin = strength.table.findChild(QSpinBox)
    assert spin is not None and spin.value() == before.sets
    spin.setValue(4)
    qtbot.keyClick(spin, Qt.Key.Key_Return)  # the view commits on the next event loop turn
    qtbot.waitUntil(lambda: _planned(window, strength)[1].sets == 4)
    assert _shown(strength.planned_model, 1, SETS) == "4"
    assert (
        window.undo_stack.undoText() == f"Change sets of {strength.planned_model.item(1)[1].name}"
    )
    window.undo_stack.undo()
    assert _planned(window, strength)[1].sets == before.sets
    assert _shown(strength.planned_model, 1, SETS) == str(before.sets)
    window.undo_stack.redo()
    assert _planned(window, strength)[1].sets == 4
    assert strength.duration.text().startswith("≈ ")


@pytest.mark.parametrize(
    ("column", "value", "attr", "stored"),
    [
        (AMOUNT, 9, "amount", 9),
        (LOAD, 12.5, "load_kg", 12.5),
        (TEMPO, "3-1-1", "tempo", "3-1-1"),
        (REST, 75, "rest_seconds", 75),
        (NOTES, "hold the top", "notes", "hold the top"),
    ],
)
def test_each_dose_field_round_trips(
    window: MainWindow,
    strength: SessionEditor,
    column: int,
    value: object,
    attr: str,
    stored: object,
) -> None:
    before = getattr(_planned(window, strength)[0], attr)
    assert strength.planned_model.setData(strength.planned_model.index(0, column), value)
    assert getattr(_planned(window, strength)[0], attr) == stored
    window.undo_stack.undo()
    assert getattr(_planned(window, strength)[0], attr) == before
    window.undo_stack.redo()
    assert getattr(_planned(window, strength)[0], attr) == stored


def test_per_side_checkbox(window: MainWindow, strength: SessionEditor) -> None:
    index = strength.planned_model.index(0, SIDE)
    was = _planned(window, strength)[0].per_side
    new = Qt.CheckState.Unchecked if was else Qt.CheckState.Checked
    assert strength.planned_model.setData(index, new.value, Qt.ItemDataRole.CheckStateRole)
    assert _planned(window, strength)[0].per_side is not was
    window.undo_stack.undo()
    assert _planned(window, strength)[0].per_side is was


def test_drag_reorder_through_drop_mime_data(window: MainWindow, strength: SessionEditor) -> None:
    model = strength.planned_model
    names = [model.index(r, 0).data() for r in range(model.rowCount())]
    ids = [p.id for p in _planned(window, strength)]
    data = model.mimeData([model.index(0, 0), model.index(0, 3)])
    # dropped between rows 2 and 3; False tells the view not to remove the source row
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 3, 0, QModelIndex()) is False
    expected = [names[1], names[2], names[0], *names[3:]]
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == expected
    stored = _planned(window, strength)
    assert [p.position for p in stored] == list(range(5))
    assert window.undo_stack.undoText() == f"Move {names[0]} to place 3"
    window.undo_stack.undo()
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == names
    assert [p.id for p in _planned(window, strength)] == ids
    window.undo_stack.redo()
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == expected


def test_keyboard_moves_and_removes(qtbot, window: MainWindow, strength: SessionEditor) -> None:  # type: ignore[no-untyped-def]
    model = strength.planned_model
    names = [model.index(r, 0).data() for r in range(model.rowCount())]
    strength.table.setFocus()
    strength.table.setCurrentIndex(model.index(0, 0))
    qtbot.keyClick(strength.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert [model.index(r, 0).data() for r in range(2)] == [names[1], names[0]]
    assert strength.current_planned_id == model.item(1)[0].id
    strength.up_button.click()
    assert [model.index(r, 0).data() for r in range(2)] == names[:2]
    cards = calendar(window).model.rowCount(calendar(window).model.day_index(3))
    qtbot.keyClick(strength.table, Qt.Key.Key_Delete)
    # the exercise goes, the calendar card (the window's own Delete) stays
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == names[1:]
    assert calendar(window).model.rowCount(calendar(window).model.day_index(3)) == cards
    assert window.undo_stack.undoText() == f"Remove {names[0]}"
    window.undo_stack.undo()
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == names


# ----------------------------------------------------------------------------- refusals


@pytest.mark.parametrize(
    ("table", "column", "value", "message"),
    [
        ("planned", SETS, 21, "Sets: must be from 1 to 20 (got 21)."),
        ("planned", AMOUNT, 0, "Reps: must be from 1 to 200 (got 0)."),
        ("planned", LOAD, 600.0, "Load: must be from 0 to 500 kg (got 600)."),
        ("planned", TEMPO, "x" * 25, "Tempo: must be at most 20 characters."),
        ("log", L_RPE, "11", "Set 1 — RPE: must be from 1 to 10 (got 11)."),
        ("log", L_PAIN, "-1", "Set 1 — Pain: must be from 0 to 10 (got -1)."),
        ("log", L_AMOUNT, "-5", "Set 1 — Reps: must be from 0 to 200 (got -5)."),
        ("log", L_LOAD, 2000.0, "Set 1 — Load: must be from 0 to 500 kg (got 2000)."),
        ("log", L_RPE, "-", "Set 1 — RPE: '-' is not a whole number."),
    ],
)
def test_out_of_range_values_are_refused_at_the_field(
    window: MainWindow,
    strength: SessionEditor,
    table: str,
    column: int,
    value: object,
    message: str,
) -> None:
    strength.as_planned_button.click()
    before, entries = _stored(window, strength), window.undo_stack.count()
    model = strength.planned_model if table == "planned" else strength.log_model
    label = strength.table_error if table == "planned" else strength.log_error
    assert not model.setData(model.index(0, column), value)
    assert label.isVisible()
    assert message in label.text() and label.text().endswith("Not saved.")
    assert _stored(window, strength) == before
    assert window.undo_stack.count() == entries
    # the next good edit clears the message
    assert strength.planned_model.setData(strength.planned_model.index(0, SETS), 3)
    assert not label.isVisible()


def test_pounds_are_shown_and_stored(window: MainWindow, store: Store) -> None:
    athlete = window.athlete
    assert athlete is not None
    save_athlete(window.queries.store, dataclasses.replace(athlete, units=Units.LB))
    window.athletes_changed.emit(athlete.id)
    editor = _select(window, THURSDAY, SessionKind.STRENGTH)
    model = editor.planned_model
    assert model.headerData(LOAD, Qt.Orientation.Horizontal) == "Load (lb)"
    assert model.setData(model.index(0, LOAD), 44.0)
    assert _planned(window, editor)[0].load_kg == pytest.approx(19.96, abs=0.01)
    assert _shown(model, 0, LOAD) == "44"
    assert model.index(0, LOAD).data(Qt.ItemDataRole.EditRole) == 44.0
    log = editor.log_model
    editor.as_planned_button.click()  # the planned 44 lb goes into the log as it is
    assert _logs(window, editor, 0)[0].load_kg == pytest.approx(19.96, abs=0.01)
    assert _shown(log, 0, L_LOAD) == "44"
    assert log.setData(log.index(1, L_LOAD), 50.0)
    assert _logs(window, editor, 0)[1].load_kg == pytest.approx(22.68, abs=0.01)
    assert _shown(log, 1, L_LOAD) == "50"
    before = _stored(window, editor)
    assert not log.setData(log.index(0, L_LOAD), 4409.2)  # 2,000 kg in pounds
    assert "Load: must be from 0 to 1,100 lb (got 4409.2)" in editor.log_error.text()
    assert _stored(window, editor) == before


# ------------------------------------------------------------------------------- logging


def test_done_as_planned_fills_the_log(window: MainWindow, strength: SessionEditor) -> None:
    planned = _planned(window, strength)[0]
    strength.as_planned_button.click()
    logs = _logs(window, strength, 0)
    assert [(x.set_number, x.amount) for x in logs] == [
        (n, planned.amount) for n in range(1, planned.sets + 1)
    ]
    name = strength.planned_model.item(0)[1].name
    assert window.undo_stack.undoText() == f"Log {planned.sets} sets of {name}"
    assert _shown(strength.log_model, 0, L_AMOUNT) == str(planned.amount)
    assert f"{planned.sets} of {planned.sets} sets logged" in strength.log_plan.text()
    strength.add_set_button.click()
    assert len(_logs(window, strength, 0)) == planned.sets + 1
    assert _shown(strength.log_model, planned.sets, 0) == f"{planned.sets + 1} (extra)"
    strength.log_note.setText("left knee a bit tight")
    strength.log_note.editingFinished.emit()
    assert _logs(window, strength, 0)[0].note == "left knee a bit tight"
    window.undo_stack.undo()
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert _logs(window, strength, 0) == []
    assert _shown(strength.log_model, 0, L_AMOUNT) == "—"


def test_logging_one_set_starts_from_the_plan(window: MainWindow, strength: SessionEditor) -> None:
    planned = _planned(window, strength)[2]
    strength.table.setCurrentIndex(strength.planned_model.index(2, 0))
    assert strength.log_model.setData(strength.log_model.index(1, L_RPE), "8")
    (log,) = _logs(window, strength, 2)
    assert (log.set_number, log.amount, log.rpe) == (2, planned.amount, 8)
    assert strength.current_planned_id == planned.id  # still on the same exercise
    assert strength.log_model.setData(strength.log_model.index(1, L_AMOUNT), "")  # clears the set
    assert _logs(window, strength, 2) == []


def test_pain_seven_shows_guidance_and_flags(window: MainWindow, strength: SessionEditor) -> None:
    strength.as_planned_button.click()
    assert strength.log_model.setData(strength.log_model.index(1, L_PAIN), "7")
    assert strength.guidance.isVisible()
    text = strength.guidance_text.text()
    name = strength.planned_model.item(0)[1].name
    for words in (
        f"Pain 7/10 in set 2 of {name}",
        "Stop the exercise",
        "physiotherapist or doctor",
        "a limp",
        "swelling",
        "Achilles pain that is getting worse",
        "more than 48 hours",
    ):
        assert words in text
    index = strength.planned_model.index(0, 0)
    assert index.data(FLAG_ROLE) is True and index.data().startswith("⚠")
    with window.queries.store.transaction() as tx:
        session = tx.session(strength.session_id or -1)
        flags = pain_flags_for(tx, tx.session_details([session]))
    assert flags.sessions == {strength.session_id}
    assert flags.exercises == {strength.planned_model.item(0)[0].id}
    window.undo_stack.undo()
    assert strength.guidance.isHidden()
    assert strength.planned_model.index(0, 0).data(FLAG_ROLE) is False


def test_pain_lasting_48_hours_is_asked_and_flags(
    window: MainWindow, strength: SessionEditor
) -> None:
    assert strength.persist_no.isChecked()
    strength.persist_yes.click()
    with window.queries.store.transaction() as tx:
        assert tx.session(strength.session_id or -1).pain_persisting
    assert strength.guidance.isVisible()
    assert "Pain has lasted more than 48 hours" in strength.guidance_text.text()
    window.undo_stack.undo()
    assert strength.persist_no.isChecked() and strength.guidance.isHidden()


def test_mark_done_and_skipped(window: MainWindow, strength: SessionEditor) -> None:
    strength.done_button.click()
    with window.queries.store.transaction() as tx:
        s = tx.session(strength.session_id or -1)
    assert s.done and strength.done_button.isChecked()
    assert window.undo_stack.undoText() == "Mark session done"
    assert strength.subtitle.text().endswith("· done")
    strength.skip_button.click()
    with window.queries.store.transaction() as tx:
        s = tx.session(strength.session_id or -1)
    assert (s.done, s.skipped) == (False, True)
    assert not strength.done_button.isChecked() and strength.skip_button.isChecked()
    window.undo_stack.undo()
    window.undo_stack.undo()
    with window.queries.store.transaction() as tx:
        s = tx.session(strength.session_id or -1)
    assert (s.done, s.skipped) == (False, False)


# --------------------------------------------------------------------------------- runs


def test_run_session_fields(window: MainWindow) -> None:
    editor = _select(window, MONDAY, SessionKind.EASY)
    assert editor.run_page.isVisible() and not editor.strength_page.isVisible()
    assert editor.minutes_edit.text() == "35"

    def stored():  # type: ignore[no-untyped-def]
        with window.queries.store.transaction() as tx:
            return tx.session(editor.session_id or -1)

    editor.minutes_edit.setText("50")
    editor.minutes_edit.editingFinished.emit()
    editor.distance_edit.setText("8,5")
    editor.distance_edit.editingFinished.emit()
    assert (stored().minutes, stored().distance_km) == (50, 8.5)
    assert editor.duration.text() == "50 min · 8.5 km"
    before = stored()
    for field, text, message in (
        (editor.minutes_edit, "abc", "Minutes: 'abc' is not a whole number."),
        (editor.minutes_edit, "-5", "Minutes: must be from 0 to 1440 (got -5)."),
        (editor.distance_edit, "900", "Distance: must be from 0 to 500 km (got 900)."),
    ):
        field.setText(text)
        field.editingFinished.emit()
        assert editor.session_error.isVisible() and message in editor.session_error.text()
        assert stored() == before
    editor.kind_combo.setCurrentIndex(editor.kind_combo.findData("long"))
    editor.kind_combo.activated.emit(editor.kind_combo.currentIndex())
    assert stored().kind is SessionKind.LONG
    assert editor.title.text() == stored().display_title
    window.undo_stack.undo()
    assert stored().kind is SessionKind.EASY


def test_dock_empties_when_its_session_is_deleted(window: MainWindow) -> None:
    editor = _select(window, MONDAY, SessionKind.EASY)
    sid = editor.session_id

    def delete(tx):  # type: ignore[no-untyped-def]
        tx.delete_session(sid)

    window.apply(Command("Delete Easy run", (MONDAY,), delete))
    assert editor.session_id is None and editor.stack.currentWidget() is editor.empty
    window.undo_stack.undo()
    _select(window, MONDAY, SessionKind.EASY)
    assert editor.session_id == sid


def test_dock_empties_when_another_week_is_shown(window: MainWindow) -> None:
    editor = _select(window, MONDAY, SessionKind.EASY)
    window.show_week(2)
    assert editor.session_id is None and editor.stack.currentWidget() is editor.empty
    window.show_week(1)
    editor = _select(window, MONDAY, SessionKind.EASY)
    window.show_week(1, force=True)  # the same week drawn again keeps its session
    assert editor.session_id is not None


def test_moving_the_shown_card_updates_the_editor_to_what_the_store_holds(
    window: MainWindow, strength: SessionEditor
) -> None:
    """A move changes only the session row, so the editor takes the new date from the
    change itself; what it shows must still equal a fresh read of the store."""
    from runstrong_gui.domain import SetLog
    from runstrong_gui.services import editing

    first = strength.view.items[0][0] if strength.view else None
    assert first is not None and first.id is not None
    with window.queries.store.transaction() as tx:
        tx.replace_logs(first.id, [SetLog(first.id, 1, 10, pain=6)])
    strength.reload()
    strength.table.setCurrentIndex(strength.planned_model.index(1, 0))
    rows = [
        strength.planned_model.index(r, 0).data() for r in range(strength.planned_model.rowCount())
    ]
    log_title = strength.log_box.title()
    index = calendar(window).model.index_of_session(strength.session_id or -1)
    friday = calendar(window).model.day_index(4)
    mime = calendar(window).model.mimeData([index])
    reads: list[int] = []
    read = strength._read
    strength._read = lambda sid: reads.append(sid) or read(sid)  # type: ignore[method-assign]
    assert calendar(window).model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, friday)
    assert reads == []  # taken from the change, not read back
    assert strength.subtitle.text().startswith("Friday 6 March")
    fresh = editing.read_session(window.queries.store, strength.session_id or -1)
    assert fresh is not None and strength.view == fresh
    assert strength.view.flagged  # the painful set still flags the session
    # the tables are as they were: same exercises, the second still chosen and its log shown
    shown = [
        strength.planned_model.index(r, 0).data() for r in range(strength.planned_model.rowCount())
    ]
    assert shown == rows and len(rows) > 1
    assert strength.table.currentIndex().row() == 1 and strength.log_box.title() == log_title


def test_a_card_moved_shows_its_new_date_without_laying_out_the_editor_again(
    window: MainWindow, strength: SessionEditor
) -> None:
    """The date takes one line before and after the move: repainting it is all the move
    needs. (Each card moved re-laid out the whole form, its wrapping button rows too.)"""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()  # the layout of showing the session, done first
    model = calendar(window).model
    mime = model.mimeData([model.index_of_session(strength.session_id or -1)])
    with events_on(strength.subtitle.parentWidget(), QEvent.Type.LayoutRequest) as asked:
        assert model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, model.day_index(4))
        QApplication.processEvents()
    assert strength.subtitle.text() == "Friday 6 March 2026"
    assert asked == []


# ----------------------------------------------------------------------- decimal marks


@pytest.fixture(params=["en_US", "de_DE"])
def locale(request: pytest.FixtureRequest) -> object:
    """The system's locale, English (',' groups thousands) or German (',' is decimal)."""
    from PySide6.QtCore import QLocale

    before = QLocale()
    QLocale.setDefault(QLocale(request.param))
    yield request.param
    QLocale.setDefault(before)


@pytest.mark.parametrize("typed", ["12,5", "12.5", " 12.5 "])
def test_a_load_typed_with_either_decimal_mark_is_stored_as_typed(
    locale: str, window: MainWindow, strength: SessionEditor, typed: str
) -> None:
    assert strength.planned_model.setData(strength.planned_model.index(0, LOAD), typed)
    assert _planned(window, strength)[0].load_kg == 12.5
    strength.as_planned_button.click()
    assert strength.log_model.setData(strength.log_model.index(0, L_LOAD), typed.replace("5", "0"))
    assert _logs(window, strength, 0)[0].load_kg == 12.0


@pytest.mark.parametrize(
    ("column", "typed", "message"),
    [
        (LOAD, "1,234.5", "Load: '1,234.5' has more than one separator"),
        (LOAD, "12,5,0", "Load: '12,5,0' has more than one separator"),
        (LOAD, "abc", "Load: 'abc' is not a number"),
        (SETS, "3,5", "Sets: '3,5' is not a whole number"),
    ],
)
def test_an_ambiguous_number_is_refused_with_a_message(
    locale: str,
    window: MainWindow,
    strength: SessionEditor,
    column: int,
    typed: str,
    message: str,
) -> None:
    before = _stored(window, strength)
    assert not strength.planned_model.setData(strength.planned_model.index(0, column), typed)
    assert message in strength.table_error.text()
    assert _stored(window, strength) == before


def test_the_cell_editor_reads_a_decimal_comma_in_every_locale(
    qtbot,  # type: ignore[no-untyped-def]
    locale: str,
    window: MainWindow,
    strength: SessionEditor,
) -> None:
    from PySide6.QtWidgets import QDoubleSpinBox

    for typed, stored in (("12,5", 12.5), ("7.5", 7.5)):
        index = strength.planned_model.index(0, LOAD)
        strength.table.setCurrentIndex(index)
        strength.table.edit(index)
        box = strength.table.indexWidget(index)  # this edit's box, not the last one's
        assert isinstance(box, QDoubleSpinBox)
        box.selectAll()
        qtbot.keyClicks(box, typed)
        qtbot.keyClick(box, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda stored=stored: _planned(window, strength)[0].load_kg == stored)
    index = strength.planned_model.index(0, SETS)
    sets = _planned(window, strength)[0].sets
    strength.table.setCurrentIndex(index)
    strength.table.edit(index)
    spin = strength.table.indexWidget(index)
    assert isinstance(spin, QSpinBox)
    spin.selectAll()
    qtbot.keyClicks(spin, "2,5")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Sets: '2,5' is not a whole number" in strength.table_error.text())
    assert _planned(window, strength)[0].sets == sets


def test_damaged_planned_exercise_and_set_log_are_marked_in_the_editor(
    qtbot, store: Store, settings: QSettings
) -> None:  # type: ignore[no-untyped-def]
    """Values another program wrote past the checks: the editor shows which row, which
    field and which value, so the user can fix it by saving a valid value."""
    from sqlalchemy import text

    from runstrong_gui.domain.models import SetLog

    with store.transaction() as tx:
        athlete = tx.athletes()[0]
        strength = next(
            s for s in tx.day_sessions(athlete.id or 0, THURSDAY) if s.kind is SessionKind.STRENGTH
        )
        first = tx.planned_for([strength.id or 0])[strength.id or 0][0]
        tx.replace_logs(first.id or 0, [SetLog(first.id or 0, 1, 10), SetLog(first.id or 0, 2, 9)])
    with store.transaction() as tx:
        tx.orm.execute(text("PRAGMA ignore_check_constraints = ON"))
        tx.orm.execute(text(f"UPDATE planned_exercises SET sets = 500 WHERE id = {first.id}"))
        tx.orm.execute(
            text(
                f"UPDATE set_logs SET pain = 42 WHERE planned_exercise_id = {first.id} "
                "AND set_number = 2"
            )
        )
        tx.orm.execute(text("PRAGMA ignore_check_constraints = OFF"))
    w = full_window(Queries(store), settings)
    qtbot.addWidget(w)
    w.show_week(1)
    editor = _select(w, THURSDAY, SessionKind.STRENGTH)
    planned = editor.planned_model.index(0, 0)
    assert "⚠ Damaged: Sets = 500" in planned.data(Qt.ItemDataRole.ToolTipRole)
    assert planned.data(Qt.ItemDataRole.AccessibleTextRole).startswith("Damaged. ")
    assert planned.data(Qt.ItemDataRole.DecorationRole) is not None
    other = editor.planned_model.index(1, 0)
    assert "Damaged" not in other.data(Qt.ItemDataRole.ToolTipRole)
    second_set = editor.log_model.index(1, L_PAIN)
    assert "⚠ Damaged: Pain = 42" in second_set.data(Qt.ItemDataRole.ToolTipRole)
    assert editor.log_model.index(0, L_PAIN).data(Qt.ItemDataRole.ToolTipRole) is None
    w.close()
