"""The Clients tab: rows from the store, search, sort, filters, and opening an athlete."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from PySide6.QtCore import Qt
from window_support import athletes, controller, full_window

from runstrong_gui.domain.models import Athlete, SetLog
from runstrong_gui.services.bootstrap import apply_week_template
from runstrong_gui.services.queries import Queries
from runstrong_gui.storage.store import Store
from runstrong_gui.ui.clients.feature import ClientsFeature
from runstrong_gui.ui.clients.model import ADHERENCE, LAST, NAME, NEXT, PAIN
from runstrong_gui.ui.shell.main_window import MainWindow


def add_client(store: Store, name: str, *, archived: bool = False, pain: bool = False) -> int:
    """A client whose block started three weeks ago, its first week planned."""
    today = dt.date.today()
    start = today - dt.timedelta(days=today.weekday(), weeks=3)
    with store.transaction() as tx:
        athlete = tx.add_athlete(Athlete(name=name, block_start=start, archived=archived))
        made = apply_week_template(tx, athlete, tx.templates("week")[0].payload, start)
        strength = [s for s in made if s.kind.value == "strength"]
        tx.update_session(dataclasses.replace(strength[0], done=True))
        if pain:
            planned = tx.planned_for([strength[0].id])[strength[0].id][0]
            tx.replace_logs(planned.id, [SetLog(planned.id, 1, 8, pain=7)])
    return athlete.id or 0


@pytest.fixture
def window(qtbot, store: Store, settings) -> MainWindow:  # type: ignore[no-untyped-def]
    w = full_window(Queries(store), settings)
    qtbot.addWidget(w)
    return w


def test_clients_tab_lists_searches_filters_sorts_and_opens(
    window: MainWindow, store: Store
) -> None:
    add_client(store, "Bea Brown", pain=True)
    add_client(store, "Cleo Archived", archived=True)
    clients = controller(window, ClientsFeature)
    action = next(a for a in window.menu("athlete").actions() if a.text() == "&Clients…")
    action.trigger()
    view = clients.view
    assert window.tabs.currentWidget() is view
    assert view.shown_names() == ["Bea Brown", "Sample Runner"]
    assert view.count.text() == "2 of 3 clients"

    bea = view.proxy.index(0, 0)
    cells = {c: bea.siblingAtColumn(c).data() for c in (NAME, LAST, ADHERENCE, PAIN, NEXT)}
    assert cells[ADHERENCE] == "1/2 · Off plan"
    assert cells[PAIN] == "⚠ 1"
    assert cells[LAST] != "–"

    view.show_archived.setChecked(True)
    assert view.shown_names() == ["Bea Brown", "Cleo Archived", "Sample Runner"]
    view.pain_only.setChecked(True)
    assert view.shown_names() == ["Bea Brown"]
    view.pain_only.setChecked(False)
    view.search.setText("  cle ")
    assert view.shown_names() == ["Cleo Archived"]
    view.search.clear()
    view.table.sortByColumn(NAME, Qt.SortOrder.DescendingOrder)
    assert view.shown_names() == ["Sample Runner", "Cleo Archived", "Bea Brown"]
    view.table.sortByColumn(PAIN, Qt.SortOrder.DescendingOrder)
    assert view.shown_names()[0] == "Bea Brown"

    cleo = next(
        view.proxy.index(r, 0)
        for r in range(view.proxy.rowCount())
        if view.proxy.index(r, 0).data().startswith("Cleo")
    )
    view.table.doubleClicked.emit(cleo)
    assert window.athlete is not None and window.athlete.name == "Cleo Archived"
    assert athletes(window).combo.currentText() == "Cleo Archived (archived)"
    assert window.tabs.currentIndex() == 0


def test_clients_tab_follows_changes_while_shown(window: MainWindow, store: Store) -> None:
    clients = controller(window, ClientsFeature)
    clients.open()
    assert clients.view.shown_names() == ["Sample Runner"]
    aid = add_client(store, "Ada Added")
    window.athletes_changed.emit(aid)
    window.tabs.setCurrentWidget(clients.view)
    assert clients.view.shown_names() == ["Ada Added", "Sample Runner"]


def test_clients_model_passes_modeltester(window: MainWindow, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    clients = controller(window, ClientsFeature)
    clients.open()
    qtmodeltester.check(clients.view.model)
    qtmodeltester.check(clients.view.proxy)
