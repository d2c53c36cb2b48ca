"""Building the window as the app does, and finding an installed feature's controller.

Controllers are children of the shell, so a test finds them the way Qt finds any child:
no test reaches into attributes of the window.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QEvent, QObject, QSettings

from runstrong_gui.app.features import build_window
from runstrong_gui.ui.athletes.feature import AthletesFeature
from runstrong_gui.ui.calendar.feature import CalendarController
from runstrong_gui.ui.library.feature import LibraryFeature
from runstrong_gui.ui.session.feature import SessionEditorFeature
from runstrong_gui.ui.shell.main_window import MainWindow

if TYPE_CHECKING:
    from runstrong_gui.services.queries import Queries
    from runstrong_gui.ui.planning.feature import PlanTools
    from runstrong_gui.ui.printing.feature import PrintingController

T = TypeVar("T", bound=QObject)


def full_window(queries: Queries | None, settings: QSettings) -> MainWindow:
    """The shell with every feature, as ``runstrong`` builds it."""
    return build_window(queries, settings)[0]


def controller(window: MainWindow, kind: type[T]) -> T:
    found = window.findChild(kind)
    assert found is not None, f"no {kind.__name__} installed"
    return found


def calendar(window: MainWindow) -> CalendarController:
    return controller(window, CalendarController)


def library(window: MainWindow) -> LibraryFeature:
    return controller(window, LibraryFeature)


def athletes(window: MainWindow) -> AthletesFeature:
    return controller(window, AthletesFeature)


def session(window: MainWindow) -> SessionEditorFeature:
    return controller(window, SessionEditorFeature)


def plan_tools(window: MainWindow) -> PlanTools:
    from runstrong_gui.ui.planning.feature import PlanTools

    return controller(window, PlanTools)


def printing(window: MainWindow) -> PrintingController:
    from runstrong_gui.ui.printing.feature import PrintingController

    return controller(window, PrintingController)


@contextmanager
def events_on(widget: QObject, kind: QEvent.Type) -> Iterator[list[QObject]]:
    """The events of ``kind`` ``widget`` receives meanwhile (one entry each): what Qt
    did on screen (a paint, a new layout asked for) while the block ran."""
    seen: list[QObject] = []

    class Watch(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == kind:
                seen.append(obj)
            return False

    watch = Watch()
    widget.installEventFilter(watch)
    try:
        yield seen
    finally:
        widget.removeEventFilter(watch)
