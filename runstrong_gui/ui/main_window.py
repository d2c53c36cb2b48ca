"""The planner's main window: wires the docks, the week and the toolbar together.

It owns no data of record: it asks the planner service for what to show after every
change and remembers only view state (geometry, docks, last athlete and week).

At start-up the window is built and painted before the store is open (``MainWindow(None,
settings)``), then given its planner with :meth:`MainWindow.set_planner`; until the
store's checks pass, :meth:`MainWindow.pause_writes` keeps every change out of it. This
module and the features' modules load neither SQLAlchemy nor the store (the services
are imported where they are used), which is what lets the window paint first.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import gc
import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QKeySequence,
    QMoveEvent,
    QResizeEvent,
    QShowEvent,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QToolBar,
    QWidget,
)

from runstrong_gui import __version__
from runstrong_gui.domain.dates import full_date
from runstrong_gui.domain.errors import ValidationError
from runstrong_gui.domain.models import Athlete
from runstrong_gui.storage.engine import StoreError
from runstrong_gui.ui.library_dock import LibraryDock
from runstrong_gui.ui.library_model import LibraryModel
from runstrong_gui.ui.week_model import WeekModel
from runstrong_gui.ui.week_view import WeekView

if TYPE_CHECKING:
    from runstrong_gui.services import changes
    from runstrong_gui.services.planner import Planner

OPENING = "Opening the store…"
LOADING_LIBRARY = "Loading the library…"
CHECKING = "Checking the store…"
PAUSED_MESSAGES = {
    OPENING: "The store is still being opened, so nothing was saved. Try again in a moment.",
    CHECKING: "RunStrong is still checking the store, so nothing was saved. Try again in a moment.",
}
# the view state is saved this long after the last resize, move, dock or week change: a
# drag saves once, and a killed or crashed app still reopens as it was left
VIEW_SAVE_DELAY_MS = 500
DOCK_EVENTS = frozenset({QEvent.Type.Resize, QEvent.Type.Move, QEvent.Type.Show, QEvent.Type.Hide})


class MainTabs(QTabWidget):
    """The central tabs. Signals: tab_added(): a tab was inserted (see features.LazyTab)."""

    tab_added = Signal()

    def tabInserted(self, index: int) -> None:
        super().tabInserted(index)
        self.tab_added.emit()


class MainWindow(QMainWindow):
    """Signals:
    plan_changed(): the shown athlete's plan changed (an action, an undo or a redo).
    athlete_changed(object): another athlete (or None) is shown.
    week_changed(int): another block week is shown.
    store_opened(object): the window got its planner (features that use the store
        start here; :attr:`has_store` tells whether it already happened).
    """

    plan_changed = Signal()
    athlete_changed = Signal(object)
    week_changed = Signal(int)
    store_opened = Signal(object)

    def __init__(
        self, planner: Planner | None, settings: QSettings, parent: QWidget | None = None
    ) -> None:
        """With a planner the window shows its data at once; with None it is the frame
        only (every tab, dock and menu), waiting for :meth:`set_planner`."""
        super().__init__(parent)
        self._planner: Planner | None = None
        self.settings = settings
        self.setObjectName("mainWindow")
        self.setWindowTitle("RunStrong")
        self.athlete: Athlete | None = None
        self.week_number = 1
        self.writes_paused = ""  # why nothing may be saved yet (OPENING, CHECKING) or ""
        # the change apply() just made, while plan_changed is handled (None otherwise): what
        # it wrote is known exactly, so a listener may skip reading it back
        self.fresh_change: changes.Change | None = None
        self.view_timer = QTimer(self)
        self.view_timer.setSingleShot(True)
        self.view_timer.setInterval(VIEW_SAVE_DELAY_MS)
        self.view_timer.timeout.connect(self.save_view_state)

        self.library_model = LibraryModel(self)
        self.week_model = WeekModel(self)
        self.week_view = WeekView(self.week_model, self)
        self.tabs = MainTabs(self)
        self.tabs.setObjectName("mainTabs")
        self.tabs.addTab(self.week_view, "Week")
        self.setCentralWidget(self.tabs)
        self.library_dock = LibraryDock(self.library_model, self)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.library_dock)
        self.undo_stack = QUndoStack(self)

        self._build_actions()
        self._build_toolbar()
        self._build_menus()
        self.check_label = QLabel(self)
        self.check_label.setObjectName("storeCheck")
        self.check_label.setContentsMargins(4, 0, 8, 0)
        self.check_label.hide()
        self.statusBar().addPermanentWidget(self.check_label)
        self.store_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.store_label)
        self._connect_signals()
        from runstrong_gui.ui.features import install_features

        self._features_later = install_features(self, menus_later=planner is None)
        self._restore_view_state()
        if planner is not None:
            self.set_planner(planner)
        else:
            self.pause_writes(OPENING)
            self.week_view.header.caption.setText("Loading…")
            self.week_view.header.jump.clear()  # no week number before there is a week
            self.library_dock.panel.count.setText(LOADING_LIBRARY)

    @property
    def planner(self) -> Planner:
        """The planner service over the store (there is none before :meth:`set_planner`)."""
        if self._planner is None:
            raise RuntimeError("The window has no store yet.")
        return self._planner

    @property
    def has_store(self) -> bool:
        return self._planner is not None

    def set_planner(self, planner: Planner, *, rest_later: bool = False) -> None:
        """Show the store's data: the athletes and the remembered week, then the library
        and the features that wait for the store (``rest_later``: the caller does that
        part with :meth:`finish_loading`, as the app does once the week is on screen).

        ``MainWindow(planner, …)`` calls it at once; the app calls it once the window is
        on screen.
        """
        if self._planner is not None:
            raise RuntimeError("The window already has a store.")
        self._planner = planner
        self.store_label.setText(f"Store: {planner.store.url.removeprefix('sqlite+pysqlite:///')}")
        if self.writes_paused == OPENING:
            self.resume_writes()
        self.store_opened.emit(planner)
        if getattr(self, "read_only", False):  # opened read-only: now every feature exists
            self.set_read_only()
        remembered = self._remembered_athlete()
        self.reload_athletes(remembered)
        self._restore_week(remembered)
        if self.week_model.week is None:  # no athlete to show: no "Loading…" left behind
            self.week_view.header.caption.setText("")
        if not rest_later:
            self.finish_loading()

    def finish_loading(self) -> None:
        """The library, and the features that only add to closed menus (see
        :data:`~runstrong_gui.ui.features.MENU_ONLY`)."""
        if self._features_later:
            from runstrong_gui.ui.features import install_later

            install_later(self, self._features_later)
            self._features_later = []
        self.reload_library()
        _freeze_start_up()

    def pause_writes(self, reason: str) -> None:
        """Refuse every change for now (``reason``: OPENING or CHECKING), quietly: a
        note in the status bar, and a message only when a change is attempted."""
        self.writes_paused = reason
        self.check_label.setText(reason)
        self.check_label.setToolTip(
            "Changes can be made as soon as RunStrong has made sure the store is sound."
        )
        self.check_label.show()

    def resume_writes(self) -> None:
        self.writes_paused = ""
        self.check_label.hide()

    def paused_message(self) -> str:
        """Why a change would be refused now ("" when changes are allowed)."""
        if not self.writes_paused:
            return ""
        return PAUSED_MESSAGES.get(self.writes_paused, self.writes_paused)

    def refuse_while_paused(self, title: str) -> bool:
        """True, after saying why, while changes are paused (see :meth:`pause_writes`)."""
        message = self.paused_message()
        if message:
            self.show_error(title, message)
        return bool(message)

    # -- construction ----------------------------------------------------------
    def _build_actions(self) -> None:
        self.act_new_athlete = QAction("&New athlete…", self)
        self.act_new_athlete.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.act_edit_athlete = QAction("&Edit athlete…", self)
        self.act_edit_athlete.setShortcut(QKeySequence("Ctrl+E"))
        self.act_archive_athlete = QAction("&Archive athlete", self)
        self.act_show_archived = QAction("Show archived athletes", self)
        self.act_show_archived.setCheckable(True)
        self.act_prev_week = QAction("Previous week", self)
        self.act_prev_week.setShortcut(QKeySequence("Ctrl+PgUp"))
        self.act_next_week = QAction("Next week", self)
        self.act_next_week.setShortcut(QKeySequence("Ctrl+PgDown"))
        self.act_this_week = QAction("This week", self)
        self.act_this_week.setShortcut(QKeySequence("Ctrl+T"))
        self.act_quit = QAction("&Quit", self)
        self.act_quit.setShortcut(QKeySequence.StandardKey.Quit)
        self.act_about = QAction("&About RunStrong", self)
        self.act_open_log = QAction("Open &log folder", self)
        self.act_open_log.setToolTip("Show the folder of RunStrong's log and crash reports")
        self.act_undo = self.undo_stack.createUndoAction(self, "&Undo")
        self.act_undo.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Undo))
        self.act_redo = self.undo_stack.createRedoAction(self, "&Redo")
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])

    def _build_toolbar(self) -> None:
        bar = QToolBar("Athlete", self)
        bar.setObjectName("athleteToolbar")
        bar.setMovable(False)
        bar.addWidget(QLabel(" Athlete: ", bar))
        self.athlete_combo = QComboBox(bar)
        self.athlete_combo.setObjectName("athleteSwitcher")
        self.athlete_combo.setAccessibleName("Athlete")
        self.athlete_combo.setMinimumWidth(220)
        bar.addWidget(self.athlete_combo)
        bar.addAction(self.act_new_athlete)
        bar.addAction(self.act_edit_athlete)
        bar.addAction(self.act_archive_athlete)
        self.addToolBar(bar)
        self.toolbar = bar

    def _build_menus(self) -> None:
        menu = self.menuBar()
        self.file_menu = menu.addMenu("&File")
        self.file_menu.addAction(self.act_quit)
        self.edit_menu = menu.addMenu("&Edit")
        self.edit_menu.addAction(self.act_undo)
        self.edit_menu.addAction(self.act_redo)
        self.edit_menu.addSeparator()
        self.view_menu = menu.addMenu("&View")
        self.view_menu.addAction(self.act_prev_week)
        self.view_menu.addAction(self.act_next_week)
        self.view_menu.addAction(self.act_this_week)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.library_dock.toggleViewAction())
        self.athlete_menu = menu.addMenu("&Athlete")
        for act in (self.act_new_athlete, self.act_edit_athlete, self.act_archive_athlete):
            self.athlete_menu.addAction(act)
        self.athlete_menu.addSeparator()
        self.athlete_menu.addAction(self.act_show_archived)
        # filled by the plan tools feature, which loads after the first paint: the menu
        # bar has its final look from the start
        self.plan_menu = menu.addMenu("&Plan")
        self.help_menu = help_menu = menu.addMenu("&Help")
        help_menu.addAction(self.act_open_log)
        help_menu.addAction(self.act_about)

    def _connect_signals(self) -> None:
        self.athlete_combo.currentIndexChanged.connect(self._athlete_chosen)
        self.act_new_athlete.triggered.connect(self.new_athlete)
        self.act_edit_athlete.triggered.connect(self.edit_athlete)
        self.act_archive_athlete.triggered.connect(self.toggle_archive)
        self.act_show_archived.toggled.connect(lambda _on: self.reload_athletes(self._athlete_id()))
        self.act_prev_week.triggered.connect(lambda: self.show_week(self.week_number - 1))
        self.act_next_week.triggered.connect(lambda: self.show_week(self.week_number + 1))
        self.act_this_week.triggered.connect(self.show_this_week)
        self.week_view.header.week_requested.connect(self.show_week)
        self.week_view.header.today_requested.connect(self.show_this_week)
        self.act_quit.triggered.connect(self.close)
        self.act_about.triggered.connect(self._about)
        self.act_open_log.triggered.connect(self.open_log_folder)

    # -- data --------------------------------------------------------------------
    def _athlete_id(self) -> int | None:
        return self.athlete.id if self.athlete else None

    def reload_library(self) -> None:
        # hidden exercises are loaded too: the library panel's filter decides what shows
        if self._planner is None:
            return
        self.library_model.set_exercises(self.planner.library(include_hidden=True))
        panel = self.library_dock.panel
        if not panel.list.currentIndex().isValid() and panel.proxy.rowCount():
            panel.list.setCurrentIndex(panel.proxy.index(0, 0))  # the details pane is never blank

    def reload_athletes(self, select_id: int | None = None) -> None:
        if self._planner is None:
            return
        athletes = self.planner.athletes(include_archived=self.act_show_archived.isChecked())
        self.athlete_combo.blockSignals(True)
        self.athlete_combo.clear()
        for a in athletes:
            label = f"{a.name} (archived)" if a.archived else a.name
            self.athlete_combo.addItem(label, a.id)
        index = self.athlete_combo.findData(select_id) if select_id is not None else -1
        self.athlete_combo.setCurrentIndex(index if index >= 0 else (0 if athletes else -1))
        self.athlete_combo.blockSignals(False)
        self._athlete_chosen(
            self.athlete_combo.currentIndex(), keep_week=select_id == self._athlete_id()
        )

    def _athlete_chosen(self, index: int, keep_week: bool = False) -> None:
        athlete_id = self.athlete_combo.itemData(index) if index >= 0 else None
        if athlete_id is None:
            self.athlete = None
            self.act_edit_athlete.setEnabled(False)
            self.act_archive_athlete.setEnabled(False)
            return
        self.athlete = self.planner.athlete(int(athlete_id))
        self.act_edit_athlete.setEnabled(True)
        self.act_archive_athlete.setEnabled(True)
        self.act_archive_athlete.setText(
            "Restore athlete" if self.athlete.archived else "&Archive athlete"
        )
        self.settings.setValue("view/athlete", self.athlete.id)
        self.view_changed()
        self.athlete_changed.emit(self.athlete)
        self.show_week(self.week_number if keep_week else self.planner.current_week(self.athlete))

    def show_this_week(self) -> None:
        if self.athlete:
            self.show_week(self.planner.current_week(self.athlete))

    def show_week(self, week: int) -> None:
        if self.athlete is None or self.athlete.id is None:
            return
        changed = week != self.week_number
        self.week_number = week
        self.refresh_week()
        if changed:
            self.view_changed()
            self.week_changed.emit(week)

    def refresh_week(self) -> None:
        """Re-read the shown week from the store (after any change or undo)."""
        if self.athlete is None or self.athlete.id is None:
            return
        self.week_model.set_week(self.planner.week(self.athlete.id, self.week_number))
        self.refresh_warnings()

    def refresh_warnings(self) -> None:
        """Rule warnings for the shown week, under the grid and on the cards."""
        week = self.week_model.week
        lines = [w.message for w in week.warnings] if week is not None else []
        self.week_view.set_warning_lines(lines)

    # -- changes -------------------------------------------------------------------
    def apply(
        self,
        label: str,
        days: Iterable[dt.date],
        action: changes.Action,
        extra_ids: Iterable[int] = (),
    ) -> changes.Change | None:
        """Run one user action as one transaction and put it on the undo stack.

        A refused action (bad input, a store that cannot write) shows its message and
        leaves both the store and the screen as they were.
        """
        if self.athlete is None or self.athlete.id is None:
            return None
        if self.refuse_while_paused(label):
            return None
        if getattr(self, "read_only", False):
            self.show_error(label, "The store is read-only: nothing was saved.")
            return None
        from runstrong_gui.services import changes
        from runstrong_gui.ui.undo import ChangeCommand

        try:
            change = changes.record(
                self.planner.store, label, self.athlete.id, days, action, extra_ids
            )
        except (ValidationError, StoreError) as exc:
            self.show_error(label, str(exc))
            self.refresh_week()
            return None
        if not change.is_empty:
            self.undo_stack.push(ChangeCommand(self.planner.store, change, self._after_change))
        self.fresh_change = change
        try:
            self._after_change(change)
        finally:
            self.fresh_change = None
        return change

    def _after_change(self, change: changes.Change) -> None:
        if self.athlete is None or change.athlete_id != self.athlete.id:
            self.reload_athletes(change.athlete_id)
        self.refresh_week()
        self.plan_changed.emit()

    def set_read_only(self) -> None:
        """Turn every editing control off; the store refuses writes all the same."""
        self.read_only = True
        self.week_model.read_only = True
        calendar = getattr(self, "calendar", None)
        if calendar is not None:
            for act in (
                calendar.act_left,
                calendar.act_right,
                calendar.act_up,
                calendar.act_down,
                calendar.act_paste,
                calendar.act_duplicate,
                calendar.act_delete,
            ):
                act.setEnabled(False)
            calendar.add_menu.setEnabled(False)
            for act in calendar.week_menu.actions():
                if (
                    act.menu() is None
                    and act not in (self.act_prev_week, self.act_next_week, self.act_this_week)
                    and not act.text().startswith("Show")
                ):
                    act.setEnabled(False)
        plan_tools = getattr(self, "plan_tools", None)
        if plan_tools is not None:
            plan_tools.menu.setEnabled(False)
        library = getattr(self, "library_feature", None)
        if library is not None:
            for name in ("act_new", "act_edit", "act_duplicate", "act_hide", "act_delete"):
                getattr(library, name).setEnabled(False)
        dock = self.findChild(QDockWidget, "sessionDock")
        if dock is not None and dock.widget() is not None:
            dock.widget().setEnabled(False)

    def show_error(self, title: str, message: str) -> None:
        self.statusBar().showMessage(message, 8000)
        QMessageBox.warning(self, title, message)

    def current_athlete(self) -> Athlete | None:
        return self.athlete

    # -- athletes ------------------------------------------------------------------
    def new_athlete(self) -> None:
        from runstrong_gui.ui.athlete_dialog import AthleteDialog  # its widgets load on use

        dialog = AthleteDialog(None, self)
        if dialog.exec() and dialog.result_athlete is not None:
            saved = self._save_athlete(dialog.result_athlete)
            if saved:
                self.reload_athletes(saved.id)

    def edit_athlete(self) -> None:
        if self.athlete is None:
            return
        from runstrong_gui.ui.athlete_dialog import AthleteDialog

        dialog = AthleteDialog(self.athlete, self)
        if dialog.exec() and dialog.result_athlete is not None:
            saved = self._save_athlete(dialog.result_athlete)
            if saved:
                self.reload_athletes(saved.id)

    def toggle_archive(self) -> None:
        if self.athlete is None:
            return
        archived = not self.athlete.archived
        if archived:
            answer = QMessageBox.question(
                self,
                "Archive athlete",
                f"Archive {self.athlete.name}? Their plans and logs are kept; "
                "show archived athletes to bring them back.",
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        saved = self._save_athlete(dataclasses.replace(self.athlete, archived=archived))
        if saved:
            self.reload_athletes(None if archived else saved.id)

    def _save_athlete(self, athlete: Athlete) -> Athlete | None:
        if self.refuse_while_paused("Not saved"):
            return None
        try:
            return self.planner.save_athlete(athlete)
        except StoreError as exc:
            QMessageBox.warning(self, "Not saved", str(exc))
            return None

    # -- view state ------------------------------------------------------------------
    def _remembered_athlete(self) -> int | None:
        value = self.settings.value("view/athlete")
        try:
            return int(value) if value is not None else None
        except (TypeError, ValueError):
            return None

    def _restore_week(self, remembered_athlete: int | None) -> None:
        """Reopen on the week last shown, for the athlete last shown."""
        if self.athlete is None or remembered_athlete != self.athlete.id:
            return
        try:
            week = int(self.settings.value("view/week"))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return
        if week != self.week_number:
            self.show_week(week)

    def _restore_view_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(first_run_size(self.screen().availableGeometry().size()))
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        else:  # first run: give the week most of the room (again once shown: before
            # the first layout Qt ignores resizeDocks)
            self._size_docks()
            self._docks_sized = False

    def _size_docks(self) -> None:
        # docks are the window's own children: a search of every widget cost 3 ms
        found = self.findChildren(QDockWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
        docks = [d for d in found if not d.isFloating()]
        widths = [250 if d is self.library_dock else 340 for d in docks]
        self.resizeDocks(docks, widths, Qt.Orientation.Horizontal)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not getattr(self, "_docks_sized", True):
            self._docks_sized = True
            QTimer.singleShot(0, self._size_docks)

    def view_changed(self) -> None:
        """The layout, the athlete or the week changed: save the view state soon."""
        timer = getattr(self, "view_timer", None)  # None while the base class builds
        if timer is not None:
            timer.start()

    def save_view_state(self) -> None:
        """Geometry, docks, athlete and week, written to the settings file at once."""
        self.view_timer.stop()
        self.settings.setValue("view/week", self.week_number)
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.sync()
        path = self.settings.fileName()
        if path and os.path.isfile(path):
            with contextlib.suppress(OSError):
                os.chmod(path, 0o600)  # the athletes shown, the logo: this user's only

    def addDockWidget(self, *args: Any) -> None:  # type: ignore[override]
        """As QMainWindow's, and the dock's moves and resizes are saved (see
        :meth:`view_changed`)."""
        super().addDockWidget(*args)
        for arg in args:
            if isinstance(arg, QDockWidget):
                arg.installEventFilter(self)
                arg.dockLocationChanged.connect(self.view_changed)
                arg.topLevelChanged.connect(self.view_changed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QDockWidget) and event.type() in DOCK_EVENTS:
            self.view_changed()
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.view_changed()

    def moveEvent(self, event: QMoveEvent) -> None:
        super().moveEvent(event)
        self.view_changed()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_view_state()
        super().closeEvent(event)

    def open_log_folder(self) -> None:
        """Help ▸ Open log folder: the log and crash reports, to look at or send."""
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        from runstrong_gui import logs

        current = logs.log_file()
        folder = current.parent if current is not None else logs.log_dir()
        if not folder.is_dir() or not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            self.show_error(
                "Open log folder", f"The log folder could not be opened. It is {folder}"
            )

    def _about(self) -> None:
        QMessageBox.about(
            self,
            "About RunStrong",
            f"<b>RunStrong {__version__}</b><br>Strength training planned around your running."
            f"<br><br>Today is {full_date(dt.date.today())}.",
        )


_frozen = False


def _freeze_start_up() -> None:
    """Take what start-up made (modules, widgets, the library) out of the cycle collector's
    sight, once per process, and let it collect again (``runstrong`` pauses it while it
    starts). A full collection otherwise walks those ~90,000 long-lived objects and pauses
    the window 40–60 ms at unpredictable moments (seen as the slowest Progress tab
    redraws); they still go when nothing refers to them."""
    global _frozen
    if not _frozen:
        _frozen = True
        gc.freeze()
    gc.enable()


def first_run_size(available: QSize) -> QSize:
    """The window's size on a first run: most of a laptop or desktop screen, so the week
    has room beside both docks, but never smaller than 1280 × 780 (the window manager
    fits it to a smaller screen)."""
    width = max(1280, min(1480, int(available.width() * 0.92)))
    height = max(780, min(920, int(available.height() * 0.9)))
    return QSize(width, height)
