"""The Session dock: the selected session's exercises and doses, and the log of what was done.

The dock shows what the store holds and nothing else: after every change (its own, an
undo, a calendar edit) it reads the session again through
:func:`runstrong_gui.services.editing.read_session`. Each edit is built and checked by
:mod:`runstrong_gui.services.editing` first; a refused value puts its message under the
table or form it came from and nothing is written. Accepted edits go through the
window's one undo stack.

Models (``PlannedModel``, ``LogModel``) are thin tables over the last read; drag and drop
of rows lives in ``PlannedModel`` (``mimeData``/``dropMimeData``/``moveRows``) so it can
be tested without a mouse.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QModelIndex,
)
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QWidget,
)

from runstrong_gui.domain.dates import full_date
from runstrong_gui.domain.enums import SessionKind, Units
from runstrong_gui.domain.errors import ValidationError
from runstrong_gui.services import editing
from runstrong_gui.services.changes import Command
from runstrong_gui.services.editing import SessionView
from runstrong_gui.ui.session.dock import SessionDock
from runstrong_gui.ui.session.log_model import LogModel
from runstrong_gui.ui.session.models import (
    PLANNED_ID_ROLE,
)
from runstrong_gui.ui.session.parts import (
    fit_rows,
    set_text,
)
from runstrong_gui.ui.shell import theme

__all__ = ["SessionDock", "SessionEditor"]  # the dock lives in a light module of its own

Reader = Callable[[int], SessionView | None]
Applier = Callable[[Command], bool]

if TYPE_CHECKING:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import (
        QButtonGroup,
        QComboBox,
        QPushButton,
        QRadioButton,
        QScrollArea,
        QStackedWidget,
        QTableView,
        QTreeView,
    )

    from runstrong_gui.ui.session.log_panel import LogPanel
    from runstrong_gui.ui.session.models import PlannedModel
    from runstrong_gui.ui.session.parts import ColumnFitter, KeyClaims, LogBox, PainGuidance
    from runstrong_gui.ui.shell.wrapped_label import WrappedLabel


class SessionEditor(QWidget):
    """The dock's contents. ``read(session_id)`` gives what to show; ``apply(edit)`` saves
    an edit (one transaction, one undo entry) and returns whether it was saved. After a
    save the owner calls :meth:`reload` (the window does so on ``plan_changed``)."""

    # made by editor_form.build
    stack: QStackedWidget
    empty: QLabel
    body: QScrollArea
    title: QLabel
    subtitle: WrappedLabel
    duration: QLabel
    done_button: QPushButton
    skip_button: QPushButton
    strength_page: QWidget
    run_page: QWidget
    planned_model: PlannedModel
    table: QTreeView
    table_keys: KeyClaims
    table_columns: ColumnFitter
    table_error: QLabel
    up_button: QPushButton
    down_button: QPushButton
    remove_button: QPushButton
    log_box: LogBox
    log_plan: QLabel
    log_model: LogModel
    log_table: QTableView
    as_planned_button: QPushButton
    add_set_button: QPushButton
    clear_log_button: QPushButton
    log_note: QLineEdit
    log_error: QLabel
    kind_combo: QComboBox
    title_edit: QLineEdit
    minutes_edit: QLineEdit
    distance_edit: QLineEdit
    notes_edit: QLineEdit
    session_error: QLabel
    persist_label: QLabel
    persist_group: QButtonGroup
    persist_yes: QRadioButton
    persist_no: QRadioButton
    guidance: PainGuidance
    guidance_text: QLabel
    _reveal: QTimer
    log_panel: LogPanel

    def __init__(self, read: Reader, apply: Applier, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._read = read
        self._apply_edit = apply
        self.view: SessionView | None = None
        self._session_id: int | None = None
        self.fresh = False  # just read again for a plan change (see show_session)
        self._current_planned: int | None = None
        self.applying = False
        self._build()
        self._connect()
        self.show_session(None)

    # -- construction --------------------------------------------------------------------
    def _build(self) -> None:
        from runstrong_gui.ui.session import editor_form

        editor_form.build(self)

    def _connect(self) -> None:
        from runstrong_gui.ui.session import editor_form

        editor_form.connect(self)

    # -- showing -------------------------------------------------------------------------
    @property
    def session_id(self) -> int | None:
        return self._session_id

    @property
    def current_planned_id(self) -> int | None:
        return self._current_planned

    def show_session(self, session_id: int | None) -> None:
        """Show another session (or none); the same one is simply read again, unless it
        was read for the change that just happened (a moved card is selected again)."""
        if self.fresh and session_id is not None and session_id == self._session_id:
            self.fresh = False
            return
        self.fresh = False
        if session_id != self._session_id:
            self._session_id = session_id
            self._current_planned = None
            self._clear_errors()
        self.reload()

    def reload(self) -> None:
        """Read the shown session from the store again and show exactly that."""
        self.show_view(self._read(self._session_id) if self._session_id is not None else None)

    def show_view(self, view: SessionView | None) -> None:
        """Show ``view``, which holds what the store has for the shown session."""
        self.view = view
        if view is None:
            self._session_id = None
            self.planned_model.set_items(None, (), Units.KG)
            self.log_model.set_log(None, (), Units.KG)
            self.stack.setCurrentWidget(self.empty)
            return
        self.stack.setCurrentWidget(self.body)
        self._show_header(view)
        if view.session.kind is SessionKind.STRENGTH:
            self.run_page.hide()
            self.strength_page.show()
            self._show_exercises(view)
        else:
            self.strength_page.hide()
            self.run_page.show()
            self._show_run(view)
        self._show_pain(view)

    def show_moved(self, view: SessionView) -> None:
        """Show the shown session after a change to its own row only (a card moved to
        another day or place, a status): its exercises and logs are those shown, so the
        tables stay as they are (resetting them cost more than a whole card move)."""
        shown = self.view
        if (
            shown is None
            or shown.session.id != view.session.id
            or shown.session.kind is not view.session.kind
            or shown.items != view.items
            or shown.logs != view.logs
            or shown.flags.exercises != view.flags.exercises
        ):
            self.show_view(view)
            return
        self.view = view
        self._show_header(view)
        if view.session.kind is not SessionKind.STRENGTH:
            self._show_run(view)
        self._show_pain(view)

    def _show_header(self, view: SessionView) -> None:
        s = view.session
        self.title.setText(s.display_title)
        status = " · done" if s.done else " · skipped" if s.skipped else ""
        self.subtitle.setText(f"{full_date(s.date)}{status}")
        minutes = view.minutes
        if s.kind is SessionKind.STRENGTH:
            self.duration.setText(f"≈ {minutes} min")
            self.duration.setToolTip("Estimated from sets, amounts, rests and changeovers")
        else:
            parts = [
                f"{minutes} min" if minutes else "",
                f"{s.distance_km:g} km" if s.distance_km else "",
            ]
            self.duration.setText(" · ".join(p for p in parts if p) or s.kind.label)
            self.duration.setToolTip("")
        self.done_button.setChecked(s.done)
        self.skip_button.setChecked(s.skipped)
        set_text(self.notes_edit, s.notes)

    def _show_exercises(self, view: SessionView) -> None:
        self.planned_model.set_items(view.session.id, view.items, view.units, view.flags.exercises)
        row = self.planned_model.row_of(self._current_planned)
        if row < 0 and view.items:
            row = 0
        if row >= 0:
            index = self.planned_model.index(row, 0)
            if self.table.currentIndex().row() != row:
                self.table.setCurrentIndex(index)
            self._current_planned = view.items[row][0].id
        else:
            self._current_planned = None
        fit_rows(self.table, len(view.items), 4, 12)
        self.table_columns.fit()
        self._show_log()
        has = bool(view.items)
        for w in (self.up_button, self.down_button, self.remove_button):
            w.setEnabled(has)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < len(view.items) - 1)

    def _show_log(self) -> None:
        self.log_panel.show(self.view, self._current_planned)

    def _show_run(self, view: SessionView) -> None:
        s = view.session
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(s.kind.value)))
        set_text(self.title_edit, s.title)
        set_text(self.minutes_edit, "" if s.minutes is None else str(s.minutes))
        set_text(self.distance_edit, "" if s.distance_km is None else f"{s.distance_km:g}")

    def _show_pain(self, view: SessionView) -> None:
        persisting = view.session.pain_persisting
        self.persist_yes.setChecked(persisting)
        self.persist_no.setChecked(not persisting)
        if not view.flagged:
            self.guidance.hide()
            return
        self.guidance.show_reasons(view.reasons())
        if self.guidance.isHidden():
            self.guidance.show()
            self._reveal.start()  # once laid out, scroll the new warning into view

    # -- errors --------------------------------------------------------------------------
    def _clear_errors(self) -> None:
        for label in (self.table_error, self.log_error, self.session_error):
            label.clear()
            label.hide()
        for w in (self.minutes_edit, self.distance_edit, self.title_edit, self.notes_edit):
            w.setStyleSheet("")
        self.log_note.setStyleSheet("")

    def refuse(self, label: QLabel, text: str, field: QWidget | None = None) -> bool:
        """Show why a value was not saved at ``label`` (and mark ``field``); False."""
        self._clear_errors()
        label.setText(f"{text} Not saved.")
        label.show()
        if field is not None:
            field.setStyleSheet(f"border: 1px solid {theme.tokens()['warning']};")
        return False

    def run_edit(
        self,
        build: Callable[[], Command | None],
        where: QLabel,
        prefix: str = "",
        field: QWidget | None = None,
    ) -> bool:
        """Build an edit (refused values show at ``where``) and save it."""
        if self.view is None:
            return False
        try:
            edit = build()
        except ValidationError as exc:
            return self.refuse(where, f"{prefix}{exc.field}: {exc.message}.", field)
        if edit is None:
            return False
        self._clear_errors()
        self.applying = True
        try:
            return self._apply_edit(edit)
        finally:
            self.applying = False

    # -- planned exercises -----------------------------------------------------------------
    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid() or self.view is None:
            return
        planned_id = current.data(PLANNED_ID_ROLE)
        if planned_id != self._current_planned:
            self._current_planned = planned_id
            self.log_error.hide()
            self._show_log()
        row = current.row()
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(row < self.planned_model.rowCount() - 1)

    def _edit_dose(self, row: int, field: str, value: object) -> bool:
        view = self.view
        assert view is not None
        planned, exercise = self.planned_model.item(row)
        return self.run_edit(
            lambda: editing.update_dose(view.session, planned, exercise, field, value, view.units),
            self.table_error,
            f"{exercise.name} — ",
        )

    def _move(self, from_row: int, to_row: int) -> bool:
        view = self.view
        assert view is not None
        ok = self.run_edit(
            lambda: editing.move_planned(view.session, view.items, from_row, to_row),
            self.table_error,
        )
        if not ok:
            self.reload()  # put the rows back as the store has them
        return ok

    def _step(self, delta: int) -> None:
        row = self.planned_model.row_of(self._current_planned)
        if row < 0:
            return
        target = row + delta
        if 0 <= target < self.planned_model.rowCount():
            self.planned_model.moveRows(
                QModelIndex(), row, 1, QModelIndex(), target + (1 if delta > 0 else 0)
            )

    def _remove(self) -> None:
        view = self.view
        row = self.planned_model.row_of(self._current_planned)
        if view is None or row < 0:
            return
        planned, exercise = self.planned_model.item(row)
        after = view.items[row + 1][0].id if row + 1 < len(view.items) else None
        before = view.items[row - 1][0].id if row > 0 else None
        if self.run_edit(
            lambda: editing.remove_planned(view.session, planned, exercise), self.table_error
        ):
            self._current_planned = after or before
            self.reload()

    # -- the session itself ----------------------------------------------------------------------
    def _status(self, status: str) -> None:
        view = self.view
        if view is not None and not self.run_edit(
            lambda: editing.mark_status(view.session, status), self.session_error
        ):
            self.reload()  # the button shows the store's state again

    def _persisting(self, value: bool) -> None:
        view = self.view
        if view is None or view.session.pain_persisting == value:
            return
        if not self.run_edit(
            lambda: editing.set_pain_persisting(view.session, value), self.session_error
        ):
            self.reload()

    def _kind_chosen(self, index: int) -> None:
        view = self.view
        kind = self.kind_combo.itemData(index)
        if view is None or kind == view.session.kind.value:
            return
        if not self.run_edit(
            lambda: editing.update_session_field(view.session, "kind", kind), self.session_error
        ):
            self.reload()

    def _session_text(self, field: str, edit: QLineEdit) -> None:
        view = self.view
        if view is None:
            return
        text = edit.text().strip()
        if text == getattr(view.session, field):
            return
        self.run_edit(
            lambda: editing.update_session_field(view.session, field, text),
            self.session_error,
            field=edit,
        )

    def _minutes_finished(self) -> None:
        view = self.view
        if view is None:
            return

        def build() -> Command | None:
            value = editing.parse_int("Minutes", self.minutes_edit.text(), optional=True)
            if value == view.session.minutes:
                return None
            return editing.update_session_field(view.session, "minutes", value)

        self.run_edit(build, self.session_error, field=self.minutes_edit)

    def _distance_finished(self) -> None:
        view = self.view
        if view is None:
            return

        def build() -> Command | None:
            value = editing.parse_float("Distance", self.distance_edit.text(), optional=True)
            if value == view.session.distance_km:
                return None
            return editing.update_session_field(view.session, "distance_km", value)

        self.run_edit(build, self.session_error, field=self.distance_edit)
