"""The editors of the Session dock's table cells, made from each cell's EditorSpec."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QRegularExpression,
    Qt,
)
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QDoubleSpinBox,
    QLineEdit,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from runstrong_gui.ui.session.models import EDITOR_ROLE, WIDE, EditorSpec
from runstrong_gui.ui.shell.number_boxes import DecimalSpinBox, WholeSpinBox

Index = QModelIndex | QPersistentModelIndex


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
            box.setRange(-WIDE, WIDE)
            box.setSuffix(spec.suffix)
            box.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.UpDownArrows)
            editor = box
        elif spec.kind == "float":
            dbox = DecimalSpinBox(parent)
            dbox.setDecimals(1)
            dbox.setRange(-WIDE, WIDE)
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
