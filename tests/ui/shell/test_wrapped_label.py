"""The session editor's date line: word-wrapped like a QLabel, but a new text re-lays
out the window only when it needs another height (or more width)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from runstrong_gui.ui.shell.wrapped_label import WrappedLabel

LONG = "Wednesday 30 September 2026 · skipped, and moved from the Monday before"


def _column(qtbot, width: int) -> tuple[QWidget, WrappedLabel, QLabel]:  # type: ignore[no-untyped-def]
    host = QWidget()
    qtbot.addWidget(host)
    layout = QVBoxLayout(host)
    label = WrappedLabel(host)
    below = QLabel("Exercises", host)
    layout.addWidget(label)
    layout.addWidget(below)
    layout.addStretch(1)
    host.resize(width, 400)
    host.show()
    qtbot.waitExposed(host)
    return host, label, below


def test_a_text_that_needs_more_lines_makes_room_for_them(qtbot) -> None:  # type: ignore[no-untyped-def]
    _host, label, below = _column(qtbot, 170)
    label.setText("Monday 2 March 2026")
    QApplication.processEvents()
    one_line = label.height()
    label.setText(LONG)
    QApplication.processEvents()
    assert label.height() >= 3 * label.fontMetrics().height() > one_line
    assert below.geometry().top() >= label.geometry().bottom()  # nothing drawn over it
    label.setText("Tuesday 3 March 2026")
    QApplication.processEvents()
    assert label.height() == one_line  # and gives the room back


def test_a_new_text_on_as_many_lines_is_only_repainted(qtbot) -> None:  # type: ignore[no-untyped-def]
    host, label, _below = _column(qtbot, 400)
    label.setText("Monday 2 March 2026 · done")
    QApplication.processEvents()
    before = label.geometry()
    label.setText("Friday 6 March 2026")
    assert not host.layout().geometry().isNull()
    QApplication.processEvents()
    assert label.geometry() == before
    assert label.text() == "Friday 6 March 2026"
    assert label.accessibleName() == "Friday 6 March 2026"


def test_it_paints_its_words(qtbot) -> None:  # type: ignore[no-untyped-def]
    _host, label, _below = _column(qtbot, 170)
    label.setText(LONG)
    QApplication.processEvents()
    image = label.grab().toImage()
    background = image.pixelColor(image.width() - 1, image.height() - 1)
    rows_with_ink = {
        y
        for y in range(image.height())
        for x in range(0, image.width(), 2)
        if image.pixelColor(x, y) != background
    }
    lines = label.fontMetrics().height()
    # ink in each of the wrapped lines, from the first to the last
    assert min(rows_with_ink) < lines and max(rows_with_ink) > image.height() - lines
