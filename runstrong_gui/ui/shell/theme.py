"""The app's colours in a light and a dark palette, and which of the two is in use.

Every colour a widget paints or puts in a style sheet is a token of :data:`LIGHT` and
:data:`DARK` (fills that read on both, such as the session kinds' colours, live in
:mod:`.style`). The palette follows the system's colour scheme unless the user chose
one (View ▸ Theme); :data:`TEXT_PAIRS` names every text-on-background pair the app
uses, so a test can hold each to WCAG AA contrast in both palettes.

Widgets that set a style sheet with these colours do it through :func:`style`, which
sets it again when the palette changes; painted widgets read :func:`colour` as they
paint and key their caches by :func:`generation`.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget


class Choice(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"

    @property
    def label(self) -> str:
        return {"system": "&System", "light": "&Light", "dark": "&Dark"}[self.value]


LIGHT: dict[str, str] = {
    # texts
    "ink": "#1b1f24",  # titles, body text
    "muted": "#4a525a",  # subtitles, secondary lines
    "subtle": "#5f6670",  # hints, empty states, placeholders
    "lines": "#30363d",  # a card's exercise lines
    "skipped": "#656c74",  # a skipped card's struck title
    "warning": "#a93226",  # refusals, warnings, the pain badge
    "success": "#23692a",  # done, no warnings
    "accent": "#1f67b8",  # a filter in use
    "flag": "#b9461f",  # an exercise on the avoid list
    # surfaces
    "window": "#f3f4f6",
    "base": "#ffffff",
    "card": "#ffffff",
    "day": "#fafbfc",
    "day_edge": "#dde1e6",
    "today": "#eef5fd",
    "today_edge": "#2f7dd1",
    "selected_edge": "#1f4e8c",
    "panel": "#ffffff",
    "panel_edge": "#dde1e6",
    "empty": "#fafbfc",
    "pain": "#fdecea",
    "bad_field": "#fdecea",
    "duration": "#fff3e0",
    "grid": "#e3e6ea",
    "axis": "#b9c0c8",
    "read_only": "#fff6dd",
    "read_only_edge": "#e2c06a",
    "read_only_ink": "#5c4400",
    "lost": "#fdecea",
    "lost_edge": "#e3a49c",
    "lost_ink": "#7a1f16",
}

DARK: dict[str, str] = {
    "ink": "#e6e8eb",
    "muted": "#b7bec6",
    "subtle": "#9ea7b1",
    "lines": "#ccd3da",
    "skipped": "#9ea7b1",
    "warning": "#ff8a80",
    "success": "#7bd389",
    "accent": "#7ab8ff",
    "flag": "#ffa07a",
    "window": "#1e2227",
    "base": "#2a2f35",
    "card": "#262b31",
    "day": "#1b1f24",
    "day_edge": "#363c44",
    "today": "#1d2b3b",
    "today_edge": "#4a90d9",
    "selected_edge": "#9ccaff",
    "panel": "#1f2328",
    "panel_edge": "#3a4048",
    "empty": "#1b1f24",
    "pain": "#3b2220",
    "bad_field": "#4a2522",
    "duration": "#3d2f16",
    "grid": "#333941",
    "axis": "#5a636d",
    "read_only": "#3a3218",
    "read_only_edge": "#8a7330",
    "read_only_ink": "#f2d98a",
    "lost": "#3b2220",
    "lost_edge": "#8a3b33",
    "lost_ink": "#ffb4a9",
}

# every text colour the app puts on a background of its own: (text, background)
TEXT_PAIRS: tuple[tuple[str, str], ...] = (
    *((text, "base") for text in ("ink", "muted", "subtle", "warning", "success", "accent")),
    *((text, "window") for text in ("ink", "muted", "subtle", "warning", "success", "accent")),
    ("flag", "base"),
    *((text, "card") for text in ("ink", "muted", "lines", "skipped", "warning", "success")),
    ("ink", "day"),
    ("ink", "today"),
    ("success", "day"),
    ("warning", "day"),
    ("ink", "panel"),
    ("muted", "panel"),
    ("subtle", "panel"),
    ("ink", "empty"),
    ("muted", "empty"),
    ("subtle", "empty"),
    ("ink", "pain"),
    ("muted", "pain"),
    ("warning", "pain"),
    ("ink", "bad_field"),
    ("ink", "duration"),
    ("read_only_ink", "read_only"),
    ("lost_ink", "lost"),
)


class _Theme(QObject):
    """Signals:
    changed(): the palette in use changed (repaint, restyle).
    """

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.choice = Choice.SYSTEM
        self.dark = False
        self.generation = 0
        self.following = False


_THEME: _Theme | None = None


def _state() -> _Theme:
    global _THEME
    if _THEME is None:
        _THEME = _Theme()
    return _THEME


def tokens(dark: bool | None = None) -> dict[str, str]:
    """The palette in use (or the dark or light one)."""
    return DARK if (_state().dark if dark is None else dark) else LIGHT


def colour(name: str) -> QColor:
    return QColor(tokens()[name])


def is_dark() -> bool:
    return _state().dark


def generation() -> int:
    """Bumped at every change of palette: painted caches keep it in their keys."""
    return _state().generation


def on_change(slot: Callable[[], None], context: QObject) -> None:
    """Call ``slot`` after every change of palette while ``context`` lives."""
    _state().changed.connect(_Relay(slot, context).call)


class _Relay(QObject):
    def __init__(self, slot: Callable[[], None], context: QObject) -> None:
        super().__init__(context)  # goes, and stops listening, with its context
        self._slot = slot

    def call(self) -> None:
        self._slot()


def style(widget: QWidget, sheet: str) -> None:
    """Set ``sheet`` (with ``{token}`` fields) as the widget's style sheet, again with
    the other palette's colours whenever the palette changes."""
    widget.setStyleSheet(sheet.format(**tokens()))
    holder = widget.findChild(
        _SheetHolder, "themedSheet", Qt.FindChildOption.FindDirectChildrenOnly
    )
    if holder is None:
        _state().changed.connect(_SheetHolder(widget, sheet).apply)
    else:
        holder.sheet = sheet


