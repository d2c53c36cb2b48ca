"""WeekChartView: a new spec is drawn into the series already there, and only what
changed is set again (every change makes QtCharts lay the chart out and paint anew)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pytest
from PySide6.QtCharts import QBarSeries, QBarSet, QCategoryAxis, QLineSeries, QValueAxis
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication

from runstrong_gui.ui.progress.chart_spec import Axis, Bars, ChartSpec, Line
from runstrong_gui.ui.progress.charts import WeekChartView

BLUE, GREEN = "#e8f1fb", "#e9f5e9"


def _spec(
    values: Sequence[float],
    line: Sequence[float] | None = None,
    bands: Sequence[str] | None = None,
    message: str = "",
) -> ChartSpec:
    n = len(values)
    lines = [Line("Plan", [(float(i), y) for i, y in enumerate(line)], "#333333")] if line else []
    return ChartSpec(
        labels=[f"W{i + 1}" for i in range(n)],
        bands=list(bands) if bands is not None else [BLUE] * n,
        left=Axis("Sets"),
        bars=[
            Bars("Sets", list(values), "#e67e22", [f"W{i + 1}: {v}" for i, v in enumerate(values)])
        ],
        lines=lines,
        message=message,
    )


@pytest.fixture
def view(qtbot) -> Iterator[WeekChartView]:  # type: ignore[no-untyped-def]
    v = WeekChartView()
    qtbot.addWidget(v)
    v.resize(640, 320)
    v.show()
    qtbot.waitExposed(v)
    yield v


class _Changes(QObject):
    """Counts the chart's change signals: each one means a relayout and a repaint."""

    def __init__(self, view: WeekChartView) -> None:
        super().__init__()
        self.seen: list[str] = []
        chart = view.chart()
        for series in chart.series():
            if isinstance(series, QBarSeries):
                for barset in series.barSets():
                    self._watch_barset(barset)
            elif isinstance(series, QLineSeries):
                series.pointsReplaced.connect(lambda: self.seen.append("points"))
        for axis in chart.axes():
            if isinstance(axis, QCategoryAxis):
                axis.categoriesChanged.connect(lambda: self.seen.append("categories"))
            if isinstance(axis, QValueAxis):
                axis.rangeChanged.connect(lambda *_: self.seen.append("range"))
                axis.labelFormatChanged.connect(lambda *_: self.seen.append("format"))
        chart.plotAreaChanged.connect(lambda *_: self.seen.append("plot area"))

    def _watch_barset(self, barset: QBarSet) -> None:
        barset.valuesAdded.connect(lambda *_: self.seen.append("added"))
        barset.valuesRemoved.connect(lambda *_: self.seen.append("removed"))
        barset.valueChanged.connect(lambda *_: self.seen.append("value"))


def _x_range(view: WeekChartView) -> tuple[float, float]:
    axis = view.chart().axes(Qt.Orientation.Horizontal)[0]
    assert isinstance(axis, QCategoryAxis)
    return axis.min(), axis.max()


def _series(view: WeekChartView) -> list[object]:
    return list(view.chart().series())


def test_an_equal_spec_changes_nothing_in_the_chart(view: WeekChartView) -> None:
    view.show_spec(_spec([3, 5, 4], line=[4, 4, 4], bands=[BLUE, GREEN, GREEN]))
    brush = view.chart().plotAreaBackgroundBrush()
    changes = _Changes(view)
    view.show_spec(_spec([3, 5, 4], line=[4, 4, 4], bands=[BLUE, GREEN, GREEN]))
    assert changes.seen == []
    assert view.chart().plotAreaBackgroundBrush() == brush
    assert view.values("Sets") == [3.0, 5.0, 4.0] and view.values("Plan") == [4.0] * 3


def test_a_changed_value_is_replaced_in_the_series_on_screen(view: WeekChartView) -> None:
    view.show_spec(_spec([3, 5, 4, 0], line=[1, 2, 3, 4]))
    series = _series(view)
    changes = _Changes(view)
    view.show_spec(_spec([3, 7, 4, 0], line=[1, 2, 3, 5]))  # a logged set moves one bar
    assert _series(view) == series  # the same series, not rebuilt
    assert view.values("Sets") == [3.0, 7.0, 4.0, 0.0]
    assert view.values("Plan") == [1.0, 2.0, 3.0, 5.0]
    assert "value" in changes.seen and "removed" not in changes.seen
    assert view.axis_labels() == ["W1", "W2", "W3", "W4"]
    assert view.axis_top() == 8  # the scale follows the new top


def test_another_range_refills_the_series(view: WeekChartView) -> None:
    view.show_spec(_spec([3, 5, 4]))
    series = _series(view)
    values = [float(i % 9) for i in range(40)]
    view.show_spec(_spec(values, bands=[BLUE] * 20 + [GREEN] * 20))
    assert _series(view) == series
    assert view.values("Sets") == values
    labels = view.axis_labels()
    assert labels[0] == "W1" and len(labels) < 40  # thinned to fit the width
    assert _x_range(view) == (-0.5, 39.5)
    view.show_spec(_spec([1, 2]))  # and back to fewer weeks than before
    assert view.values("Sets") == [1.0, 2.0] and view.axis_labels() == ["W1", "W2"]


