"""Operations inside one open transaction of the store (see :mod:`.store`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import (
    delete,
    func,
    insert,
    select,
    update,
)

from runstrong_gui.domain.dates import medium_date
from runstrong_gui.domain.metrics import ExerciseDay
from runstrong_gui.domain.metrics import SessionRow as MetricSession
from runstrong_gui.domain.models import (
    Athlete,
    Exercise,
    PlannedExercise,
    Session,
    SessionDetail,
    SetLog,
    Template,
)
from runstrong_gui.storage import convert
from runstrong_gui.storage import progress_queries as pq
from runstrong_gui.storage import statements as q
from runstrong_gui.storage.batch import Write, read_batch
from runstrong_gui.storage.client_queries import ClientRows, client_rows
from runstrong_gui.storage.engine import StoreError
from runstrong_gui.storage.rights import NotYours, refuse_unless_author
from runstrong_gui.storage.schema import (
    AthleteRow,
    ExerciseRow,
    PlannedExerciseRow,
    SessionRow,
    SettingRow,
    TemplateRow,
    new_uid,
)
from runstrong_gui.storage.tx_around import AroundOps
from runstrong_gui.storage.tx_base import InUseError, NotFound, now_utc


class Tx(AroundOps):
    """Operations on the records, inside one open transaction."""

    # -- athletes ---------------------------------------------------------
    def athletes(self, include_archived: bool = False) -> list[Athlete]:
        q = select(AthleteRow).order_by(func.lower(AthleteRow.name), AthleteRow.id)
        if not include_archived:
            q = q.where(AthleteRow.archived.is_(False))
        return [convert.athlete(r) for r in self._s.scalars(q)]

    def athlete(self, athlete_id: int) -> Athlete:
        """The athlete, often a transaction's first read: read as a batch of one, so that
        on a server ``BEGIN`` goes with it (storage/batch.py), not on a round trip of its
        own."""
        known = None if self._known is None else self._known.athlete_of(athlete_id)
        if known is not None:
            return known
        self._flush_pending()
        reads = [(q.GET[q.ATHLETES], {"key": athlete_id})]
        found = read_batch(self._s.connection(), reads, self._take_held())[0].all()
        if not found:
            raise NotFound(f"That athlete no longer exists (id {athlete_id}).")
        return convert.athlete(found[0])

    def add_athlete(self, a: Athlete) -> Athlete:
        row = AthleteRow(**convert.athlete_values(a))
        self._s.add(row)
        self._s.flush()
        return dataclasses.replace(a, id=row.id)

    def update_athlete(self, a: Athlete) -> Athlete:
        """Save ``a`` over the stored athlete, if that is still the version ``a`` was
        read at (else :class:`ConflictError`); returns it with its new version."""
        version = self._save_versioned(
            AthleteRow, _id(a.id), a.version, convert.athlete_values(a), "athlete"
        )
        return dataclasses.replace(a, version=version)

    def delete_demo_athlete(self, athlete_id: int) -> None:
        """Delete a demo athlete with their plan and logs (ON DELETE CASCADE).

        The only delete of logged history the store offers, and only of an athlete
        marked demo: a real client's row is refused here whatever the caller asks.
        """
        gone = self._run(
            delete(AthleteRow).where(AthleteRow.id == athlete_id, AthleteRow.demo.is_(True))
        )
        if gone.rowcount == 0:
            raise NotFound(f"There is no demo athlete with id {athlete_id}; nothing was deleted.")

    # -- exercises --------------------------------------------------------
    def exercises(self, include_hidden: bool = True) -> list[Exercise]:
        q = select(ExerciseRow).order_by(func.lower(ExerciseRow.name))
        if not include_hidden:
            q = q.where(ExerciseRow.hidden.is_(False))
        return [convert.exercise(r) for r in self._s.scalars(q)]

    def exercise(self, exercise_id: int) -> Exercise:
        return convert.exercise(self._get(ExerciseRow, exercise_id, "exercise"))

    def exercise_keys(self) -> set[str]:
        return {k for k in self._s.scalars(select(ExerciseRow.key)) if k}

    def add_exercise(self, e: Exercise) -> Exercise:
        row = ExerciseRow(**convert.exercise_values(e))
        self._s.add(row)
        self._s.flush()
        return dataclasses.replace(e, id=row.id)

    def add_exercises(self, items: Iterable[Exercise]) -> None:
        rows = [convert.exercise_values(e) for e in items]
        if rows:
            self._s.execute(insert(ExerciseRow), rows)

    def update_exercise(self, e: Exercise) -> Exercise:
        """Save ``e`` over the stored exercise, if that is still the version ``e`` was
        read at (else :class:`ConflictError`); returns it with its new version."""
        refuse_unless_author(self._s, self._get(ExerciseRow, _id(e.id), "exercise"), "exercise")
        version = self._save_versioned(
            ExerciseRow, _id(e.id), e.version, convert.exercise_values(e), "exercise"
        )
        return dataclasses.replace(e, version=version)

    def exercise_uses(self, exercise_id: int) -> list[tuple[str, dt.date]]:
        """(athlete name, session date) of every plan that holds the exercise."""
        q = (
            select(AthleteRow.name, SessionRow.day)
            .join(SessionRow, SessionRow.athlete_id == AthleteRow.id)
            .join(PlannedExerciseRow, PlannedExerciseRow.session_id == SessionRow.id)
            .where(PlannedExerciseRow.exercise_id == exercise_id)
            .order_by(SessionRow.day)
        )
        return [(n, d) for n, d in self._s.execute(q)]

    def delete_refusal(self, exercise_id: int) -> str | None:
        """Why the exercise cannot be deleted (built in, or used in a plan), else None."""
        row = self._get(ExerciseRow, exercise_id, "exercise")
        if row.builtin:
            return f"'{row.name}' is built in: it can be hidden, not deleted."
        try:
            refuse_unless_author(self._s, row, "exercise")
        except NotYours as exc:
            return str(exc)
        uses = self.exercise_uses(exercise_id)
        if uses:
            who, when = uses[0]
            more = f" and {len(uses) - 1} more" if len(uses) > 1 else ""
            return (
                f"'{row.name}' is used in {who}'s plan on {medium_date(when)}{more}; "
                "remove it from those sessions first."
            )
        return None

    def delete_exercise(self, exercise_id: int) -> None:
        refusal = self.delete_refusal(exercise_id)
        if refusal is not None:
            raise InUseError(refusal)
        row = self._get(ExerciseRow, exercise_id, "exercise")
        refuse_unless_author(self._s, row, "exercise")
        self._s.delete(row)
        self._s.flush()

    # -- sessions ---------------------------------------------------------
    def sessions_between(
        self, athlete_id: int, first: dt.date, last: dt.date, *, lock: bool = False
    ) -> list[Session]:
        """All sessions of one athlete from ``first`` to ``last`` inclusive: one indexed query.
        With ``lock`` they stay locked until the transaction ends (PostgreSQL; see
        :meth:`lock_sessions`)."""
        known = (
            None if lock or self._known is None else self._known.between(athlete_id, first, last)
        )
        if known is not None:
            return known
        params = {"athlete": athlete_id, "first": first, "last": last}
        statement = q.SESSIONS_BETWEEN_LOCKED if lock else q.SESSIONS_BETWEEN
        return convert.SESSIONS.all(self._run(statement, params))

    def imported_sessions(self, athlete_id: int) -> list[Session]:
        """The athlete's sessions imported from a calendar feed (they carry an event id)."""
        return convert.SESSIONS.all(self._run(q.IMPORTED_SESSIONS, {"athlete": athlete_id}))

    def session(self, session_id: int) -> Session:
        known = None if self._known is None else self._known.session(session_id)
        if known is not None:
            return known
        return convert.session(self._one(q.SESSIONS, session_id, "session"))

    def sessions_by_id(self, ids: Iterable[int]) -> list[Session]:
        """Sessions by id in one query (missing ids are left out)."""
        ids = list(set(ids))
        if not ids:
            return []
        return convert.SESSIONS.all(self._run(q.SESSIONS_BY_ID, {"ids": ids}))

    def add_session(self, s: Session) -> Session:
        values = convert.session_values(s)
        values["version"] = s.version  # an undo puts a session back at a newer version
        if s.id is not None:  # re-creating a deleted session (undo) keeps its id
            values["id"] = s.id
        # ... and its uid, so calendars see the same event; a copy (id None) is a new one
        values["uid"] = s.uid if s.id is not None and s.uid else new_uid()
        result = self._run(q.INSERT[q.SESSIONS], values)
        return dataclasses.replace(s, id=result.inserted_primary_key[0], uid=values["uid"])

    def add_sessions(self, items: Sequence[Session]) -> None:
        """Insert many new sessions in one statement (an imported plan); their ids are
        not read back."""
        if items:
            self._run(q.INSERT[q.SESSIONS], [convert.session_values(s) for s in items])

    def update_session(self, s: Session) -> Session:
        """Save ``s`` if the stored session is still at ``s.version`` (else
        :class:`ConflictError`); returns it with its new version."""
        params = q.update_params(convert.session_values(s), _id(s.id), s.version, now_utc())
        self._write(q.UPDATE[q.SESSIONS], params, "session")
        return dataclasses.replace(s, version=s.version + 1)

    def bump_session(self, session_id: int, seen: int) -> None:
        """A new version of the session (its exercises or logs changed), if it is still
        at ``seen``: whoever saw the older one is refused instead of overwriting."""
        params = {"key": session_id, "expected": seen, "now": now_utc()}
        self._write(q.BUMP_SESSION, params, "session")

    def set_positions(self, moves: Sequence[tuple[Session, int]]) -> list[Session]:
        """Give each session its new position in one batched statement (a day renumbered,
        however many cards it holds), each if still at the version read (else
        :class:`ConflictError`); returns them at their new versions."""
        if not moves:
            return []
        now = now_utc()
        params = [
            {"key": _id(s.id), "expected": s.version, "at": at, "now": now} for s, at in moves
        ]
        first = next(s for s, _at in moves)

        def refused() -> None:
            self._refused(q.SESSIONS, _id(first.id), "session")

        held = self._hold(Write(q.SET_POSITION, params, len(params), refused))
        if not held and self._run(q.SET_POSITION, params).rowcount != len(params):
            refused()
        return [dataclasses.replace(s, order=at, version=s.version + 1) for s, at in moves]

    def delete_session(self, session_id: int) -> None:
        """Delete a session; its planned exercises and logs go with it (ON DELETE CASCADE)."""
        self._write(q.DELETE[q.SESSIONS], {"key": session_id}, "session")

    def strength_sets_by_day(
        self, athlete_id: int, first: dt.date, last: dt.date
    ) -> dict[dt.date, int]:
        """Planned strength sets per day (skipped sessions left out), in one grouped query."""
        params = {"athlete": athlete_id, "first": first, "last": last}
        return {d: int(n or 0) for d, n in self._run(q.STRENGTH_SETS_BY_DAY, params)}

    def day_sessions(self, athlete_id: int, day: dt.date) -> list[Session]:
        return self.sessions_between(athlete_id, day, day)

    # -- planned exercises -----------------------------------------------
    def planned_for(self, session_ids: Sequence[int]) -> dict[int, list[PlannedExercise]]:
        """Planned exercises of many sessions in one query, in order."""
        out: dict[int, list[PlannedExercise]] = defaultdict(list)
        if not session_ids:
            return out
        known = None if self._known is None else self._known.planned_for(session_ids)
        if known is not None:
            return known
        for p in convert.PLANNED.all(self._run(q.PLANNED_FOR, {"ids": list(session_ids)})):
            out[p.session_id].append(p)
        return out

    def planned_exercise(self, planned_id: int) -> PlannedExercise:
        return convert.planned(self._one(q.PLANNED, planned_id, "planned exercise"))

    def add_planned(self, p: PlannedExercise) -> PlannedExercise:
        values = convert.planned_values(p)
        if p.id is not None:
            values["id"] = p.id
        result = self._run(q.INSERT[q.PLANNED], values)
        return dataclasses.replace(p, id=result.inserted_primary_key[0])

    def add_planned_many(self, items: Sequence[PlannedExercise]) -> None:
        """Insert many planned exercises in one statement (the generator writes whole
        blocks); their ids are not read back."""
        rows = [convert.planned_values(p) for p in items]
        if rows and not self._hold(Write(q.INSERT[q.PLANNED], rows)):
            self._run(q.INSERT[q.PLANNED], rows)

    def progress_rows(
        self, athlete_id: int, first: dt.date | None, last: dt.date
    ) -> tuple[list[MetricSession], list[ExerciseDay], dict[int, str]]:
        """The Progress tab's reads: sessions, logged sets per day and exercise, and the
        names of those exercises (see :mod:`~runstrong_gui.storage.progress_queries`):
        one round trip on a server."""
        self._flush_pending()
        reads = pq.range_reads(athlete_id, first, last)
        sessions, days = read_batch(self._s.connection(), reads, self._take_held())
        return (pq.sessions_of(sessions.all()), *pq.days_of(days.all()))

    def client_rows(
        self, first: dt.date, today: dt.date, pain_first: dt.date, pain_threshold: int
    ) -> ClientRows:
        """The Clients view's reads for every athlete at once (see
        :mod:`~runstrong_gui.storage.client_queries`)."""
        return client_rows(self._s, first, today, pain_first, pain_threshold)

    def update_planned(self, p: PlannedExercise) -> PlannedExercise:
        params = q.update_params(convert.planned_values(p), _id(p.id))
        self._write(q.UPDATE[q.PLANNED], params, "planned exercise")
        return p

    def delete_planned(self, planned_id: int) -> None:
        self._write(q.DELETE[q.PLANNED], {"key": planned_id}, "planned exercise")

    def session_details(
        self, sessions: Sequence[Session], known: dict[int, Exercise] | None = None
    ) -> list[SessionDetail]:
        """Sessions with their exercises: two queries however many sessions.

        ``known`` is a caller's cache of exercises by id; only the missing ones are read,
        and they are added to it.
        """
        ids = [_id(s.id) for s in sessions]
        planned = self.planned_for(ids)
        ex_ids = {p.exercise_id for items in planned.values() for p in items}
        exercises = known if known is not None else {}
        missing = ex_ids - exercises.keys()
        if missing:
            exercises.update(self.exercises_by_id(missing))
        return [
            SessionDetail(
                s, tuple((p, exercises[p.exercise_id]) for p in planned.get(_id(s.id), []))
            )
            for s in sessions
        ]

    def exercises_by_id(self, ids: Iterable[int]) -> dict[int, Exercise]:
        ids = list(set(ids))
        if not ids:
            return {}
        known = None if self._known is None else self._known.exercises_by_id(ids)
        if known is not None:
            return known
        return {r.id: convert.exercise(r) for r in self._run(q.EXERCISES_BY_ID, {"ids": ids})}

    # -- set logs ---------------------------------------------------------
    def logs_for(self, planned_ids: Sequence[int]) -> dict[int, list[SetLog]]:
        out: dict[int, list[SetLog]] = defaultdict(list)
        if not planned_ids:
            return out
        known = None if self._known is None else self._known.logs_for(planned_ids)
        if known is not None:
            return known
        for log in convert.SET_LOGS.all(self._run(q.LOGS_FOR, {"ids": list(planned_ids)})):
            out[log.planned_exercise_id].append(log)
        return out

    def max_pain_for(self, planned_ids: Sequence[int]) -> dict[int, int]:
        """The highest pain logged per planned exercise, in one grouped query."""
        if not planned_ids:
            return {}
        known = None if self._known is None else self._known.logs_for(planned_ids)
        if known is not None:
            pains = {
                pid: [x.pain for x in logs if x.pain is not None] for pid, logs in known.items()
            }
            return {pid: max(p) for pid, p in pains.items() if p}
        rows = self._run(q.MAX_PAIN, {"ids": list(planned_ids)})
        return {pid: int(pain) for pid, pain in rows if pain is not None}

    def replace_logs(self, planned_id: int, logs: Sequence[SetLog]) -> None:
        """Make ``logs`` the whole log of one planned exercise."""
        # Logs that were saved before keep their ids (an undo puts back exactly what was).
        kept = [{**convert.set_log_values(x), "id": x.id} for x in logs if x.id is not None]
        new = [convert.set_log_values(x) for x in logs if x.id is None]
        writes = [(q.DELETE_LOGS, [{"planned": planned_id}]), (q.INSERT[q.SET_LOGS], kept)]
        for statement, rows in [*writes, (q.INSERT[q.SET_LOGS], new)]:
            if rows and not self._hold(Write(statement, rows)):
                self._run(statement, rows)

    # -- templates and settings ------------------------------------------
    def templates(self, kind: str | None = None) -> list[Template]:
        q = select(TemplateRow).order_by(TemplateRow.builtin.desc(), TemplateRow.name)
        if kind:
            q = q.where(TemplateRow.kind == kind)
        return [
            Template(r.name, r.kind, dict(r.payload), r.key, bool(r.builtin), r.id, r.version)
            for r in self._s.scalars(q)
        ]

    def template_keys(self) -> set[str]:
        return {k for k in self._s.scalars(select(TemplateRow.key)) if k}

    def add_template(self, t: Template) -> Template:
        row = TemplateRow(key=t.key, name=t.name, kind=t.kind, builtin=t.builtin, payload=t.payload)
        self._s.add(row)
        self._s.flush()
        return dataclasses.replace(t, id=row.id)

    def put_template(self, t: Template, *, versioned: bool = False) -> Template:
        """Write a template under its id: update it, or bring a deleted one back as it was.

        ``versioned``: only over the version ``t`` was read at (else :class:`ConflictError`);
        undo and redo check the template's name instead (services/templates.py).
        """
        row = self._s.get(TemplateRow, t.id) if t.id is not None else None
        if row is None:
            row = TemplateRow(id=t.id, key=t.key, builtin=t.builtin)
            self._s.add(row)
        else:
            refuse_unless_author(self._s, row, "template")
            if versioned:
                self._check_version(row, t.version, "template")
            row.changed_at = now_utc()
        row.name, row.kind, row.payload = t.name, t.kind, dict(t.payload)
        self._flush_versioned("template")
        return dataclasses.replace(t, id=row.id, version=row.version)

    def delete_template(self, template_id: int) -> None:
        row = self._s.get(TemplateRow, template_id)
        if row is not None:
            refuse_unless_author(self._s, row, "template")
            self._s.delete(row)
            self._s.flush()

    def setting(self, key: str, default: dict[str, Any] | None = None) -> dict[str, Any]:
        row = self._s.get(SettingRow, key)
        return dict(row.value) if row else dict(default or {})

    def set_setting(self, key: str, value: dict[str, Any]) -> None:
        row = self._s.get(SettingRow, key)
        if row is None:
            self._s.add(SettingRow(key=key, value=value))
        else:
            row.value = value
        self._s.flush()

    # -- bulk and helpers -------------------------------------------------
    def shift_positions(self, athlete_id: int, day: dt.date, from_position: int, by: int) -> None:
        self._run(
            update(SessionRow)
            .where(
                SessionRow.athlete_id == athlete_id,
                SessionRow.day == day,
                SessionRow.position >= from_position,
            )
            .values(
                position=SessionRow.position + by,
                version=SessionRow.version + 1,
                changed_at=now_utc(),
            )
        )


def _id(value: int | None) -> int:
    if value is None:
        raise StoreError("This record has not been saved yet.")
    return value
