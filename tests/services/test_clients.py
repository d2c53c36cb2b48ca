"""The Clients view's rows: what each athlete's row says, in a fixed number of statements.

The sample athlete's block starts Monday 2 March 2026; week 1 holds strength on Monday 2
and Thursday 5 March, runs and rest around them, and nothing is planned after week 1.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import event

from runstrong_gui.domain.enums import Phase, SessionKind
from runstrong_gui.domain.metrics import Compliance
from runstrong_gui.domain.models import Athlete, SetLog
from runstrong_gui.services.bootstrap import apply_week_template
from runstrong_gui.services.clients import clients
from runstrong_gui.storage.store import Store

MON = dt.date(2026, 3, 2)
THU = dt.date(2026, 3, 5)


def _statements(store: Store) -> list[str]:
    seen: list[str] = []
    event.listen(store.engine, "before_cursor_execute", lambda *a: seen.append(a[2]))
    return seen


def _add_client(store: Store, name: str, start: dt.date) -> int:
    with store.transaction() as tx:
        athlete = tx.add_athlete(Athlete(name=name, block_start=start))
        apply_week_template(tx, athlete, tx.templates("week")[0].payload, start)
        return athlete.id or 0


def test_row_tells_last_and_next_session_adherence_pain_week_and_phase(store: Store) -> None:
    with store.transaction() as tx:
        sample = tx.athletes()[0]
        strength = [
            s
            for s in tx.sessions_between(sample.id, MON, MON + dt.timedelta(days=6))
            if s.kind is SessionKind.STRENGTH
        ]
        tx.update_session(dataclasses.replace(strength[0], done=True))  # Monday's
        planned = tx.planned_for([strength[1].id])[strength[1].id][0]
        tx.replace_logs(planned.id, [SetLog(planned.id, 1, 10, pain=6)])  # Thursday's hurt

    (row,) = clients(store, today=dt.date(2026, 3, 4))  # Wednesday of week 1
    assert (row.athlete.name, row.week, row.phase) == ("Sample Runner", 1, Phase.FOUNDATION)
    assert row.last_session == MON
    assert row.next_session is not None and row.next_session.date == dt.date(2026, 3, 4)
    assert row.adherence.planned == 0  # no finished week yet
    assert row.pain_flags == 0  # Thursday is still ahead

    (row,) = clients(store, today=dt.date(2026, 3, 23))  # Monday of week 4
    assert row.week == 4 and row.next_session is None
    assert (row.adherence.done, row.adherence.planned) == (1, 2)
    assert row.adherence.compliance is Compliance.YELLOW
    assert row.pain_flags == 1

    (row,) = clients(store, today=dt.date(2026, 4, 6))  # five weeks on: the flag is closed
    assert row.pain_flags == 0 and row.adherence.planned == 0


def test_archived_athletes_are_listed_too(store: Store) -> None:
    aid = _add_client(store, "Ana Archived", dt.date(2026, 1, 5))
    with store.transaction() as tx:
        tx.update_athlete(dataclasses.replace(tx.athlete(aid), archived=True))
    rows = clients(store, today=dt.date(2026, 3, 4))
    assert [(r.athlete.name, r.athlete.archived) for r in rows] == [
        ("Ana Archived", True),
        ("Sample Runner", False),
    ]


def test_statements_do_not_grow_with_the_number_of_athletes(store: Store) -> None:
    seen = _statements(store)
    clients(store, today=dt.date(2026, 3, 23))
    one = len(seen)
    for i in range(5):
        _add_client(store, f"Client {i}", dt.date(2026, 2, 2) + dt.timedelta(weeks=i))
    seen.clear()
    rows = clients(store, today=dt.date(2026, 3, 23))
    assert len(rows) == 6
    assert len(seen) == one <= 6  # BEGIN and five reads
