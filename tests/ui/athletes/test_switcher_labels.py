"""The athlete switcher's labels: twins told apart, and a clinic's list built quickly."""

from __future__ import annotations

import datetime as dt
import time

from runstrong_gui.domain.models import Athlete
from runstrong_gui.ui.athletes.feature import switcher_labels

START = dt.date(2026, 1, 5)


def test_twins_are_told_apart_by_block_start_then_number() -> None:
    athletes = [
        Athlete("Ann  Lee", block_start=START, id=1),
        Athlete("ann lee", block_start=START, id=2),
        Athlete("Ann Lee", block_start=START + dt.timedelta(days=7), id=3, archived=True),
        Athlete("Bo", block_start=START, id=4),
    ]
    labels = switcher_labels(athletes)
    assert labels[0].startswith("Ann  Lee · block from ") and labels[0].endswith(" · #1")
    assert labels[1].startswith("ann lee · block from ") and labels[1].endswith(" · #2")
    assert labels[2].startswith("Ann Lee · block from ") and labels[2].endswith(" (archived)")
    assert "#3" not in labels[2]
    assert labels[3] == "Bo"


def test_a_clinics_list_is_labelled_at_once() -> None:
    """Every start-up labels the whole list before the week shows: comparing each
    athlete with every other took seconds for a few thousand clients."""
    athletes = [Athlete(f"Client {i}", block_start=START, id=i + 1) for i in range(3000)]
    athletes.append(Athlete("client 7", block_start=START, id=5000))
    started = time.perf_counter()
    labels = switcher_labels(athletes)
    assert time.perf_counter() - started < 1.0
    assert labels[7].endswith(" · #8") and labels[-1].endswith(" · #5000")
    assert labels[8] == "Client 8"
