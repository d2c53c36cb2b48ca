"""A read-only store opens with editing turned off everywhere, and drops change nothing."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDockWidget
from window_support import calendar, full_window, library, plan_tools

from runstrong_gui.services.planner import Planner
from runstrong_gui.storage.engine import sqlite_url
from runstrong_gui.storage.store import Store


def test_read_only_store_disables_editing(
    qtbot, store: Store, db_path: Path, settings: QSettings
) -> None:  # type: ignore[no-untyped-def]
    store.close()
    digest = hashlib.sha256(db_path.read_bytes()).hexdigest()
    ro = Store.open(sqlite_url(db_path), read_only=True)
    try:
        w = full_window(Planner(ro), settings)
        qtbot.addWidget(w)
        w.show_week(1)
        assert w.read_only
        c = calendar(w)
        assert not c.act_delete.isEnabled() and not c.act_right.isEnabled()
        assert not c.add_menu.isEnabled()
        assert not plan_tools(w).menu.isEnabled()
        assert not library(w).act_new.isEnabled()
        dock = w.findChild(QDockWidget, "sessionDock")
        assert dock is not None and not dock.widget().isEnabled()
        assert w.act_next_week.isEnabled()  # looking around still works
        long_index = calendar(w).model.index(0, 0, calendar(w).model.day_index(5))
        mime = calendar(w).model.mimeData([long_index])
        assert not calendar(w).model.dropMimeData(
            mime, Qt.DropAction.MoveAction, -1, 0, calendar(w).model.day_index(6)
        )
        with ro.transaction() as tx:
            sat = tx.day_sessions(1, dt.date(2026, 3, 7))
        assert [s.display_title for s in sat] == ["Long run"]
        w.close()
    finally:
        ro.close()
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == digest
