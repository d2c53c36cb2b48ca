"""The week calendar: the header (:mod:`.week_header`), seven day columns of session
cards, and the week's rule warnings.

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
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from runstrong_gui.domain.dates import WEEKDAYS_SHORT, short_day
from runstrong_gui.ui.calendar.week_header import SteadyLabel, WeekHeader
from runstrong_gui.ui.calendar.week_model import CARD_ROLE, DATE_ROLE, Card, WeekModel, day_label
from runstrong_gui.ui.shell import theme
from runstrong_gui.ui.shell.style import kind_colour

Index = QModelIndex | QPersistentModelIndex
CARD_HEIGHT = 58
DAY_COLOURS = {False: ("day", "day_edge"), True: ("today", "today_edge")}  # today? (tokens)
LINE_HEIGHT = 15
TITLE_EXTRA = 17  # height of a second title line
CARD_MARGIN = 4  # the list's width less a card's
TEXT_LEFT = 10  # a card's text starts right of its kind stripe
TEXT_INSET = 14  # the text's left and right margins within a card
WARNING_TEXTS_KEPT = 16
PICTURE_CACHE_BYTES = 6 * 1024 * 1024  # the cards of a few weeks, not of every week visited
BACKGROUNDS_KEPT = 48  # card shapes by kind, size and state
TOP_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
TOP_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
MIDDLE_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def elide_words(metrics: QFontMetrics, text: str, width: int) -> str:
    """``text`` cut after its last whole word that fits, with an ellipsis; cut inside a
    word only when not even the first one fits."""
    if metrics.horizontalAdvance(text) <= width:
        return text
    words = text.split()
    for count in range(len(words) - 1, 0, -1):
        shown = " ".join(words[:count]).rstrip(",;:·-–") + "…"
        if metrics.horizontalAdvance(shown) <= width:
            return shown
    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)


def exercise_line(metrics: QFontMetrics, name: str, dose: str, width: int) -> str:
    """'Single-leg glute… 2×10': the dose whole, the name shortened at a word to fit."""
    if not dose:
        return elide_words(metrics, name, width)
    room = width - metrics.horizontalAdvance(f" {dose}")
    shown = name if metrics.horizontalAdvance(name) <= room else elide_words(metrics, name, room)
    if len(shown.rstrip("…")) < 2:  # not even two letters of the name: the dose alone
        return metrics.elidedText(dose, Qt.TextElideMode.ElideRight, width)
    return f"{shown} {dose}"


def _bytes(picture: QPixmap) -> int:
    return picture.width() * picture.height() * 4


class CardDelegate(QStyledItemDelegate):
    """Paints a session as a card: a kind-coloured edge, title, amount and status."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Text measurement dominates a week switch; the same titles and lines come back
        # at the same widths, so results are kept (and dropped wholesale when many).
        self._titles: dict[tuple[str, int, str], list[str]] = {}
        self._elided: dict[tuple[str, int, str], str] = {}
        self._pictures: OrderedDict[tuple[Any, ...], QPixmap] = OrderedDict()
        self._picture_bytes = 0
        self._backgrounds: OrderedDict[tuple[Any, ...], QPixmap] = OrderedDict()
        self._font_sets: dict[str, tuple[QFont, QFont, QFont, QFontMetrics, QFontMetrics]] = {}

    def _elide(self, metrics: QFontMetrics, key: str, text: str, width: int) -> str:
        cache_key = (text, width, key)
        found = self._elided.get(cache_key)
        if found is None:
            if len(self._elided) > 4000:
                self._elided.clear()
            found = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
            self._elided[cache_key] = found
        return found

    def _title_lines(self, title: str, font: QFont, width: int) -> list[str]:
        """The title on one line, or wrapped onto two when the column is narrow."""
        cache_key = (title, width, font.key())
        found = self._titles.get(cache_key)
        if found is not None:
            return found
        bold = QFont(font)
        bold.setBold(True)
        metrics = QFontMetrics(bold)

        def fits(text: str) -> bool:  # elidedText is the judge: advance alone can differ by a pixel
            return metrics.elidedText(text, Qt.TextElideMode.ElideRight, width) == text

        if fits(title) or " " not in title:
            lines = [metrics.elidedText(title, Qt.TextElideMode.ElideRight, width)]
        else:  # two lines broken between words; shortened only beyond the second
            words, first = title.split(), ""
            while words and fits(f"{first} {words[0]}".strip()):
                first = f"{first} {words.pop(0)}".strip()
            if not first:  # a single long word: elide it on the first line
                first = metrics.elidedText(words.pop(0), Qt.TextElideMode.ElideRight, width)
            rest = elide_words(metrics, " ".join(words), width - 1) if words else ""
            lines = [first, rest] if rest else [first]
        if len(self._titles) > 2000:
            self._titles.clear()
        self._titles[cache_key] = lines
        return lines

    @staticmethod
    def _text_width(card: Card, rect_width: int) -> int:
        return rect_width - 6 - TEXT_INSET - (18 if card.badge else 0)

    def texts(self, card: Card, font: QFont, width: int) -> tuple[list[str], list[str]]:
        """The title's lines and the exercise lines as a card ``width`` wide shows them."""
        _title, _struck, _small, _metrics, small_metrics = self._fonts(font)
        titles = self._title_lines(card.title, font, self._text_width(card, width))
        line_width = width - 6 - TEXT_INSET
        lines = []
        for name, dose in card.lines:
            key = (f"{name}\t{dose}", line_width, "line")
            found = self._elided.get(key)
            if found is None:
                if len(self._elided) > 4000:
                    self._elided.clear()
                found = self._elided[key] = exercise_line(small_metrics, name, dose, line_width)
            lines.append(found)
        return titles, lines

    def _card_width(self, option: QStyleOptionViewItem) -> int:
        """The width a card will get: the list's viewport less a margin (the item rect
        is not known yet when the size is asked for)."""
        view = self.parent()
        if isinstance(view, QListView):
            return view.viewport().width() - CARD_MARGIN
        return option.rect.width()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        width = self._card_width(option)
        card: Card | None = index.data(CARD_ROLE)
        if card is None:
            return QSize(width, CARD_HEIGHT)
        titles = len(self._title_lines(card.title, option.font, self._text_width(card, width)))
        lines = len(card.lines)
        extra = (titles - 1) * TITLE_EXTRA + (LINE_HEIGHT * lines + 4 if lines else 0)
        return QSize(width, CARD_HEIGHT + extra)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        """Draw the card from a cached picture of it, drawing that picture first if needed.

        A card is a dozen antialiased shapes and texts; most cards look the same from one
        paint to the next (a drop changes one or two, a repaint none), so their pictures
        are kept, keyed by everything the picture shows.
        """
        card: Card | None = index.data(CARD_ROLE)
        if card is None:
            return
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        size = option.rect.size()
        ratio = painter.device().devicePixelRatioF()
        # a card painted in the other palette is stale: the palette's generation is a key
        size_key = (size.width(), size.height(), selected, ratio, option.font.key())
        key = (card, *size_key, theme.generation())
        picture = self._pictures.get(key)
        if picture is None:
            picture = QPixmap(size * ratio)
            picture.setDevicePixelRatio(ratio)
            picture.fill(Qt.GlobalColor.transparent)
            card_painter = QPainter(picture)
            local = QStyleOptionViewItem(option)
            local.rect = QRect(0, 0, size.width(), size.height())
            self._draw(card_painter, local, card, selected)
            card_painter.end()
            self._remember(key, picture)
        else:
            self._pictures.move_to_end(key)
        painter.drawPixmap(option.rect.topLeft(), picture)

    def _remember(self, key: tuple[Any, ...], picture: QPixmap) -> None:
        self._pictures[key] = picture
        self._picture_bytes += _bytes(picture)
        while self._picture_bytes > PICTURE_CACHE_BYTES and len(self._pictures) > 1:
            _key, old = self._pictures.popitem(last=False)
            self._picture_bytes -= _bytes(old)

    def _fonts(self, font: QFont) -> tuple[QFont, QFont, QFont, QFontMetrics, QFontMetrics]:
        """Title, struck-out title and small fonts with the metrics used, per base font."""
        key = font.key()
        found = self._font_sets.get(key)
        if found is None:
            title = QFont(font)
            title.setBold(True)
            struck = QFont(title)
            struck.setStrikeOut(True)
            small = QFont(font)
            small.setPointSizeF(max(7.0, font.pointSizeF() * 0.86))
            found = (title, struck, small, QFontMetrics(font), QFontMetrics(small))
            self._font_sets[key] = found
        return found

    def _background(self, card: Card, size: QSize, selected: bool, ratio: float) -> QPixmap:
        """The card's shape (rounded, antialiased, tinted by kind) without its texts.

        It takes about half of drawing a card, and cards of one kind and height share
        it, so a week first shown draws few of them."""
        skipped = card.status == "skipped"
        key = (card.kind, size.width(), size.height(), selected, skipped, ratio, theme.generation())
        picture = self._backgrounds.get(key)
        if picture is not None:
            self._backgrounds.move_to_end(key)
            return picture
        picture = QPixmap(size * ratio)
        picture.setDevicePixelRatio(ratio)
        picture.fill(Qt.GlobalColor.transparent)
        painter = QPainter(picture)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRect(3, 3, size.width() - 6, size.height() - 6)
        colour = kind_colour(card.kind)
        path = QPainterPath()
        path.addRoundedRect(rect, 6, 6)
        background = QColor(colour)
        background.setAlpha(15 if skipped else 40)
        painter.fillPath(path, theme.colour("card"))
        painter.fillPath(path, background)
        edge = QColor(colour).lighter(125) if theme.is_dark() else QColor(colour).darker(115)
        border = theme.colour("selected_edge") if selected else edge
        painter.setPen(QPen(border, 2 if selected else 1))
        painter.drawPath(path)
        painter.fillRect(QRect(rect.left(), rect.top() + 4, 5, rect.height() - 8), colour)
        painter.end()
        self._backgrounds[key] = picture
        if len(self._backgrounds) > BACKGROUNDS_KEPT:
            self._backgrounds.popitem(last=False)
        return picture

    def _draw(
        self, painter: QPainter, option: QStyleOptionViewItem, card: Card, selected: bool
    ) -> None:
        status = card.status
        size = option.rect.size()
        ratio = painter.device().devicePixelRatioF()
        painter.drawPixmap(option.rect.topLeft(), self._background(card, size, selected, ratio))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)  # a struck-out title's line
        rect = option.rect.adjusted(3, 3, -3, -3)
        text_rect = rect.adjusted(TEXT_LEFT, 5, TEXT_LEFT - TEXT_INSET, -5)
        title_font, struck, small, metrics, _small_metrics = self._fonts(option.font)
        painter.setFont(struck if status == "skipped" else title_font)
        painter.setPen(theme.colour("skipped" if status == "skipped" else "ink"))
        titles, lines = self.texts(card, option.font, option.rect.width())
        for i, line in enumerate(titles):
            painter.drawText(text_rect.adjusted(0, i * TITLE_EXTRA, 0, 0), TOP_LEFT, line)
        shift = (len(titles) - 1) * TITLE_EXTRA
        painter.setFont(option.font)
        painter.setPen(theme.colour("muted"))
        sub = self._elide(metrics, "sub", card.subtitle, text_rect.width())
        sub_rect = QRect(text_rect.left(), text_rect.top() + 24 + shift, text_rect.width(), 18)
        painter.drawText(sub_rect, MIDDLE_LEFT, sub)
        painter.setFont(small)
        painter.setPen(theme.colour("lines"))
        left, y, line_width = text_rect.left(), sub_rect.bottom() + 4, text_rect.width()
        for text in lines:
            painter.drawText(QRect(left, y, line_width, LINE_HEIGHT), MIDDLE_LEFT, text)
            y += LINE_HEIGHT
        badge = "✚" if card.pain else "✓" if status == "done" else "⚠" if card.warned else ""
        if badge:  # never struck out: a skipped session's pain still matters
            painter.setPen(theme.colour("success" if badge == "✓" else "warning"))
            painter.setFont(title_font)
            painter.drawText(text_rect, TOP_RIGHT, badge)


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
        # an edit of the same week updates day by day, without a reset: the done/planned
        # counts in the header follow it all the same
        model.updated.connect(lambda: self.header.show_week(self.model))

    def _refresh(self) -> None:
        today = dt.date.today()
        for column in self.columns:
            column.refresh(self.model, today)
        self.header.show_week(self.model)

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
