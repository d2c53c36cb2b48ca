"""Athlete ▸ History…: who changed what of one client, newest first, a page at a time."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from runstrong_gui.services import clinic

if TYPE_CHECKING:
    from runstrong_gui.domain.models import Athlete
    from runstrong_gui.storage.store import Store

WHEN, WHO, WHAT = range(3)


class HistoryDialog(QDialog):
    """The table (when, who, what changed) and "Show older changes" for the next page:
    a client with years of changes opens as fast as one with a few."""

    def __init__(self, store: Store, athlete: Athlete, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.setWindowTitle(f"History of {athlete.name}")
        self.store = store
        self.athlete_id = athlete.id or 0
        self.before: int | None = None
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("historyTable")
        self.table.setAccessibleName("Changes")
        self.table.setHorizontalHeaderLabels(["When", "Who", "What changed"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        # one line a change (the full text in its tooltip): a long history scrolls evenly
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(WHEN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(WHO, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(WHAT, QHeaderView.ResizeMode.Stretch)
        self.status = QLabel(self)
        self.status.setObjectName("historyStatus")
        self.status.setWordWrap(True)
        self.older = QPushButton("Show &older changes", self)
        self.older.clicked.connect(self.load_more)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        bar = QHBoxLayout()
        bar.addWidget(self.status, 1)
        bar.addWidget(self.older)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(bar)
        layout.addWidget(buttons)
        self.resize(860, 480)
        self.load_more()

    def load_more(self) -> None:
        """The next (older) page below what is shown."""
        from runstrong_gui.storage.errors import StoreError

        try:
            page = clinic.history(self.store, self.athlete_id, self.before)
        except StoreError as exc:
            self.status.setText(f"The history could not be read: {exc}")
            self.older.setEnabled(False)
            return
        row = self.table.rowCount()
        self.table.setRowCount(row + len(page.entries))
        for i, entry in enumerate(page.entries, start=row):
            when = f"{entry.at:%a} {entry.at.day} {entry.at:%b %Y %H:%M}"
            for column, value in ((WHEN, when), (WHO, entry.who), (WHAT, entry.what)):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(i, column, item)
        self.before = page.before
        self.older.setEnabled(page.before is not None)
        shown = self.table.rowCount()
        self.status.setText(
            "No change of this client is recorded yet."
            if shown == 0
            else f"{shown} change{'s' if shown != 1 else ''}, newest first"
            + ("." if page.before is None else " (older ones below).")
        )

    def texts(self) -> list[tuple[str, str]]:
        """(who, what) of each row shown, top to bottom."""

        def cell(row: int, column: int) -> str:
            item = self.table.item(row, column)
            return item.text() if item is not None else ""

        return [(cell(r, WHO), cell(r, WHAT)) for r in range(self.table.rowCount())]
