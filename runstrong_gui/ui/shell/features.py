"""The window's features, each installed by its module's ``install(window)``.

Keeping the wiring of each feature next to the feature keeps MainWindow small: it
builds the frame (toolbar, week, library, undo stack) and each feature adds its docks,
tabs, menu entries and signal connections.

Two kinds of feature wait while the app starts (a window built with a planner, as in
the tests, gets everything at once):

- :data:`LAZY_TABS`: a whole tab nobody sees at start-up. Its tab is there from the
  first paint, but its module (and what that imports: QtCharts for the Progress tab) is
  loaded and installed the first time the tab is shown.
- :data:`MENU_ONLY`: features that only add entries to menus that are closed at
  start-up. They are installed when the window gets its store, right after its first
  paint and before it handles any input.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from runstrong_gui.ui.shell.main_window import MainTabs, MainWindow

FEATURES: tuple[str, ...] = (
    "runstrong_gui.ui.safety.feature",  # first: the others read window.read_only
    "runstrong_gui.ui.calendar.feature",
    "runstrong_gui.ui.session.feature",
    "runstrong_gui.ui.library.feature",
    "runstrong_gui.ui.planning.feature",
    "runstrong_gui.ui.printing.feature",
    "runstrong_gui.ui.progress.feature",
)
LAZY_TABS: dict[str, str] = {  # feature module: the title of the tab its install() adds
    "runstrong_gui.ui.progress.feature": "Progress",
}
MENU_ONLY: frozenset[str] = frozenset(
    {"runstrong_gui.ui.printing.feature", "runstrong_gui.ui.planning.feature"}
)


def install_features(window: MainWindow, *, menus_later: bool = False) -> list[str]:
    """Install the features; returns those left for :func:`install_later` (``menus_later``:
    the :data:`MENU_ONLY` ones)."""
    later = []
    for name in FEATURES:
        if name in LAZY_TABS:
            LazyTab(window, name, LAZY_TABS[name])
        elif menus_later and name in MENU_ONLY:
            later.append(name)
        else:
            import_module(name).install(window)
    return later


def install_later(window: MainWindow, names: list[str]) -> None:
    for name in names:
        import_module(name).install(window)


class LazyTab(QWidget):
    """Holds a feature's tab until it is first shown, then installs the feature in its
    place (same position, same title). The feature may also be installed directly (a
    test, the bench): the placeholder then steps aside for the real tab."""

    def __init__(self, window: MainWindow, module: str, title: str) -> None:
        super().__init__(window.tabs)
        self.window_ = window
        self.module = module
        self.title = title
        self.setObjectName("lazyTab")
        layout = QVBoxLayout(self)
        self.note = QLabel("Loading…", self)
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note.setStyleSheet("color: #5f6b7a;")
        layout.addWidget(self.note)
        self.tabs: MainTabs = window.tabs
        self.tabs.addTab(self, title)
        self.tabs.currentChanged.connect(self._shown)
        window.store_opened.connect(lambda _planner: self._shown())
        # queued: a direct install() elsewhere is handed over once its insertTab is done
        window.tabs.tab_added.connect(self._tab_added, Qt.ConnectionType.QueuedConnection)
        self._installing = False

    def _shown(self, *_args: object) -> None:
        if self.tabs.currentWidget() is self and self.window_.has_store:
            self.install()

    def install(self) -> None:
        """Install the feature now; its tab takes this one's place."""
        if self._installing:
            return
        self._installing = True
        import_module(self.module).install(self.window_)
        self._tab_added()

    def _tab_added(self) -> None:
        """A tab with this title arrived: hand over to it and go."""
        tabs = self.tabs
        at = tabs.indexOf(self)
        if at < 0:
            return
        real = next(
            (
                tabs.widget(i)
                for i in range(tabs.count())
                if i != at and tabs.tabText(i) == self.title
            ),
            None,
        )
        if real is None:
            return
        current = tabs.currentWidget() is self
        tabs.currentChanged.disconnect(self._shown)
        tabs.removeTab(at)
        tabs.tabBar().moveTab(tabs.indexOf(real), at)
        if current:
            tabs.setCurrentWidget(real)
        self.deleteLater()
