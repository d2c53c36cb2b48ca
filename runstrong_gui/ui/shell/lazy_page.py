"""A tab whose content is built the first time it is shown.

The Progress tab's charts need QtCharts and a read of the store: neither is worth paying
for before somebody looks. The page is in the tab bar from the first paint; its content
is made by ``build`` once the page is shown and the window has its store.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from runstrong_gui.ui.shell.main_window import MainWindow


class LazyPage(QWidget):
    """Holds ``build(parent) -> QWidget`` until first shown; :attr:`content` is then it."""

    def __init__(self, shell: MainWindow, build: Callable[[QWidget], QWidget]) -> None:
        super().__init__(shell.tabs)
        self.setObjectName("lazyPage")
        self._shell = shell
        self._build = build
        self.content: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._note = QLabel("Loading…", self)
        self._note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self._note)
        shell.store_opened.connect(lambda _queries: self._build_if_visible())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._build_if_visible()

    def _build_if_visible(self) -> None:
        if self.isVisible() and self._shell.has_store:
            self.build()

    def build(self) -> QWidget:
        """Build the content now (once); needs the window's store."""
        if self.content is None and self._shell.has_store:
            self.content = self._build(self)
            self._note.hide()
            layout = self.layout()
            assert layout is not None
            layout.addWidget(self.content)
        if self.content is None:
            raise RuntimeError("The page is built once the window has its store.")
        return self.content
