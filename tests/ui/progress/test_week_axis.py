"""Every chart of the Progress tab on one week axis with one phase shading, read from what
is drawn: the week labels' text items, the points' positions and the plot's background."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools

import pytest
from PySide6.QtCharts import QLineSeries
from PySide6.QtCore import QPointF, QRectF, QSettings, Qt
from PySide6.QtGui import QGradient
from PySide6.QtWidgets import QApplication, QGraphicsTextItem
from window_support import full_window

from runstrong_gui.domain import PlannedExercise, Session, SetLog
from runstrong_gui.services.queries import Queries
from runstrong_gui.storage.store import Store
from runstrong_gui.ui.progress.charts import WeekChartView
from runstrong_gui.ui.progress.tab import ProgressTab
from runstrong_gui.ui.shell.lazy_page import LazyPage
from runstrong_gui.ui.shell.main_window import MainWindow

TODAY = dt.date(2026, 5, 14)  # Thursday of week 11 of the sample block (starts Monday 2 March)
WEEKS_LOGGED = 10


def _log_history(store: Store) -> None:
    """Romanian deadlifts on Monday and Thursday of ten weeks, a little heavier each time."""
    with store.transaction() as tx:
        athlete = tx.athletes()[0]
        # a 12-week block (no later race), so every week keeps its label on a wide chart
        athlete = tx.update_athlete(dataclasses.replace(athlete, goal_race_date=None))
        rdl = next(e for e in tx.exercises() if e.key == "romanian-deadlift")
        assert athlete.id is not None and rdl.id is not None
        for week in range(WEEKS_LOGGED):
            for day, extra in ((0, 0.0), (3, 2.5)):
                date = athlete.block_start + dt.timedelta(weeks=week, days=day)
                session = tx.add_session(Session(athlete.id, date, "strength", done=True))
                assert session.id is not None
                kg = 20.0 + 2.5 * week + extra
                p = tx.add_planned(PlannedExercise(session.id, rdl.id, 0, 3, 8, kg))
                assert p.id is not None
                pain = week % 4 or None
                tx.replace_logs(p.id, [SetLog(p.id, n, 8, kg, 7, pain) for n in (1, 2, 3)])


@pytest.fixture(params=[1400, 900], ids=["three columns", "one column"])
def tab(request, qtbot, store: Store, settings: QSettings) -> ProgressTab:  # type: ignore[no-untyped-def]
    _log_history(store)
    window: MainWindow = full_window(Queries(store), settings)
    qtbot.addWidget(window)
    page = window.findChild(LazyPage)
    assert page is not None
    t = page.build()
    assert isinstance(t, ProgressTab)
    t.today = lambda: TODAY
    window.resize(request.param, 850)
    window.show()
    qtbot.waitExposed(window)
    window.tabs.setCurrentWidget(t.parentWidget())
    t.refresh()
    return t


def _drawn(tab: ProgressTab) -> dict[str, WeekChartView]:
    out = {}
    for key, card in tab.cards.items():
        tab.scroll_area.ensureWidgetVisible(card)
        QApplication.processEvents()
        out[key] = tab.views[key]
    return out


def _week_labels(view: WeekChartView) -> list[tuple[str, QRectF]]:
    """The week labels as drawn under the plot: text and box, left to right."""
    out = []
    bottom = view.chart().plotArea().bottom()
    for item in view.scene().items():
        obj = item.toGraphicsObject()
        if isinstance(obj, QGraphicsTextItem) and obj.isVisible():
            rect = obj.sceneBoundingRect()
            if obj.toPlainText().startswith("W") and rect.top() >= bottom - 1:
                out.append((obj.toPlainText(), rect))
    return sorted(out, key=lambda t: t[1].center().x())


def _marked_points(view: WeekChartView) -> list[tuple[QLineSeries, QPointF]]:
    return [
        (series, point)
        for series in view.chart().series()
        if isinstance(series, QLineSeries) and series.pointsVisible()
        for point in series.points()
    ]


def test_every_point_sits_on_its_weeks_label(tab: ProgressTab) -> None:
    views = _drawn(tab)
    assert tab.data is not None
    slots = {w.label: i for i, w in enumerate(tab.data.weeks)}
    checked = 0
    for key, view in views.items():
        label_x = {text: rect.center().x() for text, rect in _week_labels(view)}
        assert label_x, key
        for series, point in _marked_points(view):
            assert point.x() == round(point.x()), f"{key}: {series.name()} off its week's x"
            week = tab.data.weeks[round(point.x())].label
            assert slots[week] == point.x()
            if week in label_x:  # labels may be thinned out on a narrow chart
                x = view.chart().mapToPosition(point, series).x()
                assert x == pytest.approx(label_x[week], abs=1.0), f"{key}: {week}"
                checked += 1
    assert checked >= 2 * WEEKS_LOGGED  # at least the load and pain lines were checked


def test_week_labels_never_overlap(tab: ProgressTab) -> None:
    for key, view in _drawn(tab).items():
        labels = _week_labels(view)
        texts = [t for t, _ in labels]
        assert len(texts) == len(set(texts)) >= 3, key
        for (a, ra), (b, rb) in itertools.pairwise(labels):
            assert ra.right() < rb.left(), f"{key}: {a} touches {b}"


def test_the_plot_holds_every_marker_whole(tab: ProgressTab) -> None:
    assert tab.data is not None
    n = len(tab.data.weeks)
    for key, view in _drawn(tab).items():
        axis = view.chart().axes(Qt.Orientation.Horizontal)[0]
        assert (axis.min(), axis.max()) == (-0.5, n - 0.5), key  # half a week of padding
        area = view.chart().plotArea()
        for series, point in _marked_points(view):
            centre = view.chart().mapToPosition(point, series)
            r = series.markerSize() + series.pen().widthF() / 2  # drawn as a radius
            box = QRectF(centre.x() - r, centre.y() - r, 2 * r, 2 * r)
            assert area.contains(box) or point.y() == 0, f"{key}: {series.name()} clipped"
            assert area.left() < box.left() and box.right() < area.right(), key


def _shading(view: WeekChartView) -> list[tuple[float, str]]:
    gradient = view.chart().plotAreaBackgroundBrush().gradient()
    assert gradient is not None and gradient.type() is QGradient.Type.LinearGradient
    return [(round(at, 6), colour.name()) for at, colour in gradient.stops()]


def test_every_chart_has_the_same_phase_shading(tab: ProgressTab) -> None:
    views = _drawn(tab)
    shadings = {key: _shading(view) for key, view in views.items()}
    first = next(iter(shadings.values()))
    assert len({c for _, c in first}) == 3  # Foundation, Build, Load
    assert all(s == first for s in shadings.values()), shadings
