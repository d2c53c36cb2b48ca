"""A word-wrapped label whose new text re-lays out its window only when it needs another
height.

``QLabel.setText`` asks its layout for a new geometry with every new text. In the
session editor that re-laid out the whole form (whose button rows wrap) each time the
shown card moved to another day: a new date, on the same one line. This label repaints
itself, and asks for a new layout only when the text wraps onto another number of lines
or grows wider than any text it showed before.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QRect, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

_WRAP = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
_TALL = 1 << 20  # "no limit" for measuring the wrapped height


class WrappedLabel(QWidget):
    """Text over as many lines as the width needs, like a QLabel with word wrap."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._widest = 0  # the width its size hint asks for (0: measure the text again)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:
        if text == self._text:
            return
        height = self.heightForWidth(self.width())
        self._text = text
        self.setAccessibleName(text)
        wider = self.fontMetrics().horizontalAdvance(text) > self._widest
        if wider or self.heightForWidth(self.width()) != height:
            self._widest = 0
            self.updateGeometry()
        self.update()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        m = self.contentsMargins()
        inner = max(1, width - m.left() - m.right())
        lines = self.fontMetrics().boundingRect(QRect(0, 0, inner, _TALL), _WRAP, self._text)
        return max(lines.height(), self.fontMetrics().height()) + m.top() + m.bottom()

    def sizeHint(self) -> QSize:
        if not self._widest:
            self._widest = self.fontMetrics().horizontalAdvance(self._text)
        m = self.contentsMargins()
        width = self._widest + m.left() + m.right()
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        """As narrow as its longest word, as QLabel with word wrap is."""
        metrics = self.fontMetrics()
        word = max(self._text.split() or [""], key=metrics.horizontalAdvance)
        m = self.contentsMargins()
        width = metrics.horizontalAdvance(word) + m.left() + m.right()
        return QSize(width, self.heightForWidth(width))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._widest = 0
            self.updateGeometry()
        super().changeEvent(event)

    def paintEvent(self, _event: Any) -> None:
        QPainter(self).drawText(self.contentsRect(), _WRAP, self._text)
