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

from PySide6.QtCore import (
    QModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from runstrong_gui.domain.dates import full_date
from runstrong_gui.domain.enums import SessionKind, Units
from runstrong_gui.domain.errors import ValidationError
from runstrong_gui.domain.models import Exercise, PlannedExercise
from runstrong_gui.services import editing
from runstrong_gui.services.changes import Command
from runstrong_gui.services.editing import SessionView
from runstrong_gui.ui.session.delegate import FieldDelegate
from runstrong_gui.ui.session.dock import EMPTY_STYLE, EMPTY_TEXT, SessionDock
from runstrong_gui.ui.session.log_model import LogModel
from runstrong_gui.ui.session.models import (
    MUTED,
    PLANNED_ID_ROLE,
    RUN_KINDS,
    PlannedModel,
    dose_text,
)
from runstrong_gui.ui.session.parts import (
    KeyClaims,
    LogBox,
    PainGuidance,
    error_label,
    fit_rows,
    section_title,
    set_text,
)
from runstrong_gui.ui.shell.style import WARNING

__all__ = ["SessionDock", "SessionEditor"]  # the dock lives in a light module of its own

Reader = Callable[[int], SessionView | None]
Applier = Callable[[Command], bool]


class SessionEditor(QWidget):
    """The dock's contents. ``read(session_id)`` gives what to show; ``apply(edit)`` saves
    an edit (one transaction, one undo entry) and returns whether it was saved. After a
    save the owner calls :meth:`reload` (the window does so on ``plan_changed``)."""

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
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.stack = QStackedWidget(self)
        outer.addWidget(self.stack)

        self.empty = QLabel(EMPTY_TEXT)
        self.empty.setObjectName("sessionEmpty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet(EMPTY_STYLE)
        self.stack.addWidget(self.empty)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        # a dock narrower than the editor scrolls sideways rather than cutting it off
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        body = QWidget(scroll)
        scroll.setWidget(body)
        self.stack.addWidget(scroll)
        self.body = scroll
        layout = QVBoxLayout(body)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.setSpacing(6)

        # header: title, date, duration, status
        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(0)
        self.title = QLabel(body)
        self.title.setObjectName("sessionTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = QLabel(body)
        self.subtitle.setObjectName("sessionSubtitle")
        self.subtitle.setStyleSheet("color: #4a525a;")
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        head.addLayout(titles, 1)
        self.duration = QLabel(body)
        self.duration.setObjectName("sessionDuration")
        self.duration.setToolTip("Estimated from sets, amounts, rests and changeovers")
        self.duration.setStyleSheet(
            "background: #fff3e0; border-radius: 9px; padding: 3px 10px; font-weight: bold;"
        )
        head.addWidget(self.duration, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(head)

        status = QHBoxLayout()
        self.done_button = QPushButton("✓ Done", body)
        self.done_button.setObjectName("sessionDone")
        self.done_button.setCheckable(True)
        self.done_button.setToolTip("Mark the session done")
        self.skip_button = QPushButton("Skipped", body)
        self.skip_button.setObjectName("sessionSkipped")
        self.skip_button.setCheckable(True)
        self.skip_button.setToolTip("Mark the session skipped")
        status.addWidget(self.done_button)
        status.addWidget(self.skip_button)
        status.addStretch(1)
        layout.addLayout(status)

        # page: strength (pages are shown or hidden, so each takes only its own height)
        strength = QWidget(body)
        layout.addWidget(strength)
        s_layout = QVBoxLayout(strength)
        s_layout.setContentsMargins(0, 0, 0, 0)
        s_layout.setSpacing(4)
        s_layout.addWidget(section_title("Exercises"))
        self.planned_model = PlannedModel(self)
        self.table = QTreeView(strength)
        self.table.setObjectName("plannedTable")
        self.table.setAccessibleName("Planned exercises")
        self.table.setModel(self.planned_model)
        self.table.setItemDelegate(FieldDelegate(self.table))
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setAlternatingRowColors(True)
        self.table.setAllColumnsShowFocus(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.table.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.table.setDragDropOverwriteMode(False)
        self.table.setDropIndicatorShown(True)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        header = self.table.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.resizeSection(0, 150)
        header.setMinimumSectionSize(30)
        s_layout.addWidget(self.table)

        row_buttons = QHBoxLayout()
        self.up_button = QPushButton("Move up", strength)
        self.up_button.setToolTip("Move the selected exercise up (Ctrl+Up)")
        self.down_button = QPushButton("Move down", strength)
        self.down_button.setToolTip("Move the selected exercise down (Ctrl+Down)")
        self.remove_button = QPushButton("Remove", strength)
        self.remove_button.setToolTip("Remove the selected exercise and its log (Delete)")
        for w in (self.up_button, self.down_button, self.remove_button):
            row_buttons.addWidget(w)
        row_buttons.addStretch(1)
        s_layout.addLayout(row_buttons)
        hint = QLabel("Drag a row to reorder; double-click a value to change it.", strength)
        hint.setWordWrap(True)
        hint.setStyleSheet(f"color: {MUTED.name()};")
        s_layout.addWidget(hint)
        self.table_error = error_label("plannedError")
        s_layout.addWidget(self.table_error)

        self.log_box = LogBox(strength)
        box = self.log_box
        self.log_plan, self.log_model, self.log_table = box.plan, box.model, box.table
        self.as_planned_button, self.add_set_button = box.as_planned_button, box.add_set_button
        self.clear_log_button, self.log_note, self.log_error = box.clear_button, box.note, box.error
        s_layout.addWidget(self.log_box)

        # page: runs, walks, rest, cross-training
        run = QWidget(body)
        layout.addWidget(run)
        form = QFormLayout(run)
        form.setContentsMargins(0, 4, 0, 0)
        self.kind_combo = QComboBox(run)
        self.kind_combo.setObjectName("sessionKind")
        for kind in RUN_KINDS:
            self.kind_combo.addItem(kind.label, kind.value)
        self.title_edit = QLineEdit(run)
        self.title_edit.setObjectName("sessionTitleEdit")
        self.title_edit.setPlaceholderText("e.g. 6 × 800 m at 10 km pace")
        self.minutes_edit = QLineEdit(run)
        self.minutes_edit.setObjectName("sessionMinutes")
        self.minutes_edit.setPlaceholderText("—")
        self.distance_edit = QLineEdit(run)
        self.distance_edit.setObjectName("sessionDistance")
        self.distance_edit.setPlaceholderText("—")
        form.addRow("Kind", self.kind_combo)
        form.addRow("Title", self.title_edit)
        form.addRow("Minutes", self.minutes_edit)
        form.addRow("Distance (km)", self.distance_edit)
        self.run_page = run
        self.strength_page = strength

        notes_row = QFormLayout()
        notes_row.setContentsMargins(0, 0, 0, 0)
        self.notes_edit = QLineEdit(body)
        self.notes_edit.setObjectName("sessionNotes")
        self.notes_edit.setPlaceholderText("Notes on the session")
        notes_row.addRow("Notes", self.notes_edit)
        layout.addLayout(notes_row)
        self.session_error = error_label("sessionError")
        layout.addWidget(self.session_error)

        # pain: the 48-hour question and the guidance
        pain_row = QHBoxLayout()
        self.persist_label = QLabel("Pain lasted more than 48 hours?", body)
        self.persist_no = QRadioButton("No", body)
        self.persist_no.setObjectName("painPersistingNo")
        self.persist_yes = QRadioButton("Yes", body)
        self.persist_yes.setObjectName("painPersistingYes")
        self.persist_group = QButtonGroup(self)
        self.persist_group.addButton(self.persist_no)
        self.persist_group.addButton(self.persist_yes)
        pain_row.addWidget(self.persist_label)
        pain_row.addWidget(self.persist_no)
        pain_row.addWidget(self.persist_yes)
        pain_row.addStretch(1)
        layout.addLayout(pain_row)

        self.guidance = PainGuidance(body)
        self.guidance_text = self.guidance.text
        layout.addWidget(self.guidance)
        self._reveal = QTimer(self)
        self._reveal.setSingleShot(True)
        self._reveal.setInterval(0)
        self._reveal.timeout.connect(lambda: self.body.ensureWidgetVisible(self.guidance))
        layout.addStretch(1)

        # keyboard equivalents of drag and the buttons; they win over the window's own
        # shortcuts for the same keys (which act on the calendar card) while a table has focus
        self.table_keys = KeyClaims(
            {
                QKeySequence("Ctrl+Up"): lambda: self._step(-1),
                QKeySequence("Ctrl+Down"): lambda: self._step(1),
                QKeySequence(QKeySequence.StandardKey.Delete): self._remove,
            },
            self.table,
        )
        self.log_keys = KeyClaims(
            {
                QKeySequence(QKeySequence.StandardKey.Delete): self._clear_cell,
                QKeySequence(Qt.Key.Key_Backspace): self._clear_cell,
            },
            self.log_table,
        )

    def _connect(self) -> None:
        self.planned_model.on_edit = self._edit_dose
        self.planned_model.on_move = self._move
        self.log_model.on_log = self._log
        self.table.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self.up_button.clicked.connect(lambda: self._step(-1))
        self.down_button.clicked.connect(lambda: self._step(1))
        self.remove_button.clicked.connect(self._remove)
        self.as_planned_button.clicked.connect(self._done_as_planned)
        self.add_set_button.clicked.connect(self._add_set)
        self.clear_log_button.clicked.connect(self._clear_log)
        self.log_note.editingFinished.connect(self._note_finished)
        self.done_button.clicked.connect(lambda on: self._status("done" if on else "planned"))
        self.skip_button.clicked.connect(lambda on: self._status("skipped" if on else "planned"))
        self.persist_yes.clicked.connect(lambda: self._persisting(True))
        self.persist_no.clicked.connect(lambda: self._persisting(False))
        self.kind_combo.activated.connect(self._kind_chosen)
        self.title_edit.editingFinished.connect(
            lambda: self._session_text("title", self.title_edit)
        )
        self.notes_edit.editingFinished.connect(
            lambda: self._session_text("notes", self.notes_edit)
        )
        self.minutes_edit.editingFinished.connect(self._minutes_finished)
        self.distance_edit.editingFinished.connect(self._distance_finished)

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
        self._show_log()
        has = bool(view.items)
        for w in (self.up_button, self.down_button, self.remove_button):
            w.setEnabled(has)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < len(view.items) - 1)

    def _show_log(self) -> None:
        view = self.view
        item = view.item(self._current_planned) if view else None
        logs = view.logs_of(self._current_planned) if view else ()
        units = view.units if view else Units.KG
        self.log_model.set_log(item, logs, units)
        fit_rows(self.log_table, self.log_model.rowCount(), 2, 8)
        self.log_box.setEnabled(item is not None)
        if item is None:
            self.log_box.setTitle("Log")
            self.log_plan.setText("Add exercises from the library to plan this session.")
            set_text(self.log_note, "")
            return
        planned, exercise = item
        self.log_box.setTitle(f"Log · {exercise.name}")
        logged = len(logs)
        done = f"{logged} of {planned.sets} sets logged" if logged else "Not logged yet"
        self.log_plan.setText(f"Planned {dose_text(planned, exercise, units)} · {done}")
        set_text(self.log_note, view.note_of(planned.id) if view else "")
        self.log_note.setEnabled(bool(logs))
        self.log_note.setPlaceholderText(
            "Note: how it felt, what to change next time" if logs else "Log a set to add a note"
        )
        self.clear_log_button.setEnabled(bool(logs))
        self.add_set_button.setEnabled(self.log_model.rowCount() < 20)

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

    def _refuse(self, label: QLabel, text: str, field: QWidget | None = None) -> bool:
        label.setText(f"{text} Not saved.")
        label.show()
        if field is not None:
            field.setStyleSheet(f"border: 1px solid {WARNING};")
        return False

    def _run(
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
            self._clear_errors()
            return self._refuse(where, f"{prefix}{exc.field}: {exc.message}.", field)
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
        return self._run(
            lambda: editing.update_dose(view.session, planned, exercise, field, value, view.units),
            self.table_error,
            f"{exercise.name} — ",
        )

    def _move(self, from_row: int, to_row: int) -> bool:
        view = self.view
        assert view is not None
        ok = self._run(
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
        if self._run(
            lambda: editing.remove_planned(view.session, planned, exercise), self.table_error
        ):
            self._current_planned = after or before
            self.reload()

    # -- logging -------------------------------------------------------------------------------
    def _current_item(self) -> tuple[PlannedExercise, Exercise] | None:
        return self.view.item(self._current_planned) if self.view else None

    def _log(self, set_number: int, field: str, value: object) -> bool:
        view, item = self.view, self._current_item()
        if view is None or item is None:
            return False
        if isinstance(value, ValidationError):  # text that is not a number
            self._clear_errors()
            return self._refuse(
                self.log_error, f"Set {set_number} — {value.field}: {value.message}."
            )
        planned, exercise = item
        logs = view.logs_of(planned.id)
        return self._run(
            lambda: editing.log_set(
                view.session, planned, exercise, logs, set_number, field, value, view.units
            ),
            self.log_error,
            f"Set {set_number} — ",
        )

    def _clear_cell(self) -> None:
        """Delete in the log: clear RPE or pain, or take the set out of the log."""
        index = self.log_table.currentIndex()
        if not index.isValid():
            return
        field = LogModel.COLUMNS[index.column()]
        if field in ("amount", "rpe", "pain"):
            self.log_model.setData(index, "")
        elif field == "load":
            self.log_model.setData(index, 0.0)

    def _done_as_planned(self) -> None:
        view, item = self.view, self._current_item()
        if view is not None and item is not None:
            self._run(lambda: editing.done_as_planned(view.session, *item), self.log_error)

    def _add_set(self) -> None:
        view, item = self.view, self._current_item()
        if view is None or item is None:
            return
        planned, exercise = item
        number = self.log_model.rowCount() + 1
        logs = view.logs_of(planned.id)
        self._run(
            lambda: editing.log_set(
                view.session, planned, exercise, logs, number, "amount", planned.amount
            ),
            self.log_error,
            f"Set {number} — ",
        )

    def _clear_log(self) -> None:
        view, item = self.view, self._current_item()
        if view is not None and item is not None:
            self._run(lambda: editing.clear_log(view.session, *item), self.log_error)

    def _note_finished(self) -> None:
        view, item = self.view, self._current_item()
        if view is None or item is None:
            return
        text = self.log_note.text()
        if text.strip() == view.note_of(item[0].id):
            return
        planned, exercise = item
        logs = view.logs_of(planned.id)
        self._run(
            lambda: editing.set_log_note(view.session, planned, exercise, logs, text),
            self.log_error,
            field=self.log_note,
        )

    # -- the session itself ----------------------------------------------------------------------
    def _status(self, status: str) -> None:
        view = self.view
        if view is not None and not self._run(
            lambda: editing.mark_status(view.session, status), self.session_error
        ):
            self.reload()  # the button shows the store's state again

    def _persisting(self, value: bool) -> None:
        view = self.view
        if view is None or view.session.pain_persisting == value:
            return
        if not self._run(
            lambda: editing.set_pain_persisting(view.session, value), self.session_error
        ):
            self.reload()

    def _kind_chosen(self, index: int) -> None:
        view = self.view
        kind = self.kind_combo.itemData(index)
        if view is None or kind == view.session.kind.value:
            return
        if not self._run(
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
        self._run(
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

        self._run(build, self.session_error, field=self.minutes_edit)

    def _distance_finished(self) -> None:
        view = self.view
        if view is None:
            return

        def build() -> Command | None:
            value = editing.parse_float("Distance", self.distance_edit.text(), optional=True)
            if value == view.session.distance_km:
                return None
            return editing.update_session_field(view.session, "distance_km", value)

        self._run(build, self.session_error, field=self.distance_edit)
