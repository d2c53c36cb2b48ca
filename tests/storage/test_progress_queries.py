"""The Progress tab's reads: the right rows for an athlete and range, in a fixed number of
queries, and the right totals on a store holding two years of logs of two athletes."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, insert, select

from runstrong_gui.domain import Athlete, PlannedExercise, Session, SetLog, metrics
from runstrong_gui.domain.enums import DoseKind, ExerciseGroup, SessionKind
from runstrong_gui.domain.metrics import BUCKET_OF, Bucket, ExerciseDay, LoggedSet
from runstrong_gui.domain.metrics import SessionRow as MetricSession
from runstrong_gui.services.bootstrap import prepare_store
from runstrong_gui.services.progress import load_progress
from runstrong_gui.storage import progress_queries as pq
from runstrong_gui.storage.engine import sqlite_url
from runstrong_gui.storage.schema import PlannedExerciseRow, SessionRow, SetLogRow
from runstrong_gui.storage.store import Store

D = dt.date

# ------------------------------------------------------------------- hand-built rows


def _exercise_ids(store: Store) -> dict[str, int]:
    with store.transaction() as tx:
        return {e.key: e.id for e in tx.exercises() if e.key and e.id is not None}


@pytest.fixture
def hand_built(store: Store) -> dict[str, Any]:
    """Two weeks of one athlete (Mon 5 Jan 2026 start), a third week and a neighbour's
    session that every range below must leave out."""
    ex = _exercise_ids(store)
    bridge, plank, rdl = ex["glute-bridge"], ex["side-plank"], ex["romanian-deadlift"]
    at = dt.datetime(2026, 1, 5, 18, 0)
    with store.transaction() as tx:
        ana = tx.add_athlete(Athlete(name="Ana", block_start=D(2026, 1, 5)))
        ben = tx.add_athlete(Athlete(name="Ben", block_start=D(2026, 1, 5)))
        assert ana.id is not None and ben.id is not None

        def session(athlete: int, day: D, kind: str, **kw: Any) -> int:
            s = tx.add_session(Session(athlete_id=athlete, date=day, kind=kind, **kw))  # type: ignore[arg-type]
            assert s.id is not None
            return s.id

        def planned(sid: int, exercise: int, position: int, sets: int, amount: int) -> int:
            p = tx.add_planned(PlannedExercise(sid, exercise, position, sets, amount))
            assert p.id is not None
            return p.id

        s1 = session(ana.id, D(2026, 1, 5), "strength", done=True)
        run = session(ana.id, D(2026, 1, 6), "easy", minutes=40, done=True)
        s2 = session(ana.id, D(2026, 1, 8), "strength", skipped=True)
        s3 = session(ana.id, D(2026, 1, 12), "strength", done=True, order=1)
        late = session(ana.id, D(2026, 1, 19), "strength", done=True)
        other = session(ben.id, D(2026, 1, 5), "strength", done=True)

        p_bridge = planned(s1, bridge, 0, 3, 12)
        p_plank = planned(s1, plank, 1, 2, 30)
        planned(s2, rdl, 0, 3, 10)
        p_rdl = planned(s3, rdl, 0, 3, 10)
        p_late = planned(late, rdl, 0, 3, 10)
        p_other = planned(other, bridge, 0, 3, 12)
        tx.replace_logs(
            p_bridge,
            [
                SetLog(p_bridge, 1, 12, logged_at=at),
                SetLog(p_bridge, 2, 12, rpe=7, logged_at=at),
                SetLog(p_bridge, 3, 10, rpe=8, pain=2, logged_at=at),
            ],
        )
        tx.replace_logs(
            p_plank, [SetLog(p_plank, 1, 30, logged_at=at), SetLog(p_plank, 2, 25, logged_at=at)]
        )
        tx.replace_logs(
            p_rdl,
            [
                SetLog(p_rdl, 1, 10, 20.0, rpe=7, logged_at=at),
                SetLog(p_rdl, 2, 10, 22.5, rpe=8, logged_at=at),
                SetLog(p_rdl, 3, 8, 25.0, rpe=9, pain=0, logged_at=at),
            ],
        )
        tx.replace_logs(p_late, [SetLog(p_late, 1, 10, 30.0, logged_at=at)])
        tx.replace_logs(p_other, [SetLog(p_other, 1, 12, logged_at=at)])
    return {
        "athlete": ana.id,
        "ex": {"bridge": bridge, "plank": plank, "rdl": rdl},
        "sessions": {"s1": s1, "run": run, "s2": s2, "s3": s3, "late": late},
    }


def test_logged_sets_are_the_athletes_sets_in_the_range(store: Store, hand_built: dict) -> None:
    a, ex, s = hand_built["athlete"], hand_built["ex"], hand_built["sessions"]
    glute, core = ExerciseGroup.GLUTE_HIP, ExerciseGroup.CORE
    reps, secs = DoseKind.REPS, DoseKind.SECONDS
    with store.transaction() as tx:
        rows = pq.logged_sets(tx.orm, a, D(2026, 1, 5), D(2026, 1, 18))
    day1, day2 = D(2026, 1, 5), D(2026, 1, 12)
    assert Counter(rows) == Counter(  # in no particular order: every consumer aggregates
        [
            LoggedSet(day1, s["s1"], ex["bridge"], glute, reps, 12, 0.0, None, None),
            LoggedSet(day1, s["s1"], ex["bridge"], glute, reps, 12, 0.0, 7, None),
            LoggedSet(day1, s["s1"], ex["bridge"], glute, reps, 10, 0.0, 8, 2),
            LoggedSet(day1, s["s1"], ex["plank"], core, secs, 30, 0.0, None, None),
            LoggedSet(day1, s["s1"], ex["plank"], core, secs, 25, 0.0, None, None),
            LoggedSet(day2, s["s3"], ex["rdl"], glute, reps, 10, 20.0, 7, None),
            LoggedSet(day2, s["s3"], ex["rdl"], glute, reps, 10, 22.5, 8, None),
            LoggedSet(day2, s["s3"], ex["rdl"], glute, reps, 8, 25.0, 9, 0),
        ]
    )
    assert len(rows) == 8


def test_range_edges_are_inclusive_and_open_start_reaches_back(
    store: Store, hand_built: dict
) -> None:
    a, s = hand_built["athlete"], hand_built["sessions"]
    with store.transaction() as tx:
        only_monday = pq.logged_sets(tx.orm, a, D(2026, 1, 12), D(2026, 1, 12))
        from_start = pq.logged_sets(tx.orm, a, None, D(2026, 1, 19))
        nothing = pq.logged_sets(tx.orm, a, D(2026, 1, 13), D(2026, 1, 18))
    assert {r.session_id for r in only_monday} == {s["s3"]} and len(only_monday) == 3
    assert len(from_start) == 9 and s["late"] in {r.session_id for r in from_start}
    assert nothing == []


def test_exercise_days_are_the_athletes_sets_summed_in_sql(store: Store, hand_built: dict) -> None:
    a, ex = hand_built["athlete"], hand_built["ex"]
    glute, core = ExerciseGroup.GLUTE_HIP, ExerciseGroup.CORE
    reps, secs = DoseKind.REPS, DoseKind.SECONDS
    with store.transaction() as tx:
        rows = tx.progress_rows(a, D(2026, 1, 5), D(2026, 1, 18))[1]
        per_set = pq.logged_sets(tx.orm, a, D(2026, 1, 5), D(2026, 1, 18))
        nothing = tx.progress_rows(a, D(2026, 1, 13), D(2026, 1, 18))[1]
    day1, day2 = D(2026, 1, 5), D(2026, 1, 12)
    assert Counter(rows) == Counter(
        [
            ExerciseDay(day1, ex["bridge"], glute, reps, 3, 34, 0.0, 0.0, 2, 2, 1),
            ExerciseDay(day1, ex["plank"], core, secs, 2, 55, 0.0, 0.0, None, 0, 0),
            # 10 × 20 + 10 × 22.5 + 8 × 25 = 625 kg; pain 0 was recorded, and counts
            ExerciseDay(day2, ex["rdl"], glute, reps, 3, 28, 625.0, 25.0, 0, 0, 1),
        ]
    )
    assert Counter(rows) == Counter(metrics.exercise_days(per_set))  # what the sums mean
    assert nothing == []


def test_session_rows_carry_status_minutes_and_planned_sets(store: Store, hand_built: dict) -> None:
    a, s = hand_built["athlete"], hand_built["sessions"]
    with store.transaction() as tx:
        rows = tx.progress_rows(a, D(2026, 1, 5), D(2026, 1, 18))[0]
    strength = SessionKind.STRENGTH
    assert rows == [
        MetricSession(D(2026, 1, 5), s["s1"], strength, None, True, False, 5),  # 3 + 2 sets
        MetricSession(D(2026, 1, 6), s["run"], SessionKind.EASY, 40, True, False, 0),
        MetricSession(D(2026, 1, 8), s["s2"], strength, None, False, True, 3),
        MetricSession(D(2026, 1, 12), s["s3"], strength, None, True, False, 3),
    ]


def test_exercise_names_come_with_the_summed_sets(store: Store, hand_built: dict) -> None:
    """The logged exercises' names are read with their sets (no read of their own)."""
    a, ex = hand_built["athlete"], hand_built["ex"]
    with store.transaction() as tx:
        names = tx.progress_rows(a, D(2026, 1, 5), D(2026, 1, 18))[2]
        none = tx.progress_rows(a, D(2026, 1, 13), D(2026, 1, 18))[2]
    assert names == {
        ex["rdl"]: "Romanian deadlift",
        ex["bridge"]: "Glute bridge",
        ex["plank"]: "Side plank",
    }
    assert none == {}


