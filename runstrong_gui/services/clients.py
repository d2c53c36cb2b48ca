"""The Clients view's rows: every athlete with where they stand, read in one transaction.

A fixed number of statements however many athletes the store holds (see
:mod:`runstrong_gui.storage.client_queries`); weeks, adherence and pain flags are worked
out here with the same domain definitions the calendar and Progress use.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from runstrong_gui.domain.enums import Phase, SessionKind
from runstrong_gui.domain.metrics import WeekAdherence, week_adherence
from runstrong_gui.domain.models import Athlete
from runstrong_gui.domain.pain import PAIN_THRESHOLD
from runstrong_gui.domain.progression import phase_of, week_dates, week_number

if TYPE_CHECKING:
    from runstrong_gui.storage.client_queries import NextSession
    from runstrong_gui.storage.store import Store

RECENT_WEEKS = 4  # adherence looks back this many finished weeks
PAIN_DAYS = dt.timedelta(days=27)  # a pain flag stays open four weeks, today included


@dataclass(frozen=True)
class ClientSummary:
    """One row of the Clients view."""

    athlete: Athlete
    week: int  # block week today (0 or less: before the block)
    phase: Phase
    last_session: dt.date | None  # the last session done, on or before today
    adherence: WeekAdherence  # strength done/planned over the last four finished weeks
    pain_flags: int  # sessions of the last 28 days with pain at the threshold or lasting
    next_session: NextSession | None  # the first session still open from today on

    @property
    def next_kind(self) -> SessionKind | None:
        return self.next_session.kind if self.next_session else None


def recent_weeks(athlete: Athlete, today: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day of the four finished weeks before today's week."""
    current = week_number(athlete, today)
    return week_dates(athlete, current - RECENT_WEEKS)[0], week_dates(athlete, current - 1)[-1]


def clients(store: Store, today: dt.date | None = None) -> list[ClientSummary]:
    """Every athlete, archived ones too (the view filters), by name."""
    today = today or dt.date.today()
    # the earliest day any week start can put four finished weeks back, and today's week
    first = today - dt.timedelta(weeks=RECENT_WEEKS, days=6)
    with store.transaction() as tx:
        rows = tx.client_rows(first, today, today - PAIN_DAYS, PAIN_THRESHOLD)
    out = []
    for athlete in rows.athletes:
        aid = athlete.id or 0
        start, end = recent_weeks(athlete, today)
        strength = [done for day, done in rows.strength.get(aid, []) if start <= day <= end]
        week = week_number(athlete, today)
        out.append(
            ClientSummary(
                athlete=athlete,
                week=week,
                phase=phase_of(athlete, week),
                last_session=rows.last_done.get(aid),
                adherence=week_adherence(week - 1, len(strength), sum(strength)),
                pain_flags=len(rows.flagged.get(aid, ())),
                next_session=rows.next_session.get(aid),
            )
        )
    return out
