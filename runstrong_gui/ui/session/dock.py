"""The right dock "Session", whose editor is built when it is first needed.

The editor (its tables, spin boxes, log and pain controls, and the services behind
them) is the largest part of the window, and nothing is in it until a card is
selected; it is built after the week is on screen, so no start waits for it.
Until then the dock shows the editor's own empty-state text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QVBoxLayout, QWidget

from runstrong_gui.ui.shell import theme

if TYPE_CHECKING:
    from runstrong_gui.ui.session.editor import SessionEditor

EMPTY_TEXT = (
    "Select a session in the week to see its exercises, change the dose and log what was done."
)
EMPTY_STYLE = "color: {subtle}; padding: 24px;"  # through theme.style


class SessionDock(QDockWidget):
    """Right dock "Session" holding a :class:`~runstrong_gui.ui.session.editor.SessionEditor`.

    Its widget is a holder that stays the same when the editor arrives, so whatever was
    done to it (disabled for a read-only store) applies to the editor too.
    """

    def __init__(
        self,
        read: Callable[[int], Any],
        apply: Callable[[Any], bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Session", parent)
        self.setObjectName("sessionDock")
        self._read, self._apply = read, apply
        self._editor: SessionEditor | None = None
        self.holder = QWidget(self)
        self._layout = QVBoxLayout(self.holder)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.placeholder = QLabel(EMPTY_TEXT, self.holder)
        self.placeholder.setObjectName("sessionEmpty")
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        theme.style(self.placeholder, EMPTY_STYLE)
        self._layout.addWidget(self.placeholder)
        self.setWidget(self.holder)

    @property
    def built(self) -> bool:
        return self._editor is not None

    @property
    def editor(self) -> SessionEditor:
        """The editor, built on first use."""
        if self._editor is None:
            from runstrong_gui.ui.session.editor import SessionEditor

            self._editor = SessionEditor(self._read, self._apply, self.holder)
            self._layout.replaceWidget(self.placeholder, self._editor)
            self.placeholder.deleteLater()
            self._editor.show()  # a child made after its parent was shown starts hidden
        return self._editor

    def sizeHint(self) -> QSize:
        return QSize(340, 700)  # the week gets most of a 1280-pixel window