def test_progress_data_from_hand_built_rows(store: Store, hand_built: dict) -> None:
    """The service's series on the rows above, worked out by hand."""
    data = load_progress(store, hand_built["athlete"], "block", today=D(2026, 1, 14))
    assert [w.label for w in data.weeks][:3] == ["W1", "W2", "W3"] and len(data.weeks) == 12
    assert [w.state.value for w in data.weeks[:4]] == ["past", "current", "future", "future"]
    w1, w2, w3 = data.volume[:3]
    assert (w1.sets, w1.reps, w1.tonnage_kg) == (5, 34, 0.0)  # plank seconds are no reps
    assert (w2.sets, w2.reps, w2.tonnage_kg) == (3, 28, 20 * 10 + 22.5 * 10 + 25 * 8)
    assert (w3.sets, w3.reps, w3.tonnage_kg) == (1, 10, 300.0)
    assert [(a.planned, a.done) for a in data.adherence[:3]] == [(2, 1), (1, 1), (1, 1)]
    assert data.runs[:2] == ((40, 40), (0, 0))
    assert [(p.max_pain, p.mean_pain) for p in data.pain[:3]] == [(2, 2.0), (0, 0.0), (None, None)]
    assert data.buckets[Bucket.GLUTES_HIPS][:3] == (3, 3, 1)
    assert data.buckets[Bucket.CORE][:3] == (2, 0, 0)
    names = [e.name for e in data.exercises]
    assert names == ["Glute bridge", "Romanian deadlift", "Side plank"]
    rdl = hand_built["ex"]["rdl"]
    assert data.default_exercise() == rdl  # the one whose load moved
    assert [(p.date, p.top_load_kg, p.reps) for p in data.loads[rdl]] == [
        (D(2026, 1, 12), 25.0, 28),
        (D(2026, 1, 19), 30.0, 10),
    ]


