"""The week calendar: the header (:mod:`.week_header`), seven day columns of session
cards (painted by :mod:`.card_delegate`), and the week's rule warnings.

Signals (of :class:`WeekView`):
    session_selected(object): a card was selected (SessionDetail or None).
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Sequence
from html import escape
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QPainter,
    QPen,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QListView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from runstrong_gui.domain.dates import WEEKDAYS_SHORT, short_day
from runstrong_gui.ui.calendar.card_delegate import CardDelegate
from runstrong_gui.ui.calendar.week_header import SteadyLabel, WeekHeader
from runstrong_gui.ui.calendar.week_model import DATE_ROLE, WeekModel, day_label
from runstrong_gui.ui.shell import theme

Index = QModelIndex | QPersistentModelIndex
DAY_COLOURS = {False: ("day", "day_edge"), True: ("today", "today_edge")}  # today? (tokens)
WARNING_TEXTS_KEPT = 16


class DayList(QListView):
    """A day's list of cards that ignores changes to the other days.

    All seven lists share one model, and a plain QListView lays itself out again and
    repaints on any row inserted or data changed anywhere in it, so one moved card cost
    seven layouts and seven repaints. These lists act only on their own day's rows.
    """

    def _own(self, parent: Index) -> bool:
        return parent == self.rootIndex()

    def rowsInserted(self, parent: Index, start: int, end: int) -> None:
        if self._own(parent):
            super().rowsInserted(parent, start, end)

    def rowsAboutToBeRemoved(self, parent: Index, start: int, end: int) -> None:
        if self._own(parent):
            super().rowsAboutToBeRemoved(parent, start, end)

    def dataChanged(self, top_left: Index, bottom_right: Index, roles: Sequence[int] = ()) -> None:
        if self._own(top_left.parent()):
            super().dataChanged(top_left, bottom_right, roles)


class DayColumn(QFrame):
    """One day: a date heading over a list of the day's cards."""

    def __init__(self, model: WeekModel, day: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.day = day
        self.setObjectName(f"day{day}")
        self.setProperty("today", False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        self.heading = SteadyLabel(
            self,
            align=Qt.AlignmentFlag.AlignHCenter,
            reserve="Wed 30 Sep",
            squeeze=True,
            least="Wed 30",
        )
        self.heading.setObjectName("dayHeading")
        bold = self.heading.font()
        bold.setBold(True)
        self.heading.setFont(bold)
        layout.addWidget(self.heading)
        self.view = DayList(self)
        self.view.setObjectName(f"dayList{day}")
        self.view.setModel(model)
        self.view.setItemDelegate(CardDelegate(self.view))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setFrameShape(QFrame.Shape.NoFrame)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)  # card heights follow the width
        self.view.setMinimumWidth(40)  # the days share the room; a list has no width of its own
        self.view.setDragEnabled(True)
        self.view.setAcceptDrops(True)
        self.view.setDropIndicatorShown(True)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        layout.addWidget(self.view, 1)

    def refresh(self, model: WeekModel, today: dt.date) -> None:
        index = model.day_index(self.day)
        self.view.setRootIndex(index)
        date: dt.date | None = index.data(DATE_ROLE)
        if date is None:
            return
        label = day_label(date)
        self.heading.setText(short_day(date), f"{WEEKDAYS_SHORT[date.weekday()]} {date.day}")
        self.setAccessibleName(label)
        self.view.setAccessibleName(label)
        is_today = date == today
        if self.property("today") != is_today:
            self.setProperty("today", is_today)
            self.update()

    def paintEvent(self, _event: Any) -> None:
        """A rounded panel, tinted for today. Painted here rather than by a style sheet,
        which made the column and every widget in it draw through the slower
        style-sheet style on each repaint."""
        back, edge = DAY_COLOURS[bool(self.property("today"))]
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(theme.colour(edge), 1))
        painter.setBrush(theme.colour(back))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)


class WarningsPane(QTextBrowser):
    """The week's rule warnings under the grid.

    Fixed in height and scrolling: a label that grew with its text made every change
    re-lay out the whole week, a good part of a frame.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("weekWarnings")
        self.setAccessibleName("Scheduling warnings")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFixedHeight(84)
        self.setOpenLinks(False)
        self.setStyleSheet("QTextBrowser { background: transparent; }")
        self._html = ""
        self._lines: list[str] = []
        theme.on_change(lambda: self.show_lines(self._lines), self)
        # Laid-out documents of recent warning texts: a card dragged back and forth, an
        # undo and a redo, or a return to a week show a text seen a moment ago, and
        # parsing and laying out its HTML again cost a good part of a millisecond. They
        # belong to the holder, not to this view, which would delete a replaced one.
        self._holder = QObject(self)
        self._docs: OrderedDict[str, QTextDocument] = OrderedDict()

    def _document(self, html: str) -> QTextDocument:
        doc = self._docs.get(html)
        if doc is not None:
            self._docs.move_to_end(html)
            return doc
        doc = QTextDocument(self._holder)
        doc.setDefaultFont(self.font())
        doc.setHtml(html)
        self._docs[html] = doc
        while len(self._docs) > WARNING_TEXTS_KEPT:
            _html, old = self._docs.popitem(last=False)
            old.deleteLater()
        return doc

    def show_lines(self, lines: list[str]) -> None:
        self._lines = lines
        t = theme.tokens()
        if not lines:
            html = f"<span style='color:{t['success']}'>✓ No scheduling warnings this week.</span>"
        else:
            items = "".join(f"<li>{escape(line)}</li>" for line in lines)
            html = (
                f"<b style='color:{t['warning']}'>Scheduling warnings</b>"
                f"<ul style='margin-top:2px; margin-bottom:0'>{items}</ul>"
            )
        if html != self._html:
            self._html = html
            self.setDocument(self._document(html))

    def text(self) -> str:
        return self.toPlainText()


class WeekView(QWidget):
    """Header, the seven day columns and (below) the week's rule warnings."""

    session_selected = Signal(object)

    def __init__(self, model: WeekModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.header = WeekHeader(self)
        layout.addWidget(self.header)
        grid = QHBoxLayout()
        grid.setSpacing(6)
        self.columns = [DayColumn(model, d, self) for d in range(7)]
        for column in self.columns:
            grid.addWidget(column, 1)
            column.view.selectionModel().currentChanged.connect(self._current_changed)
        layout.addLayout(grid, 1)
        self.warnings = WarningsPane(self)
        layout.addWidget(self.warnings)
        model.modelReset.connect(self._refresh)
        # after a reset and after an edit of the same week (updated day by day): the
        # header once per change, not once for the reset and again for the update
        model.updated.connect(lambda: self.header.show_week(self.model))

    def _refresh(self) -> None:
        today = dt.date.today()
        for column in self.columns:
            column.refresh(self.model, today)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid() and self.model.updating:
            return  # a card leaving its day mid-update; the action selects what follows
        sender_view = next(
            (c.view for c in self.columns if c.view.selectionModel() is self.sender()), None
        )
        if current.isValid():
            for column in self.columns:  # one selection across the week
                if column.view is not sender_view:
                    column.view.clearSelection()
        self.session_selected.emit(self.model.detail(current) if current.isValid() else None)

    def set_warning_lines(self, lines: list[str]) -> None:
        self.warnings.show_lines(lines)

    def selected_session_id(self) -> int | None:
        for column in self.columns:
            index = column.view.currentIndex()
            if index.isValid() and column.view.selectionModel().isSelected(index):
                detail = self.model.detail(index)
                return detail.session.id if detail else None
        return None

    def sizeHint(self) -> QSize:
        return QSize(900, 560)
