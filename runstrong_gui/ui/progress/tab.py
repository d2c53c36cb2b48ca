"""The Progress tab: six charts over the weeks of a range, the block's phases behind them.

The tab holds no data of record. :meth:`ProgressTab.refresh` asks the progress service
for a :class:`~runstrong_gui.services.progress.ProgressData` (one transaction, a fixed
number of queries) and turns it into chart specs with the pure ``*_spec`` functions
below; :mod:`runstrong_gui.ui.progress.charts` draws them. Choosing another exercise or volume
measure redraws from the data already read.

Signals:
    week_requested(): the user asked to go to the week calendar (from the empty state).
    exported(str): a chart was written to this path.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSettings, QStandardPaths, Qt, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from runstrong_gui.domain.enums import Phase
from runstrong_gui.services.progress import (
    SCOPE_LABELS,
    ProgressData,
    load_progress,
)
from runstrong_gui.storage.engine import StoreError
from runstrong_gui.storage.store import NotFound, Store
from runstrong_gui.ui.progress.chart_card import ChartCard
from runstrong_gui.ui.progress.chart_export import export_image, write_png
from runstrong_gui.ui.progress.chart_spec import ChartSpec
from runstrong_gui.ui.progress.charts import WeekChartView
from runstrong_gui.ui.progress.specs import (
    CHARTS,
    MEASURES,
    MIN_CARD_WIDTH,
    adherence_spec,
    load_spec,
    muscles_spec,
    pain_spec,
    phase_spans,
    running_spec,
    slug,
    summary_text,
    volume_spec,
)
from runstrong_gui.ui.shell import theme
from runstrong_gui.ui.shell.style import phase_colour

_BRING_INTO_VIEW = (QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show)


class ProgressTab(QWidget):
    """Charts of one athlete's training over a range of weeks. See the module docstring."""

    week_requested = Signal()
    exported = Signal(str)

    def __init__(
        self,
        store: Store,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("progressTab")
        self.store = store
        self.settings = settings
        self.today = today
        self.athlete_id: int | None = None
        self.data: ProgressData | None = None
        self._stale = True
        self._exercise_id: int | None = None
        self._columns = 0
        # what the controls show now, so a refresh with the same data leaves them alone
        self._phases_shown: list[tuple[Phase, str]] = []
        theme.on_change(self._recolour_phases, self)
        self._exercises_listed: list[tuple[str, int]] | None = None

        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 6, 8, 6)
        outer.setSpacing(6)
        outer.addLayout(self._build_controls())
        self.stack = QStackedWidget(self)
        outer.addWidget(self.stack, 1)

        self.cards: dict[str, ChartCard] = {k: ChartCard(k, t) for k, t in CHARTS.items()}
        self.views: dict[str, WeekChartView] = {k: c.view for k, c in self.cards.items()}
        self._build_card_controls()
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(8)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(self.grid_host)
        self.stack.addWidget(self.scroll_area)
        self.stack.addWidget(self._build_empty_page())
        self._arrange(3)
        # A card scrolled, resized or shown into view draws the spec it was left with.
        for watched in (self.grid_host, self.scroll_area.viewport(), *self.cards.values()):
            watched.installEventFilter(self)

        for key, card in self.cards.items():
            card.export_button.clicked.connect(lambda _=False, k=key: self.export_chart(k))
            card.view.export_requested.connect(lambda k=key: self.export_chart(k))

    # -- construction ----------------------------------------------------------------------
    def _build_controls(self) -> QVBoxLayout:
        rows = QVBoxLayout()
        rows.setSpacing(2)
        row = QHBoxLayout()
        row.setSpacing(8)
        label = QLabel("Range:", self)
        self.range_combo = QComboBox(self)
        self.range_combo.setObjectName("progressRange")
        self.range_combo.setAccessibleName("Range")
        for scope, text in SCOPE_LABELS.items():
            self.range_combo.addItem(text, scope)
        remembered = self.settings.value("progress/range") if self.settings else None
        index = self.range_combo.findData(remembered)
        self.range_combo.setCurrentIndex(max(0, index))
        label.setBuddy(self.range_combo)
        self.range_combo.currentIndexChanged.connect(self._range_chosen)
        row.addWidget(label)
        row.addWidget(self.range_combo)
        row.addSpacing(12)
        self.phase_strip = QHBoxLayout()
        self.phase_strip.setSpacing(4)
        row.addLayout(self.phase_strip)
        row.addStretch(1)
        rows.addLayout(row)
        self.summary = QLabel(self)
        self.summary.setObjectName("progressSummary")
        theme.style(self.summary, "color: {muted};")
        rows.addWidget(self.summary)
        return rows

    def _build_card_controls(self) -> None:
        host = QWidget(self)
        seg = QHBoxLayout(host)
        seg.setContentsMargins(0, 0, 0, 0)
        seg.setSpacing(0)
        self.measure_group = QButtonGroup(self)
        self.measure_buttons: dict[str, QToolButton] = {}
        remembered = self.settings.value("progress/measure") if self.settings else None
        for key, text in MEASURES.items():
            button = QToolButton(host)
            button.setText(text)
            button.setCheckable(True)
            button.setAccessibleName(f"Show {text.lower()}")
            button.setChecked(key == (remembered if remembered in MEASURES else "sets"))
            self.measure_group.addButton(button)
            self.measure_buttons[key] = button
            seg.addWidget(button)
        self.measure_group.buttonToggled.connect(self._measure_chosen)
        self.cards["volume"].add_control(host)

        self.exercise_combo = QComboBox(self)
        self.exercise_combo.setObjectName("progressExercise")
        self.exercise_combo.setAccessibleName("Exercise")
        self.exercise_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.exercise_combo.setMaximumWidth(240)
        self.exercise_combo.currentIndexChanged.connect(self._exercise_chosen)
        self.cards["load"].add_control(self.exercise_combo)

    def _build_empty_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        box = QFrame(page)
        box.setObjectName("emptyBox")
        theme.style(
            box,
            "QFrame#emptyBox {{ background: {empty}; border: 1px solid {panel_edge};"
            " border-radius: 8px; }} QFrame#emptyBox QLabel {{ color: {ink}; }}",
        )
        box.setMaximumWidth(560)
        inner = QVBoxLayout(box)
        inner.setContentsMargins(24, 20, 24, 20)
        self.empty_title = QLabel(box)
        font = self.empty_title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.empty_title.setFont(font)
        self.empty_text = QLabel(box)
        self.empty_text.setObjectName("progressEmptyText")
        self.empty_text.setWordWrap(True)
        self.empty_text.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_button = QPushButton("Open the week calendar", box)
        self.empty_button.clicked.connect(self.week_requested)
        self.all_button = QPushButton("Show all weeks", box)
        self.all_button.clicked.connect(lambda: self.set_scope("all"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.empty_button)
        buttons.addWidget(self.all_button)
        buttons.addStretch(1)
        inner.addWidget(self.empty_title)
        inner.addWidget(self.empty_text)
        inner.addSpacing(8)
        inner.addLayout(buttons)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box, 3)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        return page

    def _arrange(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for card in self.cards.values():
            self.grid.removeWidget(card)
        for i, card in enumerate(self.cards.values()):
            self.grid.addWidget(card, i // columns, i % columns)
        for c in range(3):
            self.grid.setColumnStretch(c, 1 if c < columns else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Three columns of charts on a wide window, two or one on narrower ones."""
        super().resizeEvent(event)
        need = max(MIN_CARD_WIDTH, *(c.minimumSizeHint().width() for c in self.cards.values()))
        room = self.width() - 40  # the tab's margins and the scroll bar
        spacing = self.grid.spacing()
        self._arrange(next((n for n in (3, 2) if n * need + (n - 1) * spacing <= room), 1))

    # -- state -----------------------------------------------------------------------------
    @property
    def scope(self) -> str:
        return str(self.range_combo.currentData())

    def set_scope(self, scope: str) -> None:
        self.range_combo.setCurrentIndex(max(0, self.range_combo.findData(scope)))

    @property
    def measure(self) -> str:
        return next((k for k, b in self.measure_buttons.items() if b.isChecked()), "sets")

    @property
    def exercise_id(self) -> int | None:
        return self._exercise_id

    def set_athlete(self, athlete_id: int | None) -> None:
        """Show another athlete (drawn now if the tab is on screen, else when it is)."""
        if athlete_id != self.athlete_id:
            self._exercise_id = None
        self.athlete_id = athlete_id
        self.invalidate()

    def invalidate(self) -> None:
        """The plan or the logs changed: redraw now if visible, else on the next show."""
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    # -- drawing ---------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the data for the athlete and range, then redraw every chart."""
        self._stale = False
        self.data = None
        if self.athlete_id is not None:
            try:
                self.data = load_progress(self.store, self.athlete_id, self.scope, self.today())
            except NotFound:
                self.data = None
            except StoreError as exc:
                self._show_empty("The progress could not be read", str(exc), can_widen=False)
                return
        data = self.data
        if data is None:
            self._show_empty(
                "No athlete chosen",
                "Choose an athlete in the toolbar, or add one, to follow their progress here.",
                can_widen=False,
            )
            return
        self._show_phases(data)
        summary = summary_text(data)
        if self.summary.text() != summary:
            self.summary.setText(summary)
        if not data.has_logs:
            widen = self.scope != "all"
            self._show_empty(
                f"Nothing logged yet for {data.athlete.name}",
                "The charts fill in as training is recorded. Open a strength session in the "
                "week calendar, note each set as you finish it (reps, load, how hard it felt, "
                "any pain), and mark sessions and runs as done. Volume, load, adherence and "
                "pain then appear here week by week, with the block's phases behind them."
                + (" Earlier weeks may hold logs: try showing all weeks." if widen else ""),
                can_widen=widen,
            )
        else:
            self.stack.setCurrentIndex(0)
        self._fill_exercises(data)
        self._draw_all(data)

    def _show_empty(self, title: str, text: str, can_widen: bool) -> None:
        self.empty_title.setText(title)
        self.empty_text.setText(text)
        self.all_button.setVisible(can_widen)
        self.empty_button.setVisible(self.athlete_id is not None)
        self.stack.setCurrentIndex(1)
        if self.data is None:
            self.summary.clear()
            self._show_phases(None)

    def _show_phases(self, data: ProgressData | None) -> None:
        spans = phase_spans(data) if data is not None else []
        if spans == self._phases_shown:  # new chips would relay out and repaint the tab
            return
        self._show_spans(spans)

    def _recolour_phases(self) -> None:
        """The chips' tints are the palette's: made again when it changes."""
        self._show_spans(self._phases_shown)

    def _show_spans(self, spans: list[tuple[Phase, str]]) -> None:
        self._phases_shown = spans
        while self.phase_strip.count():
            item = self.phase_strip.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # deleteLater only acts once control is back in the event loop
                widget.deleteLater()
        for phase, weeks in spans:
            chip = QLabel(f"{phase.label} {weeks}", self)
            chip.setObjectName("phaseChip")
            chip.setToolTip(f"{phase.label}: {weeks}")
            tint = phase_colour(phase).name()
            theme.style(
                chip,
                f"background: {tint}; border: 1px solid {{panel_edge}};"
                " border-radius: 8px; padding: 1px 8px; color: {ink};",
            )
            self.phase_strip.addWidget(chip)

    def _fill_exercises(self, data: ProgressData) -> None:
        combo = self.exercise_combo
        combo.blockSignals(True)
        items = [(e.name, e.id) for e in data.exercises]
        if items != self._exercises_listed:  # an unchanged list keeps its widget as it is
            self._exercises_listed = items
            combo.clear()
            for name, eid in items:
                combo.addItem(name, eid)
        if not data.exercises:
            if combo.count() == 0:
                combo.addItem("No exercise logged yet", None)
            combo.setEnabled(False)
            combo.setToolTip("Exercises appear here once sets of them are logged.")
            self._exercise_id = None
        else:
            combo.setEnabled(True)
            combo.setToolTip("Exercises logged in this range")
            ids = [e.id for e in data.exercises]
            if self._exercise_id not in ids:
                self._exercise_id = data.default_exercise()
            combo.setCurrentIndex(combo.findData(self._exercise_id))
        combo.blockSignals(False)

    def _draw_all(self, data: ProgressData) -> None:
        self._draw("volume", volume_spec(data, self.measure))
        self._draw("adherence", adherence_spec(data))
        self._draw("load", load_spec(data, self._exercise_id))
        self._draw("muscles", muscles_spec(data))
        self._draw("pain", pain_spec(data))
        self._draw("running", running_spec(data))

    def _draw(self, key: str, spec: ChartSpec) -> None:
        """Draw a card now if any of it is on screen, else when it comes into view."""
        card = self.cards[key]
        if self._on_screen(card):
            card.show_spec(spec)
        else:
            card.defer_spec(spec)

    def _on_screen(self, card: ChartCard) -> bool:
        if not card.isVisible():  # another tab, the empty page, or the window is hidden
            return False
        viewport = self.scroll_area.viewport()
        return QRect(card.mapTo(viewport, QPoint(0, 0)), card.size()).intersects(viewport.rect())

    def _show_pending(self) -> None:
        for card in self.cards.values():
            if card.pending and self._on_screen(card):
                card.show_pending()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Scrolling moves the grid, a wider window moves the cards, a shown tab shows
        them: each may bring a card that still holds back its spec into view. Drawn
        here, before the paint that follows, so the old chart never shows."""
        if (
            event.type() in _BRING_INTO_VIEW
            and not self._stale  # else the tab is being shown and redraws everything anyway
            and any(c.pending for c in self.cards.values())
        ):
            self._show_pending()
        return False

    def _range_chosen(self, _index: int) -> None:
        if self.settings is not None:
            self.settings.setValue("progress/range", self.scope)
        self._stale = True
        if self.isVisible():
            self.refresh()

    def _measure_chosen(self, _button: object, checked: bool) -> None:
        if not checked:
            return
        if self.settings is not None:
            self.settings.setValue("progress/measure", self.measure)
        if self.data is not None:
            self._draw("volume", volume_spec(self.data, self.measure))

    def _exercise_chosen(self, index: int) -> None:
        value = self.exercise_combo.itemData(index)
        self._exercise_id = int(value) if value is not None else None
        if self.data is not None:
            self._draw("load", load_spec(self.data, self._exercise_id))

    # -- export ------------------------------------------------------------------------------
    def chart_heading(self, key: str) -> tuple[str, str]:
        """Title and subtitle printed above an exported chart."""
        title = CHARTS[key]
        if key == "volume":
            title = f"{title}: {MEASURES[self.measure].lower()}"
        elif key == "load" and self._exercise_id is not None:
            title = f"{title}: {self.exercise_combo.currentText()}"
        data = self.data
        if data is None:
            return title, ""
        return title, f"{data.athlete.name} · {SCOPE_LABELS[data.scope]} · {summary_text(data)}"

    def default_export_path(self, key: str) -> Path:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
        base = Path(folder) if folder and Path(folder).is_dir() else Path.home()
        who = self.data.athlete.name if self.data else "runstrong"
        return base / f"{slug(who)}-{slug(CHARTS[key])}.png"

    def export_chart(self, key: str) -> Path | None:
        """Ask where to save the chart, then write it as a PNG only the user can read."""
        path, _ = QFileDialog.getSaveFileName(
            self, "Export chart as PNG", str(self.default_export_path(key)), "PNG image (*.png)"
        )
        if not path:
            return None
        target = Path(path)
        if target.suffix.lower() != ".png":
            target = target.with_name(target.name + ".png")
        title, subtitle = self.chart_heading(key)
        spec = self.cards[key].spec
        if spec is None:
            return None
        try:
            write_png(export_image(spec, title, subtitle), target)
        except OSError as exc:
            QMessageBox.warning(
                self, "Chart not exported", f"The chart could not be saved to {target}: {exc}"
            )
            return None
        self.exported.emit(str(target))
        return target
