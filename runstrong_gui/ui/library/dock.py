"""The Library dock: search as you type over the exercise list, details below.

The panel is the frame; the library feature fills ``filters_host`` (filter widgets)
and ``actions_host`` (new, edit, duplicate, hide, delete). After a reload of the
model the exercise that was current stays current, so an edit keeps its details open.

Signals:
    exercise_selected(object): the Exercise under the cursor, or None.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
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

from runstrong_gui.domain.models import Exercise
from runstrong_gui.ui.library.exercise_details import details_html
from runstrong_gui.ui.library.model import EXERCISE_ROLE, FLAGGED_ROLE, LibraryFilter, LibraryModel
from runstrong_gui.ui.shell import theme
from runstrong_gui.ui.shell.flow_layout import FlowLayout

_ANY_SIZE = 16777215  # Qt's QWIDGETSIZE_MAX, which PySide does not export


class CountLabel(QLabel):
    """A label that keeps its size while its text changes within what it was sized for.

    A label that changes size asks its layout, the dock's and the window's to lay out
    again, at every key stroke of a search; sized once for the longest count, it asks
    nothing (and the buttons beside it stay put). A longer text still makes it grow.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._room = ""  # the longest text it keeps room for

    def make_room(self, text: str) -> None:
        """Keep room for ``text`` (and for what is shown now), no more."""
        self._room = text
        self.setMinimumSize(0, 0)  # a fixed label hints at least its size: free it first
        self.setMaximumSize(_ANY_SIZE, _ANY_SIZE)
        shown = self.text()
        super().setText(text)
        size = self.sizeHint()
        super().setText(shown)
        self.setFixedSize(size.expandedTo(self.sizeHint()))

    def setText(self, text: str) -> None:
        super().setText(text)
        if not self._fits():
            self.setFixedSize(self.sizeHint().expandedTo(self.size()))

    def _fits(self) -> bool:
        hint, size = self.sizeHint(), self.size()
        return hint.width() <= size.width() and hint.height() <= size.height()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.make_room(self._room)  # the same texts in another font


class LibraryPanel(QWidget):
    """Signals:
    exercise_selected(object): the Exercise under the cursor, or None.
    """

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
        self.count = CountLabel(self)
        self.count.setObjectName("libraryCount")
        # the count, then the buttons the library work adds; they wrap in a narrow dock
        self.actions_host = FlowLayout(spacing=2)
        self.actions_host.addWidget(self.count)
        layout.addLayout(self.actions_host)
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
        self.details.setAccessibleName("Exercise details")
        self.details.setOpenExternalLinks(True)
        splitter.addWidget(self.list)
        splitter.addWidget(self.details)
        splitter.setSizes([320, 260])
        layout.addWidget(splitter, 1)
        self._searching = False  # while a search changes the rows
        self._moved = False  # ... and Qt moved the cursor
        self._room: tuple[int, int] | None = None  # the totals the count was sized for
        self.search.textChanged.connect(self._search)
        self.list.selectionModel().currentChanged.connect(self._current)
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)
        self.proxy.modelReset.connect(self._restore_current)
        self.proxy.rowsInserted.connect(self._restore_current)
        self.proxy.rowsRemoved.connect(self._restore_current)
        self.proxy.layoutChanged.connect(self._restore_current)
        self.proxy.dataChanged.connect(self._data_changed)
        self._current_id: int | None = None
        self._update_count()
        theme.on_change(lambda: self._show_details(self.list.currentIndex()), self)

    def _search(self, text: str) -> None:
        """The proxy changes in steps (ranges removed and inserted, by one pattern then
        the other): the current exercise and the count are settled once, on the result."""
        before = self._current_id
        self._searching, self._moved = True, False
        try:
            self.proxy.set_search(text)
        finally:
            self._searching = False
        index = self.list.currentIndex()
        shown = index.isValid() and index.data(EXERCISE_ROLE).id == before
        kept = shown or (before is not None and self.select_exercise(before))
        if not kept and self._moved:  # it is hidden: Qt moved the cursor to a neighbour
            self._current(self.list.currentIndex(), QModelIndex())  # (or nowhere)
        self._update_count()

    def _update_count(self, *_args: object) -> None:
        """'12 of 44 exercises · 2 hidden': what the filters leave, out of what is listed."""
        if self._searching:
            return
        shown, hidden = self.proxy.rowCount(), self.model.hidden_count()
        total = self.model.rowCount() - hidden
        tail = f" · {hidden} hidden" if hidden else ""
        text = f"{shown} of {total} exercises" if shown != total else f"{total} exercises"
        self.count.setText(text + tail)
        if self._room != (total, hidden):  # another library: room for its longest count
            self._room = (total, hidden)
            self.count.make_room(f"{total + hidden} of {total} exercises{tail}")  # hidden shown too

    def _current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._searching:
            self._moved = True
            return
        exercise = current.data(EXERCISE_ROLE) if current.isValid() else None
        if exercise is not None:
            self._current_id = exercise.id
        self._show_details(current)
        self.exercise_selected.emit(exercise)

    def _show_details(self, index: QModelIndex) -> None:
        exercise = index.data(EXERCISE_ROLE) if index.isValid() else None
        if exercise is None:
            self.details.setHtml("")
            return
        self.details.setHtml(details_html(exercise, avoided=bool(index.data(FLAGGED_ROLE))))

    def _data_changed(self, *_args: object) -> None:
        self._show_details(self.list.currentIndex())

    def _restore_current(self, *_args: object) -> None:
        """Keep the current exercise current through reloads and filtering: while the
        filters hide it the details pane is empty, and it comes back with the row."""
        if self._searching or self._current_id is None or self.list.currentIndex().isValid():
            return
        if not self.select_exercise(self._current_id):
            self.details.setHtml("")

    def current_exercise(self) -> Exercise | None:
        index = self.list.currentIndex()
        return index.data(EXERCISE_ROLE) if index.isValid() else None

    def select_exercise(self, exercise_id: int) -> bool:
        """Make an exercise current (if the filters show it); False when they hide it."""
        row = self.model.row_of(exercise_id)
        index = self.proxy.from_library(self.model.index(row, 0)) if row >= 0 else QModelIndex()
        if not index.isValid():
            return False
        self.list.setCurrentIndex(index)
        self.list.scrollTo(index)
        self._show_details(index)
        return True


class LibraryDock(QDockWidget):
    def __init__(self, model: LibraryModel, parent: QWidget | None = None) -> None:
        super().__init__("Library", parent)
        self.setObjectName("libraryDock")
        self.panel = LibraryPanel(model, self)
        self.setWidget(self.panel)
