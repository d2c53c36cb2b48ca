"""Every whole-number field in the dialogs reads typed text the same way in every locale.

Qt's own spin boxes read "1,5" as 15 under an English locale and "1.5" as 15 under a
German one (or drop the keystroke, with the same result). Each field is typed into as a
user would, under both locales; "1,5" and "1.5" are refused at the field with a message
and nothing is saved, while a whole number reaches the store or the dialog's result.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, QSettings, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QDialog, QFileDialog
from window_support import calendar, full_window

from runstrong_gui.services import library as service
from runstrong_gui.services import printing
from runstrong_gui.services import templates as tpl
from runstrong_gui.services.generate import preview
from runstrong_gui.services.queries import Queries
from runstrong_gui.storage.store import Store
from runstrong_gui.ui.athletes.athlete_dialog import AthleteDialog
from runstrong_gui.ui.library.exercise_dialog import ExerciseDialog
from runstrong_gui.ui.planning.dialogs import TemplateDialog
from runstrong_gui.ui.planning.generator_dialog import GeneratorDialog
from runstrong_gui.ui.printing.export_dialog import ExportDialog
from runstrong_gui.ui.shell.main_window import MainWindow

REFUSED = ["1,5", "1.5"]


@pytest.fixture(params=["en_US", "de_DE"])
def locale(request: pytest.FixtureRequest) -> Iterator[str]:
    before = QLocale()
    QLocale.setDefault(QLocale(request.param))
    yield request.param
    QLocale.setDefault(before)


@pytest.fixture
def window(locale: str, qtbot, store: Store, settings: QSettings) -> MainWindow:  # type: ignore[no-untyped-def]
    w = full_window(Queries(store), settings)
    qtbot.addWidget(w)
    w.show_week(1)
    return w


def _type(qtbot: Any, box: QAbstractSpinBox, text: str) -> None:
    box.selectAll()
    qtbot.keyClicks(box, text)


def _exercise(store: Store, name: str) -> Any:
    with store.transaction() as tx:
        return [e for e in tx.exercises() if e.name == name]


@pytest.mark.parametrize("typed", REFUSED)
def test_exercise_dialog_refuses_a_fraction_of_reps(
    window: MainWindow, store: Store, qtbot: Any, typed: str
) -> None:
    dialog = ExerciseDialog(None, lambda e: service.save_exercise(store, e), window)
    dialog.name.setText("Typed hop")
    _type(qtbot, dialog.rep_max, "20")
    _type(qtbot, dialog.rep_min, typed)
    dialog.accept()
    assert f"'{typed}' is not a whole number" in dialog.field_error("Amount (from)")
    assert dialog.saved is None and _exercise(store, "Typed hop") == []
    _type(qtbot, dialog.rep_min, "12")
    _type(qtbot, dialog.rest, "45")
    dialog.accept()
    [saved] = _exercise(store, "Typed hop")
    assert (saved.rep_min, saved.rep_max, saved.rest_seconds) == (12, 20, 45)


@pytest.mark.parametrize("typed", REFUSED)
def test_athlete_dialog_refuses_a_fraction_of_strength_days(
    window: MainWindow, qtbot: Any, typed: str
) -> None:
    dialog = AthleteDialog(window.athlete)
    qtbot.addWidget(dialog)
    _type(qtbot, dialog.strength_days, typed)
    dialog.accept()
    assert dialog.result_athlete is None
    assert f"'{typed}' is not a whole number" in dialog.error.text()
    _type(qtbot, dialog.strength_days, "3")
    dialog.accept()
    assert dialog.result_athlete is not None and dialog.result_athlete.strength_days == 3


@pytest.mark.parametrize("typed", REFUSED)
def test_generator_dialog_refuses_a_fraction_of_weeks(
    window: MainWindow, store: Store, qtbot: Any, typed: str
) -> None:
    athlete = window.athlete
    assert athlete is not None
    dialog = GeneratorDialog(athlete, lambda o: preview(store, athlete.id or 0, o), window)
    _type(qtbot, dialog.weeks, typed)
    dialog.accept()
    assert dialog.options is None and dialog.result() != QDialog.DialogCode.Accepted
    assert f"'{typed}' is not a whole number" in dialog.field_error("Weeks")
    _type(qtbot, dialog.weeks, "14")
    _type(qtbot, dialog.strength_days, "2")
    dialog.accept()
    assert dialog.options is not None
    assert (dialog.options.weeks, dialog.options.strength_days) == (14, 2)


@pytest.mark.parametrize("typed", REFUSED)
def test_week_plan_dialog_refuses_a_fraction_of_a_week(
    window: MainWindow, store: Store, qtbot: Any, typed: str
) -> None:
    with store.transaction() as tx:
        templates = tx.templates(tpl.WEEK)
    dialog = TemplateDialog(tpl.WEEK, templates, week=1, parent=window)
    _type(qtbot, dialog.week, typed)
    dialog.accept()
    assert dialog.choice is None
    assert f"'{typed}' is not a whole number" in dialog.field_error("Week")
    _type(qtbot, dialog.week, "7")
    dialog.accept()
    assert dialog.choice is not None and dialog.choice[1] == 7


@pytest.mark.parametrize("typed", REFUSED)
def test_export_dialog_refuses_a_fraction_of_a_week_before_asking_for_a_file(
    window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, typed: str
) -> None:
    asked: list[str] = []
    exported: list[int | None] = []
    real_export = printing.export_document

    def save_as(parent, caption, directory, filter_):  # type: ignore[no-untyped-def]
        asked.append(directory)
        return str(tmp_path / "week.pdf"), filter_

    def export(*args: Any, **kwargs: Any) -> Path:
        exported.append(kwargs.get("week"))
        return real_export(*args, **kwargs)

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_as))
    monkeypatch.setattr(printing, "export_document", export)
    assert window.athlete is not None
    dialog = ExportDialog(window.queries, window.athlete, 1, window.settings)
    qtbot.addWidget(dialog)
    dialog.set_document("week")
    dialog.open_when_done.setChecked(False)
    _type(qtbot, dialog.week, typed)
    dialog.accept()
    assert f"'{typed}' is not a whole number" in dialog.error.text()
    assert asked == [] and exported == [] and not (tmp_path / "week.pdf").exists()
    _type(qtbot, dialog.week, "3")
    dialog.accept()
    assert exported == [3] and (tmp_path / "week.pdf").exists()


@pytest.mark.parametrize("typed", REFUSED)
def test_the_week_jump_ignores_a_fraction_instead_of_jumping_to_week_15(
    window: MainWindow, qtbot: Any, typed: str
) -> None:
    jump = calendar(window).view.header.jump
    _type(qtbot, jump, typed)
    qtbot.keyClick(jump, Qt.Key.Key_Return)
    assert window.week_number == 1
    _type(qtbot, jump, "4")
    qtbot.keyClick(jump, Qt.Key.Key_Return)
    assert window.week_number == 4
