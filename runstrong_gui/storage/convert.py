"""Row ⇄ domain object conversion, kept in one place so no ORM row leaks upward.

The readers take an ORM row or a Core row with the same column names (hot reads use
Core; exercises label their ``grp`` column ``group``).

:class:`Reader` builds many objects from one Core result without checking each value
again: the schema's CHECK constraints hold the same bounds as the domain classes, so a
row that is in the store has passed them. Checking again cost about 10 µs an object,
half of the drop of a card (a week read is some 30 sessions and 40 planned exercises).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from enum import Enum
from typing import Any, Generic, TypeVar

from sqlalchemy.engine import Result, Row

from runstrong_gui.domain.damage import salvage
from runstrong_gui.domain.errors import ValidationError
from runstrong_gui.domain.models import (
    Athlete,
    Exercise,
    PlannedExercise,
    Session,
    SessionKind,
    SetLog,
)
from runstrong_gui.storage.schema import (
    AthleteRow,
    ExerciseRow,
    PlannedExerciseRow,
    SessionRow,
    SetLogRow,
)

T = TypeVar("T")

# A result column (see storage/store.py) that is false when the row breaks one of its
# table's CHECK constraints, as a row another program wrote with the checks off can:
# SQLite tests it at C speed, so only such rows take the checked, salvaging reader.
CHECKS_PASS = "checks_pass"


def _checked(cls: type[T], values: dict[str, Any], record: str) -> T:
    """``cls(**values)``, or the salvaged record with its ``damage`` (domain/damage.py)."""
    try:
        return cls(**values)
    except ValidationError:
        obj, damage = salvage(cls, values, record)
        return dataclasses.replace(obj, damage=damage)  # type: ignore[type-var]


class Reader(Generic[T]):
    """Domain objects of one class from the rows of a Core result, unchecked (see above).

    The result's columns are matched to the class's fields by name (``renames`` maps the
    columns named otherwise). A result whose columns do not cover the fields exactly, or
    a value an enum field does not know, falls back to ``checked``, the validating
    reader: a bad row still raises the domain's ValidationError instead of slipping by.
    """

    def __init__(
        self,
        cls: type[T],
        checked: Callable[[Any], T],
        renames: Mapping[str, str] | None = None,
        enums: Mapping[str, type[Enum]] | None = None,
    ) -> None:
        self.cls = cls
        self.checked = checked
        self.renames = dict(renames or {})
        self.fields = frozenset(
            f.name
            for f in dataclasses.fields(cls)  # type: ignore[arg-type]
            if f.name != "damage"
        )
        self.enums = {name: {m.value: m for m in enum} for name, enum in (enums or {}).items()}
        self._names: tuple[tuple[str, ...], tuple[str, ...] | None] = ((), None)

    def names(self, keys: Iterable[str]) -> tuple[str, ...] | None:
        """The field name of each column, or None when they are not the class's fields."""
        keys = tuple(keys)
        if keys != self._names[0]:
            names = tuple(self.renames.get(k, k) for k in keys)
            fields = frozenset(names) - {CHECKS_PASS}
            ok = len(set(names)) == len(names) and fields == self.fields
            self._names = (keys, names if ok else None)
        return self._names[1]

    def rows(self, rows: Iterable[Row[Any]], names: tuple[str, ...] | None) -> list[T]:
        if names is None:
            return [self.checked(r) for r in rows]
        new, cls, enums, out = object.__new__, self.cls, self.enums.items(), []
        for row in rows:
            values = dict(zip(names, row, strict=True))
            if not values.pop(CHECKS_PASS, True):  # the schema's checks refuse it: salvage
                out.append(self.checked(row))
                continue
            try:
                for name, members in enums:
                    values[name] = members[values[name]]
            except KeyError:
                out.append(self.checked(row))  # salvaged, the refused value in its damage
                continue
            obj = new(cls)
            vars(obj).update(values)
            out.append(obj)
        return out

    def all(self, result: Result[Any]) -> list[T]:
        """Every row of ``result`` as a domain object."""
        return self.rows(result.all(), self.names(result.keys()))


