"""The window fits small and scaled screens: its least size, and the Session dock at
1024 × 700, 1366 × 768 at 150 % (911 × 512 logical pixels) and 1920 × 1080, with nothing
cut off and no sideways scrolling."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QSettings
from PySide6.QtWidgets import QDockWidget, QPushButton, QWidget
from window_support import calendar, full_window

from runstrong_gui.domain.enums import SessionKind
from runstrong_gui.services.queries import Queries
from runstrong_gui.storage.store import Store
from runstrong_gui.ui.session.editor import SessionDock, SessionEditor
from runstrong_gui.ui.shell.main_window import MainWindow

SIZES = [(1024, 700), (911, 512), (1920, 1080)]


def _window(qtbot, store: Store, settings: QSettings, width: int, height: int) -> MainWindow:  # type: ignore[no-untyped-def]
    """A first run's window at this size, showing the week with a strength card chosen."""
    w = full_window(Queries(store), settings)
    qtbot.addWidget(w)
    w.show_week(1)
    w.resize(width, height)
    w.show()
    qtbot.waitExposed(w)
    qtbot.wait(20)  # the first run's docks are arranged once the window shows
    view = calendar(w).view
    model = calendar(w).model
    for column in view.columns:
        root = column.view.rootIndex()
        for row in range(model.rowCount(root)):
            index = model.index(row, 0, root)
            detail = model.detail(index)
            if detail is not None and detail.session.kind is SessionKind.STRENGTH:
                column.view.setCurrentIndex(index)
                qtbot.wait(150)  # lists and the editor lay out again after a resize
                return w
    raise AssertionError("no strength session in week 1")


def _editor(w: MainWindow) -> SessionEditor:
    dock = w.findChild(QDockWidget, "sessionDock")
    assert isinstance(dock, SessionDock)
    return dock.editor


def test_the_least_window_fits_1024_by_700(qtbot, store: Store, settings: QSettings) -> None:  # type: ignore[no-untyped-def]
    w = _window(qtbot, store, settings, 1400, 850)
    hint = w.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 700, hint
    least = w.minimumSize().expandedTo(hint)
    assert least.width() <= 911, least  # and 1366 × 768 at 150 %


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_session_dock_shows_every_button_whole(  # type: ignore[no-untyped-def]
    qtbot, store: Store, settings: QSettings, width: int, height: int
) -> None:
    w = _window(qtbot, store, settings, width, height)
    assert w.width() == width
    editor = _editor(w)
    dock = w.findChild(QDockWidget, "sessionDock")
    assert dock is not None and not dock.visibleRegion().isEmpty(), "Session dock hidden"
    viewport = editor.body.viewport()
    buttons = [b for b in editor.findChildren(QPushButton) if b.isVisibleTo(editor)]
    assert len(buttons) >= 8
    for button in buttons:
        left = button.mapTo(viewport, QPoint(0, 0)).x()
        cut = left < 0 or left + button.width() > viewport.width()
        assert not cut, f"{button.text()!r} at {left}+{button.width()} of {viewport.width()}"
        assert button.width() >= button.minimumSizeHint().width(), button.text()
    assert not editor.body.horizontalScrollBar().isVisible()
    assert not editor.table.horizontalScrollBar().isVisible()
    assert not editor.log_table.horizontalScrollBar().isVisible()
    log = editor.log_table.horizontalHeader()  # every heading of the log whole
    assert all(log.sectionSize(c) >= log.sectionSizeHint(c) for c in range(log.count()))
    # the exercise names keep a readable column
    assert editor.table.header().sectionSize(0) >= 80


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_week_columns_share_the_room(  # type: ignore[no-untyped-def]
    qtbot, store: Store, settings: QSettings, width: int, height: int
) -> None:
    w = _window(qtbot, store, settings, width, height)
    assert w.width() == width
    view = calendar(w).view
    widths = [c.width() for c in view.columns]
    assert max(widths) - min(widths) <= 2, widths
    week: QWidget = view
    assert view.columns[-1].mapTo(week, QPoint(0, 0)).x() + widths[-1] <= week.width()
    assert min(widths) >= 75, widths  # a card's title reads at every size
