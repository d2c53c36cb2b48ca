"""Every QtCharts call of the app lives here, behind a small declarative interface.

Callers describe a chart as a :class:`~.chart_spec.ChartSpec` (plain data: week slots with their
phase colours, bars, lines, axes, hover texts) and hand it to :meth:`WeekChartView.show_spec`.
QtCharts is deprecated since Qt 6.10 in favour of QtGraphs, whose 2D charts need QML in
a widgets app; if it ever has to go, only this module changes.

Every chart shares one week axis and one phase shading (:mod:`.week_axis`): slot ``i``
is centred on ``i``, bars sit on their slot and weekly points on its centre. Phases are
painted as a hard-stop gradient on the plot area, so they sit behind every series, need
no legend entries and scale with the chart. The legend under a chart on screen is in
:mod:`.chart_legend`, the PNG export in :mod:`.chart_export`.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import (
    QAbstractSeries,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QLegend,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import (
    QMargins,
    QPointF,
    QRectF,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QContextMenuEvent,
    QCursor,
    QFont,
    QPainter,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QLabel, QMenu, QToolTip, QWidget

from runstrong_gui.ui.progress.chart_spec import Axis, ChartSpec, Line, legend_entries, nice_scale
from runstrong_gui.ui.progress.week_axis import WeekAxis, label_step, shading
from runstrong_gui.ui.shell import theme

# the light palette's, for charts exported to paper; on screen the theme's tokens
TEXT = theme.LIGHT["ink"]
MUTED = theme.LIGHT["subtle"]
GRID = theme.LIGHT["grid"]
_FONT_PT = 8.5
MAX_MARKERS = 40
MARKER_RADIUS = 4.0  # QtCharts draws a point marker with markerSize as its radius
MARKER_HEADROOM = 0.08  # of the top value: room above a marker on it
_FEW_CHANGES = 8  # values of a bar set replaced one by one; more and it is refilled


def _shape(spec: ChartSpec) -> tuple[object, ...]:
    """Everything about a spec except its numbers and texts: equal shapes share series."""
    return (
        spec.stacked,
        spec.right is not None,
        tuple((b.name, b.colour) for b in spec.bars),
        tuple(
            (ln.name, ln.colour, ln.right, ln.dashed, ln.markers, ln.width, ln.in_legend)
            for ln in spec.lines
        ),
    )


def _markers(line: Line) -> bool:
    """Dots on a line while they stay apart; over a year or two they would merge."""
    return line.markers and len(line.points) <= MAX_MARKERS


def chart_font(bold: bool = False, scale: float = 1.0) -> QFont:
    font = QFont()
    font.setPointSizeF(_FONT_PT * scale)
    font.setBold(bold)
    return font


def _style_axis(axis: QValueAxis | QCategoryAxis, t: dict[str, str] = theme.LIGHT) -> None:
    axis.setLabelsFont(chart_font())
    axis.setLabelsColor(QColor(t["subtle"]))
    axis.setTitleFont(chart_font())
    axis.setTitleBrush(QBrush(QColor(t["subtle"])))
    axis.setLinePenColor(QColor(t["axis"]))
    axis.setGridLineColor(QColor(t["grid"]))
    axis.setMinorGridLineVisible(False)


class WeekChartView(QChartView):
    """A chart over week slots, redrawn from a :class:`ChartSpec`.

    Signals:
        export_requested(): the user chose "Export chart as PNG…" from the context menu.
    """

    export_requested = Signal()

    def __init__(self, parent: QWidget | None = None, legend_inside: bool = False) -> None:
        chart = QChart()
        super().__init__(chart, parent)
        self._chart = chart
        self._legend_inside = legend_inside  # on screen a wrapping ChartLegend is used
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setBackgroundRoundness(0)
        chart.setMargins(QMargins(2, 2, 6, 2))
        chart.layout().setContentsMargins(0, 0, 0, 0)
        chart.setLocalizeNumbers(True)  # thousands separators on big axis numbers
        legend = chart.legend()
        legend.setAlignment(Qt.AlignmentFlag.AlignBottom)
        legend.setFont(chart_font())
        legend.setLabelColor(QColor(TEXT))
        legend.setMarkerShape(QLegend.MarkerShape.MarkerShapeFromSeries)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumSize(260, 200)

        self._weeks = WeekAxis()
        self._x = self._weeks.axis
        self._left = QValueAxis()
        self._right = QValueAxis()
        for axis in (self._x, self._left, self._right):
            _style_axis(axis)
        chart.addAxis(self._x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self._left, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(self._right, Qt.AlignmentFlag.AlignRight)
        self._right.setGridLineVisible(False)

        self._message = QLabel(self)
        self._message.setObjectName("chartMessage")
        self._message.setWordWrap(True)
        self._message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._message.hide()
        self.restyle()
        theme.on_change(self.restyle, self)
        self._spec: ChartSpec | None = None
        self._shape: tuple[object, ...] | None = None
        self._bar_series: QBarSeries | QStackedBarSeries | None = None
        self._line_series: list[QLineSeries] = []
        # what the series and axes hold now, so an unchanged part is not set again
        self._bar_values: list[list[float]] = []
        self._line_points: list[list[tuple[float, float]]] = []
        self._bands_key: tuple[object, ...] | None = None
        self._label_step_used = 1
        self._building = False  # attaching series lays the chart out part-way
        chart.plotAreaChanged.connect(self._fit_labels)

    # -- drawing ----------------------------------------------------------------------
    @property
    def spec(self) -> ChartSpec | None:
        return self._spec

    def restyle(self, dark: bool | None = None) -> None:
        """The chart's own colours from the palette in use (or the light or dark one)."""
        t = theme.tokens(dark)
        panel = QColor(t["panel"])
        self._chart.setBackgroundBrush(QBrush(panel))
        self.setBackgroundBrush(QBrush(panel))
        self._chart.legend().setLabelColor(QColor(t["ink"]))
        for axis in (self._x, self._left, self._right):
            _style_axis(axis, t)
        back = f"rgba({panel.red()}, {panel.green()}, {panel.blue()}, 225)"
        self._message.setStyleSheet(
            f"QLabel#chartMessage {{ background: {back}; color: {t['muted']};"
            f" border: 1px solid {t['panel_edge']}; border-radius: 6px; padding: 8px 12px; }}"
        )

    def show_spec(self, spec: ChartSpec) -> None:
        """Show ``spec``. A spec of the same shape as the last one (same series, styles
        and axes) only swaps the numbers into the existing series, and only the parts
        that differ from what is drawn (values, labels, bands, scales) are set again:
        every change makes QtCharts lay the chart out and paint it anew, and a refresh
        after a plan change usually leaves most charts as they were."""
        self._spec = spec
        n = max(1, len(spec.labels))
        shape = _shape(spec)
        if shape != self._shape:
            self._building = True
            try:
                self._build(spec)
            finally:
                self._building = False
            self._shape = shape
        else:
            self._refill(spec)
        self._set_x(spec)
        self._set_bands(spec.bands, n)

        left_top = right_top = 0.0
        columns = list(zip(*(b.values for b in spec.bars), strict=True))
        if columns:
            left_top = max(sum(c) if spec.stacked else max(c) for c in columns)
        for line in spec.lines:
            top = max((y for _, y in line.points), default=0.0)
            if _markers(line):  # a marker on the top value stays whole inside the plot
                top *= 1 + MARKER_HEADROOM
            if line.right and spec.right is not None:
                right_top = max(right_top, top)
            else:
                left_top = max(left_top, top)
        self._scale(self._left, spec.left, left_top)
        self._right.setVisible(spec.right is not None)
        if spec.right is not None:
            self._scale(self._right, spec.right, right_top)
        self._chart.legend().setVisible(self._legend_inside and len(legend_entries(spec)) > 1)
        if self._message.text() != spec.message:
            self._message.setText(spec.message)
        self._message.setVisible(bool(spec.message))
        # Lay the chart out now rather than on the posted request: the window would
        # otherwise be painted once with the old layout and once more with the new one.
        self._chart.layout().activate()
        self._place_message()

    def _build(self, spec: ChartSpec) -> None:
        chart = self._chart
        chart.removeAllSeries()
        self._bar_series = None
        self._line_series = []
        self._bar_values = []
        self._line_points = []
        self._weeks.forget()  # attaching series moves the x range: set it all again
        if spec.bars:
            series: QBarSeries | QStackedBarSeries = (
                QStackedBarSeries() if spec.stacked else QBarSeries()
            )
            series.setBarWidth(0.72 if spec.stacked or len(spec.bars) == 1 else 0.85)
            for bars in spec.bars:
                barset = QBarSet(bars.name)
                values = [float(v) for v in bars.values]
                barset.append(values)
                self._bar_values.append(values)
                barset.setColor(QColor(bars.colour))
                barset.setBorderColor(QColor(bars.colour).darker(115))
                series.append(barset)
            chart.addSeries(series)
            for marker in chart.legend().markers(series):
                # "from series" draws bar markers hollow and elided: squares read better
                marker.setShape(QLegend.MarkerShape.MarkerShapeRectangle)
            self._attach(series, right=False)
            series.hovered.connect(self._hover_bar)
            self._bar_series = series
        for index, line in enumerate(spec.lines):
            series_l = QLineSeries()
            series_l.setName(line.name)
            points = list(line.points)
            series_l.append([QPointF(x, y) for x, y in points])
            self._line_points.append(points)
            pen = QPen(QColor(line.colour), line.width)
            if line.dashed:
                pen.setStyle(Qt.PenStyle.DashLine)
            series_l.setPen(pen)
            series_l.setPointsVisible(_markers(line))
            chart.addSeries(series_l)
            self._attach(series_l, right=line.right and spec.right is not None)
            if not line.in_legend:
                for marker in chart.legend().markers(series_l):
                    marker.setVisible(False)
            series_l.hovered.connect(
                lambda point, on, index=index: self._hover_line(point, on, index)
            )
            self._line_series.append(series_l)

    def _refill(self, spec: ChartSpec) -> None:
        """Put the spec's numbers into the existing series, touching only those that differ."""
        if self._bar_series is not None:
            barsets = self._bar_series.barSets()
            for k, (barset, bars) in enumerate(zip(barsets, spec.bars, strict=True)):
                values = [float(v) for v in bars.values]
                old = self._bar_values[k]
                if values == old:
                    continue
                changed = (
                    [i for i, (a, b) in enumerate(zip(old, values, strict=True)) if a != b]
                    if len(values) == len(old)
                    else None
                )
                if changed is not None and len(changed) <= _FEW_CHANGES:
                    for i in changed:  # a logged set moves a bar or two
                        barset.replace(i, values[i])
                else:  # another athlete or range: refill the set in two calls
                    barset.remove(0, barset.count())
                    barset.append(values)
                self._bar_values[k] = values
        for k, (series, line) in enumerate(zip(self._line_series, spec.lines, strict=True)):
            points = list(line.points)
            if points != self._line_points[k]:
                series.replace([QPointF(x, y) for x, y in points])
                self._line_points[k] = points
            markers = _markers(line)
            if series.pointsVisible() != markers:
                series.setPointsVisible(markers)

    def _attach(self, series: QAbstractSeries, right: bool) -> None:
        series.attachAxis(self._x)
        series.attachAxis(self._right if right else self._left)

    def _label_step(self, spec: ChartSpec) -> int:
        area = self._chart.plotArea().width()
        room = area if area > 0 else self.width() - (150 if spec.right else 95)
        return label_step(spec.labels, self._x.labelsFont(), room)

    def _set_x(self, spec: ChartSpec) -> None:
        step = self._label_step(spec)
        self._label_step_used = step
        self._weeks.show(spec.labels, spec.label_anchor, step)
        self._fit_markers()

    def _fit_markers(self) -> None:
        """Markers as big as :data:`MARKER_RADIUS`, smaller when slots are narrower, so
        neighbours stay apart and an end week's marker stays inside the plot."""
        n = max(1, len(self._spec.labels)) if self._spec else 1
        slot = self._chart.plotArea().width() / n
        for series in self._line_series:
            room = slot / 2 - series.pen().widthF() / 2 - 0.5
            size = max(2.0, min(MARKER_RADIUS, room)) if room > 0 else MARKER_RADIUS
            if series.markerSize() != size:
                series.setMarkerSize(size)

    def _set_bands(self, colours: Sequence[str], n: int) -> None:
        """The phase shading, painted behind the series."""
        key = (tuple(colours), n)
        if key == self._bands_key:
            return
        self._bands_key = key
        self._chart.setPlotAreaBackgroundBrush(shading(colours, n))
        self._chart.setPlotAreaBackgroundVisible(True)

    @staticmethod
    def _scale(axis: QValueAxis, spec: Axis, data_top: float) -> None:
        if spec.fixed_top is not None:
            top, ticks = nice_scale(spec.fixed_top, spec.integer, spec.ticks)
        else:
            top, ticks = nice_scale(max(data_top, spec.min_top), spec.integer, spec.ticks)
        if axis.min() != 0.0 or axis.max() != top:
            axis.setRange(0.0, top)
        if axis.tickCount() != ticks:
            axis.setTickCount(ticks)
        step = top / max(1, ticks - 1)
        # "%d" draws nothing once numbers are localised (Qt formats doubles), so use %.0f
        label_format = "%.0f" if step == int(step) else "%.1f"
        if axis.labelFormat() != label_format:  # Qt relays the axis out even when equal
            axis.setLabelFormat(label_format)
        if axis.titleText() != spec.title:
            axis.setTitleText(spec.title)

    # -- hover texts ------------------------------------------------------------------
    def _hover_bar(self, on: bool, index: int, barset: QBarSet) -> None:
        spec = self._spec
        bars = next((b for b in spec.bars if b.name == barset.label()), None) if spec else None
        texts = bars.tips if bars is not None else ()
        if on and 0 <= index < len(texts) and texts[index]:
            QToolTip.showText(QCursor.pos(), texts[index], self)
        else:
            QToolTip.hideText()

    def _hover_line(self, point: QPointF, on: bool, line_index: int) -> None:
        spec = self._spec
        line = spec.lines[line_index] if spec and line_index < len(spec.lines) else None
        if not on or line is None or not line.points or not line.tips:
            QToolTip.hideText()
            return
        index = min(range(len(line.points)), key=lambda i: abs(line.points[i][0] - point.x()))
        if index < len(line.tips) and line.tips[index]:
            QToolTip.showText(QCursor.pos(), line.tips[index], self)

    # -- reading back (tests, accessibility) -------------------------------------------
    def series_names(self) -> list[str]:
        names: list[str] = []
        for series in self._chart.series():
            if isinstance(series, QBarSeries | QStackedBarSeries):
                names.extend(s.label() for s in series.barSets())
            else:
                names.append(series.name())
        return names

    def values(self, name: str) -> list[float]:
        """The values a series named ``name`` holds now, read from the chart itself."""
        for series in self._chart.series():
            if isinstance(series, QBarSeries | QStackedBarSeries):
                for barset in series.barSets():
                    if barset.label() == name:
                        return [barset.at(i) for i in range(barset.count())]
            elif isinstance(series, QLineSeries) and series.name() == name:
                return [p.y() for p in series.points()]
        raise KeyError(name)

    def axis_labels(self) -> list[str]:
        return list(self._x.categoriesLabels())

    def axis_top(self, right: bool = False) -> float:
        return (self._right if right else self._left).max()

    @property
    def message(self) -> str:
        return self._message.text() if self._message.isVisibleTo(self) else ""

    # -- events -----------------------------------------------------------------------
    def _fit_labels(self, _area: QRectF | None = None) -> None:
        """Thin the week labels again once the plot's real width is known."""
        spec = self._spec
        if spec is not None and not self._building:  # else show_spec sets the axis after
            if self._label_step(spec) != self._label_step_used:
                self._set_x(spec)
            else:
                self._weeks.hold_range()
                self._fit_markers()
        self._place_message()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_message()

    def _place_message(self) -> None:
        if not self._message.isVisibleTo(self):
            return
        width = min(self.width() - 40, 340)
        self._message.setFixedWidth(max(120, width))
        self._message.adjustSize()
        area = self._chart.plotArea()
        centre = area.center() if area.width() > 0 else QPointF(self.width() / 2, self.height() / 2)
        self._message.move(
            int(centre.x() - self._message.width() / 2),
            int(centre.y() - self._message.height() / 2),
        )

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = QMenu(self)
        menu.addAction("Export chart as PNG…", self.export_requested.emit)
        menu.exec(event.globalPos())
