"""The remembered athlete's week, read before the store opens: stdlib ``sqlite3`` only.

Start-up shows this week in the window's first paint; importing SQLAlchemy, opening and
checking the store come after it (see :mod:`runstrong_gui.app.launch`). The connection
is the deep check's read-only kind (:func:`~runstrong_gui.storage.health.connect_read_only`),
so it cannot write even by mistake. The reader gives up (:class:`NotForTheFastPath`) on
anything unusual: a store at another schema revision than this RunStrong's head, a row
its record's checks refuse, a missing athlete or exercise. The normal path then shows
the week a moment later, as it did before.

It answers the few reads :func:`runstrong_gui.services.queries.first_week` makes, with
the same SQL as ``storage/statements.py`` and the same domain records as
``storage/convert.py`` (which imports SQLAlchemy, so it is not used here).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

from runstrong_gui.domain.errors import ValidationError
from runstrong_gui.domain.models import Athlete, Exercise, PlannedExercise, Session, SessionDetail
from runstrong_gui.storage import health
from runstrong_gui.storage.revisions import head_revision

_DATES = {"block_start", "goal_race_date", "day"}
_LISTS = {"equipment", "avoid", "muscles", "focus", "steps", "cues", "stop_if"}
_FLAGS = {
    "plyometrics_ok",
    "archived",
    "demo",
    "done",
    "skipped",
    "pain_persisting",
    "edited",
    "per_side",
    "builtin",
    "hidden",
}
_ATHLETE = (
    "id, name, units, week_start, block_start, goal_race_date, philosophy, notes, "
    "strength_days, equipment, avoid, plyometrics_ok, archived, phone, email, demo, "
    "feed_url, version"
)
_SESSION = (
    "id, athlete_id, day, kind, position, title, minutes, distance_km, intensity, notes, "
    "done, skipped, pain_persisting, source, edited, external_id, external_seq, "
    "description, uid, version"
)
_PLANNED = (
    "id, session_id, exercise_id, position, sets, amount, load_kg, tempo, rest_seconds, "
    "per_side, notes"
)
_EXERCISE = (
    'id, "key", name, grp, kind, muscles, equipment, focus, level, dose_kind, sets, '
    "rep_min, rep_max, per_side, tempo, rest_seconds, steps, cues, stop_if, notes, "
    "video_url, image_path, builtin, hidden, version"
)
_RENAMES = {"day": "date", "position": "order", "grp": "group"}


class NotForTheFastPath(Exception):
    """Something the normal path must handle (and explain): the reader gives up."""


def _values(cursor: sqlite3.Cursor, row: Sequence[Any], renames: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for (name, *_rest), value in zip(cursor.description, row, strict=True):
        if value is not None and name in _DATES:
            value = dt.date.fromisoformat(value)
        elif value is not None and name in _LISTS:
            value = tuple(json.loads(value))
        elif name in _FLAGS:
            value = bool(value)
        out[renames.get(name, name)] = value
    return out


class FirstWeekReader:
    """The reads of one week over a read-only ``sqlite3`` connection."""

    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con

    def _records(self, cls: type[Any], sql: str, params: Sequence[Any]) -> list[Any]:
        cursor = self.con.execute(sql, params)
        renames = _RENAMES if cls is not PlannedExercise else {}
        try:
            return [cls(**_values(cursor, row, renames)) for row in cursor.fetchall()]
        except (ValidationError, ValueError, TypeError) as exc:  # the checked reader's job
            raise NotForTheFastPath(str(exc)) from exc

    def athlete(self, athlete_id: int) -> Athlete:
        found = self._records(
            Athlete, f"SELECT {_ATHLETE} FROM athletes WHERE id = ?", [athlete_id]
        )
        if not found:
            raise NotForTheFastPath(f"no athlete {athlete_id}")
        athlete: Athlete = found[0]
        return athlete

    def sessions_between(self, athlete_id: int, first: dt.date, last: dt.date) -> list[Session]:
        sql = (
            f"SELECT {_SESSION} FROM training_sessions WHERE athlete_id = ? "
            "AND day BETWEEN ? AND ? ORDER BY day, position, id"
        )
        return self._records(Session, sql, [athlete_id, first.isoformat(), last.isoformat()])

    def session_details(
        self, sessions: Sequence[Session], known: dict[int, Exercise] | None = None
    ) -> list[SessionDetail]:
        ids = [s.id for s in sessions]
        sql = (
            f"SELECT {_PLANNED} FROM planned_exercises WHERE session_id IN ({_marks(ids)}) "
            "ORDER BY session_id, position, id"
        )
        planned: dict[int, list[PlannedExercise]] = defaultdict(list)
        for p in self._records(PlannedExercise, sql, ids):
            planned[p.session_id].append(p)
        wanted = sorted({p.exercise_id for items in planned.values() for p in items})
        sql = f"SELECT {_EXERCISE} FROM exercises WHERE id IN ({_marks(wanted)})"
        exercises = {e.id: e for e in self._records(Exercise, sql, wanted)}
        if known is not None:
            known.update(exercises)
        try:
            return [
                SessionDetail(s, tuple((p, exercises[p.exercise_id]) for p in planned[s.id or 0]))
                for s in sessions
            ]
        except KeyError as exc:  # an exercise that is not there: the check's to report
            raise NotForTheFastPath(f"no exercise {exc}") from exc

    def strength_sets_by_day(
        self, athlete_id: int, first: dt.date, last: dt.date
    ) -> dict[dt.date, int]:
        sql = (
            "SELECT s.day, sum(p.sets) FROM training_sessions s "
            "JOIN planned_exercises p ON p.session_id = s.id WHERE s.athlete_id = ? "
            "AND s.day BETWEEN ? AND ? AND s.kind = 'strength' AND s.skipped = 0 GROUP BY s.day"
        )
        rows = self.con.execute(sql, [athlete_id, first.isoformat(), last.isoformat()])
        return {dt.date.fromisoformat(d): int(n or 0) for d, n in rows}

    def max_pain_for(self, planned_ids: Sequence[int]) -> dict[int, int]:
        sql = (
            "SELECT planned_exercise_id, max(pain) FROM set_logs WHERE pain IS NOT NULL "
            f"AND planned_exercise_id IN ({_marks(planned_ids)}) GROUP BY planned_exercise_id"
        )
        return {pid: int(pain) for pid, pain in self.con.execute(sql, list(planned_ids))}


def _marks(values: Iterable[Any]) -> str:
    return ", ".join("?" for _ in values) or "NULL"


class FirstWeekStore:
    """What :class:`~runstrong_gui.services.queries.Queries` needs of a store, for one
    read: ``transaction()`` gives the reader inside one read transaction."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @contextmanager
    def transaction(self) -> Iterator[FirstWeekReader]:
        with closing(health.connect_read_only(self.path)) as con:
            con.execute("BEGIN")  # every read from one snapshot, as the store's own do
            try:
                (revision,) = con.execute("SELECT version_num FROM alembic_version").fetchone()
                if revision != head_revision():
                    raise NotForTheFastPath(f"schema {revision}")
                yield FirstWeekReader(con)
            finally:
                con.execute("COMMIT")
