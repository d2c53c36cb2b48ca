"""The store API: domain objects in, domain objects out, one transaction per use.

Callers write ``with store.transaction() as tx: ...``; everything done through ``tx``
commits together or not at all. Reads return frozen domain objects, never ORM rows,
so nothing above this layer can lazy-load or keep a database session open.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

from sqlalchemy import (
    CheckConstraint,
    Engine,
    Table,
    bindparam,
    delete,
    func,
    insert,
    literal_column,
    select,
    update,
)
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.sql.expression import Executable

from runstrong_gui.domain.bounds import NAME_MAX
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
from runstrong_gui.storage.engine import OpenedStore, StoreError, open_store
from runstrong_gui.storage.schema import (
    AthleteRow,
    ExerciseRow,
    PlannedExerciseRow,
    SessionRow,
    SetLogRow,
    SettingRow,
    TemplateRow,
)

# The hot paths (a week, a drop and its undo snapshots, the session editor) read and
# write sessions and planned exercises with Core statements run straight on the
# transaction's connection: rows come back as light tuples the converters read by name,
# with none of the ORM's per-statement and per-row bookkeeping (a drop went from about
# 25 ORM statements to the same number of plain ones, a third of the time). Sessions
# and planned exercises are therefore never loaded as ORM objects, so nothing can go
# stale; ORM writes elsewhere always flush at once, so these reads never miss them.
# The statements are built once, with bound parameters: building a select afresh cost
# more than running it.
_ATHLETES = cast(Table, AthleteRow.__table__)
_SESSIONS = cast(Table, SessionRow.__table__)
_PLANNED = cast(Table, PlannedExerciseRow.__table__)
_SET_LOGS = cast(Table, SetLogRow.__table__)


def _checks_pass(table: Table, *more: str) -> Any:
    """A column true unless the row breaks one of the table's CHECK constraints (a NULL
    result passes, as in a CHECK), for the readers in storage/convert.py."""
    checks = [str(c.sqltext) for c in table.constraints if isinstance(c, CheckConstraint)]
    sql = " AND ".join(f"coalesce(({c}), 1)" for c in (*checks, *more))
    return literal_column(f"({sql})").label(convert.CHECKS_PASS)


def _checked_select(table: Table, *more: str) -> Any:
    return select(table, _checks_pass(table, *more))


def _by_key(table: Any) -> Any:
    return table.c.id == bindparam("key")


def _in(column: Any) -> Any:
    return column.in_(bindparam("ids", expanding=True))


def _update_by_key(table: Any) -> Any:
    values: dict[str, Any] = {
        c.name: bindparam(f"v_{c.name}") for c in table.columns if c.name != "id"
    }
    return update(table).where(_by_key(table)).values(values)


def _update_params(values: dict[str, Any], key: int) -> dict[str, Any]:
    return {"key": key, **{f"v_{k}": v for k, v in values.items()}}


_GET = {t: select(t).where(_by_key(t)) for t in (_ATHLETES, _SESSIONS, _PLANNED)}
_UPDATE = {t: _update_by_key(t) for t in (_SESSIONS, _PLANNED)}
_DELETE = {t: delete(t).where(_by_key(t)) for t in (_SESSIONS, _PLANNED)}
_INSERT = {t: insert(t) for t in (_SESSIONS, _PLANNED, _SET_LOGS)}
_SESSION_TITLE = f"length(title) <= {NAME_MAX}"  # no CHECK holds it; the domain does
_SESSIONS_BETWEEN = (
    _checked_select(_SESSIONS, _SESSION_TITLE)
    .where(
        _SESSIONS.c.athlete_id == bindparam("athlete"),
        _SESSIONS.c.day.between(bindparam("first"), bindparam("last")),
    )
    .order_by(_SESSIONS.c.day, _SESSIONS.c.position, _SESSIONS.c.id)
)
_SESSIONS_BY_ID = _checked_select(_SESSIONS, _SESSION_TITLE).where(_in(_SESSIONS.c.id))
_PLANNED_FOR = (
    _checked_select(_PLANNED)
    .where(_in(_PLANNED.c.session_id))
    .order_by(_PLANNED.c.session_id, _PLANNED.c.position, _PLANNED.c.id)
)
_LOGS_FOR = (
    _checked_select(_SET_LOGS)
    .where(_in(_SET_LOGS.c.planned_exercise_id))
    .order_by(_SET_LOGS.c.planned_exercise_id, _SET_LOGS.c.set_number)
)
_MAX_PAIN = (
    select(_SET_LOGS.c.planned_exercise_id, func.max(_SET_LOGS.c.pain))
    .where(_in(_SET_LOGS.c.planned_exercise_id), _SET_LOGS.c.pain.is_not(None))
    .group_by(_SET_LOGS.c.planned_exercise_id)
)
_STRENGTH_SETS_BY_DAY = (
    select(_SESSIONS.c.day, func.sum(_PLANNED.c.sets))
    .join(_PLANNED, _PLANNED.c.session_id == _SESSIONS.c.id)
    .where(
        _SESSIONS.c.athlete_id == bindparam("athlete"),
        _SESSIONS.c.day.between(bindparam("first"), bindparam("last")),
        _SESSIONS.c.kind == "strength",
        _SESSIONS.c.skipped.is_(False),
    )
    .group_by(_SESSIONS.c.day)
)
_EXERCISE_COLUMNS = [
    c.label("group") if c.name == "grp" else c for c in ExerciseRow.__table__.columns
]
_EXERCISES_BY_ID = select(*_EXERCISE_COLUMNS).where(_in(ExerciseRow.id))
_DELETE_LOGS = delete(_SET_LOGS).where(_SET_LOGS.c.planned_exercise_id == bindparam("planned"))


class NotFound(StoreError):
    pass


class InUseError(StoreError):
    pass


class Tx:
    """Operations inside one open transaction."""

    def __init__(self, orm: OrmSession) -> None:
        self._s = orm

    def _run(self, statement: Executable, params: Any = None) -> Any:
        """Execute a Core statement on this transaction's connection (see the note above)."""
        if self._s.new or self._s.deleted or self._s.dirty:
            self._s.flush()
        return self._s.connection().execute(statement, params)

    def _one(self, table: Any, key: int, what: str) -> Any:
        row = self._run(_GET[table], {"key": key}).first()
        if row is None:
            raise NotFound(f"That {what} no longer exists (id {key}).")
        return row

    def _write(self, statement: Any, params: dict[str, Any], what: str) -> None:
        """An UPDATE or DELETE of one row by id; a missing row is reported like a read."""
        if self._run(statement, params).rowcount == 0:
            raise NotFound(f"That {what} no longer exists (id {params['key']}).")

    @property
    def orm(self) -> OrmSession:
        """The open ORM session, for query modules of other features (same transaction)."""
        return self._s

    # -- athletes ---------------------------------------------------------
    def athletes(self, include_archived: bool = False) -> list[Athlete]:
        q = select(AthleteRow).order_by(func.lower(AthleteRow.name), AthleteRow.id)
        if not include_archived:
            q = q.where(AthleteRow.archived.is_(False))
        return [convert.athlete(r) for r in self._s.scalars(q)]

    def athlete(self, athlete_id: int) -> Athlete:
        return convert.athlete(self._one(_ATHLETES, athlete_id, "athlete"))

    def add_athlete(self, a: Athlete) -> Athlete:
        row = AthleteRow(**convert.athlete_values(a))
        self._s.add(row)
        self._s.flush()
        return dataclasses.replace(a, id=row.id)

    def update_athlete(self, a: Athlete) -> Athlete:
        row = self._get(AthleteRow, _id(a.id), "athlete")
        for k, v in convert.athlete_values(a).items():
            setattr(row, k, v)
        self._s.flush()
        return a

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
        row = self._get(ExerciseRow, _id(e.id), "exercise")
        for k, v in convert.exercise_values(e).items():
            setattr(row, k, v)
        self._s.flush()
        return e

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
        self._s.delete(self._get(ExerciseRow, exercise_id, "exercise"))
        self._s.flush()

    # -- sessions ---------------------------------------------------------
    def sessions_between(self, athlete_id: int, first: dt.date, last: dt.date) -> list[Session]:
        """All sessions of one athlete from ``first`` to ``last`` inclusive: one indexed query."""
        params = {"athlete": athlete_id, "first": first, "last": last}
        return convert.SESSIONS.all(self._run(_SESSIONS_BETWEEN, params))

    def session(self, session_id: int) -> Session:
        return convert.session(self._one(_SESSIONS, session_id, "session"))

    def sessions_by_id(self, ids: Iterable[int]) -> list[Session]:
        """Sessions by id in one query (missing ids are left out)."""
        ids = list(set(ids))
        if not ids:
            return []
        return convert.SESSIONS.all(self._run(_SESSIONS_BY_ID, {"ids": ids}))

    def add_session(self, s: Session) -> Session:
        values = convert.session_values(s)
        if s.id is not None:  # re-creating a deleted session (undo) keeps its id
            values["id"] = s.id
        result = self._run(_INSERT[_SESSIONS], values)
        return dataclasses.replace(s, id=result.inserted_primary_key[0])

    def update_session(self, s: Session) -> Session:
        params = _update_params(convert.session_values(s), _id(s.id))
        self._write(_UPDATE[_SESSIONS], params, "session")
        return s

    def delete_session(self, session_id: int) -> None:
        """Delete a session; its planned exercises and logs go with it (ON DELETE CASCADE)."""
        self._write(_DELETE[_SESSIONS], {"key": session_id}, "session")

    def strength_sets_by_day(
        self, athlete_id: int, first: dt.date, last: dt.date
    ) -> dict[dt.date, int]:
        """Planned strength sets per day (skipped sessions left out), in one grouped query."""
        params = {"athlete": athlete_id, "first": first, "last": last}
        return {d: int(n or 0) for d, n in self._run(_STRENGTH_SETS_BY_DAY, params)}

    def day_sessions(self, athlete_id: int, day: dt.date) -> list[Session]:
        return self.sessions_between(athlete_id, day, day)

    # -- planned exercises -----------------------------------------------
    def planned_for(self, session_ids: Sequence[int]) -> dict[int, list[PlannedExercise]]:
        """Planned exercises of many sessions in one query, in order."""
        out: dict[int, list[PlannedExercise]] = defaultdict(list)
        if not session_ids:
            return out
        for p in convert.PLANNED.all(self._run(_PLANNED_FOR, {"ids": list(session_ids)})):
            out[p.session_id].append(p)
        return out

    def planned_exercise(self, planned_id: int) -> PlannedExercise:
        return convert.planned(self._one(_PLANNED, planned_id, "planned exercise"))

    def add_planned(self, p: PlannedExercise) -> PlannedExercise:
        values = convert.planned_values(p)
        if p.id is not None:
            values["id"] = p.id
        result = self._run(_INSERT[_PLANNED], values)
        return dataclasses.replace(p, id=result.inserted_primary_key[0])

    def add_planned_many(self, items: Sequence[PlannedExercise]) -> None:
        """Insert many planned exercises in one statement (the generator writes whole
        blocks); their ids are not read back."""
        if items:
            self._run(_INSERT[_PLANNED], [convert.planned_values(p) for p in items])

    def progress_rows(
        self, athlete_id: int, first: dt.date | None, last: dt.date
    ) -> tuple[list[MetricSession], list[ExerciseDay], dict[int, str]]:
        """The Progress tab's reads: sessions, logged sets per day and exercise, and the
        names of those exercises (see :mod:`~runstrong_gui.storage.progress_queries`)."""
        sessions = pq.session_rows(self._s, athlete_id, first, last)
        days = pq.exercise_days(self._s, athlete_id, first, last)
        names = pq.exercise_names(self._s, {d.exercise_id for d in days})
        return sessions, days, names

    def update_planned(self, p: PlannedExercise) -> PlannedExercise:
        params = _update_params(convert.planned_values(p), _id(p.id))
        self._write(_UPDATE[_PLANNED], params, "planned exercise")
        return p

    def delete_planned(self, planned_id: int) -> None:
        self._write(_DELETE[_PLANNED], {"key": planned_id}, "planned exercise")

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
        return {r.id: convert.exercise(r) for r in self._run(_EXERCISES_BY_ID, {"ids": ids})}

    # -- set logs ---------------------------------------------------------
    def logs_for(self, planned_ids: Sequence[int]) -> dict[int, list[SetLog]]:
        out: dict[int, list[SetLog]] = defaultdict(list)
        if not planned_ids:
            return out
        for log in convert.SET_LOGS.all(self._run(_LOGS_FOR, {"ids": list(planned_ids)})):
            out[log.planned_exercise_id].append(log)
        return out

    def max_pain_for(self, planned_ids: Sequence[int]) -> dict[int, int]:
        """The highest pain logged per planned exercise, in one grouped query."""
        if not planned_ids:
            return {}
        rows = self._run(_MAX_PAIN, {"ids": list(planned_ids)})
        return {pid: int(pain) for pid, pain in rows if pain is not None}

    def replace_logs(self, planned_id: int, logs: Sequence[SetLog]) -> None:
        """Make ``logs`` the whole log of one planned exercise."""
        self._run(_DELETE_LOGS, {"planned": planned_id})
        # Logs that were saved before keep their ids (an undo puts back exactly what was).
        kept = [{**convert.set_log_values(x), "id": x.id} for x in logs if x.id is not None]
        new = [convert.set_log_values(x) for x in logs if x.id is None]
        for rows in (kept, new):
            if rows:
                self._run(_INSERT[_SET_LOGS], rows)

    # -- templates and settings ------------------------------------------
    def templates(self, kind: str | None = None) -> list[Template]:
        q = select(TemplateRow).order_by(TemplateRow.builtin.desc(), TemplateRow.name)
        if kind:
            q = q.where(TemplateRow.kind == kind)
        return [
            Template(r.name, r.kind, dict(r.payload), r.key, bool(r.builtin), r.id)
            for r in self._s.scalars(q)
        ]

    def template_keys(self) -> set[str]:
        return {k for k in self._s.scalars(select(TemplateRow.key)) if k}

    def add_template(self, t: Template) -> Template:
        row = TemplateRow(key=t.key, name=t.name, kind=t.kind, builtin=t.builtin, payload=t.payload)
        self._s.add(row)
        self._s.flush()
        return dataclasses.replace(t, id=row.id)

    def put_template(self, t: Template) -> Template:
        """Write a template under its id: update it, or bring a deleted one back as it was."""
        row = self._s.get(TemplateRow, t.id) if t.id is not None else None
        if row is None:
            row = TemplateRow(id=t.id, key=t.key, builtin=t.builtin)
            self._s.add(row)
        row.name, row.kind, row.payload = t.name, t.kind, dict(t.payload)
        self._s.flush()
        return dataclasses.replace(t, id=row.id)

    def delete_template(self, template_id: int) -> None:
        row = self._s.get(TemplateRow, template_id)
        if row is not None:
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
            .values(position=SessionRow.position + by)
        )

    def _get(self, model: Any, key: int, what: str) -> Any:
        row = self._s.get(model, key)
        if row is None:
            raise NotFound(f"That {what} no longer exists (id {key}).")
        return row


