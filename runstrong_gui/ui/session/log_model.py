"""The log table of the Session dock: one row per set of the selected exercise."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from runstrong_gui.domain.enums import DoseKind, Units
from runstrong_gui.domain.errors import ValidationError
from runstrong_gui.domain.models import Exercise, PlannedExercise, SetLog
from runstrong_gui.domain.pain import (
    PAIN_THRESHOLD,
    set_flagged,
)
from runstrong_gui.services import editing, set_logs
from runstrong_gui.ui.session.models import (
    EDITOR_ROLE,
    EditorSpec,
    LogHandler,
    _amount_text,
    _load_text,
)
from runstrong_gui.ui.shell import theme
from runstrong_gui.ui.shell.damage import damage_icon, damage_lines

Index = QModelIndex | QPersistentModelIndex


class LogModel(QAbstractTableModel):
    """One row per set of the current exercise: what was done, with RPE and pain.

    Rows cover the planned sets and any extra sets logged; a set not logged yet shows
    dashes and, when edited, starts from the planned amount and load.
    """

    COLUMNS = ("set", *set_logs.LOG_FIELDS)

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
                return theme.colour("warning")
            if log is None or (field == "load" and log.load_kg <= 0):
                return theme.colour("subtle")
            return None
        if role == Qt.ItemDataRole.BackgroundRole and hurt:
            return theme.colour("pain")
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
            name = set_logs.log_field_label(field, exercise.dose_kind) if field != "set" else ""
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
        return set_logs.log_field_label(field, kind)


# -------------------------------------------------------------------------------- delegate
