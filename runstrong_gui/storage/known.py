"""What an undoable action's transaction has just read, kept for the action's own reads.

:func:`services.changes.record` reads the sessions of the days an action touches, with
their planned exercises and logs (its "before" snapshot), then runs the action, which
reads much of the same again: the cards of a day to renumber, the session an exercise
is added to and its exercises, the log a set goes into. On a server each of those reads
is a network wait. :class:`Known` answers them from the snapshot instead, which is also
exactly what the undo will put back, until the transaction writes: from the first
write on (any statement but a SELECT on its connection, seen by a SQLAlchemy event, so
a write by any path counts) what it knows is dropped and the store is read again. A
write of set logs drops only the logs it knows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, event

from runstrong_gui.domain.models import Athlete, Exercise, PlannedExercise, Session, SetLog


@dataclass
class Around:
    """Sessions read with their planned exercises (by session id) and logs (by planned
    exercise id), and exercises of the library by id (None: asked for, not there)."""

    sessions: list[Session]
    planned: dict[int, list[PlannedExercise]]
    logs: dict[int, list[SetLog]]
    exercises: dict[int, Exercise | None] = field(default_factory=dict)
    athlete: Athlete | None = None  # the athlete, when read with them


class Known:
    """Sessions of whole days of one athlete (and some by id), with their planned
    exercises and logs, and some exercises of the library, as read in this transaction
    before its first write."""

    def __init__(
        self, conn: Connection, athlete_id: int, days: Iterable[dt.date], around: Around
    ) -> None:
        self.athlete_id = athlete_id
        self.days = frozenset(days)
        self.sessions: dict[int, Session] | None = {
            s.id: s for s in around.sessions if s.id is not None
        }
        self.planned: dict[int, list[PlannedExercise]] | None = {
            sid: list(around.planned.get(sid, ())) for sid in self.sessions
        }
        self.logs: dict[int, list[SetLog]] | None = {
            p.id: list(around.logs.get(p.id, ()))
            for items in self.planned.values()
            for p in items
            if p.id
        }
        self.exercises: dict[int, Exercise | None] | None = dict(around.exercises)
        self.athlete: Athlete | None = around.athlete
        self._conn = conn
        event.listen(conn, "before_cursor_execute", self._seen)

    def close(self) -> None:
        """Stop knowing (the action is over); the transaction reads the store again."""
        self._drop()
        if event.contains(self._conn, "before_cursor_execute", self._seen):
            event.remove(self._conn, "before_cursor_execute", self._seen)

    def _seen(self, _conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        words = statement.lstrip()[:40].lower().split()
        if not words or words[0] == "select":
            return
        self.wrote(words[2] if words[:2] in (["insert", "into"], ["delete", "from"]) else "")

    def wrote(self, table: str) -> None:
        """Forget what a write to ``table`` may have changed (all, for another table)."""
        if table == "set_logs":
            self.logs = None
        else:
            self._drop()  # (the listener goes in close(): not while SQLAlchemy calls it)

    def _drop(self) -> None:
        self.sessions = self.planned = self.logs = self.exercises = None
        self.athlete = None

    def between(self, athlete_id: int, first: dt.date, last: dt.date) -> list[Session] | None:
        """The sessions from ``first`` to ``last`` in the store's order, if known."""
        if self.sessions is None or athlete_id != self.athlete_id or last < first:
            return None
        span = (last - first).days + 1
        if span > len(self.days) or any(
            first + dt.timedelta(days=i) not in self.days for i in range(span)
        ):
            return None
        found = [
            s
            for s in self.sessions.values()
            if s.athlete_id == athlete_id and first <= s.date <= last
        ]
        return sorted(found, key=lambda s: (s.date, s.order, s.id or 0))

    def athlete_of(self, athlete_id: int) -> Athlete | None:
        return self.athlete if self.athlete is not None and athlete_id == self.athlete_id else None

    def session(self, session_id: int) -> Session | None:
        return None if self.sessions is None else self.sessions.get(session_id)

    def planned_for(self, session_ids: Sequence[int]) -> dict[int, list[PlannedExercise]] | None:
        if self.planned is None or any(sid not in self.planned for sid in session_ids):
            return None
        out: dict[int, list[PlannedExercise]] = defaultdict(list)
        out.update((sid, list(self.planned[sid])) for sid in session_ids if self.planned[sid])
        return out

    def logs_for(self, planned_ids: Sequence[int]) -> dict[int, list[SetLog]] | None:
        if self.logs is None or any(pid not in self.logs for pid in planned_ids):
            return None
        out: dict[int, list[SetLog]] = defaultdict(list)
        out.update((pid, list(self.logs[pid])) for pid in planned_ids if self.logs[pid])
        return out

    def exercises_by_id(self, ids: Sequence[int]) -> dict[int, Exercise] | None:
        if self.exercises is None or any(i not in self.exercises for i in ids):
            return None
        return {i: e for i in ids if (e := self.exercises[i]) is not None}
