"""A read-only store opens with editing turned off everywhere, and drops change nothing."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDockWidget
from window_support import calendar, full_window, library, plan_tools

from runstrong_gui.services.queries import Queries
from runstrong_gui.storage.engine import sqlite_url
from runstrong_gui.storage.store import Store


def test_read_only_store_disables_editing(
    qtbot, store: Store, db_path: Path, settings: QSettings
) -> None:  # type: ignore[no-untyped-def]
    store.close()
    digest = hashlib.sha256(db_path.read_bytes()).hexdigest()
    ro = Store.open(sqlite_url(db_path), read_only=True)
    try:
        w = full_window(Queries(ro), settings)
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


def test_every_action_that_changes_the_store_is_off_and_stays_off(
    qtbot, store: Store, db_path: Path, settings: QSettings
) -> None:  # type: ignore[no-untyped-def]
    """Every editing action of every feature sits in the shell's one group: on a read-only
    store none of them can be triggered, not even after a reload or a new selection turns
    them on one by one (a library reload used to switch Duplicate and Hide back on)."""
    store.close()
    ro = Store.open(sqlite_url(db_path), read_only=True)
    try:
        w = full_window(Queries(ro), settings)
        qtbot.addWidget(w)
        actions = [a for a in w.editing.actions() if not a.isSeparator()]
        texts = {a.text().replace("&", "") for a in actions}
        # the group holds what each feature writes with: calendar, library, athletes,
        # planning, safety (restore) and the undo stack
        for expected in (
            "Delete card",
            "Duplicate",
            "Hide",
            "New athlete…",
            "Generate 12-week block…",
            "Restore from backup…",
            "Undo",
        ):
            assert any(t.startswith(expected) for t in texts), expected
        assert not any(a.isEnabled() for a in actions)
        panel = library(w).dock.panel
        library(w).reload()
        panel.list.setCurrentIndex(panel.proxy.index(1, 0))
        w.show_week(2)
        assert not any(a.isEnabled() for a in actions)
        assert not library(w).act_duplicate.isEnabled() and not library(w).act_hide.isEnabled()
        w.close()
    finally:
        ro.close()
