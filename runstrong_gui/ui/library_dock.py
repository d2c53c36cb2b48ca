"""The Library dock: search as you type over the exercise list, details below.

Signals:
    exercise_selected(object): the Exercise under the cursor, or None.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QLabel,
    QLineEdit,
    QListView,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from runstrong_gui.ui.exercise_details import details_html
from runstrong_gui.ui.library_model import EXERCISE_ROLE, LibraryFilter, LibraryModel


class LibraryPanel(QWidget):
    exercise_selected = Signal(object)

    def __init__(self, model: LibraryModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.proxy = LibraryFilter(self)
        self.proxy.setSourceModel(model)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.search = QLineEdit(self)
        self.search.setObjectName("librarySearch")
        self.search.setPlaceholderText("Search name, muscle or cue…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search the exercise library")
        layout.addWidget(self.search)
        self.filters_host = QVBoxLayout()  # the library work adds its filter widgets here
        layout.addLayout(self.filters_host)
        self.count = QLabel(self)
        self.count.setObjectName("libraryCount")
        layout.addWidget(self.count)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.list = QListView(splitter)
        self.list.setObjectName("libraryList")
        self.list.setModel(self.proxy)
        self.list.setDragEnabled(True)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.list.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.list.setUniformItemSizes(True)
        self.list.setAccessibleName("Exercise library")
        self.details = QTextBrowser(splitter)
        self.details.setObjectName("exerciseDetails")
        self.details.setOpenExternalLinks(True)
        splitter.addWidget(self.list)
        splitter.addWidget(self.details)
        splitter.setSizes([320, 260])
        layout.addWidget(splitter, 1)
        self.search.textChanged.connect(self._search)
        self.list.selectionModel().currentChanged.connect(self._current)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)
        self._update_count()

    def _search(self, text: str) -> None:
        self.proxy.set_search(text)
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(
            f"{shown} of {total} exercises" if shown != total else f"{total} exercises"
        )

    def _current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        exercise = current.data(EXERCISE_ROLE) if current.isValid() else None
        self.details.setHtml(details_html(exercise) if exercise else "")
        self.exercise_selected.emit(exercise)


class LibraryDock(QDockWidget):
    def __init__(self, model: LibraryModel, parent: QWidget | None = None) -> None:
        super().__init__("Library", parent)
        self.setObjectName("libraryDock")
        self.panel = LibraryPanel(model, self)
        self.setWidget(self.panel)
