"""File ▸ Import history…: the preview, the mapping of unknown names, one undo step."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog
from window_support import controller, full_window

from runstrong_gui.services.progress import load_progress
from runstrong_gui.services.queries import Queries
from runstrong_gui.storage.store import Store
from runstrong_gui.ui.history_import.dialog import HistoryImportDialog
from runstrong_gui.ui.history_import.feature import HistoryImportController
from runstrong_gui.ui.shell.main_window import MainWindow

DATA = Path(__file__).resolve().parents[2] / "data" / "history"
TABLES = ("training_sessions", "planned_exercises", "set_logs", "exercises", "exercise_aliases")


@pytest.fixture
def window(qtbot, store: Store, settings: QSettings) -> MainWindow:  # type: ignore[no-untyped-def]
    w = full_window(Queries(store), settings)
    qtbot.addWidget(w)
    w.show_week(1)
    return w


def _counts(db: Path) -> tuple[int, ...]:
    con = sqlite3.connect(db)
    try:
        return tuple(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES)
    finally:
        con.close()


def _library_id(window: MainWindow, name: str) -> int:
    return next(e.id for e in window.queries.library() if e.name == name)  # type: ignore[misc]


def test_menu_entry_sits_with_export_above_the_backups(window: MainWindow) -> None:
    texts = [a.text() for a in window.menu("file").actions()]
    # the shell's File groups: documents, data in and out, the store (backups, clinic), then Quit
    assert texts[:9] == [
        "&Export…",
        "&Preferences…",
        "",
        "Import &running plan…",
        "&Update running plan",
        "Import &history…",
        "&Import RunStrong data (JSON)…",
        "Export &data",
        "",
    ]
    assert texts[-1] == "&Quit"


def test_dialog_previews_maps_imports_and_undo_takes_it_out(
    window: MainWindow, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctl = controller(window, HistoryImportController)
    before = _counts(db_path)
    seen: dict[str, object] = {}

    def drive(dialog: QDialog) -> int:
        assert isinstance(dialog, HistoryImportDialog)
        dialog.set_file(str(DATA / "strong.csv"))
        seen["found"] = dialog.found.text()
        seen["rows"] = [
            (dialog.table.item(r, 0).text(), dialog.table.item(r, 1).text())
            for r in range(dialog.table.rowCount())
        ]
        seen["default"] = dialog.current_choices()
        dialog.choose("Plank", _library_id(window, "Front plank"))
        dialog.choose("Standing Calf Raise (Machine)", "skip")
        dialog.import_button.click()
        return dialog.result()

    monkeypatch.setattr(ctl, "run_dialog", drive)
    next(
        a for a in window.menu("file").actions() if a.text().replace("&", "") == "Import history…"
    ).trigger()

    assert seen["found"] == (
        "Strong (commas, kg): 3 workouts, 20 sets, 28 Jan 2025 – 3 Feb 2025; "
        "5 exercise names found in your library"
    )
    assert seen["rows"] == [
        ("Plank", "1"),
        ("Bench Press (Barbell)", "2"),
        ("Standing Calf Raise (Machine)", "2"),
    ]
    assert set(seen["default"].values()) == {"new"}  # type: ignore[union-attr]
    after = _counts(db_path)
    assert after[2] == before[2] + 18 and after[3] == before[3] + 1  # Bench Press made
    athlete = window.athlete
    assert athlete is not None and athlete.id is not None
    data = load_progress(window.queries.store, athlete.id, "all", today=dt.date(2026, 3, 4))
    assert data.sets_logged == 18
    assert window.act_undo.text() == "&Undo Import history from Strong"

    window.act_undo.trigger()
    assert _counts(db_path) == before
    window.act_redo.trigger()
    assert _counts(db_path) == after


def test_a_bad_file_is_explained_in_the_dialog_and_nothing_is_written(
    qtbot, window: MainWindow, db_path: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    before = _counts(db_path)
    png = tmp_path / "photo.csv"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    athlete = window.athlete
    assert athlete is not None
    dialog = HistoryImportDialog(window.queries.store, athlete, window)
    qtbot.addWidget(dialog)
    dialog.set_file(str(png))
    assert not dialog.error.isHidden()
    assert dialog.error.text().startswith("photo.csv is not a CSV text file")
    assert not dialog.import_button.isEnabled()
    dialog.set_file(str(DATA / "hevy_kg.csv"))  # a good file clears the message
    assert dialog.error.isHidden() and dialog.import_button.isEnabled()
    assert _counts(db_path) == before
