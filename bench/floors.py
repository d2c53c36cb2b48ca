"""The floor of each interaction: the same work done the plainest way, in the same run.

Absolute milliseconds do not travel between machines; a figure next to what the same
work costs at its floor, timed in the same process a moment later, does. Each floor
does what the user waits for and nothing the app adds on top: the same rows through
the stdlib ``sqlite3`` module (with the app's pragmas), the same cards as plain text
in plain ``QListView``s, the same names through a ``QSortFilterProxyModel``, the same
numbers in plain QtCharts series, the same text in plain ReportLab ``Paragraph``s.

Every floor is a callable ``(trial) -> None`` for :func:`bench.run.timed`; Qt work
ends in the event loop, where Qt paints, as the app's trials do.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Sequence
from io import BytesIO
from pathlib import Path
from typing import Any

Process = Callable[[], None]
Action = Callable[[int], None]

# The pragmas the app sets on every connection (runstrong_gui.storage.engine).
PRAGMAS = (
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=5000",
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
)

WEEK_SQL = """
SELECT s.id, s.day, s.kind, s.title, s.minutes, s.done, s.skipped,
       pe.sets, pe.amount, e.name
FROM training_sessions AS s
LEFT JOIN planned_exercises AS pe ON pe.session_id = s.id
LEFT JOIN exercises AS e ON e.id = pe.exercise_id
WHERE s.athlete_id = ? AND s.day BETWEEN ? AND ?
ORDER BY s.day, s.position, s.id, pe.position
"""


def connect(db: Path) -> sqlite3.Connection:
    """A stdlib connection set up as the app sets up its own (autocommit: explicit BEGIN)."""
    conn = sqlite3.connect(str(db), isolation_level=None)
    for pragma in PRAGMAS:
        conn.execute(pragma)
    return conn


class Columns:
    """``n`` plain ``QListView`` columns side by side, each over a ``QStringListModel``."""

    def __init__(self, n: int, width: int, height: int) -> None:
        from PySide6.QtCore import QStringListModel
        from PySide6.QtWidgets import QHBoxLayout, QListView, QWidget

        self.widget = QWidget()
        layout = QHBoxLayout(self.widget)
        self.models = [QStringListModel() for _ in range(n)]
        self.views = []
        for model in self.models:
            view = QListView(self.widget)
            view.setModel(model)
            layout.addWidget(view)
            self.views.append(view)
        self.widget.resize(width, height)
        self.widget.show()

    def close(self) -> None:
        self.widget.close()
        self.widget.deleteLater()


def week_cards(rows: Sequence[tuple[Any, ...]], days: Sequence[dt.date]) -> list[list[str]]:
    """Rows of :data:`WEEK_SQL` as each day's cards: the title, then one line per exercise."""
    index = {d.isoformat(): i for i, d in enumerate(days)}
    cards: dict[int, list[str]] = {}
    per_day: list[list[int]] = [[] for _ in days]
    for sid, day, kind, title, minutes, done, skipped, sets, amount, name in rows:
        card = cards.get(sid)
        if card is None:
            status = " ✓" if done else " ✗" if skipped else ""
            card = cards[sid] = [f"{title or kind} {minutes or ''}{status}"]
            per_day[index[str(day)[:10]]].append(sid)
        if name is not None:
            card.append(f"{name}: {sets} × {amount}")
    return [["\n".join(cards[sid]) for sid in sids] for sids in per_day]


def week_switch(
    conn: sqlite3.Connection,
    athlete_id: int,
    weeks: Sequence[Sequence[dt.date]],
    size: tuple[int, int],
    process: Process,
) -> tuple[Action, Columns]:
    """One raw query for the week's sessions and planned exercises, seven lists repainted."""
    columns = Columns(7, *size)

    def switch(i: int) -> None:
        days = weeks[i % len(weeks)]
        rows = conn.execute(WEEK_SQL, (athlete_id, days[0].isoformat(), days[-1].isoformat()))
        for model, cards in zip(columns.models, week_cards(rows.fetchall(), days), strict=True):
            model.setStringList(cards)
        process()

    return switch, columns


def drop(
    conn: sqlite3.Connection,
    session_id: int,
    days: tuple[dt.date, dt.date],
    cards: tuple[list[str], list[str]],
    size: tuple[int, int],
    process: Process,
) -> tuple[Action, Columns]:
    """The same row update and commit, then the two days' columns repainted.

    ``days`` are (the day dropped on, the card's own day) and ``cards`` their cards, the
    moved one last on its own day; trials move it there and back, as the app's do."""
    columns = Columns(2, *size)
    there, home = cards
    moving = home[-1]
    columns.models[0].setStringList(there)
    columns.models[1].setStringList(home)
    process()

    def move(i: int) -> None:
        to = days[i % 2]
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(
            "UPDATE training_sessions SET day = ?, position = ?, edited = ? WHERE id = ?",
            (to.isoformat(), 99, True, session_id),
        )
        conn.execute("COMMIT")
        if i % 2 == 0:
            columns.models[0].setStringList([*there, moving])
            columns.models[1].setStringList(home[:-1])
        else:
            columns.models[0].setStringList(there)
            columns.models[1].setStringList(home)
        process()

    return move, columns


