"""The embedded fonts, registered once on first use: registering them is slow enough
that it never happens at import time.

DejaVu Sans ships with the app: the standard PDF fonts cannot print "Ирина" or "Ł",
and ``/usr/share/fonts`` does not exist on Windows or macOS.
"""

from __future__ import annotations

import threading

from runstrong_gui.export.errors import ExportError
from runstrong_gui.paths import resources_dir

FONT = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
_FILES = {
    FONT: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
}

_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Register the DejaVu family with ReportLab, once per process (thread-safe)."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        from reportlab.lib.fonts import addMapping
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        folder = resources_dir() / "fonts"
        for name, file in _FILES.items():
            path = folder / file
            try:
                pdfmetrics.registerFont(TTFont(name, str(path)))
            except Exception as exc:  # missing or damaged file: a broken install
                raise ExportError(
                    f"The font file {path} is missing or damaged, so PDFs cannot be made. "
                    "Reinstalling RunStrong should fix this."
                ) from exc
        # <b> and <i> in our markup pick these faces; we never set bold italic, so
        # that face is not shipped (~640 KB) and falls back to bold.
        addMapping(FONT, 0, 0, FONT)
        addMapping(FONT, 1, 0, BOLD)
        addMapping(FONT, 0, 1, ITALIC)
        addMapping(FONT, 1, 1, BOLD)
        _registered = True