# ------------------------------------------------------------------ two years of logs

HISTORY_KEYS = (
    "romanian-deadlift",
    "split-squat",
    "seated-calf-raise-with-load",
    "side-plank",  # seconds: counts as a set, never as reps or load × reps
    "dumbbell-row",
)
STRENGTH_DAYS = (0, 2, 4)
RUN_DAYS = ((1, "easy"), (3, "quality"), (6, "long"))


@dataclass
class Expected:
    """Per block week, what the history holds, summed while it is generated."""

    sets: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    reps: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    tonnage: dict[int, float] = field(default_factory=lambda: defaultdict(float))
    planned: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    done: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    run_planned: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    run_done: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    max_pain: dict[int, int] = field(default_factory=dict)
    buckets: dict[tuple[int, Bucket], int] = field(default_factory=lambda: defaultdict(int))
    log_rows: int = 0


def bulk_history(
    store: Store, athlete_id: int, first_day: D, weeks: int, variant: int = 0
) -> Expected:
    """``weeks`` weeks of 3 strength sessions × 5 exercises × 3 sets and 3 runs, written
    with Core bulk inserts (explicit ids tie the rows together)."""
    keys = _exercise_ids(store)
    with store.transaction() as tx:
        ex = tx.exercises_by_id(keys[k] for k in HISTORY_KEYS)
        next_session = (tx.orm.scalar(select(func.max(SessionRow.id))) or 0) + 1
        next_planned = (tx.orm.scalar(select(func.max(PlannedExerciseRow.id))) or 0) + 1
    exercises = [ex[keys[k]] for k in HISTORY_KEYS]
    sessions: list[dict[str, Any]] = []
    planned: list[dict[str, Any]] = []
    logs: list[dict[str, Any]] = []
    exp = Expected()
    for w in range(weeks):
        week = w + 1
        monday = first_day + dt.timedelta(weeks=w)
        for k, offset in enumerate(STRENGTH_DAYS):
            sid, day = next_session, monday + dt.timedelta(days=offset)
            next_session += 1
            done = (w + k + variant) % 7 != 0
            skipped = not done and w % 2 == 0
            sessions.append(
                {"id": sid, "athlete_id": athlete_id, "day": day, "position": 0,
                 "kind": "strength", "done": done, "skipped": skipped}
            )  # fmt: skip
            exp.planned[week] += 1
            exp.done[week] += done
            for j, e in enumerate(exercises):
                pid = next_planned
                next_planned += 1
                planned.append(
                    {"id": pid, "session_id": sid, "exercise_id": e.id, "position": j,
                     "sets": 3, "amount": 10}
                )  # fmt: skip
                if not done:
                    continue
                for n in range(1, 4):
                    amount = 6 + (w + j + n + variant) % 7
                    load = 0.0 if e.dose_kind is DoseKind.SECONDS else (w % 20) * 2.5 + j
                    pain = (w + n + variant) % 6 if j == 1 else None
                    logs.append(
                        {"planned_exercise_id": pid, "set_number": n, "amount": amount,
                         "load_kg": load, "rpe": 5 + n, "pain": pain,
                         "logged_at": dt.datetime.combine(day, dt.time(18, n))}
                    )  # fmt: skip
                    exp.sets[week] += 1
                    exp.buckets[week, BUCKET_OF[e.group]] += 1
                    if e.dose_kind is DoseKind.REPS:
                        exp.reps[week] += amount
                        exp.tonnage[week] += load * amount
                    if pain is not None:
                        exp.max_pain[week] = max(exp.max_pain.get(week, 0), pain)
        for r, (offset, kind) in enumerate(RUN_DAYS):
            minutes = 30 + 10 * r + 5 * ((w + variant) % 4)
            done = (w + r) % 5 != 0
            sessions.append(
                {"id": next_session, "athlete_id": athlete_id,
                 "day": monday + dt.timedelta(days=offset), "position": 0, "kind": kind,
                 "minutes": minutes, "done": done, "skipped": False}
            )  # fmt: skip
            next_session += 1
            exp.run_planned[week] += minutes
            exp.run_done[week] += minutes if done else 0
    with store.transaction() as tx:
        tx.orm.execute(insert(SessionRow), sessions)
        tx.orm.execute(insert(PlannedExerciseRow), planned)
        tx.orm.execute(insert(SetLogRow), logs)
    exp.log_rows = len(logs)
    return exp


