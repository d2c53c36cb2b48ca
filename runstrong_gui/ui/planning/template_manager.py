"""Your templates: rename or delete the routines and week plans you saved, undoably.

Templates are not sessions, so their changes are not session snapshots: each rename or
delete is its own step on the window's one undo stack, which writes the template back
exactly as it was (see :func:`runstrong_gui.services.templates.put_template`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from runstrong_gui.services import templates as tpl

if TYPE_CHECKING:
    from runstrong_gui.domain.models import Template

KIND_NAMES = {tpl.SESSION: "routine", tpl.WEEK: "week plan"}


class TemplatesDialog(QDialog):
    """The user's templates with Rename… and Delete; the actions come from the Plan menu's
    owner so that each change is one undo step."""

    def __init__(
        self,
        read: Callable[[], list[Template]],
        rename: Callable[[Template], object],
        delete: Callable[[Template], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("templatesDialog")
        self.setWindowTitle("Your templates")
        self._read, self._rename, self._delete = read, rename, delete
        self.list = QListWidget()
        self.list.setAccessibleName("Your templates")
        self.empty = QLabel("You have not saved a routine or week plan yet.")
        self.rename_button = QPushButton("&Rename…")
        self.delete_button = QPushButton("&Delete")
        row = QHBoxLayout()
        row.addWidget(self.rename_button)
        row.addWidget(self.delete_button)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(self.empty)
        layout.addLayout(row)
        layout.addWidget(close)
        self.rename_button.clicked.connect(lambda: self._on_current(self._rename))
        self.delete_button.clicked.connect(lambda: self._on_current(self._delete))
        self.list.itemDoubleClicked.connect(lambda _i: self._on_current(self._rename))
        self.list.currentRowChanged.connect(lambda _r: self._enable())
        self.resize(420, 320)
        self.reload()

    def reload(self, select_id: int | None = None) -> None:
        self.list.clear()
        for t in self._read():
            item = QListWidgetItem(f"{t.name}  ({KIND_NAMES.get(t.kind, t.kind)})")
            item.setData(Qt.ItemDataRole.UserRole, t)
            self.list.addItem(item)
            if t.id == select_id:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        self.empty.setVisible(self.list.count() == 0)
        self._enable()

    def current(self) -> Template | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def _enable(self) -> None:
        on = self.current() is not None
        self.rename_button.setEnabled(on)
        self.delete_button.setEnabled(on)

    def _on_current(self, act: Callable[[Template], object]) -> None:
        template = self.current()
        if template is not None:
            act(template)
            self.reload(template.id)
