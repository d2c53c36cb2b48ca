"""The start-up's "after the first paint" hook outlives nothing it points at."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from runstrong_gui.app import qt_start


def test_a_window_closed_before_its_first_paint_is_left_alone(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A window deleted before it painted (a recovery path that swaps the window) must
    not be reached by the fallback timer: it raised "already deleted" from the loop."""
    monkeypatch.setattr(qt_start, "NO_PAINT_MS", 50)
    calls: list[str] = []
    widget = QWidget()
    qt_start.AfterFirstPaint(widget, lambda: calls.append("called"))
    widget.deleteLater()
    qtbot.wait(200)  # the fallback timer's time has passed; pytest-qt fails on its error
    assert calls == []


def test_a_window_deleted_between_its_paint_and_the_call_is_left_alone(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The call waits two loop turns after the paint; a window deleted meanwhile (the
    damaged-store path replaces it) is not touched."""
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QPaintEvent

    calls: list[str] = []
    widget = QWidget()
    hook = qt_start.AfterFirstPaint(widget, lambda: calls.append("called"))
    hook.eventFilter(widget, QPaintEvent(QRect(0, 0, 1, 1)))
    widget.deleteLater()
    qtbot.wait(50)
    assert calls == []
