"""The services against a plain in-memory model: whatever the sequence of adds, moves,
logs, undos and reopenings, the store holds exactly what the model says.

Every step goes through the real services and ``changes.record``/``changes.undo`` (one
transaction each) and is then read back from the store; a reopen closes the store and
opens it again through ``Store.open`` with its at-open checks.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from runstrong_gui.services import calendar, changes, set_logs
from runstrong_gui.services.bootstrap import prepare_store
from runstrong_gui.storage.engine import sqlite_url
from runstrong_gui.storage.store import Store

DAYS = tuple(dt.date(2026, 5, 4) + dt.timedelta(days=i) for i in range(4))  # an empty week
_TEMPLATE: list[Path] = []
# Durability is the kill test's business; here a memory-backed folder (no fsync cost)
# buys many more examples in the same time.
SCRATCH = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None


@pytest.fixture(scope="module", autouse=True)
def _remove_template() -> Iterator[None]:
    yield
    for path in _TEMPLATE:
        shutil.rmtree(path.parent, ignore_errors=True)
    _TEMPLATE.clear()


def template_store() -> Path:
    """A prepared store made once per test session and copied for each example."""
    if not _TEMPLATE:
        folder = Path(tempfile.mkdtemp(prefix="runstrong-model-", dir=SCRATCH))
        path = folder / "template.sqlite3"
        store = Store.open(sqlite_url(path))
        prepare_store(store, today=dt.date(2026, 3, 4))
        store.close()
        _TEMPLATE.append(path)
    return _TEMPLATE[0]


@dataclass
class Model:
    """What the user should see: cards per day in order, exercises per card, logged or not."""

    days: dict[dt.date, list[int]] = field(default_factory=lambda: {d: [] for d in DAYS})
    planned: dict[int, int] = field(default_factory=dict)
    logged: set[int] = field(default_factory=set)

    def day_of(self, sid: int) -> dt.date:
        return next(d for d, ids in self.days.items() if sid in ids)


class PlannerMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="runstrong-example-", dir=SCRATCH))
        self.path = self.folder / "store.sqlite3"
        shutil.copy2(template_store(), self.path)
        self.store = Store.open(sqlite_url(self.path))
        with self.store.transaction() as tx:
            self.athlete = tx.athletes()[0]
            self.exercise_ids = [e.id for e in tx.exercises()[:3]]
        self.model = Model()
        self.history: list[tuple[changes.Change, Model]] = []

    def _record(
        self, label: str, days: tuple[dt.date, ...], action: changes.Action
    ) -> changes.Change:
        assert self.athlete.id is not None
        before = copy.deepcopy(self.model)
        change = changes.record(self.store, label, self.athlete.id, days, action)
        self.history.append((change, before))
        return change

    @rule(day=st.sampled_from(DAYS), n=st.integers(1, 3))
    def add(self, day: dt.date, n: int) -> None:
        plan = calendar.drop_exercises_on_day(
            self.athlete, day, [i for i in self.exercise_ids[:n] if i is not None], "exercises"
        )
        change = self._record(plan.label, plan.days, plan.action)
        [sid] = change.outcome.created
        self.model.days[day].append(sid)
        self.model.planned[sid] = n

    @precondition(lambda self: bool(self.model.planned))
    @rule(data=st.data(), to=st.sampled_from(DAYS))
    def move(self, data: st.DataObject, to: dt.date) -> None:
        sid = data.draw(st.sampled_from(sorted(self.model.planned)))
        with self.store.transaction() as tx:
            session = tx.session(sid)
        plan = calendar.move_session(session, to)
        self._record(plan.label, plan.days, plan.action)
        self.model.days[self.model.day_of(sid)].remove(sid)
        self.model.days[to].append(sid)

    @precondition(lambda self: bool(self.model.planned))
    @rule(data=st.data())
    def log(self, data: st.DataObject) -> None:
        sid = data.draw(st.sampled_from(sorted(self.model.planned)))
        with self.store.transaction() as tx:
            session = tx.session(sid)
            first = tx.planned_for([sid])[sid][0]
            exercise = tx.exercise(first.exercise_id)
        edit = set_logs.done_as_planned(session, first, exercise)
        self._record(edit.label, edit.days, edit.action)
        self.model.logged.add(sid)

    @precondition(lambda self: bool(self.history))
    @rule()
    def undo(self) -> None:
        change, before = self.history.pop()
        changes.undo(self.store, change)
        self.model = before

    @rule()
    def reopen(self) -> None:
        self.store.close()
        self.store = Store.open(sqlite_url(self.path))
        assert self.store.checked is not None and self.store.checked.ok

    @invariant()
    def store_matches_model(self) -> None:
        assert self.athlete.id is not None
        with self.store.transaction() as tx:
            sessions = tx.sessions_between(self.athlete.id, DAYS[0], DAYS[-1])
            planned = tx.planned_for([s.id for s in sessions if s.id is not None])
            firsts = [items[0].id for items in planned.values() if items]
            logs = tx.logs_for([i for i in firsts if i is not None])
        shown = {d: [s.id for s in sessions if s.date == d] for d in DAYS}
        assert shown == self.model.days
        assert [s.order for s in sessions] == [
            i for d in DAYS for i in range(len(self.model.days[d]))
        ]
        assert {sid: len(items) for sid, items in planned.items()} == self.model.planned
        logged = {sid for sid, items in planned.items() if logs.get(items[0].id or -1)}
        assert logged == self.model.logged

    def teardown(self) -> None:
        self.store.close()
        shutil.rmtree(self.folder, ignore_errors=True)


PlannerMachine.TestCase.settings = settings(
    max_examples=60,
    stateful_step_count=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestPlannerAgainstModel = PlannerMachine.TestCase
