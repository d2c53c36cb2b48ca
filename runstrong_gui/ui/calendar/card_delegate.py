"""How a session card is painted in the week calendar: :class:`CardDelegate`.

Text measurement and painting dominate a week switch, so the delegate keeps what it
measured and drew (titles, elided lines, card backgrounds and whole card pictures) and
hands back the same results for the same cards at the same widths.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from runstrong_gui.ui.calendar.week_model import CARD_ROLE, Card
from runstrong_gui.ui.shell import theme
from runstrong_gui.ui.shell.style import kind_colour

Index = QModelIndex | QPersistentModelIndex
CARD_HEIGHT = 58
LINE_HEIGHT = 15
TITLE_EXTRA = 17  # height of a second title line
CARD_MARGIN = 4  # the list's width less a card's
TEXT_LEFT = 10  # a card's text starts right of its kind stripe
TEXT_INSET = 14  # the text's left and right margins within a card
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
