"""Rows of a store that the records' own checks refuse (``runstrong check --full``).

Another program can write what the schema's CHECK constraints do not cover, or write
with the checks switched off. Each row is read with the same domain checks the app
uses (:func:`runstrong_gui.domain.damage.salvage`), so the report names exactly what
the app will show as damaged: record kind, id, field and value.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from sqlalchemy import Table, create_engine, select

from runstrong_gui.domain.damage import LABELS, Damage, salvage, shown
from runstrong_gui.domain.errors import ValidationError
from runstrong_gui.domain.models import Athlete, Exercise, PlannedExercise, Session, SetLog
from runstrong_gui.storage.schema import (
    AthleteRow,
    ExerciseRow,
    PlannedExerciseRow,
    SessionRow,
    SetLogRow,
)

# (record name, class, table, columns named otherwise than the fields, JSON list columns)
_KINDS: tuple[tuple[str, type, Any, dict[str, str]], ...] = (
    ("athlete", Athlete, AthleteRow, {}),
    ("exercise", Exercise, ExerciseRow, {"grp": "group"}),
    ("session", Session, SessionRow, {"day": "date", "position": "order"}),
    ("planned exercise", PlannedExercise, PlannedExerciseRow, {}),
    ("set log", SetLog, SetLogRow, {}),
)
_BOOLS = {"per_side", "builtin", "hidden", "plyometrics_ok", "archived", "done", "skipped"}
_BOOLS |= {"pain_persisting", "edited"}
_LISTS = {"muscles", "equipment", "focus", "steps", "cues", "stop_if", "avoid"}


def _values(row: Any, renames: dict[str, str], fields: set[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for column, value in row._mapping.items():
        if column == "changed_at":  # bookkeeping of optimistic locking, no record field
            continue
        name = renames.get(column, column)
        if name not in fields:  # a column the record does not carry (a uid)
            continue
        if isinstance(value, list):
            value = tuple(value)
        elif value is None and name in _LISTS:
            value = ()
        elif name in _BOOLS:
            value = bool(value)
        out[name] = value
    return out


def _problems(record: str, cls: type, values: dict[str, Any]) -> list[Damage]:
    try:
        cls(**values)
        return []
    except ValidationError:
        pass
    try:
        return list(salvage(cls, values, record)[1])
    except ValidationError as exc:  # a value without a default: report the first refusal
        names = LABELS[cls.__name__].get(exc.field, ())
        value = values.get(names[0]) if names else None
        return [Damage(record, values.get("id"), exc.field, shown(value), exc.message)]


def row_problems(connection: Any) -> list[Damage]:
    """Every refused value of every record in the store, by kind and id.

    ``connection`` is an SQLAlchemy Connection or Session. A value the database driver
    itself cannot read (a date that is not a date) is reported for its whole table.
    """
    found: list[Damage] = []
    for record, cls, model, renames in _KINDS:
        table: Table = model.__table__
        try:
            rows = connection.execute(select(table).order_by(table.c.id)).all()
        except (ValueError, TypeError) as exc:
            found.append(Damage(record, None, "(table)", table.name, f"unreadable: {exc}"))
            continue
        fields = {f.name for f in dataclasses.fields(cls)}
        for row in rows:
            found.extend(_problems(record, cls, _values(row, renames, fields)))
    return found


def row_problems_at(path: Path) -> list[Damage]:
    """:func:`row_problems` of the store file at ``path``, read-only (nothing is written)."""
    from runstrong_gui.storage.health import connect_read_only

    engine = create_engine("sqlite://", creator=lambda: connect_read_only(path))
    try:
        with engine.connect() as connection:
            return row_problems(connection)
    finally:
        engine.dispose()
