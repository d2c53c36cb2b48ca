"""A progress chart as a PNG: drawn off screen at a fixed size, written user-only."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from runstrong_gui.ui.progress.chart_spec import ChartSpec
from runstrong_gui.ui.progress.charts import MUTED, TEXT, WeekChartView, chart_font
from runstrong_gui.ui.shell.theme import LIGHT as PAPER


def export_image(
    spec: ChartSpec,
    heading: str,
    subheading: str = "",
    size: tuple[int, int] = (960, 540),
    scale: float = 2.0,
) -> QImage:
    """``spec`` drawn at a fixed size under a heading, on white, at ``scale``× resolution.

    Drawn off screen with the chart's own legend, so an exported chart looks the same
    whatever the size of the window it came from.
    """
    width, height = size
    head = 58 if subheading else 38
    view = WeekChartView(legend_inside=True)
    try:
        view.restyle(dark=False)  # an exported chart is for paper: the light palette
        view.resize(width, height)
        view.show_spec(spec)
        chart = view.chart()
        chart.resize(QSizeF(width, height))
        chart.layout().activate()  # lays out, which may thin the week labels…
        chart.layout().activate()  # …and lays out again with them
        image = QImage(
            int(width * scale), int((height + head) * scale), QImage.Format.Format_ARGB32
        )
        image.fill(QColor(PAPER["base"]))
        painter = QPainter(image)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            painter.scale(scale, scale)
            painter.setPen(QColor(TEXT))
            painter.setFont(chart_font(bold=True, scale=1.5))
            painter.drawText(QRectF(14, 10, width - 28, 26), Qt.AlignmentFlag.AlignLeft, heading)
            if subheading:
                painter.setPen(QColor(MUTED))
                painter.setFont(chart_font(scale=1.1))
                painter.drawText(
                    QRectF(14, 36, width - 28, 20), Qt.AlignmentFlag.AlignLeft, subheading
                )
            view.scene().render(
                painter, QRectF(0, head, width, height), QRectF(0, 0, width, height)
            )
            if spec.message:
                area = chart.plotArea().translated(0, head)
                box = QRectF(area.center().x() - 170, area.center().y() - 30, 340, 60)
                painter.fillRect(box, QColor(255, 255, 255, 230))
                painter.setPen(QColor(PAPER["muted"]))
                painter.setFont(chart_font(scale=1.15))
                painter.drawText(
                    box, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, spec.message
                )
        finally:
            painter.end()
    finally:
        view.deleteLater()
    return image


def write_png(image: QImage, path: str | Path) -> None:
    """Write ``image`` as PNG, user-only (0600), atomically: a failed write leaves any
    existing file as it was. Raises ``OSError`` with the reason."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]
        raise OSError("the image could not be encoded as PNG")
    buffer.close()
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=".runstrong-", suffix=".png", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:  # mkstemp creates the file 0600
            fh.write(bytes(data.data()))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    os.chmod(target, 0o600)
