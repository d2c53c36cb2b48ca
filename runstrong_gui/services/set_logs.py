"""Logging what was done: the sets, RPE, pain and note of one planned exercise.

The log commands follow :mod:`runstrong_gui.services.editing`'s contract: the value is
checked before anything is written, each command is one undoable transaction, and the
action re-reads the exercise's log inside it so a log lands on the store's current state.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING

from runstrong_gui.domain import bounds as b
from runstrong_gui.domain.enums import DoseKind, Units
from runstrong_gui.domain.errors import ValidationError
from runstrong_gui.domain.models import Exercise, PlannedExercise, Session, SetLog
from runstrong_gui.services.changes import Command, Outcome, seen
from runstrong_gui.services.editing import (
    amount_label,
    focus_on,
    load_to_kg,
    mark_edited,
    one_field,
    relabelled,
    saved_planned_id,
    saved_session_id,
)

if TYPE_CHECKING:  # the store (SQLAlchemy) loads when first used, after the window paints
    from runstrong_gui.storage.store import Tx

LOG_FIELDS = ("amount", "load", "rpe", "pain")


def log_field_label(field: str, kind: DoseKind) -> str:
    return {"amount": amount_label(kind), "load": "Load", "rpe": "RPE", "pain": "Pain"}[field]


def _with_note(logs: Sequence[SetLog], note: str) -> list[SetLog]:
    """Keep the exercise's note on its first logged set and nowhere else."""
    ordered = sorted(logs, key=lambda x: x.set_number)
    return [
        dataclasses.replace(x, note=note if i == 0 else "")
        if x.note != (note if i == 0 else "")
        else x
        for i, x in enumerate(ordered)
    ]


def _note(logs: Sequence[SetLog]) -> str:
    return next((x.note for x in sorted(logs, key=lambda x: x.set_number) if x.note), "")


def _with_set(
    logs: Sequence[SetLog],
    planned: PlannedExercise,
    exercise: Exercise,
    set_number: int,
    field: str,
    value: object,
) -> list[SetLog]:
    """The exercise's log with one value of one set changed (the set is created from the
    plan if it was not logged yet; a blank amount removes the set)."""
    if field not in LOG_FIELDS:
        raise ValueError(f"unknown log field {field!r}")
    b.check_int("Set", set_number, b.SETS)
    note = _note(logs)
    by_number = {x.set_number: x for x in logs}
    if field == "amount" and value is None:
        by_number.pop(set_number, None)
        return _with_note(list(by_number.values()), note)
    label = log_field_label(field, exercise.dose_kind)
    if field == "amount":
        b.check_int(label, value, (0, b.dose_bounds(exercise.dose_kind.value)[1]))
    base = by_number.get(set_number) or SetLog(
        planned_exercise_id=saved_planned_id(planned),
        set_number=set_number,
        amount=planned.amount,
        load_kg=planned.load_kg,
    )
    attr = "load_kg" if field == "load" else field
    try:
        by_number[set_number] = dataclasses.replace(base, **one_field(attr, value))
    except ValidationError as exc:
        raise relabelled(label, exc) from None
    return _with_note(list(by_number.values()), note)


def log_set(
    session: Session,
    planned: PlannedExercise,
    exercise: Exercise,
    logs: Sequence[SetLog],
    set_number: int,
    field: str,
    value: object,
    units: Units = Units.KG,
) -> Command:
    """Log one value of one set: amount (None clears the set), load in the athlete's units,
    RPE 1–10 or pain 0–10 (None clears them)."""
    pid, sid = saved_planned_id(planned), saved_session_id(session)
    if field == "load":
        value = 0.0 if value is None else load_to_kg(value, units)
    _with_set(logs, planned, exercise, set_number, field, value)  # refuse before writing

    def action(tx: Tx) -> Outcome:
        fresh = tx.logs_for([pid]).get(pid, [])
        tx.replace_logs(pid, _with_set(fresh, planned, exercise, set_number, field, value))
        mark_edited(tx, sid)
        return focus_on(session)

    verb = "Clear" if field == "amount" and value is None else "Log"
    return Command(
        f"{verb} set {set_number} of {exercise.name}", (session.date,), action, seen=seen(session)
    )


def done_as_planned(session: Session, planned: PlannedExercise, exercise: Exercise) -> Command:
    """Log every planned set as done with the planned amount and load, in one click.

    RPE, pain and the note already logged for those sets are kept.
    """
    pid, sid = saved_planned_id(planned), saved_session_id(session)
    planned.checked_for(exercise.dose_kind)

    def action(tx: Tx) -> Outcome:
        current = tx.planned_exercise(pid)
        fresh = tx.logs_for([pid]).get(pid, [])
        old = {x.set_number: x for x in fresh}
        logs = []
        for n in range(1, current.sets + 1):
            base = old.get(n) or SetLog(planned_exercise_id=pid, set_number=n, amount=0)
            logs.append(dataclasses.replace(base, amount=current.amount, load_kg=current.load_kg))
        tx.replace_logs(pid, _with_note(logs, _note(fresh)))
        mark_edited(tx, sid)
        return focus_on(session)

    sets = planned.sets
    label = f"Log {sets} set{'s' if sets != 1 else ''} of {exercise.name}"
    return Command(label, (session.date,), action, seen=seen(session))


def clear_log(session: Session, planned: PlannedExercise, exercise: Exercise) -> Command:
    pid, sid = saved_planned_id(planned), saved_session_id(session)

    def action(tx: Tx) -> Outcome:
        tx.replace_logs(pid, [])
        mark_edited(tx, sid)
        return focus_on(session)

    return Command(f"Clear the log of {exercise.name}", (session.date,), action, seen=seen(session))


def set_log_note(
    session: Session,
    planned: PlannedExercise,
    exercise: Exercise,
    logs: Sequence[SetLog],
    note: str,
) -> Command:
    """The exercise's log note ('left knee tight after set 2'); needs a logged set."""
    pid, sid = saved_planned_id(planned), saved_session_id(session)
    text = b.check_text("Note", note).strip()
    if not logs and text:
        raise ValidationError("Note", "log at least one set first, then add the note")

    def action(tx: Tx) -> Outcome:
        fresh = tx.logs_for([pid]).get(pid, [])
        tx.replace_logs(pid, _with_note(fresh, text))
        mark_edited(tx, sid)
        return focus_on(session)

    return Command(f"Note on {exercise.name}", (session.date,), action, seen=seen(session))
