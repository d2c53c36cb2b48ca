"""The key of a progress chart as wrapping text under it, on screen."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from runstrong_gui.ui.progress.chart_spec import ChartSpec, legend_entries
from runstrong_gui.ui.progress.charts import chart_font
from runstrong_gui.ui.shell import theme

_GLYPHS = {"bar": "■", "line": "━━", "dashed": "╍╍"}


class ChartLegend(QLabel):
    """The key of a chart as wrapping text: QLegend elides entries once a row is full."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setFont(chart_font())
        theme.style(self, "color: {ink};")
        self._spec: ChartSpec | None = None

    def show_spec(self, spec: ChartSpec) -> None:
        self._spec = spec
        entries = legend_entries(spec)
        self.setVisible(len(entries) > 1)
        text = " &nbsp; ".join(
            f'<span style="color:{colour}">{_GLYPHS[how]}</span>&nbsp;'
            + html.escape(name).replace(" ", "&nbsp;")
            for name, colour, how in entries
        )
        if text != self.text():  # rich text is laid out again on every set
            self.setText(text)

    def names(self) -> list[str]:
        return [name for name, _, _ in legend_entries(self._spec)] if self._spec else []