def test_a_new_shape_rebuilds_the_series_and_keeps_the_week_axis(view: WeekChartView) -> None:
    view.show_spec(_spec([3, 5, 4]))
    view.show_spec(_spec([3, 5, 4], line=[2, 2, 2]))  # a line joins the bars
    assert view.series_names() == ["Sets", "Plan"]
    assert view.values("Plan") == [2.0, 2.0, 2.0]
    assert _x_range(view) == (-0.5, 2.5)
    assert view.axis_labels() == ["W1", "W2", "W3"]


def test_hover_texts_and_message_follow_the_latest_spec(view: WeekChartView) -> None:
    view.show_spec(_spec([3, 5]))
    view.show_spec(_spec([3, 6], message="Nothing yet"))
    assert view.spec is not None and view.spec.bars[0].tips[1] == "W2: 6"
    assert view.message == "Nothing yet"
    view.show_spec(_spec([3, 6]))
    assert view.message == ""


def _stacked(done: Sequence[float], missed: Sequence[float]) -> ChartSpec:
    n = len(done)
    return ChartSpec(
        labels=[f"W{i + 1}" for i in range(n)],
        bands=[BLUE] * n,
        left=Axis("Sessions"),
        bars=[Bars("Done", list(done), "#3f9b5f"), Bars("Missed", list(missed), "#d64541")],
        stacked=True,
    )


@pytest.mark.parametrize(
    ("first", "then"),
    [
        (_spec([3, 5, 4, 0], line=[1, 2, 3, 4]), _spec([3, 7, 4, 0], line=[1, 2, 3, 5])),
        (_spec([3, 5, 4]), _spec([float(i % 9) for i in range(30)], bands=[GREEN] * 30)),
        (_spec([3, 5, 4], line=[4, 4, 4]), _spec([6, 5, 4], message="Only three weeks")),
        (_stacked([2, 3, 1, 0], [1, 0, 0, 0]), _stacked([2, 3, 2, 0], [1, 0, 1, 0])),
    ],
    ids=["a value or two", "another range", "another shape", "stacked bars"],
)
def test_a_chart_updated_in_place_looks_like_one_drawn_afresh(
    qtbot, view: WeekChartView, first: ChartSpec, then: ChartSpec
) -> None:  # type: ignore[no-untyped-def]
    fresh = WeekChartView()
    qtbot.addWidget(fresh)
    fresh.resize(view.size())
    fresh.show()
    qtbot.waitExposed(fresh)
    view.show_spec(first)
    view.show_spec(then)
    fresh.show_spec(then)
    QApplication.processEvents()
    assert view.grab().toImage() == fresh.grab().toImage()


def _band_edges(view: WeekChartView) -> list[tuple[float, str]]:
    """The phase shading in week terms: where each colour starts and ends on the x-axis."""
    gradient = view.chart().plotAreaBackgroundBrush().gradient()
    assert gradient is not None
    lo, hi = _x_range(view)
    return [(round(lo + at * (hi - lo), 3), colour.name()) for at, colour in gradient.stops()]


@pytest.mark.parametrize("width", [300, 380, 640])
def test_a_line_chart_keeps_the_week_axis_and_shading_of_a_bar_chart(qtbot, width: int) -> None:  # type: ignore[no-untyped-def]
    """Attaching a line to the axis used to leave the x range at the line's own bounds
    when the chart was narrow: points and labels drifted off their weeks, end markers
    were cut, and the phase bands no longer matched the bar charts'."""
    views = []
    for spec in (
        _spec([3, 5, 4, 2, 6, 1, 0, 2, 3, 4, 5, 6], bands=[BLUE] * 2 + [GREEN] * 10),
        ChartSpec(
            labels=[f"W{i + 1}" for i in range(12)],
            bands=[BLUE] * 2 + [GREEN] * 10,
            left=Axis("kg"),
            lines=[Line("Top set", [(float(i), 20.0 + i) for i in range(12)], "#333333")],
        ),
    ):
        view = WeekChartView()
        qtbot.addWidget(view)
        view.resize(width, 300)
        view.show()
        qtbot.waitExposed(view)
        view.show_spec(spec)
        QApplication.processEvents()
        views.append(view)
    bars, line = views
    assert _x_range(line) == _x_range(bars) == (-0.5, 11.5)
    assert _band_edges(line) == _band_edges(bars)
    assert (1.5, BLUE) in _band_edges(line)  # Foundation ends between W2 and W3
    series = line.chart().series()[0]
    assert isinstance(series, QLineSeries)
    area = line.chart().plotArea()
    for point in series.points():
        x = line.chart().mapToPosition(point, series).x()
        r = series.markerSize() + series.pen().widthF() / 2
        assert area.left() < x - r and x + r < area.right()
