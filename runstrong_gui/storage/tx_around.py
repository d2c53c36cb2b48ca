"""An undoable action's reads and writes of whole sessions (see services/changes.py):
the sessions of some days with their planned exercises and logs read together (one
round trip on PostgreSQL, storage/batch.py), kept for the action's own reads
(storage/known.py), and written back by undo and redo in one statement per table."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from runstrong_gui.domain.models import PlannedExercise, Session, SetLog
from runstrong_gui.storage import convert
from runstrong_gui.storage import statements as q
from runstrong_gui.storage.batch import Write, read_batch
from runstrong_gui.storage.known import Around, Known
from runstrong_gui.storage.schema import new_uid
from runstrong_gui.storage.tx_base import TxBase


class AroundOps(TxBase):
    """Whole sessions around a user action, inside one open transaction."""

    def sessions_around(
        self,
        athlete_id: int,
        days: Iterable[dt.date],
        ids: Iterable[int],
        *,
        lock: bool = False,
        items: bool = True,
        exercises: Iterable[int] = (),
        athlete: bool = False,
    ) -> Around:
        """The sessions of one athlete's ``days`` and those of ``ids``, in the store's
        order, with (``items``) their planned exercises and logs, and the library's
        ``exercises``: one round trip on PostgreSQL, with ``BEGIN`` and any writes held
        (storage/batch.py). With ``lock`` the sessions stay locked until the transaction
        ends (see :meth:`lock_sessions`). With ``athlete`` the athlete is read too
        (PostgreSQL only: SQLite reads it when asked)."""
        params = {"athlete": athlete_id, "days": sorted(set(days)), "ids": sorted(set(ids))}
        if self._s.connection().dialect.name != "postgresql":
            return self._around_in_turn(params, items, exercises)
        statements = [(q.SESSIONS_AROUND_LOCKED if lock else q.SESSIONS_AROUND, params)]
        if items:
            statements += [(q.PLANNED_AROUND, params), (q.LOGS_AROUND, params)]
        wanted = sorted(set(exercises))
        if wanted:
            statements.append((q.EXERCISES_BY_ID, {"ids": wanted}))
        if athlete:
            statements.append((q.GET[q.ATHLETES], {"key": athlete_id}))
        self._flush_pending()
        results = read_batch(self._s.connection(), statements, self._take_held())
        around = Around(results[0].read(convert.SESSIONS), defaultdict(list), defaultdict(list))
        if items:
            for p in results[1].read(convert.PLANNED):
                around.planned[p.session_id].append(p)
            for log in results[2].read(convert.SET_LOGS):
                around.logs[log.planned_exercise_id].append(log)
        if athlete:
            found = results.pop().all()
            around.athlete = convert.athlete(found[0]) if found else None
        if wanted:
            around.exercises = dict.fromkeys(wanted)
            around.exercises |= {r.id: convert.exercise(r) for r in results[-1]}
        return around

    def know_week(self, athlete_id: int, first: dt.date, last: dt.date) -> None:
        """On a server, read the athlete and the sessions from ``first`` to ``last`` with
        their planned exercises and logs in one round trip, and answer the reads of a
        shown week from them (:meth:`forget` ends it). SQLite reads each as it is asked
        for: a round trip costs nothing in the process."""
        if self._s.connection().dialect.name != "postgresql":
            return
        days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
        self.know(athlete_id, days, self.sessions_around(athlete_id, days, (), athlete=True))

    def _around_in_turn(
        self, params: dict[str, Any], items: bool, exercises: Iterable[int]
    ) -> Around:
        """:meth:`sessions_around` as SQLite runs it best: each read using what the one
        before found (a round trip costs nothing in the process; the statements that
        find their sessions themselves cost SQLite more)."""
        days, ids = params["days"], set(params["ids"])
        sessions: list[Session] = []
        if days:
            between = {"athlete": params["athlete"], "first": days[0], "last": days[-1]}
            wanted = set(days)
            found = convert.SESSIONS.all(self._run(q.SESSIONS_BETWEEN, between))
            sessions = [s for s in found if s.date in wanted]
        missing = ids - {s.id for s in sessions}
        if missing:
            sessions += convert.SESSIONS.all(self._run(q.SESSIONS_BY_ID, {"ids": list(missing)}))
            sessions.sort(key=lambda s: (s.date, s.order, s.id or 0))
        around = Around(sessions, defaultdict(list), defaultdict(list))
        sids = [s.id for s in sessions if s.id is not None]
        if items and sids:
            for p in convert.PLANNED.all(self._run(q.PLANNED_FOR, {"ids": sids})):
                around.planned[p.session_id].append(p)
            pids = [p.id for ps in around.planned.values() for p in ps if p.id is not None]
            if pids:
                for log in convert.SET_LOGS.all(self._run(q.LOGS_FOR, {"ids": pids})):
                    around.logs[log.planned_exercise_id].append(log)
        wanted_ex = sorted(set(exercises))
        if wanted_ex:
            around.exercises = dict.fromkeys(wanted_ex)
            rows = self._run(q.EXERCISES_BY_ID, {"ids": wanted_ex})
            around.exercises |= {r.id: convert.exercise(r) for r in rows}
        return around

    def know(self, athlete_id: int, days: Iterable[dt.date], around: Around) -> None:
        """Answer the reads of what was just read, until the first write (see
        storage/known.py)."""
        self.forget()
        self._known = Known(self._s.connection(), athlete_id, days, around)

    def forget(self) -> None:
        if self._known is not None:
            self._known.close()
            self._known = None

    def delete_sessions(self, ids: Iterable[int]) -> None:
        """Delete these sessions, those that exist, with their planned exercises and logs
        (ON DELETE CASCADE): one statement, held with the next when writes are held."""
        rows = [{"ids": sorted(set(ids))}]
        if rows[0]["ids"] and not self._hold(Write(q.DELETE_SESSIONS, rows)):
            self._run(q.DELETE_SESSIONS, rows[0])

    def put_back(
        self,
        sessions: Sequence[Session],
        planned: Sequence[PlannedExercise],
        logs: Sequence[SetLog],
    ) -> None:
        """Write sessions, planned exercises and logs back under their ids and uids, at
        the versions given (undo and redo): one statement per table however many there
        are, held with the next statement when writes are held (none can be refused but
        by the store's own checks, which stop the transaction)."""
        session_rows = [
            {
                **convert.session_values(s),
                "version": s.version,
                "id": s.id,
                "uid": s.uid or new_uid(),
            }
            for s in sessions
        ]
        planned_rows = [{**convert.planned_values(p), "id": p.id} for p in planned]
        kept = [{**convert.set_log_values(x), "id": x.id} for x in logs if x.id is not None]
        new = [convert.set_log_values(x) for x in logs if x.id is None]
        for table, rows in (
            (q.SESSIONS, session_rows),
            (q.PLANNED, planned_rows),
            (q.SET_LOGS, kept),
            (q.SET_LOGS, new),
        ):
            if rows and not self._hold(Write(q.INSERT[table], rows)):
                self._run(q.INSERT[table], rows)