class _SheetHolder(QObject):
    def __init__(self, widget: QWidget, sheet: str) -> None:
        super().__init__(widget)
        self.setObjectName("themedSheet")
        self.widget, self.sheet = widget, sheet

    def apply(self) -> None:
        self.widget.setStyleSheet(self.sheet.format(**tokens()))


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def palette(dark: bool) -> QPalette:
    """Qt's palette for the standard widgets, from the same tokens."""
    t = DARK if dark else LIGHT
    p = QPalette()
    roles = {
        QPalette.ColorRole.Window: t["window"],
        QPalette.ColorRole.WindowText: t["ink"],
        QPalette.ColorRole.Base: t["base"],
        QPalette.ColorRole.AlternateBase: t["day"] if not dark else "#30363d",
        QPalette.ColorRole.Text: t["ink"],
        QPalette.ColorRole.Button: "#e9ecef" if not dark else "#353b42",
        QPalette.ColorRole.ButtonText: t["ink"],
        QPalette.ColorRole.BrightText: "#ffffff",
        QPalette.ColorRole.Highlight: "#2f6fb5" if dark else "#2a6dba",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: t["panel"],
        QPalette.ColorRole.ToolTipText: t["ink"],
        QPalette.ColorRole.PlaceholderText: t["subtle"],
        QPalette.ColorRole.Link: t["accent"],
        QPalette.ColorRole.Light: "#ffffff" if not dark else "#3a4048",
        QPalette.ColorRole.Midlight: "#e3e6ea" if not dark else "#30363d",
        QPalette.ColorRole.Mid: "#b9c0c8" if not dark else "#4a525a",
        QPalette.ColorRole.Dark: "#8a9099" if not dark else "#101316",
        QPalette.ColorRole.Shadow: "#5f6670" if not dark else "#000000",
    }
    for role, value in roles.items():
        p.setColor(role, QColor(value))
    disabled = QColor("#8a9099" if not dark else "#6e7781")
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return p


def apply(choice: Choice | str) -> None:
    """Use the light or dark palette, or the system's (and follow it as it changes)."""
    state = _state()
    state.choice = Choice(choice)
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    hints = QGuiApplication.styleHints()
    if not state.following:
        state.following = True
        hints.colorSchemeChanged.connect(lambda *_: _follow_system())
    dark = system_is_dark() if state.choice is Choice.SYSTEM else state.choice is Choice.DARK
    if dark == state.dark and state.generation:
        return
    state.dark = dark
    state.generation += 1
    app.setPalette(palette(dark))
    state.changed.emit()


def _follow_system() -> None:
    state = _state()
    if state.choice is Choice.SYSTEM and system_is_dark() != state.dark:
        apply(Choice.SYSTEM)
