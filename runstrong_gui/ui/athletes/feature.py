"""The athlete switcher in the toolbar and the Athlete menu: new, edit, archive.

The list is read from the store whenever the shell says the athletes changed (the store
opened, an athlete was saved, an undo touched another athlete, a restore); choosing one
asks the shell to show them.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QLabel, QMessageBox

from runstrong_gui.domain.dates import medium_date
from runstrong_gui.domain.models import Athlete
from runstrong_gui.services.athletes import save_athlete

if TYPE_CHECKING:
    from collections.abc import Sequence

    from runstrong_gui.ui.shell.main_window import MainWindow


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def switcher_labels(athletes: Sequence[Athlete]) -> list[str]:
    """One label per athlete; athletes sharing a name are told apart by their block start
    (and, should that match too, by their number), so a therapist picks the right client.
    Grouped by name once: the list is labelled on every start, before the week shows."""
    by_name: dict[str, list[Athlete]] = defaultdict(list)
    for a in athletes:
        by_name[_name_key(a.name)].append(a)
    labels = []
    for a in athletes:
        twins = [o for o in by_name[_name_key(a.name)] if o.id != a.id]
        label = a.name
        if twins:
            label += f" · block from {medium_date(a.block_start)}"
            if any(o.block_start == a.block_start for o in twins):
                label += f" · #{a.id}"
        labels.append(f"{label} (archived)" if a.archived else label)
    return labels


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
        self.act_remove_demo = QAction("Remove &demo athlete…", window)
        self.act_remove_demo.setToolTip("Delete the demo athlete with their plan and history")
        self.act_remove_demo.setVisible(False)  # until the menu finds a demo athlete
        window.writing.add_editing(
            self.act_new, self.act_edit, self.act_archive, self.act_remove_demo
        )

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
        menu.addAction(self.act_remove_demo)
        menu.aboutToShow.connect(self._offer_demo_removal)

        self.combo.currentIndexChanged.connect(self._chosen)
        self.act_new.triggered.connect(self.new_athlete)
        self.act_edit.triggered.connect(self.edit_athlete)
        self.act_archive.triggered.connect(self.toggle_archive)
        self.act_show_archived.toggled.connect(lambda _on: self.reload(self._shown_id()))
        self.act_remove_demo.triggered.connect(self.remove_demo)
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
        if select_id is not None and all(a.id != select_id for a in athletes):
            everyone = queries.athletes(include_archived=True)
            if any(a.id == select_id for a in everyone):  # an archived one was asked for
                self.act_show_archived.blockSignals(True)
                self.act_show_archived.setChecked(True)
                self.act_show_archived.blockSignals(False)
                athletes = everyone
        self.combo.blockSignals(True)
        self.combo.clear()
        for a, label in zip(athletes, switcher_labels(athletes), strict=True):
            self.combo.addItem(label, a.id)
        index = self.combo.findData(select_id) if select_id is not None else -1
        self.combo.setCurrentIndex(index if index >= 0 else (0 if athletes else -1))
        self.combo.blockSignals(False)
        # the week stays only when the same athlete is shown again (nobody shown yet and
        # nobody asked for is a first showing: it opens on the athlete's current week)
        same = select_id is not None and select_id == self._shown_id()
        self._chosen(self.combo.currentIndex(), keep_week=same)

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

    def _offer_demo_removal(self) -> None:
        """Remove demo athlete is in the menu only while there is one to remove."""
        if self.window.has_store:
            from runstrong_gui.services.athletes import demo_athletes

            self.act_remove_demo.setVisible(bool(demo_athletes(self.window.queries.store)))

    def remove_demo(self) -> None:
        """Athlete ▸ Remove demo athlete: the demo and their history go, after asking.

        Not an undoable step: the undo history is cleared, since its steps may name the
        demo's sessions.
        """
        from runstrong_gui.services.athletes import demo_athletes, remove_demo_athletes
        from runstrong_gui.storage.engine import StoreError

        if self.window.refuse_while_paused("Not removed"):
            return
        demos = demo_athletes(self.window.queries.store)
        if not demos:
            self.window.notify("There is no demo athlete to remove.")
            return
        names = ", ".join(a.name for a in demos)
        answer = QMessageBox.question(
            self.window,
            "Remove demo athlete",
            f"Delete {names} with their plan and all their logged sessions? This cannot be "
            "undone. Your own athletes are not touched.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            removed = remove_demo_athletes(self.window.queries.store)
        except StoreError as exc:
            QMessageBox.warning(self.window, "Not removed", str(exc))
            return
        self.window.undo_stack.clear()
        shown = self._shown_id()
        gone = {a.id for a in removed}
        self.window.athletes_changed.emit(None if shown in gone else shown)
        self.window.notify(f"Removed {names}.")

    def _save(self, athlete: Athlete) -> Athlete | None:
        from runstrong_gui.storage.engine import StoreError

        if self.window.refuse_while_paused("Not saved"):
            return None
        if not self._name_confirmed(athlete):
            return None
        from runstrong_gui.storage.errors import ConflictError

        try:
            return save_athlete(self.window.queries.store, athlete)
        except StoreError as exc:
            QMessageBox.warning(self.window, "Not saved", str(exc))
            if isinstance(exc, ConflictError):  # show the version another computer saved
                self.reload(athlete.id)
            return None

    def _name_confirmed(self, athlete: Athlete) -> bool:
        """Warn before a second athlete gets a name already in use: two clients called the
        same look alike everywhere a name is shown. Saving anyway stays possible."""
        twins = [
            o
            for o in self.window.queries.athletes(include_archived=True)
            if o.id != athlete.id and _name_key(o.name) == _name_key(athlete.name)
        ]
        if not twins:
            return True
        starts = ", ".join(medium_date(o.block_start) for o in twins)
        answer = QMessageBox.question(
            self.window,
            "Same name",
            f"Another athlete is already called “{twins[0].name}” (block from {starts}). "
            "Save anyway? The switcher then tells them apart by block start.",
        )
        return answer == QMessageBox.StandardButton.Yes


def install(window: MainWindow) -> AthletesFeature:
    return AthletesFeature(window)
