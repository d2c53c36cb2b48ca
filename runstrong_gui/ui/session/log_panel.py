"""The Session dock's log panel: what was done of the selected exercise, set by set.

It shows the editor's last read for the current planned exercise and builds the log
commands of :mod:`runstrong_gui.services.set_logs`; the editor saves them through its
one :meth:`~runstrong_gui.ui.session.editor.SessionEditor.run_edit`, so a refused value
and an accepted log behave as every other field of the dock.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from runstrong_gui.domain import bounds
from runstrong_gui.domain.enums import Units
from runstrong_gui.domain.errors import ValidationError
from runstrong_gui.domain.models import Exercise, PlannedExercise
from runstrong_gui.services import set_logs
from runstrong_gui.services.editing import SessionView
from runstrong_gui.ui.session.log_model import LogModel
from runstrong_gui.ui.session.models import dose_text
from runstrong_gui.ui.session.parts import KeyClaims, fit_rows, set_text

if TYPE_CHECKING:
    from runstrong_gui.ui.session.editor import SessionEditor


class LogPanel:
    """Shows and edits the log box of ``editor`` (its ``log_*`` widgets)."""

    def __init__(self, editor: SessionEditor) -> None:
        self._editor = editor
        self._box = editor.log_box
        box = self._box
        box.model.on_log = self.log
        box.as_planned_button.clicked.connect(self.done_as_planned)
        box.add_set_button.clicked.connect(self.add_set)
        box.clear_button.clicked.connect(self.clear_log)
        box.note.editingFinished.connect(self.note_finished)
        self.keys = KeyClaims(
            {
                QKeySequence(QKeySequence.StandardKey.Delete): self.clear_cell,
                QKeySequence(Qt.Key.Key_Backspace): self.clear_cell,
            },
            box.table,
        )

    def show(self, view: SessionView | None, planned_id: int | None) -> None:
        """Show the log of planned exercise ``planned_id`` as ``view`` holds it."""
        box = self._box
        item = view.item(planned_id) if view else None
        logs = view.logs_of(planned_id) if view else ()
        units = view.units if view else Units.KG
        box.model.set_log(item, logs, units)
        fit_rows(box.table, box.model.rowCount(), 2, 8)
        box.columns.fit()
        box.setEnabled(item is not None)
        if item is None:
            box.setTitle("Log")
            box.plan.setText("Add exercises from the library to plan this session.")
            set_text(box.note, "")
            return
        planned, exercise = item
        box.setTitle(f"Log · {exercise.name}")
        logged = len(logs)
        done = f"{logged} of {planned.sets} sets logged" if logged else "Not logged yet"
        box.plan.setText(f"Planned {dose_text(planned, exercise, units)} · {done}")
        set_text(box.note, view.note_of(planned.id) if view else "")
        box.note.setEnabled(bool(logs))
        box.note.setPlaceholderText(
            "Note: how it felt, what to change next time" if logs else "Log a set to add a note"
        )
        box.clear_button.setEnabled(bool(logs))
        box.add_set_button.setEnabled(box.model.rowCount() < bounds.SETS[1])

    def _current(self) -> tuple[SessionView, PlannedExercise, Exercise] | None:
        view = self._editor.view
        item = view.item(self._editor.current_planned_id) if view else None
        return None if view is None or item is None else (view, *item)

    def log(self, set_number: int, field: str, value: object) -> bool:
        """One value typed in the log table (a ValidationError for text that is no number)."""
        current = self._current()
        if current is None:
            return False
        view, planned, exercise = current
        if isinstance(value, ValidationError):
            return self._editor.refuse(
                self._box.error, f"Set {set_number} — {value.field}: {value.message}."
            )
        logs = view.logs_of(planned.id)
        return self._editor.run_edit(
            lambda: set_logs.log_set(
                view.session, planned, exercise, logs, set_number, field, value, view.units
            ),
            self._box.error,
            f"Set {set_number} — ",
        )

    def clear_cell(self) -> None:
        """Delete in the log: clear RPE or pain, or take the set out of the log."""
        index = self._box.table.currentIndex()
        if not index.isValid():
            return
        field = LogModel.COLUMNS[index.column()]
        if field in ("amount", "rpe", "pain"):
            self._box.model.setData(index, "")
        elif field == "load":
            self._box.model.setData(index, 0.0)

    def done_as_planned(self) -> None:
        current = self._current()
        if current is not None:
            view, planned, exercise = current
            self._editor.run_edit(
                lambda: set_logs.done_as_planned(view.session, planned, exercise), self._box.error
            )

    def add_set(self) -> None:
        current = self._current()
        if current is None:
            return
        view, planned, exercise = current
        number = self._box.model.rowCount() + 1
        logs = view.logs_of(planned.id)
        self._editor.run_edit(
            lambda: set_logs.log_set(
                view.session, planned, exercise, logs, number, "amount", planned.amount
            ),
            self._box.error,
            f"Set {number} — ",
        )

    def clear_log(self) -> None:
        current = self._current()
        if current is not None:
            view, planned, exercise = current
            self._editor.run_edit(
                lambda: set_logs.clear_log(view.session, planned, exercise), self._box.error
            )

    def note_finished(self) -> None:
        current = self._current()
        if current is None:
            return
        view, planned, exercise = current
        text = self._box.note.text()
        if text.strip() == view.note_of(planned.id):
            return
        logs = view.logs_of(planned.id)
        self._editor.run_edit(
            lambda: set_logs.set_log_note(view.session, planned, exercise, logs, text),
            self._box.error,
            field=self._box.note,
        )
