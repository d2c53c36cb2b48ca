"""Adds the Progress tab to the main window and keeps it in step with the plan.

The tab redraws lazily: a change to the plan or another athlete only marks it stale,
and it reads the store again when it is (or becomes) visible, so editing the week
costs nothing while the charts are hidden.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from runstrong_gui.domain.models import Athlete
from runstrong_gui.ui.progress.tab import ProgressTab

if TYPE_CHECKING:
    from runstrong_gui.ui.shell.main_window import MainWindow


def install(window: MainWindow) -> ProgressTab:
    """Add the "Progress" tab; returns it (tests and other features may want it)."""
    tab = ProgressTab(window.planner.store, window.settings, window.tabs)
    window.tabs.addTab(tab, "Progress")

    def athlete_changed(athlete: Athlete | None) -> None:
        tab.set_athlete(athlete.id if athlete is not None else None)

    window.athlete_changed.connect(athlete_changed)
    window.plan_changed.connect(tab.invalidate)
    tab.week_requested.connect(lambda: window.tabs.setCurrentWidget(window.week_view))
    tab.exported.connect(
        lambda path: window.statusBar().showMessage(f"Chart saved to {path}", 8000)
    )
    athlete_changed(window.athlete)  # install runs before the first athlete is loaded
    return tab
