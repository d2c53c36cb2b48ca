"""A session another program broke shows on its card, marked damaged with field and value."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSettings, Qt
from sqlalchemy import text
from window_support import calendar, full_window

from runstrong_gui.services.queries import Queries
from runstrong_gui.storage.store import Store

THURSDAY = dt.date(2026, 3, 5)  # the sample week's strength session


def test_a_damaged_session_shows_marked_among_the_others(
    qtbot,
    store: Store,
    settings: QSettings,  # type: ignore[no-untyped-def]
) -> None:
    with store.transaction() as tx:
        athlete = tx.athletes()[0]
        strength = next(
            s for s in tx.day_sessions(athlete.id or 0, THURSDAY) if s.kind.value == "strength"
        )
        tx.orm.execute(text("PRAGMA ignore_check_constraints = ON"))
        tx.orm.execute(
            text(f"UPDATE training_sessions SET minutes = 99999 WHERE id = {strength.id}")
        )
        tx.orm.execute(text("PRAGMA ignore_check_constraints = OFF"))
    w = full_window(Queries(store), settings)
    qtbot.addWidget(w)
    w.show_week(1)
    model = calendar(w).model
    cards = {}
    for day in range(model.rowCount()):
        root = model.day_index(day)
        for r in range(model.rowCount(root)):
            index = model.index(r, 0, root)
            cards[index.data(Qt.ItemDataRole.DisplayRole)] = index
    assert len(cards) > 1  # the rest of the week is there
    damaged = [i for i in cards.values() if "Damaged" in i.data(Qt.ItemDataRole.ToolTipRole)]
    [card] = damaged
    assert "Minutes = 99999" in card.data(Qt.ItemDataRole.ToolTipRole)
    assert card.data(Qt.ItemDataRole.AccessibleTextRole).startswith("Damaged. ")