def _id(value: int | None) -> int:
    if value is None:
        raise StoreError("This record has not been saved yet.")
    return value


class Store:
    """A handle on one store: the engine plus transactions over it.

    It also guards the file behind it. A save is refused when the file it opened was
    moved, deleted or cut short meanwhile (SQLite would keep writing into the unlinked
    file, or append to a log whose pages the file no longer has, and the work would
    vanish), and listeners hear of every committed write (the backup timer) and of a
    lost file (the window turns read-only).

    Events given to listeners: ``"saved"`` after a transaction that wrote something
    committed, ``"lost"`` when the file was found moved, deleted or cut short,
    ``"reopened"`` after :meth:`reopen`.
    """

    def __init__(self, engine: Engine, opened: OpenedStore | None = None) -> None:
        self.engine = engine
        self.path: Path | None = opened.path if opened else None
        self.read_only = bool(opened and opened.read_only)
        self.read_only_reason = opened.read_only_reason if opened else ""
        self.checked = opened.checked if opened else None
        self.generation = 0  # committed write transactions since open
        self.lost = False
        self.notice = opened.notice if opened else ""  # what the opening did, for the user
        self._listeners: list[Callable[[str], None]] = []
        self._identity = _identity(self.path)
        self._size = _size(self.path)
        self._url = self.url
        self._force_read_only = False

    @classmethod
    def open(cls, url: str, *, read_only: bool = False, full_check: bool | None = None) -> Store:
        """Open the store at ``url``; see :func:`~runstrong_gui.storage.engine.open_store`."""
        opened = open_store(url, read_only=read_only, full_check=full_check)
        store = cls(opened.engine, opened)
        store._url = url  # as given: a read-only address stays read-only on reopen
        store._force_read_only = read_only
        return store

    def _adopt(self, opened: OpenedStore) -> None:
        self.engine = opened.engine
        self.path = opened.path
        self.read_only = opened.read_only
        self.read_only_reason = opened.read_only_reason
        self.checked = opened.checked
        self.notice = opened.notice
        self.lost = False
        self._identity = _identity(self.path)
        self._size = _size(self.path)

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def add_listener(self, listener: Callable[[str], None]) -> None:
        self._listeners.append(listener)

    def remove_listener(self, listener: Callable[[str], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _notify(self, event: str) -> None:
        for listener in list(self._listeners):
            try:
                listener(event)
            except RuntimeError:  # its window is gone; the save itself succeeded
                self.remove_listener(listener)

    @contextmanager
    def transaction(self) -> Iterator[Tx]:
        """One unit of work: commits when the block ends, rolls back if it raises."""
        wrote = False
        with OrmSession(self.engine, expire_on_commit=False) as orm:
            try:
                with orm.begin():
                    before = _total_changes(orm)
                    yield Tx(orm)
                    orm.flush()
                    wrote = before is not None and _total_changes(orm) != before
                    if wrote:
                        self._check_file_is_there()
            except IntegrityError as exc:
                raise StoreError(f"The change was refused by the store: {exc.orig}") from exc
            except DBAPIError as exc:
                self._check_file_is_there()  # SQLite met the file cut short: say that
                raise StoreError(_explain(exc)) from exc
        if wrote:
            self.generation += 1
            self._size = max(self._size, _size(self.path))  # a checkpoint may have grown it
            self._notify("saved")

    def file_is_current(self) -> bool:
        """Is the file at the store's path still the one this store opened, whole?"""
        return self._file_problem() == ""

    def _file_problem(self) -> str:
        """How the file at the store's path stopped being the one opened ("" if it is).

        Only this store writes the file (one window per store), and its writes never
        make the file smaller (checkpoints grow it; nothing here vacuums), so a file
        smaller than last seen was cut short by something else.
        """
        if self.path is None or self._identity is None:
            return ""
        if _identity(self.path) != self._identity:
            return "moved"
        if _size(self.path) < self._size:
            return "cut short"
        return ""

    def _check_file_is_there(self) -> None:
        """Refuse to commit into a file that is no longer the one at the store's path."""
        problem = self._file_problem()
        if not problem:
            return
        first = not self.lost
        self.lost = True
        if first:
            self._notify("lost")
        if problem == "cut short":
            raise StoreError(
                f"The store file {self.path} was cut short while RunStrong was open "
                "(another program truncated it), so this change was not saved. Use File ▸ "
                "Back up now to keep a copy of what is shown, then restart RunStrong: it "
                "offers the newest good backup."
            )
        raise StoreError(
            f"The store file {self.path} was moved or deleted while RunStrong was open, so "
            "this change was not saved. If you moved it, restart RunStrong and open it from "
            "its new place; otherwise use File ▸ Back up now to keep a copy of what is shown."
        )

    @contextmanager
    def sqlite_connection(self) -> Iterator[sqlite3.Connection]:
        """The store's own SQLite connection (outside any transaction), e.g. for a backup.

        It reads the file RunStrong opened even after that file was moved or deleted.
        """
        raw = self.engine.raw_connection()
        try:
            con = raw.driver_connection
            if not isinstance(con, sqlite3.Connection):
                raise StoreError("Backups are only made of SQLite stores.")
            yield con
        finally:
            raw.close()

    def reopen(self) -> None:
        """Close and open the same store again (after a restore replaced its file)."""
        self.engine.dispose()
        self._adopt(open_store(self._url, read_only=self._force_read_only))
        self._notify("reopened")

    def close(self) -> None:
        self.engine.dispose()


def _identity(path: Path | None) -> tuple[int, int] | None:
    if path is None:
        return None
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _size(path: Path | None) -> int:
    if path is None:
        return 0
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _total_changes(orm: OrmSession) -> int | None:
    """SQLite's count of rows written on this connection (None for other databases)."""
    con = orm.connection().connection.driver_connection
    return con.total_changes if isinstance(con, sqlite3.Connection) else None


def _explain(exc: DBAPIError) -> str:
    text = str(exc.orig)
    if "readonly" in text or "read-only" in text:
        return "The store is read-only: nothing was saved."
    if "disk is full" in text or "database or disk is full" in text:
        return (
            "The disk is full: the change was not saved, and everything saved before is "
            "intact. Free some space and try again."
        )
    if "disk I/O error" in text:
        return (
            "RunStrong could not write to the disk (it may be full, removed or failing): "
            "the change was not saved, and everything saved before is intact. Free some "
            "space or check the disk, then try again."
        )
    if "unable to open" in text:
        return (
            "The store can no longer be reached (was its disk or folder removed?): the "
            "change was not saved."
        )
    if "locked" in text:
        return "The store is busy in another program: the change was not saved. Try again."
    return f"The store could not save the change ({text}). Nothing was saved."
