"""The athlete switcher in the toolbar and the Athlete menu: new, edit, archive.

The list is read from the store whenever the shell says the athletes changed (the store
opened, an athlete was saved, an undo touched another athlete, a restore); choosing one
asks the shell to show them.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QLabel, QMessageBox

from runstrong_gui.domain.models import Athlete
from runstrong_gui.services.athletes import save_athlete

if TYPE_CHECKING:
    from runstrong_gui.ui.shell.main_window import MainWindow


class AthletesFeature(QObject):
    """The switcher (``combo``) and the athlete actions; no athlete of its own."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.act_new = QAction("&New athlete…", window)
        self.act_new.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.act_edit = QAction("&Edit athlete…", window)
        self.act_edit.setShortcut(QKeySequence("Ctrl+E"))
        self.act_archive = QAction("&Archive athlete", window)
        self.act_show_archived = QAction("Show archived athletes", window)
        self.act_show_archived.setCheckable(True)
        window.writing.add_editing(self.act_new, self.act_edit, self.act_archive)

        bar = window.toolbar
        bar.addWidget(QLabel(" Athlete: ", bar))
        self.combo = QComboBox(bar)
        self.combo.setObjectName("athleteSwitcher")
        self.combo.setAccessibleName("Athlete")
        self.combo.setMinimumWidth(220)
        bar.addWidget(self.combo)
        bar.addActions([self.act_new, self.act_edit, self.act_archive])
        menu = window.menu("athlete")
        menu.addActions([self.act_new, self.act_edit, self.act_archive])
        menu.addSeparator()
        menu.addAction(self.act_show_archived)

        self.combo.currentIndexChanged.connect(self._chosen)
        self.act_new.triggered.connect(self.new_athlete)
        self.act_edit.triggered.connect(self.edit_athlete)
        self.act_archive.triggered.connect(self.toggle_archive)
        self.act_show_archived.toggled.connect(lambda _on: self.reload(self._shown_id()))
        window.athletes_changed.connect(self.reload)
        window.athlete_changed.connect(self._athlete_changed)
        self._athlete_changed(window.athlete)

    def _shown_id(self) -> int | None:
        return self.window.athlete.id if self.window.athlete else None

    def reload(self, select_id: int | None = None) -> None:
        """Read the athletes again and show ``select_id`` (or the first)."""
        if not self.window.has_store:
            return
        queries = self.window.queries
        athletes = queries.athletes(include_archived=self.act_show_archived.isChecked())
        self.combo.blockSignals(True)
        self.combo.clear()
        for a in athletes:
            self.combo.addItem(f"{a.name} (archived)" if a.archived else a.name, a.id)
        index = self.combo.findData(select_id) if select_id is not None else -1
        self.combo.setCurrentIndex(index if index >= 0 else (0 if athletes else -1))
        self.combo.blockSignals(False)
        self._chosen(self.combo.currentIndex(), keep_week=select_id == self._shown_id())

    def _chosen(self, index: int, keep_week: bool = False) -> None:
        athlete_id = self.combo.itemData(index) if index >= 0 else None
        self.window.show_athlete(
            int(athlete_id) if athlete_id is not None else None, keep_week=keep_week
        )

    def _athlete_changed(self, athlete: Athlete | None) -> None:
        self.act_edit.setEnabled(athlete is not None)
        self.act_archive.setEnabled(athlete is not None)
        if athlete is not None:
            self.act_archive.setText("Restore athlete" if athlete.archived else "&Archive athlete")

    # -- changes -----------------------------------------------------------------------
    def new_athlete(self) -> None:
        from runstrong_gui.ui.athletes.athlete_dialog import AthleteDialog  # loads on use

        dialog = AthleteDialog(None, self.window)
        if dialog.exec() and dialog.result_athlete is not None:
            saved = self._save(dialog.result_athlete)
            if saved:
                self.reload(saved.id)

    def edit_athlete(self) -> None:
        athlete = self.window.athlete
        if athlete is None:
            return
        from runstrong_gui.ui.athletes.athlete_dialog import AthleteDialog

        dialog = AthleteDialog(athlete, self.window)
        if dialog.exec() and dialog.result_athlete is not None:
            saved = self._save(dialog.result_athlete)
            if saved:
                self.reload(saved.id)

    def toggle_archive(self) -> None:
        athlete = self.window.athlete
        if athlete is None:
            return
        archived = not athlete.archived
        if archived:
            answer = QMessageBox.question(
                self.window,
                "Archive athlete",
                f"Archive {athlete.name}? Their plans and logs are kept; "
                "show archived athletes to bring them back.",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        saved = self._save(dataclasses.replace(athlete, archived=archived))
        if saved:
            self.reload(None if archived else saved.id)

    def _save(self, athlete: Athlete) -> Athlete | None:
        from runstrong_gui.storage.engine import StoreError

        if self.window.refuse_while_paused("Not saved"):
            return None
        try:
            return save_athlete(self.window.queries.store, athlete)
        except StoreError as exc:
            QMessageBox.warning(self.window, "Not saved", str(exc))
            return None


def install(window: MainWindow) -> AthletesFeature:
    return AthletesFeature(window)
