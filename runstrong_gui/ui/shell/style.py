"""Colours and text helpers shared by the calendar, the block view and the charts."""

from __future__ import annotations

from PySide6.QtGui import QColor

from runstrong_gui.domain.enums import Phase, SessionKind
from runstrong_gui.domain.metrics import Compliance

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

# adherence: on plan, off plan (amber), far off plan, not judged (this week)
COMPLIANCE_COLOURS: dict[Compliance, str] = {
    Compliance.GREEN: "#3f9b5f",
    Compliance.YELLOW: "#e8b923",
    Compliance.RED: "#d64541",
    Compliance.NONE: "#9aa5b1",
}

ACCENT = "#2f7dd1"
WARNING = "#c0392b"


def kind_colour(kind: SessionKind) -> QColor:
    return QColor(KIND_COLOURS[kind])


def phase_colour(phase: Phase) -> QColor:
    return QColor(PHASE_COLOURS[phase])
