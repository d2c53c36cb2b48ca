"""Installs the Session dock: right dock area, View menu toggle, and its wiring.

The dock follows the shell's selected card and reads the session again after every
change to the plan (its own edits, undo/redo, calendar moves). Its edits go through
``shell.apply`` so they share the calendar's one undo stack.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer

from runstrong_gui.ui.session.dock import SessionDock

if TYPE_CHECKING:
    from runstrong_gui.services import changes
    from runstrong_gui.services.changes import Command
    from runstrong_gui.services.editing import SessionView
    from runstrong_gui.ui.session.editor import SessionEditor
    from runstrong_gui.ui.shell.main_window import MainWindow


class SessionEditorFeature(QObject):
    """Connects the dock to the window: selection in, edits out, refresh on every change."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.dock = SessionDock(self._read, self._apply, window)
        self._athlete_id = window.athlete.id if window.athlete else None
        window.add_dock(self.dock, Qt.DockWidgetArea.RightDockWidgetArea)
        self._connect_signals()

    def _connect_signals(self) -> None:
        w = self.window
        w.session_selected.connect(self._selected)
        w.session_opened.connect(self._opened)
        w.plan_changed.connect(self._plan_changed)
        w.reloaded.connect(lambda: self._plan_changed(None, None))
        w.athlete_changed.connect(self._athlete_changed)
        w.week_changed.connect(self._week_changed)
        w.read_only_changed.connect(self._read_only)
        self._read_only(w.read_only)
        # the editor is built once the week is on screen, before anyone can click a card
        w.store_opened.connect(lambda _p: QTimer.singleShot(0, self._build))

    def _opened(self, _detail: object) -> None:
        self.dock.show()
        self.dock.raise_()

    def _build(self) -> None:
        self.dock.editor  # noqa: B018 - building it is the point
        self._read_only(self.window.read_only)

    def _read_only(self, on: bool) -> None:
        widget = self.dock.widget()
        if widget is not None:
            widget.setEnabled(not on)

    @property
    def editor(self) -> SessionEditor:
        return self.dock.editor

    def _read(self, session_id: int) -> SessionView | None:
        from runstrong_gui.services import editing

        queries = self.window.queries
        return editing.read_session(queries.store, session_id, queries.exercise_cache)

    def _apply(self, edit: Command) -> bool:
        change = self.window.apply(edit, initiator=self)
        return change is not None

    def _selected(self, detail: Any) -> None:
        if detail is None:
            if not self.dock.built:
                return
            if not self.editor.applying:  # a redraw during our own edit keeps the session
                self.editor.show_session(None)
            return
        self.editor.show_session(detail.session.id)

    def _plan_changed(self, change: changes.Change | None, initiator: object) -> None:
        if not self.dock.built:
            return  # nothing shown yet
        moved = self._moved_view(change) if initiator is not None else None
        if moved is not None:
            self.editor.show_moved(moved)
        else:
            self.editor.reload()
        self.editor.fresh = True  # re-selecting the same card next needs no second read

    def _moved_view(self, change: changes.Change | None) -> SessionView | None:
        """The shown session as the change just applied left it, when that change touched
        its row only (a card moved to another day or place): no need to read it again.
        None when it must be read (anything else changed)."""
        from runstrong_gui.domain.pain import pain_flags

        view = self.editor.view
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

    def _week_changed(self, week: int) -> None:
        """Empty the dock when the week shown no longer holds its session: a card of another
        week, still editable here, would look like part of the week on screen."""
        from runstrong_gui.domain.progression import week_dates

        athlete = self.window.athlete
        if not self.dock.built or athlete is None:
            return
        view = self.editor.view
        if view is not None and view.session.date not in week_dates(athlete, week):
            self.editor.show_session(None)

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
