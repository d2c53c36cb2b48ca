"""One week's adherence from its sessions, and which weeks are judged at all."""

from __future__ import annotations

import pytest

from runstrong_gui.domain.enums import SessionKind
from runstrong_gui.domain.metrics import Compliance, shown_compliance, strength_adherence

S, E = SessionKind.STRENGTH, SessionKind.EASY


@pytest.mark.parametrize(
    ("done", "expected"),
    [(5, Compliance.GREEN), (4, Compliance.GREEN), (3, Compliance.YELLOW), (2, Compliance.RED)],
)
def test_strength_sessions_of_five_against_the_bands(done: int, expected: Compliance) -> None:
    sessions = [(S, i < done) for i in range(5)] + [(E, True), (E, False)]  # runs don't count
    week = strength_adherence(7, sessions)
    assert (week.week, week.planned, week.done, week.compliance) == (7, 5, done, expected)


def test_only_finished_weeks_are_judged() -> None:
    week = strength_adherence(3, [(S, False), (S, False)])
    assert shown_compliance(week, current_week=4) is Compliance.RED
    assert shown_compliance(week, current_week=3) is Compliance.NONE
    assert shown_compliance(week, current_week=2) is None
