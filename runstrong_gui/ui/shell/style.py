"""Fills shared by the calendar, the block view and the charts: the session kinds'
colours (mid tones that read on the light and the dark palette alike) and the phases'
tints, which have a dark counterpart. Text colours are tokens of :mod:`.theme`."""

from __future__ import annotations

from PySide6.QtGui import QColor

from runstrong_gui.domain.enums import Phase, SessionKind
from runstrong_gui.domain.metrics import Compliance
from runstrong_gui.ui.shell import theme

KIND_COLOURS: dict[SessionKind, str] = {
    SessionKind.EASY: "#4caf7d",
    SessionKind.MODERATE: "#e0a526",
    SessionKind.LONG: "#2f7dd1",
    SessionKind.QUALITY: "#d9534f",
    SessionKind.RACE: "#8e44ad",
    SessionKind.WALK: "#8fb3a0",
    SessionKind.CROSS: "#16a2b8",
    SessionKind.REST: "#b0b7bf",
    SessionKind.STRENGTH: "#e67e22",
}

PHASE_COLOURS: dict[Phase, str] = {
    Phase.BEFORE: "#f1f3f5",
    Phase.FOUNDATION: "#e3f2fd",
    Phase.BUILD: "#e8f5e9",
    Phase.LOAD: "#fff3e0",
    Phase.POWER: "#f3e5f5",
    Phase.PEAK: "#fdecea",
    Phase.RACE: "#fce4ec",
}

# adherence: on plan, off plan (amber), far off plan, not judged (this week); used as
# dot fills beside text, so they read on both palettes
COMPLIANCE_COLOURS: dict[Compliance, str] = {
    Compliance.GREEN: "#3f9b5f",
    Compliance.YELLOW: "#e8b923",
    Compliance.RED: "#d64541",
    Compliance.NONE: "#9aa5b1",
}

PHASE_COLOURS_DARK: dict[Phase, str] = {
    Phase.BEFORE: "#2b3036",
    Phase.FOUNDATION: "#1d3347",
    Phase.BUILD: "#1f3a27",
    Phase.LOAD: "#40321b",
    Phase.POWER: "#35284a",
    Phase.PEAK: "#472629",
    Phase.RACE: "#472538",
}

# the light palette's; widgets read theme.colour("accent") / ("warning") as they style
ACCENT = theme.LIGHT["accent"]
WARNING = theme.LIGHT["warning"]


def kind_colour(kind: SessionKind) -> QColor:
    return QColor(KIND_COLOURS[kind])


def phase_colour(phase: Phase) -> QColor:
    """The phase's tint in the palette in use."""
    return QColor((PHASE_COLOURS_DARK if theme.is_dark() else PHASE_COLOURS)[phase])
