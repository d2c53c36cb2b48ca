"""The light and dark palettes: every text the app puts on a background of its own
reads at WCAG AA (4.5:1) in both, no colour in the UI is left out of them, and
View ▸ Theme switches the palette and is remembered."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QLabel
from window_support import controller, full_window

import runstrong_gui
from runstrong_gui.domain.enums import Phase
from runstrong_gui.services.queries import Queries
from runstrong_gui.storage.store import Store
from runstrong_gui.ui.appearance.feature import ThemeMenu
from runstrong_gui.ui.shell import theme
from runstrong_gui.ui.shell.style import KIND_COLOURS, PHASE_COLOURS, PHASE_COLOURS_DARK

UI = Path(runstrong_gui.__file__).parent / "ui"
# fills that read under both palettes' texts (checked below), and chart series colours
COLOUR_HOMES = {"shell/theme.py", "shell/style.py", "progress/specs.py"}


def luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def over(top: QColor, alpha: int, base: QColor) -> QColor:
    """``top`` at ``alpha`` (0–255) painted over ``base``."""
    a = alpha / 255
    return QColor.fromRgbF(
        top.redF() * a + base.redF() * (1 - a),
        top.greenF() * a + base.greenF() * (1 - a),
        top.blueF() * a + base.blueF() * (1 - a),
    )


@pytest.fixture(autouse=True)
def _light_again() -> Iterator[None]:
    yield
    theme.apply(theme.Choice.LIGHT)  # the next test starts as the others do


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_every_text_pair_reads_at_aa(dark: bool) -> None:
    t = theme.tokens(dark)
    poor = [
        (fg, bg, round(contrast(QColor(t[fg]), QColor(t[bg])), 2))
        for fg, bg in theme.TEXT_PAIRS
        if contrast(QColor(t[fg]), QColor(t[bg])) < 4.5
    ]
    assert poor == [], poor


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_cards_chips_and_standard_widgets_read_at_aa(dark: bool) -> None:
    t = theme.tokens(dark)
    card = QColor(t["card"])
    pairs: list[tuple[str, QColor, QColor]] = []
    for kind, fill in KIND_COLOURS.items():  # a card: its kind's tint over the card colour
        for alpha, texts in (
            (40, ("ink", "muted", "lines", "success", "warning")),
            (15, ("skipped",)),
        ):
            back = over(QColor(fill), alpha, card)
            pairs += [(f"{name} on {kind} card", QColor(t[name]), back) for name in texts]
    phases = PHASE_COLOURS_DARK if dark else PHASE_COLOURS
    for phase in Phase:  # the week header's chip (darkened) and the Progress chips
        for back in (QColor(phases[phase]).darker(108), QColor(phases[phase])):
            pairs.append((f"ink on {phase}", QColor(t["ink"]), back))
    p = theme.palette(dark)
    roles = QPalette.ColorRole
    for text, back in (
        (roles.Text, roles.Base),
        (roles.Text, roles.AlternateBase),
        (roles.WindowText, roles.Window),
        (roles.ButtonText, roles.Button),
        (roles.HighlightedText, roles.Highlight),
        (roles.ToolTipText, roles.ToolTipBase),
        (roles.PlaceholderText, roles.Base),
        (roles.Link, roles.Base),
    ):
        pairs.append((f"{text.name} on {back.name}", p.color(text), p.color(back)))
    poor = [(name, round(contrast(a, b), 2)) for name, a, b in pairs if contrast(a, b) < 4.5]
    assert poor == [], poor


def test_no_colour_in_the_ui_is_outside_the_palettes() -> None:
    """A hex colour or a named one in a widget's code has no dark counterpart."""
    literal = re.compile(r"#[0-9a-fA-F]{6}\b|QColor\(\s*\"|\b(?:background|color): (?:white|black)")
    found = [
        f"{path.relative_to(UI)}:{n}: {line.strip()}"
        for path in sorted(UI.rglob("*.py"))
        if path.relative_to(UI).as_posix() not in COLOUR_HOMES
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if literal.search(line)
    ]
    assert found == []


def test_view_theme_switches_the_palette_and_is_remembered(  # type: ignore[no-untyped-def]
    qtbot, store: Store, settings: QSettings
) -> None:
    w = full_window(Queries(store), settings)
    qtbot.addWidget(w)
    w.show_week(1)
    menu = controller(w, ThemeMenu)
    titles = [a.text() for a in menu.group.actions()]
    assert titles == ["&System", "&Light", "&Dark"]
    menu.choose(theme.Choice.DARK)
    assert settings.value("view/theme") == "dark"
    window_colour = QGuiApplication.palette().color(QPalette.ColorRole.Window)
    assert window_colour == QColor(theme.DARK["window"])
    empty = w.findChild(QLabel, "sessionEmpty")
    assert empty is not None and theme.DARK["subtle"] in empty.styleSheet()
    again = full_window(Queries(store), settings)  # the next start
    qtbot.addWidget(again)
    assert controller(again, ThemeMenu).actions[theme.Choice.DARK].isChecked()
    menu.choose(theme.Choice.LIGHT)
    assert settings.value("view/theme") == "light"
    assert QGuiApplication.palette().color(QPalette.ColorRole.Window) == QColor(
        theme.LIGHT["window"]
    )
    assert theme.LIGHT["subtle"] in empty.styleSheet()


def test_system_choice_follows_the_system_scheme(qtbot, store: Store, settings: QSettings) -> None:  # type: ignore[no-untyped-def]
    settings.setValue("view/theme", "system")
    w = full_window(Queries(store), settings)
    qtbot.addWidget(w)
    assert theme.is_dark() == theme.system_is_dark()
    assert controller(w, ThemeMenu).actions[theme.Choice.SYSTEM].isChecked()
