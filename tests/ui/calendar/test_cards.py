"""What a card says: full titles on up to two lines, exercise lines that keep the dose
and shorten the name at a word, and a tooltip with the full doses and their units."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QFont, QFontMetrics
from window_support import calendar, full_window

from runstrong_gui.domain.enums import SessionKind
from runstrong_gui.services.queries import Queries
from runstrong_gui.storage.store import Store
from runstrong_gui.ui.calendar.card_delegate import CardDelegate, exercise_line
from runstrong_gui.ui.calendar.week_model import CARD_ROLE, Card
from runstrong_gui.ui.shell.main_window import MainWindow

THURSDAY = dt.date(2026, 3, 5)


@pytest.fixture
def window(qtbot, store: Store, settings: QSettings) -> MainWindow:  # type: ignore[no-untyped-def]
    w = full_window(Queries(store), settings)
    qtbot.addWidget(w)
    w.show_week(1)
    return w


def _strength(w: MainWindow) -> tuple[Card, str]:
    model = calendar(w).model
    for day in range(7):
        root = model.day_index(day)
        for row in range(model.rowCount(root)):
            index = model.index(row, 0, root)
            detail = model.detail(index)
            if detail is not None and detail.session.kind is SessionKind.STRENGTH:
                return index.data(CARD_ROLE), index.data(Qt.ItemDataRole.ToolTipRole)
    raise AssertionError("no strength card")


def _card(title: str, lines: tuple[tuple[str, str], ...] = ()) -> Card:
    return Card(SessionKind.STRENGTH, title, "", "", False, False, lines)


def _width(font: QFont, text: str) -> int:
    title = QFont(font)
    title.setBold(True)
    return QFontMetrics(title).horizontalAdvance(text) + 6 + 14 + 2


def test_a_title_wraps_between_words_and_is_shortened_only_past_two_lines(qtbot) -> None:  # type: ignore[no-untyped-def]
    delegate, font = CardDelegate(), QFont()
    width = _width(font, "Beginner strength") - 10  # one line is too narrow
    titles, _lines = delegate.texts(_card("Beginner strength"), font, width)
    assert titles == ["Beginner", "strength"]
    long_title = "Hip and knee stability circuit"
    titles, _lines = delegate.texts(_card(long_title), font, _width(font, "Hip and knee"))
    assert titles[0] == "Hip and knee"
    assert titles[1] in ("stability…", "stability circuit")
    assert not re.search(r"\w…", titles[1].replace("stability…", "")), titles


def test_exercise_lines_keep_the_dose_and_cut_names_at_a_word(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    card, _tip = _strength(window)
    assert ("Single-leg glute bridge", "2×10") in card.lines
    delegate, font = CardDelegate(), QFont()
    small = QFont(font)
    small.setPointSizeF(max(7.0, font.pointSizeF() * 0.86))
    metrics = QFontMetrics(small)
    width = metrics.horizontalAdvance("Single-leg glute bridge 2×10") + 6 + 14 - 4
    _titles, lines = delegate.texts(card, font, width)
    assert "Single-leg glute… 2×10" in lines
    for (name, dose), line in zip(card.lines, lines, strict=True):
        assert line.endswith(dose), line
        shown = line.removesuffix(dose).strip()
        if shown != name:  # shortened: whole words, then the ellipsis
            words = shown.removesuffix("…").split()
            whole = [w.rstrip(",") for w in name.split()[: len(words)]]
            assert words == whole, line
    assert exercise_line(metrics, "Side plank", "2×20s", 10_000) == "Side plank 2×20s"


def test_card_tooltip_gives_full_doses_with_units(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tip = _strength(window)[1]
    assert "Beginner strength" in tip
    assert "• Side plank 2 × 20 s each side" in tip
    assert "• Single-leg glute bridge 2 × 10 each side" in tip
