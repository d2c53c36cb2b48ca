"""File ▸ Export data and File ▸ Import RunStrong data: files on disk, rows in the store."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import icalendar
import pytest
from interchange_support import empty_store, full_store
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog
from window_support import controller, full_window

from runstrong_gui.services.queries import Queries
from runstrong_gui.storage.store import Store
from runstrong_gui.ui.data_export.dialog import ExportDataDialog
from runstrong_gui.ui.data_export.feature import DataExportController
from runstrong_gui.ui.shell.main_window import MainWindow


def _window(qtbot, store: Store, settings: QSettings) -> MainWindow:  # type: ignore[no-untyped-def]
    w = full_window(Queries(store), settings)
    qtbot.addWidget(w)
    return w


@pytest.fixture
def full(tmp_path: Path) -> Store:
    return full_store(tmp_path / "full.sqlite3")


def _menu_texts(window: MainWindow) -> list[str]:
    return [a.text() for a in window.menu("file").actions()]


def test_file_menu_has_export_data_and_import(qtbot, full: Store, settings: QSettings) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, full, settings)
    texts = _menu_texts(w)
    assert "Export &data" in texts and "&Import RunStrong data (JSON)…" in texts
    ctl = controller(w, DataExportController)
    assert [a.text() for a in ctl.export_menu.actions()] == [
        "&JSON…",
        "&CSV…",
        "Calendar (.&ics)…",
    ]


def _drive(ctl: DataExportController, path: Path, every: bool = False) -> list[str]:
    """Run the dialog as a user would: set the file, pick the scope, press Export."""
    shown: list[str] = []

    def run(dialog: QDialog) -> int:
        assert isinstance(dialog, ExportDataDialog)
        dialog.path.setText(str(path))
        if every:
            dialog.every.setChecked(True)
            dialog.path.setText(str(path))
        dialog.export()
        shown.append(dialog.error.text())
        return dialog.result()

    ctl.run_dialog = run  # type: ignore[method-assign]
    return shown


@pytest.mark.parametrize("kind", ["json", "csv", "ics"])
def test_export_writes_a_user_only_file(  # type: ignore[no-untyped-def]
    qtbot, full: Store, settings: QSettings, tmp_path: Path, kind: str
) -> None:
    w = _window(qtbot, full, settings)
    ctl = controller(w, DataExportController)
    out = tmp_path / f"out.{kind}"
    _drive(ctl, out)
    ctl.actions[kind].trigger()
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    data = out.read_bytes()
    if kind == "json":
        assert [a["name"] for a in json.loads(data)["athletes"]] == ["Sample Runner"]
    elif kind == "csv":
        assert data.startswith(b"Date,Workout Name,Duration,Exercise Name,Set Order,Weight")
    else:
        assert len(list(icalendar.Calendar.from_ical(data).walk("VEVENT"))) == 8


def test_export_of_every_athlete_as_json(
    qtbot, full: Store, settings: QSettings, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, full, settings)
    ctl = controller(w, DataExportController)
    out = tmp_path / "all.json"
    _drive(ctl, out, every=True)
    ctl.actions["json"].trigger()
    assert len(json.loads(out.read_bytes())["athletes"]) == 2


def test_export_refusal_is_shown_in_the_dialog(
    qtbot, full: Store, settings: QSettings, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, full, settings)
    ctl = controller(w, DataExportController)
    shown = _drive(ctl, tmp_path / "no" / "such" / "x.json")
    ctl.actions["json"].trigger()
    assert "does not exist" in shown[0]
    assert not (tmp_path / "no").exists()


def test_import_adds_the_athletes_and_the_switcher_shows_them(  # type: ignore[no-untyped-def]
    qtbot, full: Store, settings: QSettings, tmp_path: Path
) -> None:
    from runstrong_gui.services.interchange import data_export

    data_export.export_json(full, None, tmp_path / "all.json")
    target = empty_store(tmp_path / "empty.sqlite3")
    w = _window(qtbot, target, settings)
    ctl = controller(w, DataExportController)
    ctl.choose_import_file = lambda: str(tmp_path / "all.json")  # type: ignore[method-assign]
    heard: list[object] = []
    w.athletes_changed.connect(heard.append)
    ctl.act_import.trigger()
    with target.transaction() as tx:
        assert sorted(a.name for a in tx.athletes()) == ["Sample Runner", "Ånne Lbs"]
    assert heard  # the switcher was told
    assert "Imported 2 athletes" in w.statusBar().currentMessage()


def test_import_of_a_bad_file_says_where_and_writes_nothing(  # type: ignore[no-untyped-def]
    qtbot, settings: QSettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = empty_store(tmp_path / "empty.sqlite3")
    w = _window(qtbot, target, settings)
    ctl = controller(w, DataExportController)
    bad = tmp_path / "photo.json"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n")
    ctl.choose_import_file = lambda: str(bad)  # type: ignore[method-assign]
    errors: list[tuple[str, str]] = []
    monkeypatch.setattr(w, "show_error", lambda t, m: errors.append((t, m)))
    ctl.act_import.trigger()
    assert errors and "not a RunStrong JSON file" in errors[0][1]
    with target.transaction() as tx:
        assert tx.athletes() == []
