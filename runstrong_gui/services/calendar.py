"""Calendar actions: move, copy, add and delete sessions; drop exercises; week operations.

Each function returns an *action* — a callable taking the open transaction — plus the
days it touches, for :func:`runstrong_gui.services.changes.record`. So every user
gesture is one transaction, and undo restores exactly the days it names.
Positions within a day are kept dense (0, 1, 2, …) after every action.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from runstrong_gui.domain.dates import day_name
from runstrong_gui.domain.enums import SessionKind
from runstrong_gui.domain.errors import ValidationError
from runstrong_gui.domain.models import Athlete, PlannedExercise, Session
from runstrong_gui.domain.progression import dose_for_phase, phase_of, week_dates, week_number
from runstrong_gui.services.changes import Command, Outcome, seen

if TYPE_CHECKING:
    from runstrong_gui.storage.store import Tx

DEFAULT_MINUTES = {
    SessionKind.EASY: 40,
    SessionKind.MODERATE: 50,
    SessionKind.LONG: 90,
    SessionKind.QUALITY: 55,
    SessionKind.RACE: 60,
    SessionKind.WALK: 30,
    SessionKind.CROSS: 45,
    SessionKind.STRENGTH: None,
    SessionKind.REST: None,
}


def _sid(s: Session) -> int:
    assert s.id is not None
    return s.id


def _place(tx: Tx, athlete_id: int, day: dt.date, session_id: int, position: int | None) -> None:
    """Put ``session_id`` at ``position`` in its day and renumber the day densely."""
    sessions = tx.day_sessions(athlete_id, day)
    others = [s for s in sessions if s.id != session_id]
    moving = next((s for s in sessions if s.id == session_id), None) or tx.session(session_id)
    at = len(others) if position is None or position < 0 else min(position, len(others))
    ordered = [*others[:at], moving, *others[at:]]
    _renumber(tx, ordered)


def _renumber(tx: Tx, ordered: Sequence[Session]) -> None:
    """Dense positions, written in one statement: a full day costs no more than one card."""
    tx.set_positions([(s, i) for i, s in enumerate(ordered) if s.order != i])


def renumber_days(
    tx: Tx, sessions: Sequence[Session], days: Sequence[dt.date] | None = None
) -> None:
    """Make each day's positions dense (0, 1, 2, …) in their present order.

    ``sessions`` are as the store lists them (by day, position, id); only ``days`` (all
    of them when None) are renumbered, and only sessions whose position changes are
    written.
    """
    wanted = None if days is None else set(days)
    by_day: dict[dt.date, list[Session]] = {}
    for s in sessions:
        if wanted is None or s.date in wanted:
            by_day.setdefault(s.date, []).append(s)
    for ordered in by_day.values():
        _renumber(tx, ordered)


def _mark_edited(s: Session) -> Session:
    return dataclasses.replace(s, edited=True) if s.follows_origin else s


def move_session(session: Session, to_day: dt.date, position: int | None = None) -> Command:
    """Move a card to another day (or another place in its day)."""

    def action(tx: Tx) -> Outcome:
        # Both days are read before anything is written, so the card is saved once at its
        # final place and both days are renumbered in one statement, however full they are.
        # The version the user saw was checked, so the card is still on the day they saw.
        home = tx.day_sessions(session.athlete_id, session.date)
        current = next((s for s in home if s.id == session.id), None) or tx.session(_sid(session))
        if current.date != session.date:
            home = tx.day_sessions(current.athlete_id, current.date)
        left = [s for s in home if s.id != current.id]
        there = left
        if to_day != current.date:
            there = [s for s in tx.day_sessions(current.athlete_id, to_day) if s.id != current.id]
        at = len(there) if position is None or position < 0 else min(position, len(there))
        tx.update_session(_mark_edited(dataclasses.replace(current, date=to_day, order=at)))
        ordered = [*there[:at], current, *there[at:]]
        moves = [(s, i) for i, s in enumerate(ordered) if s.id != current.id and s.order != i]
        if to_day != current.date:
            moves += [(s, i) for i, s in enumerate(left) if s.order != i]
        tx.set_positions(moves)
        return Outcome(focus_session=_sid(current), focus_date=to_day, sessions_only=True)

    where = "later in the day" if to_day == session.date else f"to {day_name(to_day)}"
    return Command(
        f"Move {session.display_title} {where}", (session.date, to_day), action, seen=seen(session)
    )


def copy_session(session: Session, to_day: dt.date, position: int | None = None) -> Command:
    """Copy a card, with its exercises and doses (not its logs), to a day."""

    def action(tx: Tx) -> Outcome:
        source = tx.session(_sid(session))
        copy = tx.add_session(
            dataclasses.replace(
                source,
                id=None,
                date=to_day,
                order=99,
                done=False,
                skipped=False,
                pain_persisting=False,
                source="user",
                edited=False,
                external_id=None,  # a copy is the user's own run, not the feed's event
                external_seq=None,
            )
        )
        for p in tx.planned_for([_sid(source)]).get(_sid(source), []):
            tx.add_planned(dataclasses.replace(p, id=None, session_id=_sid(copy)))
        _place(tx, source.athlete_id, to_day, _sid(copy), position)
        return Outcome(created=(_sid(copy),), focus_session=_sid(copy), focus_date=to_day)

    return Command(f"Copy {session.display_title} to {day_name(to_day)}", (to_day,), action)


def add_session(
    athlete: Athlete,
    day: dt.date,
    kind: SessionKind,
    position: int | None = None,
    minutes: int | None = None,
    title: str = "",
) -> Command:
    """A new run, walk, rest, cross-training or (empty) strength session on a day."""
    assert athlete.id is not None
    athlete_id = athlete.id
    new = Session(
        athlete_id=athlete_id,
        date=day,
        kind=kind,
        order=99,
        title=title,
        minutes=minutes if minutes is not None else DEFAULT_MINUTES[kind],
    )

    def action(tx: Tx) -> Outcome:
        made = tx.add_session(new)
        _place(tx, athlete_id, day, _sid(made), position)
        return Outcome(created=(_sid(made),), focus_session=_sid(made), focus_date=day)

    return Command(f"Add {kind.label.lower()} on {day_name(day)}", (day,), action)


def delete_session(session: Session) -> Command:
    def action(tx: Tx) -> Outcome:
        tx.delete_session(_sid(session))
        _renumber(tx, tx.day_sessions(session.athlete_id, session.date))
        return Outcome(focus_date=session.date)

    return Command(f"Delete {session.display_title}", (session.date,), action, seen=seen(session))


def _append_exercises(
    tx: Tx, athlete: Athlete, session: Session, exercise_ids: Sequence[int]
) -> None:
    phase = phase_of(athlete, week_number(athlete, session.date))
    existing = tx.planned_for([_sid(session)]).get(_sid(session), [])
    exercises = tx.exercises_by_id(exercise_ids)
    added = []
    for offset, eid in enumerate(exercise_ids):
        exercise = exercises.get(eid)
        if exercise is None:
            raise ValidationError("Exercise", "that exercise is no longer in the library")
        dose = dose_for_phase(exercise, phase)
        added.append(
            PlannedExercise(
                session_id=_sid(session),
                exercise_id=eid,
                position=len(existing) + offset,
                sets=dose.sets,
                amount=dose.amount,
                tempo=exercise.tempo,
                rest_seconds=exercise.rest_seconds,
                per_side=exercise.per_side,
            ).checked_for(exercise.dose_kind)
        )
    tx.add_planned_many(added)  # one statement, however many were dropped
    if session.follows_origin and not session.edited:
        tx.update_session(_mark_edited(session))


def drop_exercises_on_session(
    athlete: Athlete, session: Session, exercise_ids: Sequence[int], names: str
) -> Command:
    """Append library exercises to a strength session with their phase-scaled default dose."""
    if session.kind is not SessionKind.STRENGTH:
        raise ValidationError(
            "Drop", "exercises go on strength sessions or on an empty part of a day"
        )

    def action(tx: Tx) -> Outcome:
        current = tx.session(_sid(session))
        _append_exercises(tx, athlete, current, exercise_ids)
        return Outcome(focus_session=_sid(current), focus_date=current.date)

    return Command(
        f"Add {names} to {session.display_title}",
        (session.date,),
        action,
        seen=seen(session),
        exercises=tuple(exercise_ids),
    )


def drop_exercises_on_day(
    athlete: Athlete,
    day: dt.date,
    exercise_ids: Sequence[int],
    names: str,
    position: int | None = None,
) -> Command:
    """A new strength session on a day, holding the dropped exercises."""
    assert athlete.id is not None
    athlete_id = athlete.id

    def action(tx: Tx) -> Outcome:
        made = tx.add_session(
            Session(
                athlete_id=athlete_id,
                date=day,
                kind=SessionKind.STRENGTH,
                order=99,
                title="Strength",
            )
        )
        _append_exercises(tx, athlete, made, exercise_ids)
        _place(tx, athlete_id, day, _sid(made), position)
        return Outcome(created=(_sid(made),), focus_session=_sid(made), focus_date=day)

    label = f"New strength session with {names} on {day_name(day)}"
    return Command(label, (day,), action, exercises=tuple(exercise_ids))


def copy_week(athlete: Athlete, week: int, times: int) -> Command:
    """Copy a week's sessions (with exercises) onto each of the next ``times`` weeks."""
    if not 1 <= times <= 52:
        raise ValidationError("Weeks", "copy onto 1 to 52 following weeks")
    assert athlete.id is not None
    athlete_id = athlete.id
    source_days = week_dates(athlete, week)
    targets = [d for n in range(1, times + 1) for d in week_dates(athlete, week + n)]

    def action(tx: Tx) -> Outcome:
        sessions = tx.sessions_between(athlete_id, source_days[0], source_days[-1])
        planned = tx.planned_for([_sid(s) for s in sessions])
        created = []
        for n in range(1, times + 1):
            shift = dt.timedelta(weeks=n)
            # Copies go after what each target day holds, numbered on from the day made
            # dense first: a day left with gaps (1, 2) must not get a second 2.
            target = tx.sessions_between(
                athlete_id, source_days[0] + shift, source_days[-1] + shift
            )
            renumber_days(tx, target)
            next_free = {d + shift: 0 for d in source_days}
            for t in target:
                next_free[t.date] += 1
            for s in sessions:
                order = next_free[s.date + shift]
                next_free[s.date + shift] = order + 1
                copy = tx.add_session(
                    dataclasses.replace(
                        s,
                        id=None,
                        date=s.date + shift,
                        order=order,
                        done=False,
                        skipped=False,
                        pain_persisting=False,
                        source="user",
                        edited=False,
                        external_id=None,
                        external_seq=None,
                    )
                )
                created.append(_sid(copy))
                for p in planned.get(_sid(s), []):
                    tx.add_planned(dataclasses.replace(p, id=None, session_id=_sid(copy)))
        return Outcome(created=tuple(created))

    label = f"Copy week {week} onto the next {times} week{'s' if times > 1 else ''}"
    return Command(label, tuple(targets), action)


def clear_week(athlete: Athlete, week: int) -> Command:
    assert athlete.id is not None
    athlete_id = athlete.id
    days = week_dates(athlete, week)

    def action(tx: Tx) -> Outcome:
        for s in tx.sessions_between(athlete_id, days[0], days[-1]):
            tx.delete_session(_sid(s))
        return Outcome()

    return Command(f"Clear week {week}", tuple(days), action)


def sessions_to_push(sessions: Sequence[Session], day: dt.date) -> list[Session]:
    """The sessions a rest day on ``day`` pushes back: every later one not yet done.

    Done sessions are history: they stay on the day they happened.
    """
    return [s for s in sessions if s.date >= day and not s.done]


def insert_rest_day(athlete: Athlete, day: dt.date, moving: Sequence[Session]) -> Command:
    """Rest on ``day``; ``moving`` (see :func:`sessions_to_push`) moves one day later.

    The whole plan from that day on is pushed back, as a calendar's "push back" does, so
    every session keeps its neighbours and no day gets two days' worth stacked on it.
    """
    assert athlete.id is not None
    athlete_id = athlete.id
    one = dt.timedelta(days=1)
    ids = tuple(_sid(s) for s in moving)
    touched = tuple(sorted({day, *(s.date for s in moving), *(s.date + one for s in moving)}))

    def action(tx: Tx) -> Outcome:
        for s in tx.sessions_by_id(ids):
            tx.update_session(_mark_edited(dataclasses.replace(s, date=s.date + one)))
        rest = tx.add_session(
            Session(athlete_id=athlete_id, date=day, kind=SessionKind.REST, order=99)
        )
        # A done session that stayed behind may now share a day with a pushed one.
        renumber_days(tx, tx.sessions_between(athlete_id, touched[0], touched[-1]))
        return Outcome(created=(_sid(rest),), focus_session=_sid(rest), focus_date=day)

    n = len(ids)
    label = f"Insert a rest day on {day_name(day)}"
    if n:
        label += f" ({n} session{'s' if n != 1 else ''} one day later)"
    return Command(label, touched, action, ids)


def shift_within_day(session: Session, delta: int) -> Command:
    """Move a card up (-1) or down (+1) within its day."""
    return move_session(session, session.date, max(0, session.order + delta))
