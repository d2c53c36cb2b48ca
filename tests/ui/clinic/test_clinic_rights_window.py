"""A therapist's window on a clinic store: New athlete adds a client of their own, a
refused change of another therapist's template is explained, and Back up now makes the
same verified pg_dump as ``runstrong backup``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from clinic_support import clinic_with
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from window_support import athletes, controller, full_window, plan_tools

from runstrong_gui.services import templates
from runstrong_gui.services.queries import Queries
from runstrong_gui.storage import server
from runstrong_gui.storage.store import Store
from runstrong_gui.ui.athletes.athlete_dialog import AthleteDialog
from runstrong_gui.ui.safety.feature import SafetyController
from runstrong_gui.ui.shell.main_window import MainWindow

WEEK = {"name": "Ana's week", "days": [{"weekday": 1, "sessions": [{"kind": "easy"}]}]}


@pytest.fixture
def clinic(pg_server: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A clinic store (its database) with the therapists w_ana and w_ben."""
    with clinic_with(pg_server, monkeypatch, "w_ana", "w_ben") as name:
        yield name


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the window says in warning boxes (answered at once)."""
    shown: list[str] = []

    def warning(_parent: Any, title: str, text: str, *a: Any, **k: Any) -> Any:
        shown.append(f"{title}: {text}")
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", warning)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    return shown


@pytest.fixture
def open_window(
    qtbot: Any, pg_server: Any, clinic: str, tmp_path: Path
) -> Iterator[Callable[[str], MainWindow]]:
    """A window on the clinic store as ``who`` (``admin``: the clinic's administrator)."""
    stores: list[Store] = []

    def make(who: str) -> MainWindow:
        url = pg_server.url(clinic) if who == "admin" else pg_server.url(
            clinic, user=who, password=f"pw-{who}"
        )  # fmt: skip
        store = Store.open(url)
        stores.append(store)
        settings = QSettings(str(tmp_path / f"{who}.ini"), QSettings.Format.IniFormat)
        w = full_window(Queries(store), settings)
        qtbot.addWidget(w)
        w.show()
        return w

    yield make
    for store in stores:
        store.close()


def test_new_athlete_in_a_therapist_s_window(
    open_window: Callable[[str], MainWindow], warnings: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def typed(dialog: AthleteDialog) -> int:
        dialog.name.setText("Walk-in Client")
        dialog.accept()
        return 1

    monkeypatch.setattr(AthleteDialog, "exec", typed)
    ana = open_window("w_ana")
    athletes(ana).act_new.trigger()
    assert warnings == []
    assert ana.athlete is not None and ana.athlete.name == "Walk-in Client"
    ben = open_window("w_ben")
    assert [ben.athlete] == [None] and athletes(ben).combo.count() == 0


def test_deleting_another_therapist_s_template_says_whose_it_is(
    open_window: Callable[[str], MainWindow], warnings: list[str]
) -> None:
    ana = open_window("w_ana")
    mine = templates.save_template(ana.queries.store, "Ana's week", "week", WEEK)
    ben = open_window("w_ben")
    assert not plan_tools(ben).delete_template(mine)
    assert warnings == [
        "Delete template: This template belongs to w_ana: only w_ana or the clinic's "
        "administrator can change it. Apply it and save the result under a new name to make "
        "a version of your own. Nothing was changed."
    ]
    assert "Ana's week" in [t.name for t in templates.templates(ben.queries.store, "week")]


def test_back_up_now_on_a_clinic_store_makes_a_verified_pg_dump(
    qtbot: Any, open_window: Callable[[str], MainWindow], warnings: list[str]
) -> None:
    w = open_window("admin")
    ctl = controller(w, SafetyController)
    assert ctl.act_backup.isEnabled()
    ctl.act_backup.trigger()
    qtbot.waitUntil(lambda: ctl.pending is None and ctl.last_backup is not None, timeout=30_000)
    assert warnings == []
    made = server.latest_backup(w.queries.store.url)
    assert made is not None and made.path.suffix == ".dump"
    assert made.path.read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format
    assert made.path.stat().st_mode & 0o777 == 0o600
    assert ctl.last_backup is not None and ctl.last_backup.path == made.path
    assert ctl.status.text() == f"Backed up {ctl.last_backup.label()}"


def test_a_therapist_s_back_up_now_says_backups_are_the_administrator_s(
    qtbot: Any, open_window: Callable[[str], MainWindow], warnings: list[str]
) -> None:
    w = open_window("w_ana")
    ctl = controller(w, SafetyController)
    ctl.act_backup.trigger()
    qtbot.waitUntil(lambda: ctl.pending is None, timeout=30_000)
    assert len(warnings) == 1
    assert warnings[0].startswith("Back up now: The user 'w_ana' may not read all of the")
    assert (
        "no backup was made: backing up the clinic store is for the clinic's admin" in (warnings[0])
    )
    assert server.latest_backup(w.queries.store.url) is None
