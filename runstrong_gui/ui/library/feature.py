"""The library feature: filters, custom exercises and the athlete's avoid list.

``install(shell)`` docks the library on the left, puts the filter widgets into its
panel, adds New / Edit /
Duplicate / Hide / Delete (buttons, the list's context menu and the Edit menu), and
marks what the shown athlete avoids — in the library (flagged, or hidden on request)
and in the plan (a notice in the status bar naming the planned exercises concerned).

Every change goes through :mod:`runstrong_gui.services.library` and the library is then
read back from the store; the widgets keep no exercise of their own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QMenu, QMessageBox, QPushButton, QToolButton

from runstrong_gui.domain.dates import WEEKDAYS_SHORT
from runstrong_gui.domain.enums import Equipment
from runstrong_gui.domain.models import Athlete, Exercise
from runstrong_gui.services import library as service
from runstrong_gui.storage.engine import StoreError
from runstrong_gui.ui.library.dock import LibraryDock
from runstrong_gui.ui.library.filters import LibraryFilters, predicate
from runstrong_gui.ui.library.model import LibraryModel
from runstrong_gui.ui.shell import theme

if TYPE_CHECKING:
    from runstrong_gui.services.queries import WeekData
    from runstrong_gui.ui.shell.main_window import MainWindow


LOADING_LIBRARY = "Loading the library…"


class LibraryFeature(QObject):
    """The Library dock and everything done to the library; no exercise of its own."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.model = LibraryModel(self)
        self.dock = LibraryDock(self.model, window)
        window.add_dock(self.dock, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.panel = self.dock.panel
        if not window.has_store:
            self.panel.count.setText(LOADING_LIBRARY)
        self._tokens: frozenset[str] = frozenset()
        self._kit: tuple[Equipment, ...] = (Equipment.NONE,)

        self.filters = LibraryFilters(self.panel)
        self.panel.filters_host.addWidget(self.filters)

        self.act_new = QAction("New…", self)
        self.act_new.setToolTip("Make an exercise of your own")
        self.act_new.setShortcut(QKeySequence("Ctrl+Shift+X"))
        self.act_edit = QAction("Edit…", self)
        self.act_duplicate = QAction("Duplicate", self)
        self.act_duplicate.setToolTip("Copy the exercise into one of your own, to change freely")
        self.act_hide = QAction("Hide", self)
        self.act_delete = QAction("Delete…", self)
        self.act_add = QAction("Add to selected day", self)
        self.act_add.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.act_add.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.act_add.setToolTip(
            "Add the exercise to the selected strength session, or as a new strength "
            "session on the selected day (Enter in the list, or Ctrl+Shift+A)"
        )
        self._actions = (
            self.act_new,
            self.act_edit,
            self.act_duplicate,
            self.act_hide,
            self.act_delete,
        )
        for act in self._actions:
            button = QToolButton(self.panel)
            button.setDefaultAction(act)
            button.setAutoRaise(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self.panel.actions_host.addWidget(button)
        window.writing.add_editing(
            self.act_new,
            self.act_edit,
            self.act_duplicate,
            self.act_hide,
            self.act_delete,
            self.act_add,
        )
        window.addAction(self.act_add)  # its shortcut works wherever the focus is
        self.add_button = QPushButton(self.panel)
        self.add_button.setObjectName("libraryAdd")
        self.add_button.setText(self.act_add.text())
        self.add_button.setToolTip(self.act_add.toolTip())
        self.add_button.setAccessibleName("Add the exercise to the selected day")
        self.add_button.clicked.connect(self.act_add.trigger)
        self.act_add.changed.connect(lambda: self.add_button.setEnabled(self.act_add.isEnabled()))
        panel_layout = self.panel.layout()
        assert panel_layout is not None
        panel_layout.addWidget(self.add_button)
        menu = window.menu("edit").addMenu("Exercise &library")
        menu.addActions(list(self._actions))
        menu.addSeparator()
        menu.addAction(self.act_add)
        self.panel.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

        self.plan_notice = QLabel(window)
        self.plan_notice.setObjectName("avoidNotice")
        theme.style(self.plan_notice, "color: {warning};")
        self.plan_notice.hide()
        window.add_status_widget(self.plan_notice)

        self.filters.changed.connect(self.apply_filters)
        self.act_new.triggered.connect(self.new_exercise)
        self.act_edit.triggered.connect(self.edit_exercise)
        self.act_duplicate.triggered.connect(self.duplicate_exercise)
        self.act_hide.triggered.connect(self.toggle_hidden)
        self.act_delete.triggered.connect(self.delete_exercise)
        self.act_add.triggered.connect(self.add_to_plan)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # Enter in the list, not a double-click
            enter = QShortcut(QKeySequence(key), self.panel.list)
            enter.setContext(Qt.ShortcutContext.WidgetShortcut)
            enter.activated.connect(self.act_add.trigger)
        self.panel.list.customContextMenuRequested.connect(self._context_menu)
        self.panel.exercise_selected.connect(self._update_actions)
        self.filters.show_hidden.toggled.connect(lambda _on: self.reload())
        window.athlete_changed.connect(self.set_athlete)
        window.week_shown.connect(self.update_plan_notice)
        window.loaded.connect(self.load)
        window.reloaded.connect(self.reload)
        window.read_only_changed.connect(lambda on: self.panel.list.setDragEnabled(not on))
        self.panel.list.setDragEnabled(not window.read_only)
        self.apply_filters()
        self._update_actions(None)

    # -- into the plan, without dragging ---------------------------------------------
    def add_to_plan(self) -> bool:
        """Add the current exercise where a drop would put it: onto the selected strength
        session, else as a new strength session on the selected day (the same commands
        the calendar's drop runs, so one undo step)."""
        from runstrong_gui.domain.enums import SessionKind
        from runstrong_gui.services import calendar as plan

        w = self.window
        exercise = self.panel.current_exercise()
        if exercise is None or exercise.id is None or w.athlete is None:
            w.notify("Choose an exercise in the library first.")
            return False
        if w.refuse_while_paused("Not added"):
            return False
        detail = w.selected_session
        if detail is not None and detail.session.kind is SessionKind.STRENGTH:
            command = plan.drop_exercises_on_session(
                w.athlete, detail.session, [exercise.id], exercise.name
            )
        elif w.selected_day is not None:
            command = plan.drop_exercises_on_day(
                w.athlete, w.selected_day, [exercise.id], exercise.name
            )
        else:
            w.notify("Select a session or a day in the week first (Tab to a day, or click it).")
            return False
        return w.apply(command, initiator=self) is not None

    # -- what is shown -------------------------------------------------------------
    def set_athlete(self, athlete: Athlete | None) -> None:
        """Flag (or hide) what this athlete avoids; their equipment feeds the filter."""
        self._tokens = service.avoid_tokens(athlete.avoid) if athlete else frozenset()
        self._kit = athlete.equipment if athlete else (Equipment.NONE,)
        tokens = self._tokens
        self.model.set_marker((lambda e: service.is_avoided(e, tokens)) if tokens else None)
        self.apply_filters()

    def apply_filters(self) -> None:
        tokens = self._tokens
        avoided = (lambda e: service.is_avoided(e, tokens)) if tokens else None
        self.panel.proxy.set_predicate(predicate(self.filters.criteria(), avoided, self._kit))

    def load(self) -> None:
        """The library once the week is on screen, with its first exercise's details."""
        self.reload()
        panel = self.panel
        if not panel.list.currentIndex().isValid() and panel.proxy.rowCount():
            panel.list.setCurrentIndex(panel.proxy.index(0, 0))  # details are never blank

    def reload(self, select_id: int | None = None) -> None:
        """Read the library back (hidden exercises too: the filter decides what shows)."""
        if not self.window.has_store:
            return
        self.model.set_exercises(self.window.queries.library(include_hidden=True))
        if select_id is not None:
            self.panel.select_exercise(select_id)
        self._update_actions(self.panel.current_exercise())

    def update_plan_notice(self, week: WeekData | None = None) -> None:
        """Name the shown week's planned exercises that the athlete avoids."""
        week = week if week is not None else self.window.shown_week
        found = service.avoided_items(
            (d for day in week.days for d in day.sessions) if week else (),
            week.athlete if week else None,
        )
        if not found:
            self.plan_notice.hide()
            self.plan_notice.clear()
            return
        names = [f"{e.name} ({WEEKDAYS_SHORT[d.session.date.weekday()]})" for d, e in found]
        shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        self.plan_notice.setText(f"⚠ On the avoid list this week: {shown}")
        self.plan_notice.setToolTip("\n".join(names))
        self.plan_notice.show()

    def _update_actions(self, exercise: Exercise | None) -> None:
        has = exercise is not None
        custom = has and not exercise.builtin  # type: ignore[union-attr]
        damaged = has and bool(exercise.damage)  # type: ignore[union-attr]
        self.act_edit.setEnabled(custom or damaged)
        self.act_edit.setToolTip(
            "Store valid values for what is damaged"
            if damaged
            else "Change this exercise"
            if custom
            else "Built-in exercises stay as they are: duplicate one to change it"
        )
        self.act_duplicate.setEnabled(has)
        self.act_hide.setEnabled(has)
        self.act_hide.setText("Show" if has and exercise.hidden else "Hide")  # type: ignore[union-attr]
        self.act_hide.setToolTip(
            "Bring it back into the library"
            if has and exercise.hidden  # type: ignore[union-attr]
            else "Leave it out of the library and the generator (plans keep it)"
        )
        self.act_delete.setEnabled(custom)
        self.act_delete.setToolTip(
            "Delete this exercise of your own"
            if custom
            else "Built-in exercises can be hidden, not deleted"
        )

    def _context_menu(self, pos: QPoint) -> None:
        menu = QMenu(self.panel.list)
        menu.addActions(list(self._actions))
        menu.exec(self.panel.list.viewport().mapToGlobal(pos))

    # -- changes -------------------------------------------------------------------
    def _save(self, exercise: Exercise) -> Exercise:
        paused = self.window.writing.paused_message()
        if paused:  # the dialog shows it and stays open with what was typed
            raise StoreError(paused)
        return service.save_exercise(self.window.queries.store, exercise)

    def new_exercise(self) -> Exercise | None:
        from runstrong_gui.ui.library.exercise_dialog import ExerciseDialog  # loads on first use

        dialog = ExerciseDialog(None, self._save, self.window)
        if not dialog.exec() or dialog.saved is None:
            return None
        return self._saved(dialog.saved, "Added")

    def edit_exercise(self) -> Exercise | None:
        current = self.panel.current_exercise()
        if current is None or (current.builtin and not current.damage):
            return None
        from runstrong_gui.ui.library.exercise_dialog import ExerciseDialog

        dialog = ExerciseDialog(current, self._save, self.window)
        if not dialog.exec() or dialog.saved is None:
            return None
        return self._saved(dialog.saved, "Saved")

    def _saved(self, exercise: Exercise, verb: str) -> Exercise:
        if exercise.hidden and not self.filters.show_hidden.isChecked():
            self.filters.show_hidden.setChecked(True)
        self.reload(exercise.id)
        if not self.panel.select_exercise(exercise.id or -1):
            self.filters.clear()
            self.panel.search.clear()
            self.panel.select_exercise(exercise.id or -1)
        self.window.plan_changed.emit(None, self)  # cards show exercise names
        self.window.notify(f"{verb} “{exercise.name}”.", 5000)
        return exercise

    def duplicate_exercise(self) -> Exercise | None:
        current = self.panel.current_exercise()
        if current is None or current.id is None:
            return None
        if self.window.refuse_while_paused("Duplicate exercise"):
            return None
        try:
            copy = service.duplicate_exercise(self.window.queries.store, current.id)
        except StoreError as exc:
            self.window.show_error("Duplicate exercise", str(exc))
            return None
        self._saved(copy, "Made")
        self.window.notify(f"Made “{copy.name}”: edit it to make it your own.")
        return copy

    def toggle_hidden(self) -> None:
        current = self.panel.current_exercise()
        if current is None or current.id is None:
            return
        if self.window.refuse_while_paused("Hide exercise"):
            return
        try:
            service.set_hidden(self.window.queries.store, current.id, not current.hidden)
        except StoreError as exc:
            self.window.show_error("Hide exercise", str(exc))
            return
        self.reload(current.id)
        verb = "Showing" if current.hidden else "Hid"
        self.window.notify(f"{verb} “{current.name}”.", 5000)

    def delete_exercise(self) -> bool:
        current = self.panel.current_exercise()
        if current is None or current.id is None:
            return False
        if self.window.refuse_while_paused("Delete exercise"):
            return False
        try:
            refusal = service.delete_refusal(self.window.queries.store, current.id)
        except StoreError as exc:
            refusal = str(exc)
        if refusal is not None:
            self.window.show_error("Delete exercise", refusal)
            return False
        answer = QMessageBox.question(
            self.window,
            "Delete exercise",
            f"Delete “{current.name}” from the library? This cannot be undone.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            service.delete_exercise(self.window.queries.store, current.id)
        except StoreError as exc:
            self.window.show_error("Delete exercise", str(exc))
            return False
        self.reload()
        self.window.notify(f"Deleted “{current.name}”.", 5000)
        return True


def install(window: MainWindow) -> LibraryFeature:
    return LibraryFeature(window)
