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
    QRegularExpression,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QDoubleSpinBox,
    QLineEdit,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from runstrong_gui.domain import numbers
from runstrong_gui.domain.enums import DoseKind, SessionKind, Units
from runstrong_gui.domain.errors import ValidationError
from runstrong_gui.domain.models import Exercise, PlannedExercise, SetLog
from runstrong_gui.domain.pain import (
    PAIN_THRESHOLD,
    set_flagged,
)
from runstrong_gui.services import editing
from runstrong_gui.ui.shell.damage import damage_icon, damage_lines
from runstrong_gui.ui.shell.number_boxes import DecimalSpinBox, WholeSpinBox
from runstrong_gui.ui.shell.style import WARNING

Index = QModelIndex | QPersistentModelIndex
PLANNED_MIME = "application/x-runstrong-planned"
EDITOR_ROLE = Qt.ItemDataRole.UserRole + 40
PLANNED_ID_ROLE = Qt.ItemDataRole.UserRole + 41
FLAG_ROLE = Qt.ItemDataRole.UserRole + 42
MUTED = QColor("#8a9099")
PAIN_BACKGROUND = QColor("#fdecea")
RUN_KINDS = tuple(k for k in SessionKind if k is not SessionKind.STRENGTH)
_WIDE = 99999  # editors accept any typed number; the service says what is allowed


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
                return QColor(WARNING)
            if field == "load_kg" and p.load_kg <= 0:
                return MUTED
            return None
        if role == Qt.ItemDataRole.FontRole and field == "exercise" and flagged:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"{e.name}: {dose_text(p, e, self._units)}"]
            if e.tempo or p.tempo:
                lines.append(f"Tempo {p.tempo or e.tempo}")
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


class LogModel(QAbstractTableModel):
    """One row per set of the current exercise: what was done, with RPE and pain.

    Rows cover the planned sets and any extra sets logged; a set not logged yet shows
    dashes and, when edited, starts from the planned amount and load.
    """

    COLUMNS = ("set", *editing.LOG_FIELDS)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._item: tuple[PlannedExercise, Exercise] | None = None
        self._logs: dict[int, SetLog] = {}
        self._count = 0
        self._units = Units.KG
        self.on_log: LogHandler | None = None

    def set_log(
        self,
        item: tuple[PlannedExercise, Exercise] | None,
        logs: Sequence[SetLog],
        units: Units,
    ) -> None:
        count = 0
        if item is not None:
            count = max([item[0].sets, *(x.set_number for x in logs)])
        same = (
            item is not None
            and self._item is not None
            and item[0].id == self._item[0].id
            and count == self._count
            and units == self._units
        )
        if same:
            logs_by_set = {x.set_number: x for x in logs}
            if item == self._item and logs_by_set == self._logs:
                return  # nothing the table shows has changed (e.g. the card was moved)
            self._item, self._logs = item, logs_by_set
            if count:
                self.dataChanged.emit(
                    self.index(0, 0), self.index(count - 1, len(self.COLUMNS) - 1)
                )
            return
        self.beginResetModel()
        self._item, self._logs, self._count, self._units = (
            item,
            {x.set_number: x for x in logs},
            count,
            units,
        )
        self.endResetModel()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)

    def logged(self, set_number: int) -> SetLog | None:
        return self._logs.get(set_number)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.COLUMNS):
            return None
        field = self.COLUMNS[section]
        kind = self._item[1].dose_kind if self._item else DoseKind.REPS
        if role == Qt.ItemDataRole.DisplayRole:
            if field == "set":
                return "Set"
            if field == "amount":
                return editing.amount_label(kind)
            if field == "load":
                return f"Load ({Units(self._units).value})"
            return {"rpe": "RPE", "pain": "Pain"}[field]
        if role == Qt.ItemDataRole.ToolTipRole:
            return {
                "amount": "What was done; clear it to remove the set from the log",
                "rpe": "Rate of perceived exertion, 1 (very easy) to 10 (maximal)",
                "pain": f"Pain 0 (none) to 10 (worst); {PAIN_THRESHOLD} or more raises a warning",
            }.get(field)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.COLUMNS[index.column()] != "set":
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._item is None or not 0 <= index.row() < self._count:
            return None
        planned, exercise = self._item
        number = index.row() + 1
        log = self._logs.get(number)
        field = self.COLUMNS[index.column()]
        hurt = log is not None and set_flagged(log)
        if role == Qt.ItemDataRole.DisplayRole:
            if field == "set":
                return f"{number}" if number <= planned.sets else f"{number} (extra)"
            if log is None:
                return "—"
            if field == "amount":
                return _amount_text(exercise.dose_kind, log.amount)
            if field == "load":
                return _load_text(log.load_kg, self._units)
            value = log.rpe if field == "rpe" else log.pain
            return "—" if value is None else str(value)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(number, field)
        if role == Qt.ItemDataRole.ForegroundRole:
            if field == "pain" and hurt:
                return QColor(WARNING)
            if log is None or (field == "load" and log.load_kg <= 0):
                return MUTED
            return None
        if role == Qt.ItemDataRole.BackgroundRole and hurt:
            return PAIN_BACKGROUND
        if role == Qt.ItemDataRole.FontRole and field == "pain" and hurt:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole and log is not None and log.damage:
            return "\n".join(damage_lines(log.damage))
        if role == Qt.ItemDataRole.DecorationRole and field == "set" and log and log.damage:
            return damage_icon()
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if log is None:
                return f"Set {number}, not logged"
            return ("Damaged. " if log.damage else "") + (
                f"Set {number}: {_amount_text(exercise.dose_kind, log.amount)}, "
                f"load {_load_text(log.load_kg, self._units)}, RPE {log.rpe or '—'}, "
                f"pain {'—' if log.pain is None else log.pain}"
            )
        if role == EDITOR_ROLE:
            name = editing.log_field_label(field, exercise.dose_kind) if field != "set" else ""
            if field == "load":
                lb = Units(self._units) is Units.LB
                return EditorSpec("float", f" {Units(self._units).value}", 1.0 if lb else 0.5, name)
            if field in ("amount", "rpe", "pain"):
                return EditorSpec("optional_int", name=name)
            return None
        return None

    def _edit_value(self, number: int, field: str) -> Any:
        """What an editor starts from: the logged value, or the plan for a new set."""
        if self._item is None or field == "set":
            return None
        planned = self._item[0]
        log = self._logs.get(number)
        if field == "amount":
            return (
                (log.amount if log else planned.amount) if log or number <= planned.sets else None
            )
        if field == "load":
            return editing.load_for_display(log.load_kg if log else planned.load_kg, self._units)
        if log is None:
            return None
        return log.rpe if field == "rpe" else log.pain

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or self.on_log is None:
            return False
        number = index.row() + 1
        field = self.COLUMNS[index.column()]
        if field == "set":
            return False
        if isinstance(value, str):
            try:
                if field == "load":
                    value = editing.parse_float(self._name(field), value, optional=True)
                else:
                    value = editing.parse_int(self._name(field), value, optional=True)
            except ValidationError as exc:
                return self.on_log(number, field, exc)
        log = self._logs.get(number)
        if log is not None and value == self._edit_value(number, field):
            return False
        if log is None and (
            value is None or (field == "load" and value == self._edit_value(number, field))
        ):
            return False  # opening and leaving an editor on an unlogged set logs nothing
        return self.on_log(number, field, value)

    def _name(self, field: str) -> str:
        kind = self._item[1].dose_kind if self._item else DoseKind.REPS
        return editing.log_field_label(field, kind)


