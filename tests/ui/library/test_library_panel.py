"""The library panel: filters, the avoid list and custom exercises, as the user sees them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QMessageBox
from window_support import full_window, library

from runstrong_gui.domain.enums import Equipment, ExerciseGroup, ExerciseKind, Focus, Level
from runstrong_gui.domain.models import Exercise, PlannedExercise, Session
from runstrong_gui.services import library as service
from runstrong_gui.services.athletes import save_athlete
from runstrong_gui.services.queries import Queries
from runstrong_gui.storage.store import Store
from runstrong_gui.ui.library.exercise_dialog import ExerciseDialog
from runstrong_gui.ui.library.feature import LibraryFeature
from runstrong_gui.ui.library.model import EXERCISE_MIME, FLAGGED_ROLE, LibraryModel
from runstrong_gui.ui.shell import theme
from runstrong_gui.ui.shell.main_window import MainWindow


def _unexpected(_parent: object, title: str, text: str, *_args: object) -> None:
    raise AssertionError(f"unexpected message box: {title}: {text}")


@pytest.fixture
def window(qtbot, store: Store, settings: QSettings, monkeypatch) -> MainWindow:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QMessageBox, "warning", _unexpected)  # a refusal must not go unseen
    w = full_window(Queries(store), settings)
    qtbot.addWidget(w)
    w.show_week(1)
    return w


def _feature(w: MainWindow) -> LibraryFeature:
    return library(w)


def _shown(w: MainWindow) -> list[str]:
    proxy = library(w).dock.panel.proxy
    return [proxy.index(r, 0).data() for r in range(proxy.rowCount())]


def _library(store: Store, include_hidden: bool = False) -> list[Exercise]:
    with store.transaction() as tx:
        return tx.exercises(include_hidden)


def _select(w: MainWindow, name: str) -> Exercise:
    panel = library(w).dock.panel
    exercise = next(e for e in panel.model.exercises() if e.name == name)
    assert panel.select_exercise(exercise.id or -1)
    return exercise


def test_filter_proxy_passes_the_model_tester(window: MainWindow, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    panel, filters = library(window).dock.panel, _feature(window).filters
    qtmodeltester.check(panel.model)
    filters.select(filters.group, ExerciseGroup.CORE)
    filters.select(filters.equipment, Equipment.NONE)
    panel.search.setText("plank")
    qtmodeltester.check(panel.proxy)
    assert set(_shown(window)) == {"Front plank", "Side plank"}
    filters.clear()
    panel.search.clear()
    qtmodeltester.check(panel.proxy)


@pytest.mark.parametrize(
    ("combo", "value", "test"),
    [
        ("group", ExerciseGroup.CALF_ACHILLES, lambda e: e.group is ExerciseGroup.CALF_ACHILLES),
        ("equipment", Equipment.NONE, lambda e: Equipment.NONE in e.equipment),
        ("equipment", Equipment.DUMBBELLS, lambda e: Equipment.DUMBBELLS in e.equipment),
        ("focus", Focus.IT_BAND, lambda e: Focus.IT_BAND in e.focus),
        ("focus", Focus.RUNNERS_KNEE, lambda e: Focus.RUNNERS_KNEE in e.focus),
        ("focus", Focus.ACHILLES, lambda e: Focus.ACHILLES in e.focus),
        ("level", Level.ADVANCED, lambda e: e.level is Level.ADVANCED),
        ("kind", ExerciseKind.PLYOMETRIC, lambda e: e.kind is ExerciseKind.PLYOMETRIC),
        ("kind", ExerciseKind.MOBILITY, lambda e: e.kind is ExerciseKind.MOBILITY),
    ],
)
def test_each_filter_narrows_to_what_it_names(
    window: MainWindow, store: Store, combo: str, value: object, test: Callable[[Exercise], bool]
) -> None:
    filters = _feature(window).filters
    everything = _shown(window)
    filters.select(getattr(filters, combo), value)
    expected = sorted(e.name for e in _library(store) if test(e))
    assert sorted(_shown(window)) == expected
    assert 0 < len(expected) < len(everything)
    count = library(window).dock.panel.count.text()
    assert count.startswith(f"{len(expected)} of {len(everything)} exercises")
    assert filters.clear_button.isEnabled()
    filters.clear_button.click()
    assert _shown(window) == everything and not filters.clear_button.isEnabled()


def test_no_equipment_hides_the_hex_bar_and_combines_with_search(window: MainWindow) -> None:
    filters, panel = _feature(window).filters, library(window).dock.panel
    assert "Hex bar deadlift" in _shown(window)
    filters.select(filters.equipment, Equipment.NONE)
    shown = _shown(window)
    assert "Hex bar deadlift" not in shown and "Romanian deadlift" not in shown
    assert "Single-leg deadlift" in shown  # bodyweight or dumbbell: doable without kit
    panel.search.setText("deadlift")
    assert _shown(window) == ["Single-leg deadlift"]


def test_athletes_equipment_filter_follows_the_athlete(window: MainWindow) -> None:
    filters, queries = _feature(window).filters, window.queries
    filters.select(filters.equipment, "athlete")
    assert "Romanian deadlift" not in _shown(window)  # the sample athlete has no weights
    athlete = window.athlete
    assert athlete is not None
    save_athlete(queries.store, dataclasses.replace(athlete, equipment=(Equipment.DUMBBELLS,)))
    window.athletes_changed.emit(athlete.id)
    assert "Romanian deadlift" in _shown(window) and "Hex bar deadlift" not in _shown(window)


def test_avoid_list_flags_or_hides_in_library_and_plan(window: MainWindow) -> None:
    panel, feature = library(window).dock.panel, _feature(window)
    athlete = window.athlete
    assert athlete is not None
    assert "Squat jump" in _shown(window) and not feature.plan_notice.isVisibleTo(window)
    save_athlete(window.queries.store, dataclasses.replace(athlete, avoid=("jumping", "IT band")))
    window.athletes_changed.emit(athlete.id)

    assert "Squat jump  ⚠" in _shown(window)
    _select(window, "Squat jump")
    index = panel.list.currentIndex()
    assert index.data(FLAGGED_ROLE) is True
    assert index.data(Qt.ItemDataRole.ForegroundRole) == QColor("#b9461f")
    assert "On the athlete's avoid list" in panel.details.toPlainText()
    assert "Clamshell with band  ⚠" in _shown(window)  # IT band focus
    assert "Wall sit" in _shown(window)

    feature.filters.hide_avoided.setChecked(True)
    shown = _shown(window)
    assert not any("⚠" in n for n in shown)
    assert "Squat jump" not in shown and "Broad jump" not in shown and "Wall sit" in shown

    # the plan: the sample week holds single-leg glute bridges (an IT band exercise)
    assert feature.plan_notice.isVisibleTo(window)
    text = feature.plan_notice.text()
    assert "Single-leg glute bridge (Mon)" in text and "Single-leg glute bridge (Thu)" in text

    with window.queries.store.transaction() as tx:
        athlete = tx.athlete(athlete.id or 0)  # as saved above (its version moved on)
    save_athlete(window.queries.store, dataclasses.replace(athlete, avoid=()))
    window.athletes_changed.emit(athlete.id)
    assert not any("⚠" in n for n in _shown(window))
    assert not feature.plan_notice.isVisibleTo(window)


def _fill(d: ExerciseDialog, **values: object) -> None:
    d.name.setText(str(values.get("name", "Banded hip thrust")))
    d.group.setCurrentIndex(d.group.findData(ExerciseGroup.GLUTE_HIP.value))
    d.muscles.setText("glutes, hamstrings")
    d.equipment[Equipment.NONE].setChecked(False)  # a new exercise starts as bodyweight
    d.equipment[Equipment.BAND].setChecked(True)
    d.sets.setValue(int(values.get("sets", 3)))  # type: ignore[call-overload]
    d.rep_min.setValue(int(values.get("rep_min", 10)))  # type: ignore[call-overload]
    d.rep_max.setValue(int(values.get("rep_max", 12)))  # type: ignore[call-overload]
    d.rest.setValue(int(values.get("rest", 60)))  # type: ignore[call-overload]
    d.steps.setPlainText("Shoulders on a bench\nDrive the hips up\n\nLower slowly")
    d.cues.setPlainText("Ribs down")
    d.stop_if.setPlainText("Sharp pain in the lower back")
    d.video.setText(str(values.get("video", "https://example.org/thrust")))
    d.image.setText(str(values.get("image", "")))


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"sets": 25}, "Sets", "Sets: must be from 1 to 20 (got 25)"),
        ({"rep_min": 0}, "Amount (from)", "must be from 1 to 200 (got 0)"),
        ({"rep_min": 15, "rep_max": 12}, "Amount (to)", "must not be smaller"),
        ({"rest": 1000}, "Rest", "must be from 0 to 900 (got 1000)"),
        ({"name": "  "}, "Name", "Name: must not be empty"),
        ({"name": "x" * 130}, "Name", "at most 120 characters"),
        ({"name": "Wall Sit"}, "Name", "already has 'Wall sit'"),
        ({"video": "www.example.org"}, "Video URL", "must start with http"),
        ({"image": "/nowhere/thrust.png"}, "Image", "no file at"),
    ],
)
def test_dialog_refuses_bad_values_at_the_field(
    window: MainWindow, store: Store, values: dict[str, object], field: str, message: str
) -> None:
    before = _library(store, include_hidden=True)
    dialog = ExerciseDialog(None, lambda e: service.save_exercise(store, e), window)
    _fill(dialog, **values)
    dialog.accept()
    assert dialog.saved is None and dialog.result() != ExerciseDialog.DialogCode.Accepted
    assert message in dialog.field_error(field)
    others = [
        f
        for f in dialog.errors
        if dialog.field_error(f) and dialog.errors[f] is not dialog.errors[field]
    ]
    assert others == []
    assert _library(store, include_hidden=True) == before  # nothing partial saved
    _fill(dialog)  # put it right: the message goes and the exercise is saved
    dialog.accept()
    assert dialog.saved is not None and dialog.field_error(field) == ""


def _run_dialog(monkeypatch: pytest.MonkeyPatch, act: Callable[[ExerciseDialog], None]) -> None:
    def fake_exec(self: ExerciseDialog) -> int:
        act(self)
        self.accept()
        return int(self.result())

    monkeypatch.setattr(ExerciseDialog, "exec", fake_exec)


def test_create_edit_duplicate_hide_delete_through_the_panel(
    window: MainWindow, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    feature, panel = _feature(window), library(window).dock.panel
    picture = tmp_path / "thrust.png"
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("#2f7dd1"))
    assert image.save(str(picture))

    _run_dialog(monkeypatch, lambda d: _fill(d, image=str(picture)))
    made = feature.new_exercise()
    assert made is not None
    stored = next(e for e in _library(store) if e.name == "Banded hip thrust")
    assert stored.steps == ("Shoulders on a bench", "Drive the hips up", "Lower slowly")
    assert stored.equipment == (Equipment.BAND,) and stored.image_path == str(picture)
    assert panel.current_exercise() == stored
    details = panel.details.toHtml()
    assert "Banded hip thrust" in details and "thrust.png" in details
    assert "your own exercise" in panel.details.toPlainText()
    assert feature.act_edit.isEnabled() and feature.act_delete.isEnabled()

    def edit(d: ExerciseDialog) -> None:
        assert d.name.text() == "Banded hip thrust" and d.image.text() == str(picture)
        d.sets.setValue(4)

    _run_dialog(monkeypatch, edit)
    feature.edit_exercise()
    assert next(e for e in _library(store) if e.name == "Banded hip thrust").sets == 4
    assert "4 × 10–12" in panel.details.toPlainText()

    copy = feature.duplicate_exercise()
    assert copy is not None and copy.name == "Banded hip thrust (copy)"
    assert panel.current_exercise() == copy and "Banded hip thrust (copy)" in _shown(window)

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert feature.delete_exercise()
    assert "Banded hip thrust (copy)" not in {e.name for e in _library(store, True)}
    assert "Banded hip thrust (copy)" not in _shown(window)


def test_delete_in_use_is_refused_naming_athlete_and_date(
    window: MainWindow, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    feature = _feature(window)
    made = service.save_exercise(
        store, Exercise(name="Banded hip thrust", group=ExerciseGroup.GLUTE_HIP)
    )
    with store.transaction() as tx:
        athlete = tx.athletes()[0]
        s = tx.add_session(
            Session(athlete_id=athlete.id or 0, date=dt.date(2026, 3, 19), kind="strength")
        )
        tx.add_planned(PlannedExercise(session_id=s.id or 0, exercise_id=made.id or 0))
    feature.reload(made.id)
    before = _library(store, include_hidden=True)
    shown: list[str] = []
    asked: list[str] = []

    def question(_p, _t, text, *a, **k):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: shown.append(text))
    assert not feature.delete_exercise()
    assert len(shown) == 1 and "Sample Runner" in shown[0] and "19 Mar 2026" in shown[0]
    assert asked == []  # refused at once, never "cannot be undone?" first
    assert _library(store, include_hidden=True) == before
    assert "Banded hip thrust" in _shown(window)


def test_builtin_is_duplicated_and_hidden_never_deleted(window: MainWindow, store: Store) -> None:
    feature = _feature(window)
    _select(window, "Hex bar deadlift")
    assert not feature.act_edit.isEnabled() and not feature.act_delete.isEnabled()
    assert "duplicate" in feature.act_edit.toolTip()
    assert feature.act_duplicate.isEnabled() and feature.act_hide.text() == "Hide"

    feature.toggle_hidden()
    assert "Hex bar deadlift" not in _shown(window)
    assert "Hex bar deadlift" not in {e.name for e in _library(store)}
    assert library(window).dock.panel.count.text().endswith("· 1 hidden")

    feature.filters.show_hidden.setChecked(True)
    assert "Hex bar deadlift" in _shown(window)
    hex_bar = _select(window, "Hex bar deadlift")
    assert hex_bar.hidden and feature.act_hide.text() == "Show"
    index = library(window).dock.panel.list.currentIndex()
    assert index.data(Qt.ItemDataRole.FontRole).italic()
    feature.toggle_hidden()
    assert not next(e for e in _library(store) if e.name == "Hex bar deadlift").hidden

    copy = feature.duplicate_exercise()
    assert copy is not None and not copy.builtin and copy.steps == hex_bar.steps
    assert feature.act_edit.isEnabled()  # the copy is the user's to change


def test_model_flags_survive_a_reload() -> None:
    model = LibraryModel()
    items = [
        Exercise(name="Squat jump", group="power", kind="plyometric", id=1),
        Exercise(name="Wall sit", group="quad_single_leg", id=2),
    ]
    model.set_marker(lambda e: e.kind is ExerciseKind.PLYOMETRIC)
    model.set_exercises(items)
    assert model.flagged_ids == {1}
    model.set_exercises(items)  # the window reloading the library
    assert model.index(0, 0).data() == "Squat jump  ⚠" and model.index(1, 0).data() == "Wall sit"
    model.set_exercises(items, flagged={2})  # explicit ids still win
    assert model.flagged_ids == {2}


def test_details_always_show_the_current_exercise(window: MainWindow) -> None:
    panel = library(window).dock.panel

    def consistent() -> None:
        current = panel.current_exercise()
        text = panel.details.toPlainText()
        assert (current is None and text == "") or (current is not None and current.name in text)

    _select(window, "Wall sit")
    for text in ("calf", "zzz", "", "wall"):
        panel.search.setText(text)
        consistent()
    _select(window, "Wall sit")
    library(window).reload()  # a reload keeps it current
    assert panel.current_exercise().name == "Wall sit"  # type: ignore[union-attr]
    consistent()


def test_a_damaged_exercise_is_shown_flagged_and_fixed_by_editing(
    qtbot,  # type: ignore[no-untyped-def]
    store: Store,
    settings: QSettings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from sqlalchemy import text

    thursday = dt.date(2026, 3, 5)  # the sample week's strength session
    with store.transaction() as tx:
        athlete = tx.athletes()[0]
        session = next(s for s in tx.day_sessions(athlete.id or 0, thursday) if s.id)
        used = tx.planned_for([session.id or 0])[session.id or 0][0].exercise_id
        name = tx.exercise(used).name
        count = len(tx.exercises())
        # what another program does: a value the app's checks refuse
        tx.orm.execute(
            text(f"UPDATE exercises SET video_url = 'javascript:alert(1)' WHERE id = {used}")
        )
    monkeypatch.setattr(QMessageBox, "warning", _unexpected)
    w = full_window(Queries(store), settings)  # start-up reads the library and the week
    qtbot.addWidget(w)
    w.show_week(1)
    panel = library(w).dock.panel
    assert panel.model.rowCount() == count
    assert f"{name}  [damaged]" in _shown(w)
    week = w.shown_week
    assert week is not None
    assert name in [e.name for day in week.days for d in day.sessions for _p, e in d.items]
    assert panel.select_exercise(used)
    details = panel.details.toPlainText()
    assert "Damaged" in details and "Video URL: 'javascript:alert(1)'" in details
    assert "javascript" not in panel.details.toHtml().split("Damaged")[0]  # no live link
    feature = _feature(w)
    assert feature.act_edit.isEnabled()  # a built-in exercise, but damaged: edit to fix

    def fix(d: ExerciseDialog) -> None:
        assert d.video.text() == ""  # the refused value is not offered back
        d.video.setText("https://example.org/bridge")

    _run_dialog(monkeypatch, fix)
    assert feature.edit_exercise() is not None
    with store.transaction() as tx:
        fixed = tx.exercise(used)
    assert fixed.damage == () and fixed.builtin
    assert fixed.video_url == "https://example.org/bridge"
    assert name in _shown(w)


def test_a_drag_from_the_list_carries_the_exercise_ids(window: MainWindow) -> None:
    panel = library(window).dock.panel
    wall_sit = _select(window, "Wall sit")
    index = panel.list.currentIndex()
    assert index.flags() & Qt.ItemFlag.ItemIsDragEnabled
    assert not index.flags() & Qt.ItemFlag.ItemIsEditable  # a double-click edits nothing
    model = panel.list.model()
    assert model.mimeTypes() == [EXERCISE_MIME]
    assert model.supportedDragActions() == Qt.DropAction.CopyAction
    mime = model.mimeData([index])
    assert mime.formats() == [EXERCISE_MIME]
    assert json.loads(bytes(mime.data(EXERCISE_MIME).data())) == {"exercise_ids": [wall_sit.id]}


def test_flag_colours_follow_the_theme(window: MainWindow) -> None:
    athlete = window.athlete
    assert athlete is not None
    save_athlete(window.queries.store, dataclasses.replace(athlete, avoid=("jumping",)))
    window.athletes_changed.emit(athlete.id)
    _select(window, "Squat jump")
    index = library(window).dock.panel.list.currentIndex()
    try:
        theme.apply(theme.Choice.DARK)
        assert index.data(Qt.ItemDataRole.ForegroundRole) == QColor(theme.DARK["flag"])
    finally:
        theme.apply(theme.Choice.LIGHT)
    assert index.data(Qt.ItemDataRole.ForegroundRole) == QColor(theme.LIGHT["flag"])


def test_the_count_keeps_its_place_while_typing(window: MainWindow) -> None:
    """The count is sized once for the longest count of this library, so typing moves
    neither it nor the buttons beside it, and every count fits."""
    panel = library(window).dock.panel
    size = panel.count.size()
    for typed in ("c", "calf", "zzz", "plank side", ""):
        panel.search.setText(typed)
        assert panel.count.size() == size
        assert panel.count.sizeHint().width() <= size.width()
    assert panel.count.text() == f"{panel.model.rowCount()} exercises"
    panel.count.setText("Loading the library, with a longer text than any count")
    assert panel.count.sizeHint().width() <= panel.count.width()  # it grows to fit


def test_the_current_exercise_comes_back_after_a_search_that_hid_everything(
    window: MainWindow,
) -> None:
    """Hidden by a search that leaves nothing, it is current again when a later search
    shows it, however the search narrowed on the way (here, planks first)."""
    panel = library(window).dock.panel
    _select(window, "Wall sit")
    panel.search.setText("plank zzz")
    assert panel.proxy.rowCount() == 0
    assert panel.current_exercise() is None and panel.details.toPlainText() == ""
    panel.search.setText("wall")
    assert panel.current_exercise().name == "Wall sit"  # type: ignore[union-attr]
    assert "Wall sit" in panel.details.toPlainText()
