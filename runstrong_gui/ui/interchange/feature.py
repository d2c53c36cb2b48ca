"""File ▸ Import running plan… and File ▸ Update running plan: runs from a calendar feed.

Both open :class:`ImportPlanDialog`; Update starts it on the feed the athlete imported
last, already reading it, so bringing the plan up to date is one click and a look at
the preview. Every write goes through the shell's ``apply`` (one transaction, one undo
step). Dialogs run through :meth:`InterchangeFeature.run_dialog`, the one place a test
replaces to drive them.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog

from runstrong_gui.services.changes import Command

if TYPE_CHECKING:
    from runstrong_gui.domain.models import Athlete
    from runstrong_gui.services.interchange.ics_import import ImportedRun
    from runstrong_gui.services.interchange.running_plan import Preview
    from runstrong_gui.ui.interchange.plan_dialog import FitFn, ImportPlanDialog
    from runstrong_gui.ui.shell.main_window import MainWindow


def fit_module() -> Any:
    """The "fit strength around these runs" service, or None while this build has none.

    It is built separately (``services/fit.py``); until it is part of the build the
    dialog hides its button rather than offering what cannot be done.
    """
    try:
        from runstrong_gui.services import fit  # type: ignore[attr-defined,unused-ignore]
    except (ModuleNotFoundError, ImportError):
        return None
    return fit


class InterchangeFeature(QObject):
    """Owns the File menu's running-plan actions."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("interchangeFeature")
        self.window = window
        self.act_import = QAction("Import &running plan…", window)
        self.act_import.setObjectName("actImportRunningPlan")
        self.act_import.setStatusTip("Runs from Runna, TrainingPeaks, Garmin… (.ics file or feed)")
        self.act_update = QAction("&Update running plan", window)
        self.act_update.setObjectName("actUpdateRunningPlan")
        self.act_update.setStatusTip("Fetch the athlete's running-plan feed again")
        window.add_to_file_menu("data", self.act_import, self.act_update)
        window.writing.add_editing(self.act_import, self.act_update)
        self.act_import.triggered.connect(self.import_plan)
        self.act_update.triggered.connect(self.update_plan)
        # Whether the athlete has a feed is read when the menu opens, not on every change
        # of athlete: installing the feature and switching athletes cost no read.
        window.menu("file").aboutToShow.connect(self.refresh_feed)
        window.athlete_changed.connect(self._athlete_shown)
        self._athlete_shown(window.athlete)

    def _current(self) -> Athlete | None:
        """The shown athlete as stored now (the remembered feed changes on import)."""
        athlete = self.window.athlete
        if athlete is None or athlete.id is None or not self.window.has_store:
            return None
        return self.window.queries.athlete(athlete.id)

    def _athlete_shown(self, athlete: object) -> None:
        self.act_import.setEnabled(athlete is not None)
        self.act_update.setEnabled(athlete is not None)  # refined when the menu opens

    def refresh_feed(self) -> None:
        """Update is on when the shown athlete has a remembered feed."""
        current = self._current()
        url = current.feed_url if current is not None else None
        self.act_update.setEnabled(bool(url))
        self.act_update.setToolTip(f"Fetch {url} again" if url else "")

    def run_dialog(self, dialog: QDialog) -> int:
        return dialog.exec()

    def dialog(self, athlete: Athlete, source: str = "") -> ImportPlanDialog:
        from runstrong_gui.ui.interchange.plan_dialog import ImportPlanDialog

        aid = athlete.id or 0
        store = self.window.queries.store

        def preview(runs: list[ImportedRun]) -> Preview:
            from runstrong_gui.services.interchange.running_plan import preview as sort

            return sort(store, aid, runs)

        def apply(command: Command) -> bool:
            return self.window.apply(command, initiator=self) is not None

        fit: FitFn | None = None
        service = fit_module()
        if service is not None:

            def fit(first: dt.date, last: dt.date) -> bool:
                command = Command(
                    "Fit strength around the imported runs",
                    tuple(first + dt.timedelta(days=n) for n in range((last - first).days + 1)),
                    service.fit_action(aid, first, last),
                )
                return self.window.apply(command, initiator=self) is not None

        return ImportPlanDialog(athlete.name, preview, apply, fit, source, self.window)

    def import_plan(self) -> None:
        athlete = self._current()
        if athlete is None or self.window.refuse_while_paused("Import running plan"):
            return
        dialog = self.dialog(athlete, athlete.feed_url or "")
        self.run_dialog(dialog)
        dialog.deleteLater()
        self.refresh_feed()

    def update_plan(self) -> None:
        athlete = self._current()
        if athlete is None:
            return
        if not athlete.feed_url:
            self.window.notify(
                f"No running-plan feed is remembered for {athlete.name}: import one with "
                "File ▸ Import running plan… first."
            )
            self.refresh_feed()
            return
        if self.window.refuse_while_paused("Update running plan"):
            return
        dialog = self.dialog(athlete, athlete.feed_url)
        dialog.read()
        self.run_dialog(dialog)
        dialog.deleteLater()


def install(window: MainWindow) -> InterchangeFeature:
    return InterchangeFeature(window)
