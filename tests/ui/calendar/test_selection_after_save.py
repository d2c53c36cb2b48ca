"""The selected card stays selected after a save redraws the week, and the shell's idea
of it is the version on screen: an action on it afterwards is not refused as if another
computer had changed it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from window_support import calendar, full_window, library, session

from runstrong_gui.domain.enums import SessionKind
from runstrong_gui.services import editing
from runstrong_gui.services.queries import Queries
from runstrong_gui.storage.store import Store
from runstrong_gui.ui.shell.main_window import MainWindow

THURSDAY = dt.date(2026, 3, 5)  # the sample week's strength session


@pytest.fixture
def window(qtbot: Any, store: Store, settings: QSettings) -> MainWindow:
    w = full_window(Queries(store), settings)
    qtbot.addWidget(w)
    w.show_week(1)
    w.show()
    return w


def test_adding_from_the_library_after_editing_the_selected_session_is_not_a_conflict(
    window: MainWindow, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: shown.append(text))
    cal = calendar(window)
    index = next(
        i
        for d in range(7)
        for r in range(cal.model.rowCount(cal.model.day_index(d)))
        if (i := cal.model.index(r, 0, cal.model.day_index(d))).isValid()
        and (detail := cal.model.detail(i)) is not None
        and detail.session.date == THURSDAY
        and detail.session.kind is SessionKind.STRENGTH
    )
    cal.view.columns[index.parent().row()].view.setCurrentIndex(index)
    view = session(window).editor.view
    assert view is not None
    assert window.apply(editing.update_session_field(view.session, "title", "Hips"))
    panel = library(window).dock.panel
    broad_jump = next(e for e in panel.model.exercises() if e.name == "Broad jump")
    assert panel.select_exercise(broad_jump.id or -1)

    assert library(window).add_to_plan(), shown
    assert shown == []
    with store.transaction() as tx:
        ((_, names),) = [
            (d.session.title, [e.name for _p, e in d.items])
            for d in tx.session_details([tx.session(view.session.id or 0)])
        ]
    assert names[-1] == "Broad jump"
    assert window.selected_session is not None
    assert window.selected_session.session.title == "Hips"
