"""The composition root's list of features: a new feature is one package and one line here.

Each feature is installed by its package's ``install(shell)`` and returns its
controller. Features that only add entries to menus closed at start-up (``later``) wait
until the week is on screen when the app starts; a window built with its queries (the
tests, the bench) gets every feature at once. Imports are plain, so type checkers and
bundlers see every feature; a feature's heavy parts load inside it (the Progress charts
on first show, dialogs when opened).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QSettings

from runstrong_gui.ui.appearance import feature as appearance
from runstrong_gui.ui.athletes import feature as athletes
from runstrong_gui.ui.calendar import feature as calendar
from runstrong_gui.ui.clients import feature as clients
from runstrong_gui.ui.clinic import feature as clinic
from runstrong_gui.ui.data_export import feature as data_export
from runstrong_gui.ui.library import feature as library
from runstrong_gui.ui.live import feature as live
from runstrong_gui.ui.progress import feature as progress
from runstrong_gui.ui.safety import feature as safety
from runstrong_gui.ui.session import feature as session
from runstrong_gui.ui.shell.main_window import MainWindow

if TYPE_CHECKING:
    from runstrong_gui.services.queries import Queries

T = TypeVar("T")


def _planning(shell: MainWindow) -> object:
    from runstrong_gui.ui.planning import feature

    return feature.install(shell)


def _history_import(shell: MainWindow) -> object:
    from runstrong_gui.ui.history_import import feature

    return feature.install(shell)


def _interchange(shell: MainWindow) -> object:
    from runstrong_gui.ui.interchange import feature

    return feature.install(shell)


def _printing(shell: MainWindow) -> object:
    from runstrong_gui.ui.printing import feature

    return feature.install(shell)


@dataclass(frozen=True)
class Feature:
    name: str
    install: Callable[[MainWindow], object]
    later: bool = False  # only fills menus that are closed at start-up


FEATURES: tuple[Feature, ...] = (
    Feature("appearance", appearance.install),
    Feature("safety", safety.install),
    Feature("athletes", athletes.install),
    Feature("calendar", calendar.install),
    Feature("session", session.install),
    Feature("library", library.install),
    Feature("planning", _planning, later=True),
    Feature("printing", _printing, later=True),
    Feature("interchange", _interchange, later=True),
    Feature("history_import", _history_import, later=True),
    Feature("data_export", data_export.install, later=True),
    Feature("progress", progress.install),
    Feature("clients", clients.install),
    Feature("clinic", clinic.install),
    Feature("live", live.install),
)


class Installed(dict[str, object]):
    """The installed features' controllers by name, and by type for tests and the bench."""

    def of(self, kind: type[T]) -> T:
        for controller in self.values():
            if isinstance(controller, kind):
                return controller
        raise LookupError(f"no installed feature is a {kind.__name__}")


def build_window(
    queries: Queries | None, settings: QSettings, features: tuple[Feature, ...] = FEATURES
) -> tuple[MainWindow, Installed]:
    """The shell with its features; with its queries, showing the store's data at once.

    Without one (the app's start), the ``later`` features are installed when the shell
    says start-up is over.
    """
    window = MainWindow(queries, settings)
    installed = Installed()
    waiting = []
    for feature in features:
        if feature.later and queries is None:
            waiting.append(feature)
        else:
            installed[feature.name] = feature.install(window)

    def install_waiting() -> None:
        while waiting:
            feature = waiting.pop(0)
            installed[feature.name] = feature.install(window)

    window.loaded.connect(install_waiting)
    window.restore_view_state()
    if queries is not None:
        window.set_queries()
    return window, installed
