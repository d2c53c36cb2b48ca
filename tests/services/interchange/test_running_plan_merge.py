"""Importing a running plan into the store: preview, one undoable write, re-imports."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import msgspec

from runstrong_gui.domain import Session
from runstrong_gui.domain.enums import SessionKind as K
from runstrong_gui.services import changes
from runstrong_gui.services.calendar import move_session
from runstrong_gui.services.editing import mark_status
from runstrong_gui.services.interchange import running_plan as rp
from runstrong_gui.services.interchange.ics_import import ImportedRun, parse_calendar
from runstrong_gui.storage.store import Store
from tests.services.interchange.feeds import NOW, RUNNA, TRAININGPEAKS

UTC = ZoneInfo("UTC")
FIRST, LAST = dt.date(2026, 3, 1), dt.date(2026, 3, 31)


def _athlete(store: Store) -> int:
    with store.transaction() as tx:
        return tx.athletes()[0].id or 0


def _runs(path: object = RUNNA) -> list[ImportedRun]:
    return parse_calendar(path.read_bytes(), zone=UTC, now=NOW)  # type: ignore[attr-defined]


def _apply(store: Store, command: changes.Command, athlete_id: int) -> changes.Change:
    return changes.record(
        store, command.label, athlete_id, command.days, command.action, command.extra_ids
    )


def _imported(store: Store, athlete_id: int) -> list[Session]:
    with store.transaction() as tx:
        return [s for s in tx.sessions_between(athlete_id, FIRST, LAST) if s.external_id]


def _all(store: Store, athlete_id: int) -> list[Session]:
    with store.transaction() as tx:
        return tx.sessions_between(athlete_id, FIRST, LAST)


def test_import_writes_runs_and_reimport_changes_nothing(store: Store) -> None:
    aid = _athlete(store)
    plan = rp.preview(store, aid, _runs())
    assert (len(plan.added), len(plan.updated), len(plan.removed)) == (9, 0, 0)
    _apply(store, rp.import_command(plan, feed_url="https://x.example/plan.ics"), aid)
    runs = _imported(store, aid)
    assert [(s.date.isoformat(), s.kind, s.minutes, s.distance_km) for s in runs][:3] == [
        ("2026-03-09", K.EASY, 20, None),
        ("2026-03-10", K.EASY, 38, 6.0),
        ("2026-03-12", K.QUALITY, 48, 8.0),
    ]
    long_run = next(s for s in runs if s.kind is K.LONG)
    assert long_run.title == "Long Run • 16km"
    assert long_run.description.startswith("Long Run • 16km • 1h 35m - 1h 45m")
    with store.transaction() as tx:
        assert tx.athlete(aid).feed_url == "https://x.example/plan.ics"

    before = _all(store, aid)
    again = rp.preview(store, aid, _runs())
    assert (len(again.added), len(again.updated), len(again.unchanged)) == (0, 0, 9)
    assert not again.changes_anything(overwrite_edited=True, remove_gone=True)
    _apply(store, rp.import_command(again), aid)
    assert _all(store, aid) == before


def test_import_is_one_undoable_change(store: Store) -> None:
    aid = _athlete(store)
    before = _all(store, aid)
    change = _apply(store, rp.import_command(rp.preview(store, aid, _runs())), aid)
    assert len(_all(store, aid)) == len(before) + 9
    changes.undo(store, change)
    assert _all(store, aid) == before
    changes.redo(store, change)
    assert len(_imported(store, aid)) == 9


def test_imported_run_goes_before_strength_on_its_day(store: Store) -> None:
    aid = _athlete(store)
    day = dt.date(2026, 3, 10)
    with store.transaction() as tx:
        tx.add_session(Session(athlete_id=aid, date=day, kind=K.STRENGTH, title="Legs"))
    _apply(store, rp.import_command(rp.preview(store, aid, _runs())), aid)
    with store.transaction() as tx:
        assert [(s.kind, s.order) for s in tx.day_sessions(aid, day)] == [
            (K.EASY, 0),
            (K.STRENGTH, 1),
        ]


def test_changed_event_updates_by_uid_and_sequence(store: Store) -> None:
    aid = _athlete(store)
    runs = _runs()
    _apply(store, rp.import_command(rp.preview(store, aid, runs)), aid)
    moved = msgspec.structs.replace(runs[1], date=dt.date(2026, 3, 11), minutes=50, sequence=1)
    stale = msgspec.structs.replace(runs[2], minutes=10, sequence=0)
    newer = [runs[0], moved, *runs[3:]]
    plan = rp.preview(store, aid, [*newer, stale])
    assert [r.uid for _s, r in plan.updated] == [moved.uid, stale.uid]
    # an older SEQUENCE than stored is ignored once a newer one is in
    _apply(store, rp.import_command(plan), aid)
    ids = {s.external_id: s for s in _imported(store, aid)}
    assert (ids[moved.uid].date, ids[moved.uid].minutes) == (dt.date(2026, 3, 11), 50)
    older = msgspec.structs.replace(moved, minutes=5, sequence=0)
    assert rp.preview(store, aid, [older]).updated == ()


def test_run_edited_by_the_user_is_not_overwritten_without_asking(store: Store) -> None:
    aid = _athlete(store)
    runs = _runs()
    _apply(store, rp.import_command(rp.preview(store, aid, runs)), aid)
    mine = next(s for s in _imported(store, aid) if s.kind is K.LONG)
    _apply(store, move_session(mine, dt.date(2026, 3, 14)), aid)
    changed = [
        msgspec.structs.replace(r, minutes=110, sequence=1) if r.kind is K.LONG else r for r in runs
    ]
    plan = rp.preview(store, aid, changed)
    assert [s.id for s, _r in plan.conflicts] == [mine.id]
    _apply(store, rp.import_command(plan), aid)
    kept = next(s for s in _imported(store, aid) if s.id == mine.id)
    assert (kept.date, kept.minutes, kept.edited) == (dt.date(2026, 3, 14), 100, True)
    _apply(store, rp.import_command(rp.preview(store, aid, changed), overwrite_edited=True), aid)
    taken = next(s for s in _imported(store, aid) if s.id == mine.id)
    assert (taken.date, taken.minutes, taken.edited) == (dt.date(2026, 3, 15), 110, False)


def test_runs_gone_from_the_feed_are_removed_only_when_confirmed_never_history(
    store: Store,
) -> None:
    aid = _athlete(store)
    runs = _runs()
    _apply(store, rp.import_command(rp.preview(store, aid, runs)), aid)
    done = next(s for s in _imported(store, aid) if s.kind is K.RACE)
    _apply(store, mark_status(done, "done"), aid)
    shorter = [r for r in runs if r.kind not in (K.CROSS, K.RACE) and "Hill" not in r.title]
    shorter.append(next(r for r in runs if r.kind is K.CROSS))  # the span stays the same
    plan = rp.preview(store, aid, shorter)
    assert [s.title for s in plan.removed] == ["Hill Repeats • 7km"]  # not the done race
    _apply(store, rp.import_command(plan), aid)
    assert len(_imported(store, aid)) == 9
    _apply(store, rp.import_command(plan, remove_gone=True), aid)
    titles = [s.title for s in _imported(store, aid)]
    assert "Hill Repeats • 7km" not in titles
    assert "Race Day: Riverside 10K" in titles


def test_trainingpeaks_results_import_as_done(store: Store) -> None:
    aid = _athlete(store)
    _apply(store, rp.import_command(rp.preview(store, aid, _runs(TRAININGPEAKS))), aid)
    done = [(s.title, s.minutes, s.distance_km) for s in _imported(store, aid) if s.done]
    assert done == [("Run: Tempo 3 x 2km", 35, 6.02), ("Run: Easy evening", 42, 7.1)]


def test_copy_of_an_imported_run_is_the_users_own(store: Store) -> None:
    from runstrong_gui.services.calendar import copy_session

    aid = _athlete(store)
    _apply(store, rp.import_command(rp.preview(store, aid, _runs())), aid)
    source = _imported(store, aid)[0]
    _apply(store, copy_session(source, dt.date(2026, 3, 30)), aid)
    with store.transaction() as tx:
        (copy,) = tx.day_sessions(aid, dt.date(2026, 3, 30))
    assert (copy.external_id, copy.title) == (None, source.title)
    assert rp.preview(store, aid, _runs()).removed == ()