# -------------------------------------------------------------------------------- delegate


class FieldDelegate(QStyledItemDelegate):
    """Editors by the cell's :class:`EditorSpec`: spin boxes for numbers, line edits for text
    and for numbers that may be blank. Ranges are wide on purpose: a value out of bounds
    reaches the service, which refuses it with a message instead of the keystroke vanishing.
    """

    def createEditor(  # type: ignore[override]  # None means "not editable", as in Qt
        self, parent: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> QWidget | None:
        spec: EditorSpec | None = index.data(EDITOR_ROLE)
        if spec is None:
            return None
        editor: QWidget
        if spec.kind == "int":
            box = WholeSpinBox(parent)
            box.setRange(-_WIDE, _WIDE)
            box.setSuffix(spec.suffix)
            box.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.UpDownArrows)
            editor = box
        elif spec.kind == "float":
            dbox = DecimalSpinBox(parent)
            dbox.setDecimals(1)
            dbox.setRange(-_WIDE, _WIDE)
            dbox.setSingleStep(spec.step)
            dbox.setSuffix(spec.suffix)
            editor = dbox
        else:
            line = QLineEdit(parent)
            if spec.kind == "optional_int":
                line.setValidator(
                    QRegularExpressionValidator(QRegularExpression(r"-?\d{0,6}"), line)
                )
                line.setPlaceholderText("—")
            editor = line
        editor.setAccessibleName(spec.name)
        editor.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QSpinBox):
            editor.setValue(int(value or 0))
        elif isinstance(editor, QDoubleSpinBox):
            editor.setValue(float(value or 0.0))
        elif isinstance(editor, QLineEdit):
            editor.setText("" if value is None else str(value))
            editor.selectAll()

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        if isinstance(editor, (WholeSpinBox, DecimalSpinBox)):
            # The text as typed: the model reads it with the domain's parser, so "12,5"
            # is 12.5 in every locale and "12,5" in a whole-number cell gets a message.
            model.setData(index, editor.typed(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> None:
        rect = option.rect
        editor.setGeometry(rect.adjusted(0, 0, max(0, 90 - rect.width()), 0))


# ----------------------------------------------------------------------------------- panel