def search(
    names: Sequence[str], steps: Sequence[str], size: tuple[int, int], process: Process
) -> tuple[Action, Columns]:
    """A ``QSortFilterProxyModel`` with a fixed-string filter over the same names, shown."""
    from PySide6.QtCore import QSortFilterProxyModel, Qt

    columns = Columns(1, *size)
    proxy = QSortFilterProxyModel(columns.widget)
    proxy.setSourceModel(columns.models[0])
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    columns.models[0].setStringList(list(names))
    columns.views[0].setModel(proxy)
    process()

    def key(i: int) -> None:
        proxy.setFilterFixedString(steps[i % len(steps)])
        process()

    return key, columns


class Charts:
    """Plain ``QChartView``s holding as many series and points as the app's charts.

    The series, points and axes are made once; a trial paints them. (Putting the same
    numbers in again would cost more than the app pays: it touches only values that
    changed, and a refresh of an unchanged range changes none.)"""

    def __init__(self, shapes: Sequence[list[tuple[str, Any]]], size: tuple[int, int]) -> None:
        from PySide6.QtCharts import QBarSeries, QBarSet, QChart, QChartView, QLineSeries
        from PySide6.QtWidgets import QGridLayout, QWidget

        self.widget = QWidget()
        grid = QGridLayout(self.widget)
        self.views: list[Any] = []
        for n, shape in enumerate(shapes):
            chart = QChart()
            chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
            for kind, data in shape:
                if kind == "bars":
                    bars = QBarSeries()
                    for values in data:
                        barset = QBarSet("")
                        barset.append(values)
                        bars.append(barset)
                    chart.addSeries(bars)
                else:
                    line = QLineSeries()
                    line.append(self._points(data))
                    chart.addSeries(line)
            chart.createDefaultAxes()
            view = QChartView(chart, self.widget)
            grid.addWidget(view, n // 2, n % 2)
            self.views.append(view)
        self.widget.resize(*size)
        self.widget.show()

    @staticmethod
    def _points(data: Sequence[tuple[float, float]]) -> list[Any]:
        from PySide6.QtCore import QPointF

        return [QPointF(x, y) for x, y in data]

    def fill(self) -> None:
        """Ask every chart to paint (the event loop then paints them, as for the app)."""
        for view in self.views:
            view.viewport().update()

    def close(self) -> None:
        self.widget.close()
        self.widget.deleteLater()


def chart_shapes(views: Sequence[Any]) -> list[list[tuple[str, Any]]]:
    """What each of the app's chart views holds: its bar sets' values, its lines' points."""
    from PySide6.QtCharts import QBarSeries, QLineSeries, QStackedBarSeries

    shapes = []
    for view in views:
        shape: list[tuple[str, Any]] = []
        for series in view.chart().series():
            if isinstance(series, QBarSeries | QStackedBarSeries):
                values = [[b.at(i) for i in range(b.count())] for b in series.barSets()]
                shape.append(("bars", values))
            elif isinstance(series, QLineSeries):
                shape.append(("line", [(p.x(), p.y()) for p in series.points()]))
        shapes.append(shape)
    return shapes


def progress(
    conn: sqlite3.Connection,
    statements: Sequence[tuple[str, Any]],
    shapes: Sequence[list[tuple[str, Any]]],
    size: tuple[int, int],
    process: Process,
) -> tuple[Action, Charts]:
    """The same SQL through ``sqlite3``, then the same series and points painted."""
    charts = Charts(shapes, size)

    def refresh(_i: int) -> None:
        for sql, params in statements:
            conn.execute(sql, params).fetchall()
        charts.fill()
        process()

    return refresh, charts


class Recorder:
    """The SQL the app's engine sends while it is attached (to replay it through sqlite3)."""

    def __init__(self, engine: Any) -> None:
        from sqlalchemy import event

        self.engine = engine
        self.statements: list[tuple[str, Any]] = []
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, _conn: Any, _cursor: Any, sql: str, params: Any, *_rest: Any) -> None:
        if sql.lstrip().upper().startswith("SELECT"):
            self.statements.append((sql, params))

    def close(self) -> None:
        from sqlalchemy import event

        event.remove(self.engine, "before_cursor_execute", self._seen)


def pdf_text(pdf: bytes) -> list[str]:
    """The lines of text of a PDF, page by page."""
    from pypdf import PdfReader

    reader = PdfReader(BytesIO(pdf))
    return [line for page in reader.pages for line in page.extract_text().splitlines()]


def pdf(lines: Sequence[str]) -> Action:
    """ReportLab building the same text as plain ``Paragraph``s with one stylesheet."""
    from xml.sax.saxutils import escape

    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    style = getSampleStyleSheet()["Normal"]

    def build(_i: int) -> None:
        story = [Paragraph(escape(line), style) for line in lines]
        SimpleDocTemplate(BytesIO()).build(story)

    return build
