"""Draw the app icon's PNGs, .ico and .icns from ``resources/icons/runstrong.svg``.

Run by ``make icons`` after the SVG changes; the results are committed, so neither the
Linux nor the Windows or macOS build needs this script. Qt's SVG renderer draws each
size from the vector source (sharper small sizes than scaling one big PNG down);
Pillow, which ReportLab already installs, packs the .ico and .icns.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "resources" / "icons"
SVG = ICONS / "runstrong.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # what Windows picks from
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)  # macOS: 1x and 2x of 16..512


def render(renderer: QSvgRenderer, size: int) -> bytes:
    """The icon at ``size`` px as PNG bytes."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"cannot read {SVG}", file=sys.stderr)
        return 1
    drawn = {s: render(renderer, s) for s in sorted({*PNG_SIZES, *ICO_SIZES, *ICNS_SIZES})}
    for size in PNG_SIZES:
        (ICONS / f"runstrong-{size}.png").write_bytes(drawn[size])
    images = {s: Image.open(io.BytesIO(drawn[s])) for s in drawn}
    images[256].save(
        ROOT / "packaging" / "windows" / "runstrong.ico",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[images[s] for s in ICO_SIZES],
    )
    images[1024].save(
        ROOT / "packaging" / "macos" / "runstrong.icns",
        append_images=[images[s] for s in ICNS_SIZES],
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
