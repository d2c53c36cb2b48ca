"""The demo athlete of a first run: six weeks of history made by the generator and a
seeded model of logging, and removable with all of it while nobody else is touched."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from runstrong_gui.domain.enums import SessionKind
from runstrong_gui.domain.progression import week_number
from runstrong_gui.services import printing
from runstrong_gui.services.athletes import remove_demo_athletes
from runstrong_gui.services.bootstrap import prepare_store
from runstrong_gui.services.clients import clients
from runstrong_gui.services.demo import DEMO_NAME, PAIN_NOTE
from runstrong_gui.services.progress import load_progress
from runstrong_gui.storage.engine import sqlite_url
from runstrong_gui.storage.store import Store
from runstrong_gui.storage.tx_base import NotFound

TODAY = dt.date(2026, 12, 3)  # a Thursday


def _fresh(path: Path) -> Store:
    store = Store.open(sqlite_url(path))
    prepare_store(store, today=TODAY, demo=True)
    return store


@pytest.fixture
def first_run(tmp_path: Path) -> Iterator[Store]:
    store = _fresh(tmp_path / "first.sqlite3")
    yield store
    store.close()


def _history(store: Store, athlete_id: int) -> list[tuple]:
    """Every session before today with its logged sets, comparable across stores."""
    with store.transaction() as tx:
        athlete = tx.athlete(athlete_id)
        sessions = tx.sessions_between(athlete_id, athlete.block_start, TODAY)
        planned = tx.planned_for([s.id for s in sessions])
        logs = tx.logs_for([p.id for ps in planned.values() for p in ps])
    return [
        (
            s.date,
            s.kind,
            s.done,
            s.skipped,
            [
                (
                    p.exercise_id,
                    [(x.amount, x.load_kg, x.rpe, x.pain, x.note) for x in logs.get(p.id, [])],
                )
                for p in planned.get(s.id, [])
            ],
        )
        for s in sessions
    ]


def _demo(store: Store):  # type: ignore[no-untyped-def]
    with store.transaction() as tx:
        return next(a for a in tx.athletes() if a.demo)


def test_first_run_has_the_sample_and_a_demo_with_six_weeks_logged(first_run: Store) -> None:
    with first_run.transaction() as tx:
        names = [(a.name, a.demo) for a in tx.athletes()]
    assert names == [(DEMO_NAME, True), ("Sample Runner", False)]
    assert DEMO_NAME.startswith("Demo — ")
    demo = _demo(first_run)
    assert week_number(demo, TODAY) == 7  # six whole weeks behind it
    history = _history(first_run, demo.id)
    strength = [h for h in history if h[1] is SessionKind.STRENGTH and h[0] < TODAY]
    six = [h for h in strength if week_number(demo, h[0]) <= 6]
    assert len(six) == 12  # two a week, as the generator planned them
    done = [h for h in strength if h[2]]
    skipped = [h for h in strength if h[3]]
    assert len(skipped) >= 1 and len(done) >= 10 and len(done) + len(skipped) == len(strength)
    assert all(sets for h in done for _e, sets in h[4])  # every exercise of a done one logged
    assert not any(sets for h in skipped for _e, sets in h[4])
    rpes = {week_number(demo, h[0]): [x[2] for _e, sets in h[4] for x in sets] for h in done}
    assert max(rpes[6]) > min(rpes[1])  # efforts rise as the block builds
    loads: dict[int, list[tuple[dt.date, float]]] = {}
    for h in done:
        for eid, sets in h[4]:
            loads.setdefault(eid, []).extend((h[0], x[1]) for x in sets if x[1] > 0)
    assert any(points[-1][1] > points[0][1] for points in loads.values() if points)
    painful = [x for h in done for _e, sets in h[4] for x in sets if x[3] is not None]
    assert painful == [(painful[0][0], painful[0][1], painful[0][2], 5, PAIN_NOTE)]


def test_the_demo_is_the_same_on_every_first_run(first_run: Store, tmp_path: Path) -> None:
    other = _fresh(tmp_path / "second.sqlite3")
    try:
        assert _history(other, _demo(other).id) == _history(first_run, _demo(first_run).id)
    finally:
        other.close()


def test_progress_adherence_clients_and_handout_show_the_demo(first_run: Store) -> None:
    demo = _demo(first_run)
    progress = load_progress(first_run, demo.id, "block", today=TODAY)
    assert progress.has_logs and progress.sets_logged > 0
    assert any(a.planned and a.done for a in progress.adherence)
    row = next(r for r in clients(first_run, today=TODAY) if r.athlete.demo)
    assert row.adherence.planned == 8 and row.pain_flags == 1
    assert row.last_session is not None and row.next_session is not None
    data = printing.document_data(first_run, "handout", demo.id, today=TODAY)
    assert data.items  # this week's exercises


def test_a_store_seeded_before_gets_no_demo_by_an_update(store: Store) -> None:
    prepare_store(store, today=TODAY, demo=True)
    with store.transaction() as tx:
        assert [a.name for a in tx.athletes(include_archived=True)] == ["Sample Runner"]


def test_removing_the_demo_deletes_its_history_and_nothing_else(first_run: Store) -> None:
    with first_run.transaction() as tx:
        sample = next(a for a in tx.athletes() if not a.demo)
    before = _history(first_run, sample.id)
    with pytest.raises(NotFound, match="no demo athlete"), first_run.transaction() as tx:
        tx.delete_demo_athlete(sample.id)
    removed = remove_demo_athletes(first_run)
    assert [a.name for a in removed] == [DEMO_NAME]
    with first_run.transaction() as tx:
        assert [a.name for a in tx.athletes(include_archived=True)] == ["Sample Runner"]
        assert tx.sessions_between(removed[0].id, dt.date(2000, 1, 1), dt.date(2100, 1, 1)) == []
    with first_run.engine.connect() as conn:
        orphans = conn.exec_driver_sql(
            "SELECT count(*) FROM set_logs WHERE planned_exercise_id NOT IN "
            "(SELECT id FROM planned_exercises)"
        ).scalar()
    assert orphans == 0
    assert _history(first_run, sample.id) == before
    assert remove_demo_athletes(first_run) == []  # a second time: nothing to do
