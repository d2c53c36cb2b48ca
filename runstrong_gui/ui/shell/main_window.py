"""The shell: the main window's frame and the small API the features meet through.

It owns no data of record. It knows the current athlete and week, hands every change
to :class:`~runstrong_gui.ui.shell.writing.Writing` (one transaction, one undo step)
and remembers view state (:mod:`~runstrong_gui.ui.shell.view_state`). Features place
their tabs, docks and menu entries through it and never touch each other's widgets;
which features exist is decided by the composition root (``runstrong_gui.app``).

At start-up the frame is built and painted before the store is open (``MainWindow(None,
settings)``), then given its store's queries with :meth:`MainWindow.set_queries`. This module
loads neither SQLAlchemy nor the store, which is what lets the window paint first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from runstrong_gui.domain.models import Athlete
from runstrong_gui.ui.shell import view_state
from runstrong_gui.ui.shell.help import open_log_folder, show_about, show_shortcuts
from runstrong_gui.ui.shell.menus import MenuBar
from runstrong_gui.ui.shell.writing import CHECKING, OPENING, Writing

if TYPE_CHECKING:
    from runstrong_gui.services import changes
    from runstrong_gui.services.queries import Queries

__all__ = ["CHECKING", "OPENING", "MainWindow"]


class MainWindow(QMainWindow):
    """The frame and the features' API.

    Signals:
        store_opened(object): the window got its store's queries (:attr:`has_store` tells
            whether it already happened).
        loaded(): start-up is over: the week is on screen; load what may wait.
        reloaded(): read everything again: the whole store was replaced (a restore), or
            another desktop changed the library (live refresh on a clinic store).
        athletes_changed(object): the list of athletes changed; show the athlete with
            this id (or the first one, for None).
        athlete_changed(object): another athlete (or None) is shown.
        week_changed(int): another block week is to be shown.
        week_shown(object): the calendar shows this WeekData (read after every change).
        plan_changed(object, object): the plan changed: ``(change, initiator)``; the
            initiator is whoever called :meth:`apply`, or None for an undo, a redo or a
            refused action (change None): read what is shown again.
        session_selected(object): the selected card's SessionDetail, or None.
        session_opened(object): the user asked to open this SessionDetail (a double-click).
        read_only_changed(bool): the store became read-only (or writable again).
        store_chosen(str): the user chose another store (its address; "" for the one on
            this computer): the app reopens on it.
    """

    store_opened = Signal(object)
    loaded = Signal()
    reloaded = Signal()
    athletes_changed = Signal(object)
    athlete_changed = Signal(object)
    week_changed = Signal(int)
    week_shown = Signal(object)
    plan_changed = Signal(object, object)
    session_selected = Signal(object)
    session_opened = Signal(object)
    read_only_changed = Signal(bool)
    store_chosen = Signal(str)

    def __init__(self, queries: Queries | None, settings: QSettings, parent: QWidget | None = None):
        """With its queries the window is ready at once (tests); with None it is the frame
        only, waiting for :meth:`set_queries`. Features are installed by the caller."""
        super().__init__(parent)
        self._queries: Queries | None = queries
        self.settings = settings
        self.setObjectName("mainWindow")
        self.setWindowTitle("RunStrong")
        self.athlete: Athlete | None = None
        self.week_number = 1
        self.selected_session: Any = None  # the SessionDetail of the selected card
        # the day of the selected card, or of the day column last focused: where the
        # library's "Add to day" puts an exercise when no strength session is selected
        self.selected_day: Any = None
        self.shown_week: Any = None  # the WeekData on screen
        self.view_saver = view_state.ViewSaver(self)

        host = QWidget(self)  # banners (none until needed) above the tabs
        host.setObjectName("centralHost")
        self._central = QVBoxLayout(host)
        self._central.setContentsMargins(0, 0, 0, 0)
        self._central.setSpacing(0)
        self.tabs = QTabWidget(host)
        self.tabs.setObjectName("mainTabs")
        self.tabs.setAccessibleName("Views")
        self._central.addWidget(self.tabs, 1)
        self.setCentralWidget(host)
        self.writing = Writing(self)
        self.undo_stack = self.writing.undo_stack
        self.editing = self.writing.editing
        self._build_actions()
        self._menus = MenuBar(self.menuBar())
        self.menu("file").addAction(self.act_quit)
        self.menu("edit").addActions([self.act_undo, self.act_redo])
        self.menu("edit").addSeparator()
        self.menu("view").addActions([self.act_prev_week, self.act_next_week, self.act_this_week])
        self.menu("view").addSeparator()
        self.menu("help").addActions([self.act_shortcuts, self.act_open_log, self.act_about])
        self.toolbar = QToolBar("Athlete", self)
        self.toolbar.setObjectName("athleteToolbar")
        self.toolbar.setMovable(False)
        self.addToolBar(self.toolbar)
        self.store_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.writing.check_label)
        self.statusBar().addPermanentWidget(self.store_label)
        self.session_selected.connect(self._remember_selection)
        if queries is None:
            self.writing.pause(OPENING)

    # -- the store -------------------------------------------------------------------
    @property
    def queries(self) -> Queries:
        """The store's read-only queries; none before :meth:`set_queries`."""
        if self._queries is None:
            raise RuntimeError("The window has no store yet.")
        return self._queries

    @property
    def has_store(self) -> bool:
        return self._queries is not None

    def set_queries(self, queries: Queries | None = None, *, rest_later: bool = False) -> None:
        """Show the store's data: the remembered athlete and week first, then (unless
        ``rest_later``: the caller calls :meth:`finish_loading` once the week is on
        screen) what may wait. A window built with its queries passes None."""
        if queries is not None:
            if self._queries is not None:
                raise RuntimeError("The window already has a store.")
            self._queries = queries
        queries = self.queries
        self.store_label.setText(f"Store: {queries.store.url.removeprefix('sqlite+pysqlite:///')}")
        if self.writing.paused == OPENING:
            self.writing.resume()
        self.store_opened.emit(queries)
        self.athletes_changed.emit(view_state.remembered_athlete(self.settings))
        if not rest_later:
            self.finish_loading()

    def finish_loading(self) -> None:
        self.loaded.emit()

    # -- current athlete and week -------------------------------------------------------
    def show_athlete(self, athlete_id: int | None, *, keep_week: bool = False) -> None:
        """Show this athlete (None: nobody) on their current week, or the remembered one."""
        if athlete_id is None:
            self.athlete = None
            self.athlete_changed.emit(None)
            return
        first = self.athlete is None and view_state.remembered_athlete(self.settings) == athlete_id
        self.athlete = self.queries.athlete(athlete_id)
        self.settings.setValue("view/athlete", athlete_id)
        self.view_saver.changed()
        self.athlete_changed.emit(self.athlete)
        remembered = view_state.remembered_week(self.settings) if first else None
        if keep_week:
            week = self.week_number
        elif remembered is not None:
            week = remembered
        else:
            week = self.queries.current_week(self.athlete)
        self.show_week(week, force=True)

    def show_week(self, week: int, *, force: bool = False) -> None:
        if self.athlete is None or self.athlete.id is None:
            return
        if week != self.week_number or force:
            self.selected_day = None  # a day of another week (or athlete) is no target
            self.week_number = week
            self.view_saver.changed()  # saved a moment later: no settings file write per switch
            self.week_changed.emit(week)

    def show_this_week(self) -> None:
        if self.athlete is not None:
            self.show_week(self.queries.current_week(self.athlete))

    def _remember_selection(self, detail: Any) -> None:
        self.selected_session = detail
        if detail is not None:
            self.selected_day = detail.session.date

    def publish_week(self, week: Any) -> None:
        """The calendar shows ``week`` (a WeekData): features that follow it hear so."""
        self.shown_week = week
        self.week_shown.emit(week)

    # -- writing -----------------------------------------------------------------------
    def apply(self, command: changes.Command, *, initiator: object = None) -> changes.Change | None:
        """One user action: one transaction, one undo step (see :class:`Writing`)."""
        return self.writing.apply(command, initiator=initiator)

    @property
    def read_only(self) -> bool:
        return self.writing.read_only

    def set_read_only(self) -> None:
        """Every editing action off at once; the store refuses writes all the same."""
        self.writing.set_read_only(True)

    def refuse_while_paused(self, title: str) -> bool:
        return self.writing.refuse_while_paused(title)

    # -- placement ---------------------------------------------------------------------
    def menu(self, name: str) -> QMenu:
        """One of :data:`~.menus.MENUS` by its key ("file", "edit", "view", …)."""
        return self._menus.menu(name)

    def add_to_file_menu(self, group: str, *items: QAction | QMenu) -> None:
        """Actions (or submenus) at the end of one of :data:`~.menus.FILE_GROUPS`."""
        self._menus.add_to_file_menu(group, *items)

    def add_tab(self, widget: QWidget, title: str, index: int = -1) -> None:
        self.tabs.insertTab(index, widget, title)

    def add_dock(self, dock: QDockWidget, area: Qt.DockWidgetArea) -> None:
        """A dock in ``area``, with its toggle in the View menu."""
        self.addDockWidget(area, dock)
        self.menu("view").addAction(dock.toggleViewAction())
        self.view_saver.watch(dock)

    def add_banner(self, widget: QWidget) -> None:
        """A strip above the tabs (a banner shows and hides itself)."""
        self._central.insertWidget(0, widget)

    def add_status_widget(self, widget: QWidget) -> None:
        self.statusBar().addPermanentWidget(widget)

    # -- messages ----------------------------------------------------------------------
    def notify(self, text: str, ms: int = 8000) -> None:
        self.statusBar().showMessage(text, ms)

    def show_error(self, title: str, message: str) -> None:
        self.statusBar().showMessage(message, 8000)
        QMessageBox.warning(self, title, message)

    # -- frame ---------------------------------------------------------------------------
    def _build_actions(self) -> None:
        self.act_prev_week = QAction("Previous week", self)
        self.act_prev_week.setShortcut(QKeySequence("Ctrl+PgUp"))
        self.act_prev_week.triggered.connect(lambda: self.show_week(self.week_number - 1))
        self.act_next_week = QAction("Next week", self)
        self.act_next_week.setShortcut(QKeySequence("Ctrl+PgDown"))
        self.act_next_week.triggered.connect(lambda: self.show_week(self.week_number + 1))
        self.act_this_week = QAction("This week", self)
        self.act_this_week.setShortcut(QKeySequence("Ctrl+T"))
        self.act_this_week.triggered.connect(self.show_this_week)
        self.act_quit = QAction("&Quit", self)
        self.act_quit.setShortcut(QKeySequence.StandardKey.Quit)
        self.act_quit.triggered.connect(self.close)
        self.act_shortcuts = QAction("&Keyboard shortcuts", self)
        self.act_shortcuts.setShortcut(QKeySequence.StandardKey.HelpContents)
        self.act_shortcuts.triggered.connect(lambda: show_shortcuts(self))
        self.act_about = QAction("&About RunStrong", self)
        self.act_about.triggered.connect(lambda: show_about(self))
        self.act_open_log = QAction("Open &log folder", self)
        self.act_open_log.setToolTip("Show the folder of RunStrong's log and crash reports")
        self.act_open_log.triggered.connect(lambda: open_log_folder(self))
        self.act_undo = self.writing.act_undo
        self.act_redo = self.writing.act_redo

    def restore_view_state(self) -> None:
        """Geometry and docks as the user left them (once every feature is installed)."""
        view_state.restore(self)

    def save_view_state(self) -> None:
        """Geometry, docks, athlete and week, written to the settings file now."""
        self.view_saver.save()
