"""Athlete ▸ History…: a clinic store's audit trail per client, in words, newest first;
on a desktop's SQLite file the entry is disabled and says why."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from PySide6.QtCore import QSettings
from window_support import controller, full_window

from runstrong_gui.services.queries import Queries
from runstrong_gui.storage.store import Store
from runstrong_gui.ui.clinic.feature import NO_HISTORY, ClinicController
from runstrong_gui.ui.clinic.history_dialog import HistoryDialog
from runstrong_gui.ui.shell.main_window import MainWindow


@pytest.fixture
def clinic_store(pg_server: Any, pg_prepared: str) -> Iterator[tuple[Store, str]]:
    name = pg_server.new_database(pg_prepared)
    store = Store.open(pg_server.url(name))
    yield store, name
    store.close()
    pg_server.drop_database(name)


def test_the_history_lists_a_change_made_by_another_connection(
    qtbot: Any, pg_server: Any, clinic_store: tuple[Store, str], settings: QSettings
) -> None:
    store, name = clinic_store
    window = full_window(Queries(store), settings)
    qtbot.addWidget(window)
    athlete = window.athlete
    assert athlete is not None
    with psycopg.connect(host=str(pg_server.socket_dir), dbname=name, user="postgres") as other:
        title, minutes = other.execute(
            "SELECT title, minutes FROM training_sessions WHERE athlete_id = %s"
            " AND day = '2026-03-07' AND kind = 'long'",
            (athlete.id,),
        ).fetchone() or ("", 0)
        other.execute(
            "UPDATE training_sessions SET minutes = minutes + 10 WHERE athlete_id = %s"
            " AND day = '2026-03-07' AND kind = 'long'",
            (athlete.id,),
        )
    clinic = controller(window, ClinicController)
    assert clinic.act_history.isEnabled()
    clinic.act_history.trigger()
    dialog = clinic.dialog
    assert isinstance(dialog, HistoryDialog)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == f"History of {athlete.name}"
    rows = dialog.texts()
    assert rows[0] == (
        "postgres",
        f"Session '{title}' Sat 7 Mar: minutes {minutes} → {minutes + 10}",
    )
    assert f"Athlete '{athlete.name}' added" in [what for _who, what in rows]
    assert dialog.status.text().startswith(f"{len(rows)} changes, newest first")


def test_on_a_sqlite_store_the_entry_is_disabled_and_says_why(
    window: MainWindow,
) -> None:
    clinic = controller(window, ClinicController)
    assert not clinic.act_history.isEnabled()
    assert clinic.act_history.toolTip() == NO_HISTORY
    assert clinic.act_history in window.menu("athlete").actions()
    assert clinic.show_history() is None


@pytest.fixture
def window(qtbot: Any, store: Store, settings: QSettings) -> MainWindow:
    w = full_window(Queries(store), settings)
    qtbot.addWidget(w)
    return w