def _seq(value: Any) -> Any:
    """A JSON list column as a tuple; anything else is left for the record's check to name."""
    if value is None:
        return ()
    return tuple(value) if isinstance(value, list) else value


def athlete(row: AthleteRow) -> Athlete:
    """The stored athlete; refused values (another program's row) are put back to
    defaults so the athlete still opens (``runstrong check --full`` names them)."""
    values = {
        "id": row.id,
        "name": row.name,
        "units": row.units,
        "week_start": row.week_start,
        "block_start": row.block_start,
        "goal_race_date": row.goal_race_date,
        "philosophy": row.philosophy,
        "notes": row.notes,
        "strength_days": row.strength_days,
        "equipment": _seq(row.equipment),
        "avoid": _seq(row.avoid),
        "plyometrics_ok": bool(row.plyometrics_ok),
        "archived": bool(row.archived),
        "phone": row.phone,
        "email": row.email,
        "demo": bool(row.demo),
        "feed_url": row.feed_url,
        "version": row.version,
    }
    try:
        return Athlete(**values)
    except ValidationError:
        return salvage(Athlete, values, "athlete")[0]


def athlete_values(a: Athlete) -> dict[str, Any]:
    return {
        "name": a.name,
        "units": a.units.value,
        "week_start": a.week_start,
        "block_start": a.block_start,
        "goal_race_date": a.goal_race_date,
        "philosophy": a.philosophy.value,
        "notes": a.notes,
        "strength_days": a.strength_days,
        "equipment": [e.value for e in a.equipment],
        "avoid": list(a.avoid),
        "plyometrics_ok": a.plyometrics_ok,
        "archived": a.archived,
        "phone": a.phone,
        "email": a.email,
        "demo": a.demo,
        "feed_url": a.feed_url,
    }


def exercise_fields(row: ExerciseRow | Row[Any]) -> dict[str, Any]:
    """The record's fields as stored, unchecked (see :func:`exercise`)."""
    return {
        "id": row.id,
        "key": row.key,
        "name": row.name,
        "group": row.group,
        "kind": row.kind,
        "muscles": _seq(row.muscles),
        "equipment": _seq(row.equipment),
        "focus": _seq(row.focus),
        "level": row.level,
        "dose_kind": row.dose_kind,
        "sets": row.sets,
        "rep_min": row.rep_min,
        "rep_max": row.rep_max,
        "per_side": bool(row.per_side),
        "tempo": row.tempo,
        "rest_seconds": row.rest_seconds,
        "steps": _seq(row.steps),
        "cues": _seq(row.cues),
        "stop_if": _seq(row.stop_if),
        "notes": row.notes,
        "video_url": row.video_url,
        "image_path": row.image_path,
        "builtin": bool(row.builtin),
        "hidden": bool(row.hidden),
        "version": row.version,
    }


def exercise(row: ExerciseRow | Row[Any]) -> Exercise:
    """The stored exercise; values its checks refuse (a row another program wrote) are put
    back to defaults and listed in ``damage``, so one bad row cannot empty the library."""
    values = exercise_fields(row)
    try:
        return Exercise(**values)
    except ValidationError:
        obj, damage = salvage(Exercise, values, "exercise")
        return dataclasses.replace(obj, damage=damage)


def exercise_values(e: Exercise) -> dict[str, Any]:
    return {
        "key": e.key,
        "name": e.name,
        "group": e.group.value,
        "kind": e.kind.value,
        "muscles": list(e.muscles),
        "equipment": [q.value for q in e.equipment],
        "focus": [f.value for f in e.focus],
        "level": e.level.value,
        "dose_kind": e.dose_kind.value,
        "sets": e.sets,
        "rep_min": e.rep_min,
        "rep_max": e.rep_max,
        "per_side": e.per_side,
        "tempo": e.tempo,
        "rest_seconds": e.rest_seconds,
        "steps": list(e.steps),
        "cues": list(e.cues),
        "stop_if": list(e.stop_if),
        "notes": e.notes,
        "video_url": e.video_url,
        "image_path": e.image_path,
        "builtin": e.builtin,
        "hidden": e.hidden,
    }


