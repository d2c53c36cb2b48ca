"""The Week and Block tabs: the shown week, drops, keyboard moves, the add palette and
week operations.

The calendar reads the shown week from the store whenever the shell says the athlete,
the week or the plan changed, and tells the shell which card is selected. Every gesture
becomes a :class:`~runstrong_gui.services.changes.Command` applied through
``shell.apply``: one transaction, one entry on the undo stack.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QInputDialog,
    QListView,
    QMenu,
    QMessageBox,
    QToolButton,
)

from runstrong_gui.domain.enums import SessionKind
from runstrong_gui.domain.errors import ValidationError
from runstrong_gui.services import calendar
from runstrong_gui.services.changes import Change, Command, Outcome
from runstrong_gui.storage.engine import StoreError
from runstrong_gui.ui.calendar.block_view import BlockView
from runstrong_gui.ui.calendar.drops import drop_command
from runstrong_gui.ui.calendar.week_model import DropRequest, WeekModel
from runstrong_gui.ui.calendar.week_view import WeekView
from runstrong_gui.ui.shell.mime import SESSION_MIME
from runstrong_gui.ui.shell.undo import ActionButton

if TYPE_CHECKING:
    from runstrong_gui.services.queries import WeekData
    from runstrong_gui.ui.shell.main_window import MainWindow

ADDABLE = (
    SessionKind.EASY,
    SessionKind.MODERATE,
    SessionKind.LONG,
    SessionKind.QUALITY,
    SessionKind.RACE,
    SessionKind.WALK,
    SessionKind.CROSS,
    SessionKind.REST,
    SessionKind.STRENGTH,
)


class CalendarController(QObject):
    """Owns the week's model and view and the block view; no state of record."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.model = WeekModel(self)
        self.view = WeekView(self.model, window)
        window.add_tab(self.view, "Week", 0)
        self.model.drop_handler = self.handle_drop
        self._shown_session: int | None = None  # the selected card, kept across redraws
        self._reselecting = False
        self._unheard = False  # a card chosen in start-up's first week, before the store
        for column in self.view.columns:
            column.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            column.view.customContextMenuRequested.connect(
                lambda pos, c=column: self._context_menu(c.view, c.day, pos)
            )
            column.view.doubleClicked.connect(self._double_clicked)
        self._build_actions()
        self.block_view = BlockView(self.window)
        self.block_view.week_requested.connect(self._open_week_from_block)
        window.add_tab(self.block_view, "Block")
        self._connect_signals()
        if not window.has_store:
            self.view.header.caption.setText("Loading…")
            self.view.header.jump.clear()  # no week number before there is a week

    def _connect_signals(self) -> None:
        w = self.window
        self.view.header.week_requested.connect(w.show_week)
        self.view.header.today_requested.connect(w.show_this_week)
        self.view.session_selected.connect(self._selected)
        w.week_changed.connect(lambda _week: self.refresh())
        w.plan_changed.connect(self._plan_changed)
        w.reloaded.connect(self.refresh)
        w.athlete_changed.connect(self._athlete_changed)
        w.read_only_changed.connect(self._read_only)
        self._read_only(w.read_only)
        w.plan_changed.connect(lambda *_: self._refresh_block())
        w.athlete_changed.connect(lambda _a: self._refresh_block())
        w.tabs.currentChanged.connect(lambda _i: self._refresh_block())
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old: object, now: object) -> None:
        """A day column taking the focus (Tab, a click on an empty day) selects its day."""
        week = self.model.week
        for column in self.view.columns:
            if column.view is now and week is not None:
                self.window.selected_day = week.days[column.day].date
                return

    # -- the shown week --------------------------------------------------------------
    def _plan_changed(self, change: Change | None, initiator: object) -> None:
        """A change just applied (``initiator`` set) is shown from what it read after
        writing; an undo or redo wrote newer versions than its snapshots hold, and no
        change at all means "read everything again"."""
        self.refresh(change if initiator is not None else None)

    def refresh(self, change: Change | None = None) -> None:
        """Show the shown week as the store holds it, keep the selected card selected.

        After ``change``, the week is that change applied to the week last read, when
        nothing else was written since (Queries.week_after); otherwise it is read again.
        """
        w = self.window
        if w.athlete is None or w.athlete.id is None:
            return
        if change is not None and change.athlete_id == w.athlete.id:
            week = w.queries.week_after(w.athlete.id, w.week_number, change.before, change.after)
        else:
            week = w.queries.week(w.athlete.id, w.week_number)
        self.model.set_week(week)
        self.view.set_warning_lines([warning.message for warning in week.warnings])
        self._reselect()
        w.publish_week(week)
        if self._unheard:  # the store is open now: the card chosen before it is heard of
            self._unheard = False
            sid = self._shown_session
            index = self.model.index_of_session(sid) if sid is not None else None
            w.session_selected.emit(self.model.detail(index) if index is not None else None)

    def show_first_week(self, week: WeekData) -> None:
        """Start-up's week, read before the store opened (app/launch.py): shown as the
        store's own read will be, which then replaces it in place (the same days)."""
        self.model.set_week(week)
        self.view.set_warning_lines([warning.message for warning in week.warnings])
        self.window.publish_week(week)

    def _athlete_changed(self, athlete: object) -> None:
        if athlete is None and self.model.week is None:
            self.view.header.caption.setText("")  # nobody to show: no "Loading…" left

    def _read_only(self, on: bool) -> None:
        self.model.read_only = on
        self.add_menu.setEnabled(not on)

    def _selected(self, detail: object) -> None:
        if self._reselecting:
            return  # our own re-selection after a redraw: nothing new for anybody
        self._shown_session = detail.session.id if detail is not None else None  # type: ignore[attr-defined]
        self._unheard = not self.window.has_store  # the editor reads the store: it waits
        if not self._unheard:
            self.window.session_selected.emit(detail)

    def _reselect(self) -> None:
        sid = self._shown_session
        if sid is None:
            return
        index = self.model.index_of_session(sid)
        if not index.isValid():  # gone from the week (deleted, moved away)
            self._shown_session = None
            return
        if self.view.selected_session_id() is None:
            self._reselecting = True
            try:
                self.view.columns[index.parent().row()].view.setCurrentIndex(index)
            finally:
                self._reselecting = False
        # The shell's selected card as just read: an action on it (the library's "Add to
        # plan") names the version on screen, not the one before the last save.
        shown = self.window.selected_session
        if shown is not None and shown.session.id == sid:
            self.window.selected_session = self.model.detail(index)

    # -- actions and menus -----------------------------------------------------------
    def _action(self, text: str, shortcut: str | QKeySequence.StandardKey | None, slot) -> QAction:  # type: ignore[no-untyped-def]
        """A card command; its key works while the week has focus, so Delete or Ctrl+C
        typed in the session editor or the search field never acts on a card."""
        act = QAction(text, self.view)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        act.triggered.connect(slot)
        self.view.addAction(act)
        return act

    def _build_actions(self) -> None:
        w = self.window
        self.act_left = self._action(
            "Move card a day earlier", "Ctrl+Left", lambda: self.move_selected(-1)
        )
        self.act_right = self._action(
            "Move card a day later", "Ctrl+Right", lambda: self.move_selected(1)
        )
        self.act_up = self._action(
            "Move card up in its day", "Ctrl+Up", lambda: self.shift_selected(-1)
        )
        self.act_down = self._action(
            "Move card down in its day", "Ctrl+Down", lambda: self.shift_selected(1)
        )
        self.act_copy = self._action(
            "&Copy card", QKeySequence.StandardKey.Copy, self.copy_selected
        )
        self.act_paste = self._action(
            "&Paste card onto day", QKeySequence.StandardKey.Paste, self.paste
        )
        self.act_duplicate = self._action(
            "D&uplicate card to the next day", "Ctrl+D", self.duplicate_selected
        )
        self.act_delete = self._action(
            "&Delete card", QKeySequence.StandardKey.Delete, self.delete_selected
        )
        w.writing.add_editing(
            self.act_left,
            self.act_right,
            self.act_up,
            self.act_down,
            self.act_paste,
            self.act_duplicate,
            self.act_delete,
        )
        edit = w.menu("edit")
        for act in (self.act_copy, self.act_paste, self.act_duplicate, self.act_delete):
            edit.addAction(act)
        edit.addSeparator()
        for act in (self.act_left, self.act_right, self.act_up, self.act_down):
            edit.addAction(act)

        self.add_menu = QMenu("&Add to day", w)
        for kind in ADDABLE:
            w.writing.add_editing(
                self.add_menu.addAction(kind.label, partial(self.add_to_day, kind))
            )
        self.week_menu = w.menu("week")
        self.week_menu.addMenu(self.add_menu)
        self.week_menu.addSeparator()
        w.writing.add_editing(
            self.week_menu.addAction("Copy this week onto the next weeks…", self.copy_week),
            self.week_menu.addAction("Insert a rest day…", self.insert_rest_day),
            self.week_menu.addAction("Clear this week", self.clear_week),
        )
        self.week_menu.addSeparator()
        self.week_menu.addAction(w.act_prev_week)
        self.week_menu.addAction(w.act_this_week)
        self.week_menu.addAction(w.act_next_week)
        self.week_menu.addAction(
            "Show the 12-week block", lambda: w.tabs.setCurrentWidget(self.block_view)
        )

        button = QToolButton(w.toolbar)
        button.setText("Add ▾")
        button.setToolTip("Add a run, walk, rest or strength session to the selected day")
        button.setMenu(self.add_menu)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        w.toolbar.addSeparator()
        w.toolbar.addWidget(button)
        w.toolbar.addWidget(ActionButton(w.act_undo, w.toolbar, "Undo", "↶"))
        w.toolbar.addWidget(ActionButton(w.act_redo, w.toolbar, "Redo", "↷"))

    def _context_menu(self, view: QListView, day: int, pos: QPoint) -> None:
        index = view.indexAt(pos)
        menu = QMenu(view)
        if index.isValid():
            view.setCurrentIndex(index)
            for act in (self.act_copy, self.act_duplicate, self.act_delete):
                menu.addAction(act)
            menu.addSeparator()
            for act in (self.act_left, self.act_right):
                menu.addAction(act)
            menu.addSeparator()
        date = self._date(day)
        add = menu.addMenu("Add to this day")
        for kind in ADDABLE:
            add.addAction(kind.label, partial(self.add_to_day, kind, date))
        menu.addAction("Paste card here", partial(self.paste, date))
        menu.addAction("Insert a rest day here", partial(self.insert_rest_day, date))
        menu.exec(view.viewport().mapToGlobal(pos))

    # -- helpers ---------------------------------------------------------------------
    def _date(self, day: int) -> dt.date:
        week = self.model.week
        assert week is not None
        return week.days[day].date

    def selected(self):  # type: ignore[no-untyped-def]
        """The selected card's SessionDetail, or None."""
        for column in self.view.columns:
            index = column.view.currentIndex()
            if index.isValid() and column.view.selectionModel().isSelected(index):
                return self.model.detail(index)
        return None

    def selected_day(self) -> dt.date:
        """The day an add or paste goes to: the selected card's, the focused column's, or today."""
        detail = self.selected()
        if detail is not None:
            return detail.session.date
        for column in self.view.columns:
            if column.view.hasFocus():
                return self._date(column.day)
        week = self.model.week
        today = dt.date.today()
        if week is not None and week.first <= today <= week.last:
            return today
        return week.first if week is not None else today

    def _run(self, plan: Command) -> bool:
        change = self.window.apply(plan)
        if change is None:
            return False
        self._follow(change.outcome)
        return True

    def _follow(self, outcome: Outcome) -> None:
        """Show the week of the card the action produced and select it."""
        w = self.window
        if outcome.focus_date is not None and w.athlete is not None:
            week = w.queries.current_week(w.athlete, outcome.focus_date)
            if week != w.week_number:
                w.show_week(week)
        if outcome.focus_session is not None:
            index = self.model.index_of_session(outcome.focus_session)
            if index.isValid():
                column = self.view.columns[index.parent().row()]
                column.view.setCurrentIndex(index)
                column.view.setFocus()

    def _guard(self, build) -> Command | None:  # type: ignore[no-untyped-def]
        try:
            return build()
        except (ValidationError, StoreError) as exc:
            self.window.show_error("Not changed", str(exc))
            return None

    # -- drops -----------------------------------------------------------------------
    def handle_drop(self, request: DropRequest) -> bool:
        w = self.window
        if w.athlete is None or w.read_only:
            return False
        try:
            plan = drop_command(request, self.model, w.queries, w.athlete)
        except (ValidationError, StoreError) as exc:
            w.show_error("Not changed", str(exc))
            return False
        return plan is not None and self._run(plan)

    # -- keyboard and menu commands ------------------------------------------------------
    def move_selected(self, days: int) -> None:
        detail = self.selected()
        if detail is None or self.window.read_only:
            return
        s = detail.session
        self._run(calendar.move_session(s, s.date + dt.timedelta(days=days)))

    def shift_selected(self, delta: int) -> None:
        detail = self.selected()
        if detail is None or self.window.read_only:
            return
        week = self.model.week
        if week is None:
            return
        count = len(next(d for d in week.days if d.date == detail.session.date).sessions)
        target = detail.session.order + delta
        if 0 <= target < count:
            self._run(calendar.move_session(detail.session, detail.session.date, target))

    def copy_selected(self) -> None:
        detail = self.selected()
        if detail is None:
            return
        mime = self.model.mimeData([self.model.index_of_session(detail.session.id)])
        QApplication.clipboard().setMimeData(mime)
        self.window.notify(f"Copied {detail.session.display_title}", 4000)

    def paste(self, day: dt.date | None = None) -> None:
        mime = QApplication.clipboard().mimeData()
        if mime is None or not mime.hasFormat(SESSION_MIME) or self.window.read_only:
            return
        model = self.model
        target_day = day or self.selected_day()
        week = model.week
        if week is None or not week.first <= target_day <= week.last:
            return
        parent = model.day_index((target_day - week.first).days)
        request = model.decode_drop(mime, Qt.DropAction.CopyAction, -1, parent)
        if request is not None:
            self.handle_drop(request)

    def duplicate_selected(self) -> None:
        detail = self.selected()
        if detail is None or self.window.read_only:
            return
        s = detail.session
        self._run(calendar.copy_session(s, s.date + dt.timedelta(days=1)))

    def delete_selected(self) -> None:
        detail = self.selected()
        if detail is None or self.window.read_only:
            return
        self._run(calendar.delete_session(detail.session))

    def add_to_day(self, kind: SessionKind, day: dt.date | None = None) -> None:
        w = self.window
        if w.athlete is None or w.read_only:
            return
        title = "Strength" if kind is SessionKind.STRENGTH else ""
        self._run(calendar.add_session(w.athlete, day or self.selected_day(), kind, title=title))

    def copy_week(self) -> None:
        w = self.window
        if w.athlete is None:
            return
        times, ok = QInputDialog.getInt(
            w,
            "Copy this week",
            f"Copy week {w.week_number} onto how many following weeks?",
            1,
            1,
            52,
        )
        if ok:
            plan = self._guard(lambda: calendar.copy_week(w.athlete, w.week_number, times))
            if plan is not None:
                self._run(plan)

    def clear_week(self) -> None:
        w = self.window
        if w.athlete is None:
            return
        answer = QMessageBox.question(
            w,
            "Clear this week",
            f"Remove every session of week {w.week_number}? You can undo this.",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._run(calendar.clear_week(w.athlete, w.week_number))

    def insert_rest_day(self, day: dt.date | None = None) -> None:
        w = self.window
        if w.athlete is None or w.read_only:
            return
        athlete = w.athlete
        athlete_id = athlete.id
        assert athlete_id is not None
        from runstrong_gui.ui.calendar.rest_day_dialog import RestDayDialog

        dialog = RestDayDialog(
            day or self.selected_day(), partial(w.queries.sessions_from, athlete_id), w
        )
        if self.run_dialog(dialog):
            self._run(calendar.insert_rest_day(athlete, dialog.day, dialog.moving))

    def run_dialog(self, dialog: QDialog) -> bool:
        """Run a dialog modally; the one place a test replaces to drive the dialogs."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    def _double_clicked(self, index: QModelIndex) -> None:
        detail = self.model.detail(index)
        if detail is not None:
            self.window.session_opened.emit(detail)

    # -- block view --------------------------------------------------------------------
    def _refresh_block(self) -> None:
        w = self.window
        if (
            w.tabs.currentWidget() is not self.block_view
            or w.athlete is None
            or w.athlete.id is None
        ):
            return
        self.block_view.show_block(w.athlete, w.queries.block(w.athlete.id), w.week_number)

    def _open_week_from_block(self, week: int) -> None:
        self.window.tabs.setCurrentWidget(self.view)
        self.window.show_week(week)


def install(window: MainWindow) -> CalendarController:
    return CalendarController(window)
