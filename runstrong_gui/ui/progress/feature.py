"""The Progress tab, kept in step with the plan.

The tab is a :class:`~runstrong_gui.ui.shell.lazy_page.LazyPage`: its charts (and
QtCharts) load the first time it is shown. Once built, it redraws lazily: a change to
the plan or another athlete only marks it stale, and it reads the store again when it
is (or becomes) visible, so editing the week costs nothing while the charts are hidden.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from runstrong_gui.domain.models import Athlete
from runstrong_gui.ui.shell.lazy_page import LazyPage

if TYPE_CHECKING:
    from runstrong_gui.ui.progress.tab import ProgressTab
    from runstrong_gui.ui.shell.main_window import MainWindow


def install(shell: MainWindow) -> LazyPage:
    """Add the "Progress" tab; its ``build()`` gives the ProgressTab (tests, the bench)."""

    def build(parent: QWidget) -> ProgressTab:
        from runstrong_gui.ui.progress.tab import ProgressTab

        tab = ProgressTab(shell.queries.store, shell.settings, parent)

        def athlete_changed(athlete: Athlete | None) -> None:
            tab.set_athlete(athlete.id if athlete is not None else None)

        shell.athlete_changed.connect(athlete_changed)
        shell.plan_changed.connect(lambda *_: tab.invalidate())
        shell.reloaded.connect(tab.invalidate)
        tab.week_requested.connect(lambda: shell.tabs.setCurrentIndex(0))
        tab.exported.connect(lambda path: shell.notify(f"Chart saved to {path}"))
        athlete_changed(shell.athlete)
        return tab

    page = LazyPage(shell, build)
    shell.add_tab(page, "Progress")
    return page
