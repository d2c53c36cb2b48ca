"""The keyboard: every control is reached with Tab and has a name a screen reader can
say, and Help ▸ Keyboard shortcuts lists every shortcut the window's actions have."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDockWidget,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTableWidget,
    QTextEdit,
    QToolBar,
    QToolButton,
    QWidget,
)
from window_support import calendar, full_window

from runstrong_gui.domain.enums import SessionKind
from runstrong_gui.services.queries import Queries
from runstrong_gui.storage.store import Store
from runstrong_gui.ui.shell.help import shortcut_rows
from runstrong_gui.ui.shell.main_window import MainWindow

CONTROLS = (
    QAbstractButton,
    QComboBox,
    QLineEdit,
    QAbstractSpinBox,
    QAbstractItemView,
    QTextEdit,
    QPlainTextEdit,
    QTabBar,
)


@pytest.fixture
def window(qtbot, store: Store, settings) -> MainWindow:  # type: ignore[no-untyped-def]
    w = full_window(Queries(store), settings)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    w.show_week(1)
    cal = calendar(w)  # a strength card selected: the session editor is on screen too
    for row in range(cal.model.rowCount(cal.model.day_index(0))):
        index = cal.model.index(row, 0, cal.model.day_index(0))
        if cal.model.detail(index).session.kind is SessionKind.STRENGTH:
            cal.view.columns[0].view.setCurrentIndex(index)
    QApplication.processEvents()
    return w


def focus_chain(window: MainWindow) -> list[QWidget]:
    """The widgets Tab visits, in order, walked with nextInFocusChain."""
    chain: list[QWidget] = []
    widget = window.nextInFocusChain()
    while widget is not window and widget not in chain:
        chain.append(widget)
        widget = widget.nextInFocusChain()
    return chain


def tab_stops(window: MainWindow) -> list[QWidget]:
    return [
        w
        for w in focus_chain(window)
        if w.isVisible()
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus
        and not isinstance(w.parent(), (QAbstractSpinBox, QComboBox))  # the box's own editor
    ]


def spoken_name(widget: QWidget) -> str:
    """What a screen reader says for the widget: its accessible name, or else its text
    (or the label it is the buddy of), as Qt's accessibility interface reports it."""
    iface = QAccessible.queryAccessibleInterface(widget)
    name = iface.text(QAccessible.Text.Name) if iface is not None else ""
    return (name or widget.accessibleName()).strip()


def describe(widget: QWidget) -> str:
    parent = widget.parent()
    where = parent.objectName() if parent else ""
    return f"{type(widget).__name__} '{widget.objectName()}' in {type(parent).__name__} '{where}'"


def in_a_menu(window: MainWindow, action: QAction | None) -> bool:
    def walk(actions: list[QAction]) -> bool:
        for a in actions:
            sub = a.menu()
            if a is action or (sub is not None and walk(sub.actions())):  # type: ignore[union-attr]
                return True
        return False

    return action is not None and walk(window.menuBar().actions())


def reached_otherwise(window: MainWindow, widget: QWidget) -> bool:
    """Controls Qt keeps out of the Tab order, each with a keyboard way to the same thing:
    a toolbar button's action is in a menu, a dock's float and close buttons are the View
    menu's toggles, and a table's header sorts what Ctrl+Shift+L and the search reach."""
    if isinstance(widget, QToolButton) and isinstance(widget.parent(), QToolBar):
        return in_a_menu(window, widget.defaultAction())
    if isinstance(widget.parent(), QDockWidget) and widget.objectName().startswith(
        "qt_dockwidget_"
    ):
        return True
    return isinstance(widget, QHeaderView)


@pytest.mark.parametrize("tab", ["Week", "Block", "Progress", "Clients"])
def test_every_tab_stop_has_a_name(window: MainWindow, tab: str) -> None:
    window.tabs.setCurrentIndex(
        next(i for i in range(window.tabs.count()) if window.tabs.tabText(i) == tab)
    )
    QApplication.processEvents()
    stops = tab_stops(window)
    assert len(stops) > 20
    assert [describe(w) for w in stops if not spoken_name(w)] == []


@pytest.mark.parametrize("tab", ["Week", "Block", "Progress", "Clients"])
def test_every_control_on_screen_is_reached_with_tab(window: MainWindow, tab: str) -> None:
    window.tabs.setCurrentIndex(
        next(i for i in range(window.tabs.count()) if window.tabs.tabText(i) == tab)
    )
    QApplication.processEvents()
    stops = set(tab_stops(window))
    controls = [
        w
        for w in window.findChildren(QWidget)
        if isinstance(w, CONTROLS)
        and w.isVisible()
        and w.isEnabled()
        and not isinstance(w.parent(), (QAbstractSpinBox, QComboBox))
    ]
    missed = [describe(w) for w in controls if w not in stops and not reached_otherwise(window, w)]
    assert missed == []


def test_shortcuts_dialog_lists_every_shortcut_of_the_window(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    rows = shortcut_rows(window)
    listed = {keys for _what, keys, _where in rows}
    with_keys = [a for a in window.findChildren(QAction) if not a.shortcut().isEmpty() and a.text()]
    assert len(with_keys) >= 10
    for action in with_keys:
        for key in action.shortcuts():
            assert any(key.toString() in keys for keys in listed), action.text()
    assert ("Add to selected day", "Ctrl+Shift+A", "Edit ▸ Exercise library") in rows
    assert ("Clients", "Ctrl+Shift+L", "Athlete") in rows
    help_action = next(a for a in window.menu("help").actions() if "Keyboard" in a.text())
    help_action.trigger()
    dialog = window.findChild(QWidget, "shortcutsDialog")
    assert dialog is not None and dialog.isVisible()
    table = dialog.findChild(QTableWidget)
    assert table is not None and table.rowCount() == len(rows)
    dialog.close()
