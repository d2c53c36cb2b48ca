"""Installs the Session dock: right dock area, View menu toggle, and its wiring.

The dock follows the calendar's selection and reads the session again after every
change to the plan (its own edits, undo/redo, calendar moves). Its edits go through
``window.apply`` so they share the calendar's one undo stack.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer

from runstrong_gui.ui.session.dock import SessionDock

if TYPE_CHECKING:
    from runstrong_gui.services.editing import Edit, SessionView
    from runstrong_gui.ui.session.editor import SessionEditor
    from runstrong_gui.ui.shell.main_window import MainWindow


class SessionEditorFeature(QObject):
    """Connects the dock to the window: selection in, edits out, refresh on every change."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.dock = SessionDock(self._read, self._apply, window)
        self._athlete_id = window.athlete.id if window.athlete else None
        self._reselecting = False
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        window.view_menu.addAction(self.dock.toggleViewAction())
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.window.week_view.session_selected.connect(self._selected)
        self.window.plan_changed.connect(self._plan_changed)
        self.window.athlete_changed.connect(self._athlete_changed)
        # the editor is built once the week is on screen, before anyone can click a card
        self.window.store_opened.connect(lambda _p: QTimer.singleShot(0, self._build))

    def _build(self) -> None:
        self.dock.editor  # noqa: B018 - building it is the point

    @property
    def editor(self) -> SessionEditor:
        return self.dock.editor

    def _read(self, session_id: int) -> SessionView | None:
        from runstrong_gui.services import editing

        planner = self.window.planner
        return editing.read_session(planner.store, session_id, planner.exercise_cache)

    def _apply(self, edit: Edit) -> bool:
        return self.window.apply(edit.label, edit.days, edit.action) is not None

    def _selected(self, detail: Any) -> None:
        if self._reselecting:
            return  # our own re-selection of the card the dock already shows
        if detail is None:
            if not self.dock.built:
                return
            if not self.editor.applying:  # a redraw during our own edit keeps the session
                self.editor.show_session(None)
            return
        self.editor.show_session(detail.session.id)

    def _plan_changed(self) -> None:
        if not self.dock.built:
            return  # nothing shown yet
        moved = self._moved_view()
        if moved is not None:
            self.editor.show_moved(moved)
        else:
            self.editor.reload()
        self.editor.fresh = True  # re-selecting the same card next needs no second read
        self._reselect_card()

    def _moved_view(self) -> SessionView | None:
        """The shown session as the change just applied left it, when that change touched
        its row only (a card moved to another day or place): no need to read it again.
        None when it must be read (anything else changed, or an undo or redo)."""
        from runstrong_gui.domain.pain import pain_flags

        change, view = self.window.fresh_change, self.editor.view
        sid = self.editor.session_id
        if change is None or view is None or sid is None:
            return None
        before, after = change.before.get(sid), change.after.get(sid)
        if before is None or after is None or before.session != view.session:
            return None
        shown = [(p, view.logs_of(p.id)) for p, _e in view.items]
        if before.items != after.items or list(after.items) != shown:
            return None
        logs = [x for _p, kept in after.items for x in kept]
        flags = pain_flags([(after.session, logs)])
        return dataclasses.replace(view, session=after.session, flags=flags)

    def _reselect_card(self) -> None:
        """Keep the shown session's card selected after the week was redrawn."""
        w = self.window
        if not self.dock.built:
            return
        sid = self.editor.session_id
        if sid is None or w.week_view.selected_session_id() is not None:
            return
        index = w.week_model.index_of_session(sid)
        if not index.isValid():
            return
        self._reselecting = True
        try:
            w.week_view.columns[index.parent().row()].view.setCurrentIndex(index)
        finally:
            self._reselecting = False

    def _athlete_changed(self, athlete: Any) -> None:
        athlete_id = athlete.id if athlete is not None else None
        if not self.dock.built:
            self._athlete_id = athlete_id
            return
        if athlete_id != self._athlete_id:
            self._athlete_id = athlete_id
            self.editor.show_session(None)
        else:
            self.editor.reload()  # the same athlete, edited: units may have changed


def install(window: MainWindow) -> SessionDock:
    return SessionEditorFeature(window).dock
