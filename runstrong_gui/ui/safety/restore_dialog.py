"""Choosing a backup to restore: the store's own backups, newest first, or any file.

Used by File ▸ Restore from backup… and by the damaged-store dialog; a module of its
own so that its widgets are loaded when it is first shown, not when the window starts.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from runstrong_gui.storage import backup

PATH_ROLE = Qt.ItemDataRole.UserRole + 1


class RestoreDialog(QDialog):
    """Pick one of the store's backups (newest first) or any other backup file."""

    def __init__(self, store_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore from backup")
        self.setObjectName("restoreDialog")
        self.store_path = store_path
        self.chosen: Path | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Choose the backup to put in place of the current store. The store as it is "
            "now is kept in the backups folder first, so you can go back to it.",
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget(self)
        self.list.setObjectName("backupList")
        self.list.setAccessibleName("Backups, newest first")
        layout.addWidget(self.list, 1)
        found = backup.list_backups(store_path, (backup.BACKUP, backup.REPLACED))
        for info in found:
            text = f"{info.label()}    {_size(info.size)}"
            if info.kind == backup.REPLACED:
                text += "    (the store before a restore)"
            item = QListWidgetItem(text, self.list)
            item.setData(PATH_ROLE, str(info.path))
            item.setToolTip(str(info.path))
        folder = backup.backup_dir(store_path)
        where = f"Backups are kept in {folder}." if found else f"No backups yet in {folder}."
        self.where = QLabel(where, self)
        self.where.setWordWrap(True)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.where)
        buttons = QDialogButtonBox(self)
        self.restore_button = buttons.addButton("Restore", QDialogButtonBox.ButtonRole.AcceptRole)
        self.other_button = buttons.addButton("Other file…", QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        layout.addWidget(buttons)
        self.restore_button.setEnabled(bool(found))
        if found:
            self.list.setCurrentRow(0)
        buttons.accepted.connect(self._accept_current)
        buttons.rejected.connect(self.reject)
        self.other_button.clicked.connect(self._other_file)
        self.list.itemDoubleClicked.connect(lambda _item: self._accept_current())
        self.resize(520, 360)

    def _accept_current(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.chosen = Path(item.data(PATH_ROLE))
            self.accept()

    def _other_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self,
            "Restore from a backup file",
            str(backup.backup_dir(self.store_path)),
            "RunStrong stores (*.sqlite3 *.sqlite *.db);;All files (*)",
        )
        if name:
            self.chosen = Path(name)
            self.accept()


def _size(n: int) -> str:
    if n < 1024 * 1024:
        return f"{max(1, round(n / 1024))} KB"
    return f"{n / (1024 * 1024):.1f} MB"
