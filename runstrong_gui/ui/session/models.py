"""Item models and the cell delegate behind the session editor: planned exercises and
their set logs. Kept apart from the dock so each can be read on its own."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from runstrong_gui.domain import numbers
from runstrong_gui.domain.enums import DoseKind, SessionKind, Units
from runstrong_gui.domain.errors import ValidationError
from runstrong_gui.domain.models import Exercise, PlannedExercise
from runstrong_gui.services import editing
from runstrong_gui.ui.shell import theme
from runstrong_gui.ui.shell.damage import damage_icon, damage_lines

Index = QModelIndex | QPersistentModelIndex
PLANNED_MIME = "application/x-runstrong-planned"
EDITOR_ROLE = Qt.ItemDataRole.UserRole + 40
PLANNED_ID_ROLE = Qt.ItemDataRole.UserRole + 41
FLAG_ROLE = Qt.ItemDataRole.UserRole + 42
RUN_KINDS = tuple(k for k in SessionKind if k is not SessionKind.STRENGTH)
WIDE = 99999  # editors accept any typed number; the service says what is allowed


@dataclass(frozen=True)
class EditorSpec:
    """What editor a cell wants: ``int``, ``float``, ``optional_int`` or ``text``."""

    kind: str
    suffix: str = ""
    step: float = 1.0
    name: str = ""


def _amount_text(kind: DoseKind, amount: int) -> str:
    unit = kind.unit
    return f"{amount} {unit}" if unit else str(amount)


def _load_text(kg: float, units: Units) -> str:
    return "—" if kg <= 0 else f"{editing.load_for_display(kg, units):g}"


def dose_text(planned: PlannedExercise, exercise: Exercise, units: Units) -> str:
    """'3 × 12 each side · 20 kg': a planned dose as a runner reads it."""
    text = f"{planned.sets} × {_amount_text(exercise.dose_kind, planned.amount)}"
    if planned.per_side:
        text += " each side"
    if planned.load_kg > 0:
        text += f" · {_load_text(planned.load_kg, units)} {Units(units).value}"
    return text


# ------------------------------------------------------------------------ planned exercises

EditHandler = Callable[[int, str, object], bool]
MoveHandler = Callable[[int, int], bool]


class PlannedModel(QAbstractTableModel):
    """The session's planned exercises in order, one column per dose field.

    Edits and moves are handed to ``on_edit(row, field, value)`` and
    ``on_move(from_row, to_row)``, which save them; the model then shows what the store
    says after the next :meth:`set_items`.
    """

    COLUMNS = ("exercise", *editing.DOSE_FIELDS)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[PlannedExercise, Exercise]] = []
        self._units = Units.KG
        self._flagged: frozenset[int] = frozenset()
        self._session_id: int | None = None
        self.on_edit: EditHandler | None = None
        self.on_move: MoveHandler | None = None

    # -- data in ---------------------------------------------------------------------
    def set_items(
        self,
        session_id: int | None,
        items: Sequence[tuple[PlannedExercise, Exercise]],
        units: Units,
        flagged: frozenset[int] = frozenset(),
    ) -> None:
        """Show ``items``; same exercises in the same order update in place (edits keep
        the selection and an open editor's row), anything else resets the model."""
        same = (
            session_id == self._session_id
            and units == self._units
            and [p.id for p, _e in items] == [p.id for p, _e in self._rows]
        )
        if same:
            # Only rows that differ are announced: a table sized to its contents measures
            # every announced cell again (a moved card's editor would re-measure them all).
            rows, self._rows = self._rows, list(items)
            was, self._flagged = self._flagged, flagged
            last = len(self.COLUMNS) - 1
            for r, (old, new) in enumerate(zip(rows, self._rows, strict=True)):
                if old != new or ((old[0].id in was) != (new[0].id in flagged)):
                    self.dataChanged.emit(self.index(r, 0), self.index(r, last))
            return
        self.beginResetModel()
        self._session_id = session_id
        self._rows = list(items)
        self._units = units
        self._flagged = flagged
        self.endResetModel()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)

    def item(self, row: int) -> tuple[PlannedExercise, Exercise]:
        return self._rows[row]

    def row_of(self, planned_id: int | None) -> int:
        return next((r for r, (p, _e) in enumerate(self._rows) if p.id == planned_id), -1)

    # -- structure --------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.COLUMNS):
            return None
        field = self.COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                "exercise": "Exercise",
                "sets": "Sets",
                "amount": "Amount",
                "load_kg": f"Load ({Units(self._units).value})",
                "tempo": "Tempo",
                "rest_seconds": "Rest",
                "per_side": "Per side",
                "notes": "Notes",
            }[field]
        if role == Qt.ItemDataRole.ToolTipRole:
            return {
                "amount": "Reps, seconds, steps or metres per set, by exercise",
                "tempo": "e.g. 3-1-1: seconds down, pause, up",
                "rest_seconds": "Rest between sets, in seconds",
                "per_side": "The amount is done on each side",
            }.get(field)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        flags = (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        )
        field = self.COLUMNS[index.column()]
        if field == "per_side":
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        elif field != "exercise":
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    # -- data out ---------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        p, e = self._rows[index.row()]
        field = self.COLUMNS[index.column()]
        flagged = p.id in self._flagged
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(p, e, field, flagged)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(p, field)
        if role == Qt.ItemDataRole.CheckStateRole and field == "per_side":
            return Qt.CheckState.Checked if p.per_side else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole:
            if field == "exercise" and flagged:
                return theme.colour("warning")
            if field == "load_kg" and p.load_kg <= 0:
                return theme.colour("subtle")
            return None
        if role == Qt.ItemDataRole.FontRole and field == "exercise" and flagged:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"{e.name}: {dose_text(p, e, self._units)}"]
            if e.tempo or p.tempo:
                lines.append(f"Tempo {p.tempo or e.tempo}")
            if p.rest_seconds:  # tempo, rest and notes give way first in a narrow dock
                lines.append(f"Rest {p.rest_seconds} s")
            if p.notes:
                lines.append(f"Notes: {p.notes}")
            if flagged:
                lines.append("Pain logged at or above the warning level")
            lines += damage_lines(p.damage)
            lines.append("Drag to reorder; double-click a value to change it")
            return "\n".join(lines)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            text = ("Damaged. " if p.damage else "") + f"{e.name}, {dose_text(p, e, self._units)}"
            return text + (", pain flagged" if flagged else "")
        if role == Qt.ItemDataRole.DecorationRole and field == "exercise" and p.damage:
            return damage_icon()
        if role == EDITOR_ROLE:
            return self._spec(e, field)
        if role == PLANNED_ID_ROLE:
            return p.id
        if role == FLAG_ROLE:
            return flagged
        if role == Qt.ItemDataRole.TextAlignmentRole and field in (
            "sets",
            "amount",
            "load_kg",
            "rest_seconds",
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, p: PlannedExercise, e: Exercise, field: str, flagged: bool) -> Any:
        if field == "exercise":
            return f"⚠ {e.name}" if flagged else e.name
        if field == "sets":
            return str(p.sets)
        if field == "amount":
            return _amount_text(e.dose_kind, p.amount)
        if field == "load_kg":
            return _load_text(p.load_kg, self._units)
        if field == "rest_seconds":
            return f"{p.rest_seconds} s"
        if field == "per_side":
            return None
        return getattr(p, field)

    def _edit_value(self, p: PlannedExercise, field: str) -> Any:
        if field == "load_kg":
            return editing.load_for_display(p.load_kg, self._units)
        if field == "exercise":
            return None
        return getattr(p, field)

    def _spec(self, e: Exercise, field: str) -> EditorSpec | None:
        name = editing.dose_field_label(field, e.dose_kind) if field != "exercise" else ""
        if field in ("sets", "rest_seconds"):
            return EditorSpec("int", " s" if field == "rest_seconds" else "", name=name)
        if field == "amount":
            unit = e.dose_kind.unit
            return EditorSpec("int", f" {unit}" if unit else "", name=name)
        if field == "load_kg":
            lb = Units(self._units) is Units.LB
            return EditorSpec("float", f" {Units(self._units).value}", 1.0 if lb else 0.5, name)
        if field in ("tempo", "notes"):
            return EditorSpec("text", name=name)
        return None

    # -- edits --------------------------------------------------------------------------
    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or self.on_edit is None:
            return False
        field = self.COLUMNS[index.column()]
        if field == "exercise":
            return False
        if role == Qt.ItemDataRole.CheckStateRole and field == "per_side":
            value = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role != Qt.ItemDataRole.EditRole:
            return False
        if isinstance(value, str) and field in ("sets", "amount", "load_kg", "rest_seconds"):
            if not value.strip():
                return False  # an emptied editor leaves the dose as it was
            # Typed text: one parser for both decimal marks; the service words a refusal.
            with contextlib.suppress(ValidationError):
                value = (
                    numbers.parse_decimal(field, value)
                    if field == "load_kg"
                    else numbers.parse_whole(field, value)
                )
        if value == self._edit_value(self._rows[index.row()][0], field):
            return False  # nothing changed: no transaction, no undo entry
        return self.on_edit(index.row(), field, value)

    # -- drag and drop ------------------------------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [PLANNED_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({i.row() for i in indexes if i.isValid()})
        payload = {
            "session": self._session_id,
            "planned": [self._rows[r][0].id for r in rows],
        }
        data = QMimeData()
        data.setData(PLANNED_MIME, QByteArray(json.dumps(payload).encode("utf-8")))
        return data

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        """Move the dragged exercise to the drop place; always returns False so the view
        does not also remove the source row (the move is already done)."""
        if action == Qt.DropAction.IgnoreAction or not data.hasFormat(PLANNED_MIME):
            return False
        try:
            payload = json.loads(bytes(data.data(PLANNED_MIME).data()).decode("utf-8"))
            ids = [int(x) for x in payload["planned"]]
        except (ValueError, KeyError, TypeError):
            return False
        if payload.get("session") != self._session_id or len(ids) != 1:
            return False
        source = self.row_of(ids[0])
        if source < 0:
            return False
        if row < 0:
            row = parent.row() if parent.isValid() else len(self._rows)
        self.moveRows(QModelIndex(), source, 1, QModelIndex(), row)
        return False

    def moveRows(
        self,
        sourceParent: Index,
        sourceRow: int,
        count: int,
        destinationParent: Index,
        destinationChild: int,
    ) -> bool:
        """Move one row before ``destinationChild`` (Qt's convention) and save the order."""
        if (
            count != 1
            or sourceParent.isValid()
            or destinationParent.isValid()
            or not 0 <= sourceRow < len(self._rows)
            or not 0 <= destinationChild <= len(self._rows)
            or destinationChild in (sourceRow, sourceRow + 1)
            or self.on_move is None
        ):
            return False
        to = destinationChild if destinationChild < sourceRow else destinationChild - 1
        self.beginMoveRows(QModelIndex(), sourceRow, sourceRow, QModelIndex(), destinationChild)
        self._rows.insert(to, self._rows.pop(sourceRow))
        self.endMoveRows()
        return self.on_move(sourceRow, to)


# ----------------------------------------------------------------------------------- log


LogHandler = Callable[[int, str, object], bool]