HISTORY_START = D(2024, 1, 1)  # a Monday
HISTORY_WEEKS = 100
TODAY = HISTORY_START + dt.timedelta(weeks=HISTORY_WEEKS - 1, days=3)  # in the last week


@pytest.fixture(scope="module")
def big_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, int, Expected]]:
    path: Path = tmp_path_factory.mktemp("big") / "store.sqlite3"
    store = Store.open(sqlite_url(path))
    prepare_store(store, today=D(2026, 3, 4))
    with store.transaction() as tx:
        ana = tx.add_athlete(Athlete(name="Ana", block_start=HISTORY_START))
        ben = tx.add_athlete(Athlete(name="Ben", block_start=HISTORY_START))
    assert ana.id is not None and ben.id is not None
    expected = bulk_history(store, ana.id, HISTORY_START, HISTORY_WEEKS)
    bulk_history(store, ben.id, HISTORY_START, HISTORY_WEEKS, variant=3)  # a neighbour
    yield store, ana.id, expected
    store.close()


def test_two_years_of_logs_add_up(big_store: tuple[Store, int, Expected]) -> None:
    store, athlete_id, exp = big_store
    assert exp.log_rows > 3000  # ~100 weeks × 3 sessions × 5 exercises × 3 sets, less skips
    data = load_progress(store, athlete_id, "all", today=TODAY)
    weeks = [w.week for w in data.weeks]
    assert weeks == list(range(1, HISTORY_WEEKS + 1))
    assert data.sets_logged == exp.log_rows
    assert [v.sets for v in data.volume] == [exp.sets[w] for w in weeks]
    assert [v.reps for v in data.volume] == [exp.reps[w] for w in weeks]
    assert [v.tonnage_kg for v in data.volume] == pytest.approx([exp.tonnage[w] for w in weeks])
    assert [(a.planned, a.done) for a in data.adherence] == [
        (exp.planned[w], exp.done[w]) for w in weeks
    ]
    assert list(data.runs) == [(exp.run_planned[w], exp.run_done[w]) for w in weeks]
    assert [p.max_pain for p in data.pain] == [exp.max_pain.get(w) for w in weeks]
    for bucket in Bucket:
        assert list(data.buckets[bucket]) == [exp.buckets[w, bucket] for w in weeks], bucket
    assert len(data.exercises) == len(HISTORY_KEYS)


