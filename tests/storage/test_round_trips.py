"""What each user action costs the store: statements, and on PostgreSQL round trips.

On a clinic server every round trip is a network wait, so a write action may cost at
most 3 (BEGIN, one batch of work, COMMIT), and no action may cost more statements
because the week or the athlete holds more sessions (an N+1 read, or a write per card,
would grow with them). Round trips are counted on the wire: libpq's own protocol trace
of the store's connections, where the client sending and then reading the server's
reply is one, however many statements went together (a pipeline) and whatever ends
the reply (BEGIN, COMMIT and any ping of the pool included).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import IO, Any

import pytest
from sqlalchemy import event

from runstrong_gui.domain.enums import SessionKind
from runstrong_gui.domain.models import Athlete, PlannedExercise, Session
from runstrong_gui.domain.progression import week_dates
from runstrong_gui.services import changes
from runstrong_gui.services.calendar import drop_exercises_on_session, move_session
from runstrong_gui.services.queries import Queries
from runstrong_gui.services.set_logs import log_set
from runstrong_gui.storage.store import Store

MAX_WRITE_ROUND_TRIPS = 3
WEEK = 3
KINDS = (SessionKind.EASY, SessionKind.STRENGTH, SessionKind.WALK, SessionKind.CROSS)


@dataclass
class Cost:
    """The statements SQLAlchemy sent and, on PostgreSQL, the round trips on the wire."""

    statements: list[str] = field(default_factory=list)
    round_trips: int | None = None

    def describe(self) -> str:
        lines = "\n  ".join(s.split("\n")[0][:100] for s in self.statements)
        return f"{len(self.statements)} statements, {self.round_trips} round trips:\n  {lines}"


class _Wire:
    """libpq's protocol trace of every connection of an engine's pool, one file each."""

    def __init__(self, engine: Any) -> None:
        self.engine = engine
        self.files: list[tuple[Any, IO[bytes]]] = []
        # every idle connection is traced before the action (its checkout may ping)
        idle = [engine.raw_connection() for _ in range(max(1, engine.pool.checkedin()))]
        for proxy in idle:
            self.follow(proxy.dbapi_connection)
        for proxy in idle:
            proxy.close()
        event.listen(engine.pool, "connect", self.follow)

    def follow(self, dbapi_connection: Any, *_: Any) -> None:
        from psycopg import pq

        pgconn = dbapi_connection.pgconn
        if any(p is pgconn for p, _f in self.files):
            return
        out = tempfile.TemporaryFile()  # noqa: SIM115  (closed in round_trips)
        pgconn.trace(out.fileno())
        pgconn.set_trace_flags(pq.Trace.SUPPRESS_TIMESTAMPS | pq.Trace.REGRESS_MODE)
        self.files.append((pgconn, out))

    def round_trips(self) -> int:
        """Stop tracing; count the replies the server ended with ``ReadyForQuery``."""
        event.remove(self.engine.pool, "connect", self.follow)
        total = 0
        for pgconn, out in self.files:
            pgconn.untrace()  # flushes the trace (and closes its copy of the file)
            out.seek(0)
            total += work_round_trips(out.read().decode("utf-8", "replace"))
            out.close()
        return total


def work_round_trips(trace: str) -> int:
    """Round trips in a libpq trace: each time the client sent messages, asked for the
    reply and read it (however many statements went together), but for
    psycopg's upkeep of its prepared statements (it prepares a statement on its 5th run
    and drops the least used past 100, each once per connection and statement, on a
    round trip of its own that runs nothing): those come and go with what ran before on
    the connection, not with the action."""
    count, sent = 0, set[str]()
    for line in trace.splitlines():
        fields = line.split("\t")
        if len(fields) < 3:
            continue
        direction, message = fields[0], fields[2]
        if direction == "F":
            named = message == "Parse" and not fields[3].lstrip().startswith('""')
            sent.add("Prepare" if named else message)
        elif sent & ASKS_FOR_REPLY:  # the first reply to what was sent: the client waited
            count += not sent <= {"Prepare", "Close", "Sync", "Flush"}
            sent = set()
        # else: a reply read while the client is still sending (psycopg's pipeline reads
        # what has arrived between sends): no wait, the messages count with the next one
    return count


# what the client sends when it stops to wait for the server: the end of a statement
# or of a pipeline (Sync), a simple query, or a request to send what is pending (Flush)
ASKS_FOR_REPLY = frozenset({"Sync", "Query", "Flush"})


@contextmanager
def counting(store: Store) -> Iterator[Cost]:
    cost = Cost()

    def seen(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        cost.statements.append(statement)

    wire = _Wire(store.engine) if store.engine.dialect.name == "postgresql" else None
    event.listen(store.engine, "before_cursor_execute", seen)
    try:
        yield cost
    finally:
        event.remove(store.engine, "before_cursor_execute", seen)
        if wire is not None:
            cost.round_trips = wire.round_trips()


@dataclass
class Plan:
    athlete: Athlete
    sessions: list[Session]  # on the week's days, in order
    subject: Session  # the strength session the actions work on
    planned: PlannedExercise
    exercise_id: int  # one more exercise of the library, to add


def make_plan(store: Store, n: int) -> Plan:
    """An athlete whose week ``WEEK`` holds ``n`` sessions on its first three days (a
    strength session with one exercise in every fourth), as do the weeks around it. The
    card moved is the first of its day, so that day is renumbered with 5 as with 60."""
    with store.transaction() as tx:
        athlete = tx.add_athlete(Athlete(f"Client of {n}", block_start=dt.date(2026, 3, 2)))
        assert athlete.id is not None
        library = [e for e in tx.exercises() if e.id is not None][:2]
        made = []
        for week in (WEEK - 1, WEEK, WEEK + 1):
            days = week_dates(athlete, week)
            for i in range(n):
                kind = KINDS[i % len(KINDS)]
                made.append(
                    tx.add_session(
                        Session(athlete.id, days[i % 3], kind, order=i // 3, title=kind.value)
                    )
                )
        shown = [s for s in made if week_dates(athlete, WEEK)[0] <= s.date]
        shown = [s for s in shown if s.date <= week_dates(athlete, WEEK)[-1]]
        for s in made:
            if s.kind is SessionKind.STRENGTH and s.id is not None:
                tx.add_planned(PlannedExercise(s.id, library[0].id or 0, sets=3, amount=10))
        subject = next(s for s in shown if s.kind is SessionKind.STRENGTH)
        planned = tx.planned_for([subject.id or 0])[subject.id or 0][0]
    return Plan(athlete, shown, subject, planned, library[1].id or 0)


def apply(store: Store, plan: Plan, command: changes.Command) -> None:
    """A user action as the window applies it: one recorded, undoable change."""
    assert plan.athlete.id is not None
    changes.record(
        store,
        command.label,
        plan.athlete.id,
        command.days,
        command.action,
        command.extra_ids,
        command.seen,
        command.exercises,
    )


Action = Callable[[], None]


def _drop(store: Store, plan: Plan) -> Action:
    command = move_session(plan.subject, plan.subject.date + dt.timedelta(days=2))
    return lambda: apply(store, plan, command)


def _drop_shown(store: Store, plan: Plan) -> Action:
    """A drop as the calendar does it: the week on screen, the change, the week shown
    after it (the change applied to the week on screen: no read of its own)."""
    queries, athlete_id = Queries(store), plan.athlete.id or 0
    command = move_session(plan.subject, plan.subject.date + dt.timedelta(days=2))
    queries.week(athlete_id, WEEK)

    def run() -> None:
        change = changes.record(
            store, command.label, athlete_id, command.days, command.action, (), command.seen
        )
        queries.week_after(athlete_id, WEEK, change.before, change.after)

    return run


def _add_exercise(store: Store, plan: Plan) -> Action:
    command = drop_exercises_on_session(plan.athlete, plan.subject, [plan.exercise_id], "one")
    return lambda: apply(store, plan, command)


def _log_set(store: Store, plan: Plan) -> Action:
    with store.transaction() as tx:
        exercise = tx.exercise(plan.planned.exercise_id)
    command = log_set(plan.subject, plan.planned, exercise, (), 1, "amount", 8)
    return lambda: apply(store, plan, command)


def _undo_drop(store: Store, plan: Plan) -> Action:
    """Edit ▸ Undo of a drop: every session of both days is written back."""
    assert plan.athlete.id is not None
    command = move_session(plan.subject, plan.subject.date + dt.timedelta(days=2))
    change = changes.record(
        store, command.label, plan.athlete.id, command.days, command.action, (), command.seen
    )
    return lambda: changes.undo(store, change)


def _switch_week(store: Store, plan: Plan) -> Action:
    queries, athlete_id = Queries(store), plan.athlete.id or 0
    queries.week(athlete_id, WEEK - 1)  # the week on screen before the switch
    return lambda: queries.week(athlete_id, WEEK) and None


def _progress(store: Store, plan: Plan) -> Action:
    from runstrong_gui.services.progress import load_progress

    athlete_id, today = plan.athlete.id or 0, week_dates(plan.athlete, WEEK)[3]
    return lambda: load_progress(store, athlete_id, "last12", today) and None


# what the user does: (the action made ready, as the window has it; does it write)
ACTIONS: dict[str, tuple[Callable[[Store, Plan], Action], bool]] = {
    "drop a card": (_drop, True),
    "drop a card and show the week": (_drop_shown, True),
    "add an exercise": (_add_exercise, True),
    "log a set": (_log_set, True),
    "undo a drop": (_undo_drop, True),
    "switch week": (_switch_week, False),
    "open Progress": (_progress, False),
}


def cost_of(store: Store, n: int, action: str) -> Cost:
    ready, _writes = ACTIONS[action]
    run = ready(store, make_plan(store, n))
    with counting(store) as cost:
        run()
    return cost


@pytest.mark.parametrize("action", list(ACTIONS))
def test_statements_do_not_grow_with_the_sessions_on_screen(store: Store, action: str) -> None:
    few, many = cost_of(store, 5, action), cost_of(store, 60, action)
    said = f"{action}: 5 sessions cost {few.describe()}\n60 sessions cost {many.describe()}"
    assert len(many.statements) == len(few.statements), said
    assert many.round_trips == few.round_trips, said


WRITES = [a for a, (_ready, writes) in ACTIONS.items() if writes]
# Round trips of each write today, a ceiling so none creeps up unnoticed: BEGIN with the
# undo snapshot's read before (sessions, exercises and logs, and the library exercises
# an added exercise's dose comes from, in one pipelined batch that also answers the
# action's own reads of them); the action's writes with the snapshot's read after; the
# version bump of a session whose exercises or logs changed with COMMIT. The pool sends
# no ping (storage/pool.py).
# An undo reads its sessions locked and writes them back with COMMIT. The week on screen
# shows a drop without reading it again (Queries.week_after).
TODAY = {
    "drop a card": 3,
    "drop a card and show the week": 3,
    "add an exercise": 3,
    "log a set": 3,
    "undo a drop": 2,
}


def _round_trips(store: Store, engine_name: str, action: str) -> Cost:
    if engine_name != "postgresql":
        pytest.skip("round trips are a server's cost; SQLite runs in the process")
    cost = cost_of(store, 5, action)
    assert cost.round_trips is not None
    return cost


@pytest.mark.parametrize("action", WRITES)
def test_a_write_costs_no_more_round_trips_than_today(
    store: Store, engine_name: str, action: str
) -> None:
    cost = _round_trips(store, engine_name, action)
    assert cost.round_trips is not None and cost.round_trips <= TODAY[action], cost.describe()


@pytest.mark.parametrize("action", WRITES)
def test_a_write_costs_at_most_three_round_trips_on_postgresql(
    store: Store, engine_name: str, action: str
) -> None:
    cost = _round_trips(store, engine_name, action)
    assert cost.round_trips is not None
    assert cost.round_trips <= MAX_WRITE_ROUND_TRIPS, f"{action}: {cost.describe()}"


# Round trips of each read: a week switch reads the athlete and the week's sessions,
# exercises and logs in one batch (its days from the athlete as last read), then COMMIT;
# Progress reads the athlete (its range follows from it), then the range's sessions
# and summed sets in one batch, then COMMIT.
READS = {"switch week": 2, "open Progress": 3}


@pytest.mark.parametrize("action", list(READS))
def test_a_read_costs_at_most_three_round_trips_on_postgresql(
    store: Store, engine_name: str, action: str
) -> None:
    cost = _round_trips(store, engine_name, action)
    assert cost.round_trips is not None and cost.round_trips <= READS[action], cost.describe()
