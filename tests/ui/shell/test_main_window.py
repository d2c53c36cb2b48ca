"""The window opens on a store and shows the library, the week and the athletes."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QSettings, Qt
from window_support import athletes, calendar, full_window, library

from runstrong_gui.domain import Athlete
from runstrong_gui.services.athletes import save_athlete
from runstrong_gui.services.queries import Queries
from runstrong_gui.storage.store import Store
from runstrong_gui.ui.athletes.athlete_dialog import AthleteDialog
from runstrong_gui.ui.shell.main_window import MainWindow


@pytest.fixture
def window(qtbot, store: Store, settings: QSettings) -> MainWindow:  # type: ignore[no-untyped-def]
    w = full_window(Queries(store), settings)
    qtbot.addWidget(w)
    with store.transaction() as tx:
        athlete = tx.athletes()[0]
    w.show_week(1)
    assert w.athlete is not None and w.athlete.id == athlete.id
    return w


def _cards(w: MainWindow) -> dict[str, list[str]]:
    out = {}
    for column in calendar(w).view.columns:
        root = column.view.rootIndex()
        out[column.accessibleName()] = [
            calendar(w).model.index(r, 0, root).data(Qt.ItemDataRole.AccessibleTextRole)
            for r in range(calendar(w).model.rowCount(root))
        ]
    return out


def test_window_shows_library_and_week_from_the_store(window: MainWindow, store: Store) -> None:
    with store.transaction() as tx:
        n = len(tx.exercises(include_hidden=False))
    panel = library(window).dock.panel
    assert panel.list.model().rowCount() == n >= 38
    assert panel.count.text() == f"{n} exercises"
    assert athletes(window).combo.currentText() == "Sample Runner"
    cards = _cards(window)
    # the sample block starts on Monday 2 March 2026
    assert cards["Monday 2 March"][0] == "Easy run, 35 min"
    assert cards["Saturday 7 March"] == ["Long run, 80 min"]
    assert cards["Thursday 5 March"][0].startswith("Beginner strength, 5 exercises")
    assert calendar(window).view.header.caption.text() == "Week 1 of 15"
    assert calendar(window).view.header.phase_chip.text().strip() == "Foundation"


def test_search_filters_as_you_type(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel = library(window).dock.panel
    qtbot.keyClicks(panel.search, "calf")
    names = [panel.proxy.index(r, 0).data() for r in range(panel.proxy.rowCount())]
    assert "Single-leg calf raise, straight knee" in names
    assert "Push-up" not in names
    assert panel.count.text().endswith(f"of {panel.model.rowCount()} exercises")


def test_selecting_an_exercise_shows_its_details(window: MainWindow) -> None:
    panel = library(window).dock.panel
    row = next(
        r for r in range(panel.proxy.rowCount()) if panel.proxy.index(r, 0).data() == "Wall sit"
    )
    panel.list.setCurrentIndex(panel.proxy.index(row, 0))
    text = panel.details.toPlainText()
    assert "Wall sit" in text and "3 × 30–45 s" in text and "How to" in text and "Stop if" in text


def test_navigation_changes_the_week(window: MainWindow) -> None:
    calendar(window).view.header.next_button.click()
    assert window.week_number == 2
    assert calendar(window).view.header.caption.text() == "Week 2 of 15"
    assert all(not cards for cards in _cards(window).values())  # the sample only fills week 1
    calendar(window).view.header.prev_button.click()
    assert window.week_number == 1


def test_add_edit_archive_athlete(window: MainWindow, store: Store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    new = Athlete(
        name="Zoë Ødegård", block_start=dt.date(2026, 4, 6), units="lb", philosophy="hard_days"
    )
    saved = save_athlete(window.queries.store, new)
    window.athletes_changed.emit(saved.id)
    assert athletes(window).combo.currentText() == "Zoë Ødegård"
    dialog = AthleteDialog(window.athlete)
    assert dialog.units.currentData() == "lb" and dialog.philosophy.currentData() == "hard_days"
    dialog.name.setText("")
    dialog.accept()
    assert dialog.result_athlete is None and "Name: must not be empty" in dialog.error.text()
    dialog.name.setText("Zoë Ødegård-Berg")
    dialog.strength_days.setValue(5)
    dialog.accept()
    assert dialog.result_athlete is None and "Strength days" in dialog.error.text()
    dialog.strength_days.setValue(3)
    dialog.accept()
    assert dialog.result_athlete is not None
    save_athlete(window.queries.store, dialog.result_athlete)
    with store.transaction() as tx:
        again = tx.athlete(saved.id)
    assert again.name == "Zoë Ødegård-Berg" and again.strength_days == 3
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.athletes_changed.emit(saved.id)
    athletes(window).toggle_archive()
    combo = athletes(window).combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["Sample Runner"]
    with store.transaction() as tx:
        assert tx.athlete(saved.id).archived


def test_geometry_and_docks_are_remembered(qtbot, store: Store, settings: QSettings) -> None:  # type: ignore[no-untyped-def]
    w = full_window(Queries(store), settings)
    qtbot.addWidget(w)
    w.show()
    library(w).dock.setFloating(True)
    library(w).dock.move(150, 90)
    saved_geometry = w.saveGeometry()
    w.close()
    w2 = full_window(Queries(store), settings)
    qtbot.addWidget(w2)
    assert library(w2).dock.isFloating()
    assert bytes(settings.value("window/geometry")) == bytes(saved_geometry)


def test_last_athlete_and_week_are_remembered(qtbot, store: Store, settings: QSettings) -> None:  # type: ignore[no-untyped-def]
    w = full_window(Queries(store), settings)
    qtbot.addWidget(w)
    w.show_week(5)
    w.close()
    w2 = full_window(Queries(store), settings)
    qtbot.addWidget(w2)
    assert w2.week_number == 5
    assert calendar(w2).view.header.caption.text() == "Week 5 of 15"


def test_layout_athlete_and_week_are_saved_as_they_change_not_only_at_close(
    qtbot, store: Store, settings: QSettings
) -> None:  # type: ignore[no-untyped-def]
    """A killed or crashed window never gets its closeEvent: it reopens as it was left."""
    w = full_window(Queries(store), settings)
    qtbot.addWidget(w)
    w.show()
    w.show_week(4)
    w.resize(700, 640)
    w.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, library(w).dock)
    on_disk = QSettings(settings.fileName(), QSettings.Format.IniFormat)

    def saved() -> None:
        on_disk.sync()
        assert on_disk.value("view/week") in (4, "4")
        assert on_disk.value("window/state") is not None  # not saved yet: wait on
        assert bytes(on_disk.value("window/state")) == bytes(w.saveState())
        assert bytes(on_disk.value("window/geometry")) == bytes(w.saveGeometry())

    qtbot.waitUntil(saved, timeout=3000)  # no close
    reopened = full_window(
        Queries(store), QSettings(settings.fileName(), QSettings.Format.IniFormat)
    )
    qtbot.addWidget(reopened)
    assert reopened.dockWidgetArea(library(reopened).dock) == Qt.DockWidgetArea.RightDockWidgetArea
    assert calendar(reopened).view.header.caption.text() == "Week 4 of 15"


def test_help_menu_opens_the_log_folder(window: MainWindow, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QDesktopServices

    from runstrong_gui import logs

    folder = tmp_path / "logs"
    monkeypatch.setenv(logs.LOG_ENV, str(folder))
    folder.mkdir()
    opened: list[str] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True
    )
    entries = [a.text().replace("&", "") for a in window.menu("help").actions()]
    assert "Open log folder" in entries
    window.act_open_log.trigger()
    assert opened == [str(folder)]


def test_duplicate_names_are_warned_and_told_apart(window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    asked: list[str] = []
    answer = QMessageBox.StandardButton.No

    def question(_p, _t, text, *a, **k):  # type: ignore[no-untyped-def]
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    twin = Athlete(name="sample runner", block_start=dt.date(2026, 6, 1))
    assert athletes(window)._save(twin) is None  # declined: nothing saved
    assert len(window.queries.athletes()) == 1
    assert len(asked) == 1 and "already called “Sample Runner”" in asked[0]
    assert "2 Mar 2026" in asked[0]
    answer = QMessageBox.StandardButton.Yes
    saved = athletes(window)._save(twin)
    assert saved is not None
    athletes(window).reload(saved.id)
    combo = athletes(window).combo
    assert {combo.itemText(i) for i in range(combo.count())} == {
        "sample runner · block from 1 Jun 2026",
        "Sample Runner · block from 2 Mar 2026",
    }
    asked.clear()
    other = Athlete(name="Someone Else")
    assert athletes(window)._save(other) is not None and asked == []
