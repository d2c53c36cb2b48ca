"""Small form helpers shared by the dialogs."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from runstrong_gui.ui.shell import theme

ERROR_STYLE = "color: {warning};"  # through theme.style


def mark_field(widget: QWidget, bad: bool) -> None:
    """Tint a refused field (a palette, not a style sheet, so spin boxes keep their look)."""
    if bad:
        palette = widget.palette()
        palette.setColor(QPalette.ColorRole.Base, theme.colour("bad_field"))
        widget.setPalette(palette)
    else:
        widget.setPalette(QPalette())


def add_row_with_error(form: QFormLayout, label: str, widget: QWidget) -> QLabel:
    """Add ``widget`` to ``form`` with a hidden error line right under it; returns the line.

    Bad input is explained where it was typed, not in a box that hides the form.
    """
    holder = QWidget()
    box = QVBoxLayout(holder)
    box.setContentsMargins(0, 0, 0, 0)
    box.setSpacing(1)
    box.addWidget(widget)
    error = QLabel()
    theme.style(error, ERROR_STYLE)
    error.setWordWrap(True)
    error.hide()
    box.addWidget(error)
    form.addRow(label, holder)
    return error


def dialog_error(object_name: str) -> QLabel:
    """The hidden error line under a dialog's fields, for messages not tied to one field."""
    error = QLabel()
    error.setObjectName(object_name)
    theme.style(error, ERROR_STYLE)
    error.setWordWrap(True)
    error.hide()
    return error


def save_cancel(dialog: QDialog) -> QDialogButtonBox:
    """Save and Cancel wired to the dialog's accept (which validates) and reject."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons
