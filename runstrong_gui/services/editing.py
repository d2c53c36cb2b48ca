"""Session editor: the edits a user makes to one selected session and its planned exercises.

Logging what was done lives in :mod:`runstrong_gui.services.set_logs`, on the helpers here.

Every builder checks the user's value *before* anything is written and raises
:class:`ValidationError` naming the field, so the editor can show the message at the
field and nothing partial reaches the store. A builder returns a
:class:`~runstrong_gui.services.changes.Command` (the undo label, the day it touches and
the action for ``shell.apply`` / :func:`changes.record`), so each edit is one
transaction on the one undo stack.
Actions re-read the rows they change inside their transaction, so an edit lands on the
store's current state rather than on what the screen showed a moment earlier.

Loads are entered in the athlete's units and stored in kg. A user edit of a generated
session marks it ``edited`` so that regenerating the block asks before replacing it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from runstrong_gui.domain import bounds as b
from runstrong_gui.domain import numbers
from runstrong_gui.domain import units as units_mod
from runstrong_gui.domain.enums import DoseKind, SessionKind, Units
from runstrong_gui.domain.errors import ValidationError
from runstrong_gui.domain.models import Athlete, Exercise, PlannedExercise, Session, SetLog
from runstrong_gui.domain.pain import PainFlags, flag_reasons, pain_flags
from runstrong_gui.domain.progression import planned_minutes
from runstrong_gui.services.changes import Command, Outcome, seen

if TYPE_CHECKING:  # the store (SQLAlchemy) loads when first used, after the window paints
    from runstrong_gui.storage.store import Store, Tx

Item = tuple[PlannedExercise, Exercise]

DOSE_FIELDS = ("sets", "amount", "load_kg", "tempo", "rest_seconds", "per_side", "notes")
SESSION_FIELDS = ("kind", "title", "minutes", "distance_km", "intensity", "notes")
STATUSES = ("done", "skipped", "planned")
_WORDS = {
    "sets": "sets",
    "load_kg": "load",
    "tempo": "tempo",
    "rest_seconds": "rest",
    "notes": "notes",
    "kind": "kind",
    "title": "title",
    "minutes": "minutes",
    "distance_km": "distance",
    "intensity": "intensity",
}


# ----------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class SessionView:
    """Everything the session editor shows, read in one transaction."""

    athlete: Athlete
    session: Session
    items: tuple[Item, ...]
    logs: Mapping[int, tuple[SetLog, ...]]  # by planned-exercise id, in set order
    flags: PainFlags

    @property
    def units(self) -> Units:
        return self.athlete.units

    @property
    def minutes(self) -> int | None:
        """Estimated minutes of a strength session; a run's own minutes otherwise."""
        if self.session.kind is SessionKind.STRENGTH:
            return planned_minutes([(p, e.dose_kind) for p, e in self.items])
        return self.session.minutes

    @property
    def flagged(self) -> bool:
        return self.session.id in self.flags.sessions

    def item(self, planned_id: int | None) -> Item | None:
        return next(((p, e) for p, e in self.items if p.id == planned_id), None)

    def logs_of(self, planned_id: int | None) -> tuple[SetLog, ...]:
        return self.logs.get(planned_id or -1, ())

    def note_of(self, planned_id: int | None) -> str:
        """The exercise's log note (kept on its first logged set)."""
        return next((x.note for x in self.logs_of(planned_id) if x.note), "")

    def reasons(self) -> list[str]:
        names = {p.id or -1: e.name for p, e in self.items}
        return flag_reasons(self.session, self.logs, names)


def read_session(
    store: Store, session_id: int, known: dict[int, Exercise] | None = None
) -> SessionView | None:
    """The session with its exercises, logs and pain flags, or None if it is gone.

    ``known`` is a cache of exercises by id (the shell's queries'): only missing ones are read.
    """
    from runstrong_gui.storage.store import NotFound

    with store.transaction() as tx:
        try:
            session = tx.session(session_id)
        except NotFound:
            return None
        athlete = tx.athlete(session.athlete_id)
        detail = tx.session_details([session], known)[0]
        raw = tx.logs_for([p.id for p, _e in detail.items if p.id is not None])
    logs = {pid: tuple(items) for pid, items in raw.items()}
    flags = pain_flags([(session, [x for items in logs.values() for x in items])])
    return SessionView(athlete, session, detail.items, logs, flags)


# ------------------------------------------------------------------------- input helpers


def amount_label(kind: DoseKind) -> str:
    """'Reps', 'Seconds', 'Steps', 'Metres': what the amount column counts."""
    return kind.value.capitalize()


def dose_field_label(field: str, kind: DoseKind) -> str:
    return {
        "sets": "Sets",
        "amount": amount_label(kind),
        "load_kg": "Load",
        "tempo": "Tempo",
        "rest_seconds": "Rest",
        "per_side": "Each side",
        "notes": "Notes",
    }[field]


def max_load(units: Units) -> float:
    """The heaviest load the store accepts, in the athlete's units, as a round number."""
    return units_mod.round_limit(b.kg_to_display(b.LOAD_KG[1], Units(units).value))


def load_to_kg(value: object, units: Units, field: str = "Load") -> float:
    """A load typed in the athlete's units, checked in those units, put on the unit's step
    (what is kept is what is shown), returned in kg."""
    top = max_load(units)
    unit = Units(units).value
    limit = units_mod.amount_text(top)
    if isinstance(value, str):  # typed text: either decimal mark, never a thousands one
        value = numbers.parse_decimal(field, value)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        raise ValidationError(field, f"must be a number from 0 to {limit} {unit}")
    number = float(value)
    if not 0 <= number <= top + 1e-9:
        raise ValidationError(field, f"must be from 0 to {limit} {unit} (got {number:g})")
    return min(units_mod.load_to_kg(number, unit), b.LOAD_KG[1])


def load_for_display(kg: float, units: Units) -> float:
    """A stored kg load in the athlete's units on the unit's step (44 lb stays 44)."""
    return units_mod.load_in_units(kg, Units(units).value)


def parse_int(field: str, text: str, optional: bool = False) -> int | None:
    """A whole number typed in a field; blank means 'none' where the field allows it."""
    return numbers.parse_whole(field, text, optional)


def parse_float(field: str, text: str, optional: bool = False) -> float | None:
    """A number typed with either decimal mark (see :mod:`runstrong_gui.domain.numbers`)."""
    return numbers.parse_decimal(field, text, optional)


# ------------------------------------------------------------------------------- shared


def saved_session_id(session: Session) -> int:
    """The session's id, or a ValidationError: an unsaved session cannot be edited."""
    if session.id is None:
        raise ValidationError("Session", "this session has not been saved yet")
    return session.id


def saved_planned_id(planned: PlannedExercise) -> int:
    """The planned exercise's id, or a ValidationError: an unsaved one cannot be edited."""
    if planned.id is None:
        raise ValidationError("Exercise", "this exercise has not been saved yet")
    return planned.id


def mark_edited(tx: Tx, session_id: int) -> None:
    """Mark a generated session as edited by the user (regeneration then asks first)."""
    current = tx.session(session_id)
    if current.follows_origin and not current.edited:
        tx.update_session(dataclasses.replace(current, edited=True))


def focus_on(session: Session) -> Outcome:
    """The outcome that brings the edited session back into view after undo or redo."""
    return Outcome(focus_session=session.id, focus_date=session.date)


def one_field(field: str, value: object) -> dict[str, Any]:
    """Keyword arguments for ``dataclasses.replace``; the dataclass checks the value."""
    return {field: value}


def relabelled(field: str, exc: ValidationError) -> ValidationError:
    """The record's error worded with the label the user sees on the field."""
    return ValidationError(field, exc.message)


# ---------------------------------------------------------------------- planned exercises


def checked_dose(planned: PlannedExercise, exercise: Exercise, field: str, value: object) -> object:
    """The stored value of one dose field after the checks, or a ValidationError."""
    if field not in DOSE_FIELDS:
        raise ValueError(f"unknown dose field {field!r}")
    label = dose_field_label(field, exercise.dose_kind)
    if field == "per_side":
        if not isinstance(value, bool):
            raise ValidationError(label, "must be yes or no")
        return value
    if field in ("tempo", "notes") and not isinstance(value, str):
        raise ValidationError(label, "must be text")
    if field == "amount":  # the dose kind's range, before the record's wider one
        b.check_int(label, value, b.dose_bounds(exercise.dose_kind.value))
    try:
        new = dataclasses.replace(planned, **one_field(field, value))
        new = new.checked_for(exercise.dose_kind)
    except ValidationError as exc:
        raise relabelled(label, exc) from None
    return getattr(new, field)


def update_dose(
    session: Session,
    planned: PlannedExercise,
    exercise: Exercise,
    field: str,
    value: object,
    units: Units = Units.KG,
) -> Command:
    """Change one field of a planned dose; ``load_kg`` is given in the athlete's units."""
    pid, sid = saved_planned_id(planned), saved_session_id(session)
    if field == "load_kg":
        value = load_to_kg(value, units)
    elif field in ("sets", "amount", "rest_seconds") and isinstance(value, str):
        value = numbers.parse_whole(dose_field_label(field, exercise.dose_kind), value)
    stored = checked_dose(planned, exercise, field, value)

    def action(tx: Tx) -> Outcome:
        current = tx.planned_exercise(pid)
        tx.update_planned(dataclasses.replace(current, **one_field(field, stored)))
        mark_edited(tx, sid)
        return focus_on(session)

    if field == "per_side":
        label = (
            f"Do {exercise.name} on each side"
            if stored
            else f"Do {exercise.name} with both sides together"
        )
    elif field == "amount":
        label = f"Change {amount_label(exercise.dose_kind).lower()} of {exercise.name}"
    else:
        label = f"Change {_WORDS[field]} of {exercise.name}"
    return Command(label, (session.date,), action, seen=seen(session))


def reorder(session: Session, planned_ids: Sequence[int], label: str) -> Command:
    """Give a session's exercises the order of ``planned_ids`` (positions 0, 1, 2, …)."""
    ids = list(planned_ids)
    if len(set(ids)) != len(ids):
        raise ValidationError("Order", "an exercise appears twice in the new order")
    if len(ids) > 1000:
        raise ValidationError("Order", "a session holds at most 1000 exercises")
    sid = saved_session_id(session)

    def action(tx: Tx) -> Outcome:
        current = {p.id: p for p in tx.planned_for([sid]).get(sid, [])}
        if set(current) != set(ids):
            raise ValidationError("Order", "the session changed meanwhile; nothing was moved")
        for position, pid in enumerate(ids):
            if current[pid].position != position:
                tx.update_planned(dataclasses.replace(current[pid], position=position))
        mark_edited(tx, sid)
        return focus_on(session)

    return Command(label, (session.date,), action, seen=seen(session))


def move_planned(
    session: Session, items: Sequence[Item], from_row: int, to_row: int
) -> Command | None:
    """Move the exercise at ``from_row`` so that it ends at ``to_row``; None if it stays."""
    if not (0 <= from_row < len(items) and 0 <= to_row < len(items)):
        raise ValidationError("Order", "there is no exercise at that place")
    if from_row == to_row:
        return None
    ids = [saved_planned_id(p) for p, _e in items]
    moving = ids.pop(from_row)
    ids.insert(to_row, moving)
    name = items[from_row][1].name
    return reorder(session, ids, f"Move {name} to place {to_row + 1}")


def remove_planned(session: Session, planned: PlannedExercise, exercise: Exercise) -> Command:
    """Take an exercise (and its log) out of the session; the rest close up."""
    pid, sid = saved_planned_id(planned), saved_session_id(session)

    def action(tx: Tx) -> Outcome:
        tx.delete_planned(pid)
        for position, p in enumerate(tx.planned_for([sid]).get(sid, [])):
            if p.position != position:
                tx.update_planned(dataclasses.replace(p, position=position))
        mark_edited(tx, sid)
        return focus_on(session)

    return Command(f"Remove {exercise.name}", (session.date,), action, seen=seen(session))


# ------------------------------------------------------------------------------ sessions


def _session_edit(session: Session, label: str, **values: object) -> Command:
    """Change fields of the session itself, checked by building the new session first."""
    sid = saved_session_id(session)
    dataclasses.replace(session, **values)  # type: ignore[arg-type]  # raises if invalid

    def action(tx: Tx) -> Outcome:
        current = tx.session(sid)
        changed = dataclasses.replace(current, **values)  # type: ignore[arg-type]
        if current.follows_origin:
            changed = dataclasses.replace(changed, edited=True)
        tx.update_session(changed)
        return focus_on(session)

    return Command(label, (session.date,), action, seen=seen(session))


def mark_status(session: Session, status: str) -> Command:
    """'done', 'skipped' or 'planned' (neither)."""
    if status not in STATUSES:
        raise ValidationError("Status", f"'{status}' is not one of: {', '.join(STATUSES)}")
    label = {
        "done": "Mark session done",
        "skipped": "Mark session skipped",
        "planned": "Mark session as still to do",
    }[status]
    return _session_edit(session, label, done=status == "done", skipped=status == "skipped")


def set_pain_persisting(session: Session, persisting: bool) -> Command:
    """The yes/no answer to 'did the pain last more than 48 hours?'."""
    if not isinstance(persisting, bool):
        raise ValidationError("Pain over 48 hours", "must be yes or no")
    label = (
        "Report pain lasting more than 48 hours"
        if persisting
        else "Report no pain lasting more than 48 hours"
    )
    return _session_edit(session, label, pain_persisting=persisting)


def update_session_field(session: Session, field: str, value: object) -> Command:
    """Kind, title, minutes, distance, intensity or notes of a session.

    A strength session keeps its kind (its exercises would be stranded), and a run
    cannot become a strength session here (the calendar creates those).
    """
    if field not in SESSION_FIELDS:
        raise ValueError(f"unknown session field {field!r}")
    if field == "kind":
        kind = SessionKind.parse(str(getattr(value, "value", value)))
        if SessionKind.STRENGTH in (kind, session.kind) and kind is not session.kind:
            raise ValidationError("Kind", "a strength session stays a strength session")
        value = kind
    if field in ("title", "notes") and not isinstance(value, str):
        raise ValidationError(field.capitalize(), "must be text")
    return _session_edit(
        session, f"Change {_WORDS[field]} of {session.display_title}", **{field: value}
    )