def session(row: SessionRow | Row[Any]) -> Session:
    """The stored session; refused values come back as defaults, listed in ``damage``."""
    values = dict(
        id=row.id,
        athlete_id=row.athlete_id,
        date=row.day,
        kind=row.kind,
        order=row.position,
        title=row.title,
        minutes=row.minutes,
        distance_km=row.distance_km,
        intensity=row.intensity,
        notes=row.notes,
        done=bool(row.done),
        skipped=bool(row.skipped),
        pain_persisting=bool(row.pain_persisting),
        source=row.source,
        edited=bool(row.edited),
        external_id=row.external_id,
        external_seq=row.external_seq,
        description=row.description,
        uid=row.uid,
        version=row.version,
    )
    return _checked(Session, values, "session")


def session_values(s: Session) -> dict[str, Any]:
    return {
        "athlete_id": s.athlete_id,
        "day": s.date,
        "kind": s.kind.value,
        "position": s.order,
        "title": s.title,
        "minutes": s.minutes,
        "distance_km": s.distance_km,
        "intensity": s.intensity,
        "notes": s.notes,
        "done": s.done,
        "skipped": s.skipped,
        "pain_persisting": s.pain_persisting,
        "source": s.source,
        "edited": s.edited,
        "external_id": s.external_id,
        "external_seq": s.external_seq,
        "description": s.description,
    }


def planned(row: PlannedExerciseRow | Row[Any]) -> PlannedExercise:
    """The stored planned exercise; refused values listed in ``damage``."""
    values = dict(
        id=row.id,
        session_id=row.session_id,
        exercise_id=row.exercise_id,
        position=row.position,
        sets=row.sets,
        amount=row.amount,
        load_kg=row.load_kg,
        tempo=row.tempo,
        rest_seconds=row.rest_seconds,
        per_side=bool(row.per_side),
        notes=row.notes,
    )
    return _checked(PlannedExercise, values, "planned exercise")


def planned_values(p: PlannedExercise) -> dict[str, Any]:
    return {
        "session_id": p.session_id,
        "exercise_id": p.exercise_id,
        "position": p.position,
        "sets": p.sets,
        "amount": p.amount,
        "load_kg": p.load_kg,
        "tempo": p.tempo,
        "rest_seconds": p.rest_seconds,
        "per_side": p.per_side,
        "notes": p.notes,
    }


def set_log(row: SetLogRow | Row[Any]) -> SetLog:
    """The stored set log; refused values listed in ``damage``."""
    values = dict(
        id=row.id,
        planned_exercise_id=row.planned_exercise_id,
        set_number=row.set_number,
        amount=row.amount,
        load_kg=row.load_kg,
        rpe=row.rpe,
        pain=row.pain,
        note=row.note,
        logged_at=row.logged_at,
    )
    return _checked(SetLog, values, "set log")


def set_log_values(s: SetLog) -> dict[str, Any]:
    return {
        "planned_exercise_id": s.planned_exercise_id,
        "set_number": s.set_number,
        "amount": s.amount,
        "load_kg": s.load_kg,
        "rpe": s.rpe,
        "pain": s.pain,
        "note": s.note,
        "logged_at": s.logged_at,
    }


SESSIONS: Reader[Session] = Reader(
    Session, session, {"day": "date", "position": "order"}, {"kind": SessionKind}
)
PLANNED: Reader[PlannedExercise] = Reader(PlannedExercise, planned)
SET_LOGS: Reader[SetLog] = Reader(SetLog, set_log)
