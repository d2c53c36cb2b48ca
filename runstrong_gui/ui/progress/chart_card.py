"""One card of the Progress grid: a chart with its title, its controls and an export button.

A card keeps the spec it is given until it is scrolled into view (:meth:`ChartCard.defer_spec`),
so the tab lays out only the charts somebody sees.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QStyle, QToolButton, QVBoxLayout, QWidget

from runstrong_gui.ui.progress.chart_legend import ChartLegend
from runstrong_gui.ui.progress.chart_spec import ChartSpec
from runstrong_gui.ui.progress.charts import WeekChartView
from runstrong_gui.ui.shell import theme


class ChartCard(QFrame):
    """A chart with its title, its own controls and an export button."""

    def __init__(self, key: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName("chartCard")
        theme.style(
            self,
            "QFrame#chartCard {{ background: {panel}; border: 1px solid {panel_edge};"
            " border-radius: 6px; }}",
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 6, 4)
        layout.setSpacing(2)
        self.header = QHBoxLayout()
        self.header.setSpacing(6)
        self.title = QLabel(title, self)
        self.title.setObjectName("chartTitle")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.header.addWidget(self.title)
        self.header.addStretch(1)
        self.export_button = QToolButton(self)
        self.export_button.setIcon(
            self.style().standardIcon(QStyle.StandardPixmap.SP_DialogSaveButton)
        )
        self.export_button.setToolTip("Export chart as PNG…")
        self.export_button.setAccessibleName(f"Export {title} as PNG")
        self.export_button.setAutoRaise(True)
        self.header.addWidget(self.export_button)
        layout.addLayout(self.header)
        self.view = WeekChartView(self)
        self.view.setAccessibleName(title)
        layout.addWidget(self.view, 1)
        self.legend = ChartLegend(self)
        layout.addWidget(self.legend)
        self.setMinimumHeight(290)
        self._pending: ChartSpec | None = None

    @property
    def spec(self) -> ChartSpec | None:
        """What the card shows, or will show as soon as it is scrolled into view."""
        return self._pending if self._pending is not None else self.view.spec

    @property
    def pending(self) -> bool:
        return self._pending is not None

    def show_spec(self, spec: ChartSpec) -> None:
        self._pending = None
        self.view.show_spec(spec)
        self.legend.show_spec(spec)

    def defer_spec(self, spec: ChartSpec) -> None:
        """Keep ``spec`` for when the card comes into view: laying out a chart nobody
        sees costs as much as one on screen, and most of the grid is scrolled away."""
        self._pending = spec

    def show_pending(self) -> None:
        if self._pending is not None:
            self.show_spec(self._pending)

    def add_control(self, widget: QWidget) -> None:
        """Put a control (measure, exercise) in the header, left of the export button."""
        self.header.insertWidget(self.header.count() - 1, widget)