def test_last_twelve_weeks_of_two_years(big_store: tuple[Store, int, Expected]) -> None:
    store, athlete_id, exp = big_store
    data = load_progress(store, athlete_id, "last12", today=TODAY)
    weeks = [w.week for w in data.weeks]
    assert weeks == list(range(HISTORY_WEEKS - 11, HISTORY_WEEKS + 1))
    assert [v.sets for v in data.volume] == [exp.sets[w] for w in weeks]
    assert data.weeks[-1].state.value == "current"
    with store.transaction() as tx:
        rows = pq.logged_sets(tx.orm, athlete_id, data.first, data.last)
        days = tx.progress_rows(athlete_id, data.first, data.last)[1]
    assert len(rows) == sum(exp.sets[w] for w in weeks)
    summed = metrics.exercise_days(rows)
    assert sorted(d[:6] for d in days) == sorted(d[:6] for d in summed)
    assert sorted(d[6] for d in days) == pytest.approx(sorted(d[6] for d in summed))
    assert sorted(d[7:] for d in days) == sorted(d[7:] for d in summed)


class _Statements:
    """Counts the SQL statements an engine runs while active."""

    def __init__(self, store: Store) -> None:
        self.engine = store.engine
        self.seen: list[tuple[str, Any]] = []

    def _on(self, _conn: Any, _cursor: Any, statement: str, params: Any, *_: Any) -> None:
        self.seen.append((statement, params))

    def __enter__(self) -> _Statements:
        event.listen(self.engine, "before_cursor_execute", self._on)
        return self

    def __exit__(self, *_: object) -> None:
        event.remove(self.engine, "before_cursor_execute", self._on)


def test_query_count_does_not_grow_with_the_range(big_store: tuple[Store, int, Expected]) -> None:
    store, athlete_id, _ = big_store
    counts = {}
    for scope in ("block", "last12", "all"):
        with _Statements(store) as seen:
            load_progress(store, athlete_id, scope, today=TODAY)
        counts[scope] = len(seen.seen)
    assert counts["block"] == counts["last12"] == counts["all"] <= 5  # BEGIN + 4 reads


def test_the_reads_start_from_the_athlete_day_index(
    big_store: tuple[Store, int, Expected],
) -> None:
    store, athlete_id, _ = big_store
    with _Statements(store) as seen:
        load_progress(store, athlete_id, "block", today=TODAY)
    reads = [(s, p) for s, p in seen.seen if "training_sessions" in s]
    assert len(reads) == 2
    with store.engine.connect() as conn:
        for statement, params in reads:
            plan = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params).all()
            text = " ".join(str(row[-1]) for row in plan)
            assert "ix_training_sessions_athlete_date" in text, text
            assert "SCAN planned_exercises" not in text, text
            assert "SCAN set_logs" not in text, text
