"""What a drop on the week becomes: session cards moved or copied to a day, or library
exercises put into a session or onto a day, as one undoable command.

The checks the services make raise ValidationError or StoreError; the calendar shows
them and changes nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from runstrong_gui.domain.dates import day_name
from runstrong_gui.services import calendar
from runstrong_gui.services.changes import Command, Outcome
from runstrong_gui.ui.calendar.week_model import DropRequest, WeekModel

if TYPE_CHECKING:
    from runstrong_gui.domain.models import Athlete
    from runstrong_gui.services.queries import Queries
    from runstrong_gui.storage.store import Tx


def drop_command(
    request: DropRequest, model: WeekModel, queries: Queries, athlete: Athlete
) -> Command | None:
    """The command for ``request`` on the shown week, or None for a drop that means nothing
    here (another athlete's card, an exercise no longer in the library)."""
    if request.payload == "sessions":
        return _session_drop(request, model, queries, athlete)
    return _exercise_drop(request, queries, athlete)


def _combine(label: str, plans: list[Command]) -> Command:
    """Several plans as one action (one transaction, one undo step)."""

    def action(tx: Tx) -> Outcome:
        created: list[int] = []
        last = Outcome()
        for plan in plans:
            last = plan.action(tx) or Outcome()
            created.extend(last.created)
        return Outcome(tuple(created), last.focus_session, last.focus_date)

    days = tuple(d for p in plans for d in p.days)
    return Command(label, days, action, tuple(i for p in plans for i in p.extra_ids))


def _session_drop(
    request: DropRequest, model: WeekModel, queries: Queries, athlete: Athlete
) -> Command | None:
    sessions = []
    for sid in request.ids:
        # A card of the shown week is as the store has it (every change is shown as its
        # own transaction left the store); the action reads it once more inside its own.
        shown = model.detail(model.index_of_session(sid))
        s = shown.session if shown is not None else queries.session(sid)
        if s.athlete_id != athlete.id:
            return None
        sessions.append(s)
    build = calendar.copy_session if request.copy else calendar.move_session
    plans = []
    for i, s in enumerate(sessions):
        position = None if request.position is None else request.position + i
        if (
            not request.copy
            and s.date == request.day
            and position is not None
            and position > s.order
        ):
            position -= 1  # dropping below itself: the card leaves its own slot first
        plans.append(build(s, request.day, position))
    if len(plans) == 1:
        return plans[0]
    verb = "Copy" if request.copy else "Move"
    return _combine(f"{verb} {len(plans)} sessions to {day_name(request.day)}", plans)


def _exercise_drop(request: DropRequest, queries: Queries, athlete: Athlete) -> Command | None:
    with queries.store.transaction() as tx:
        found = tx.exercises_by_id(request.ids)
    if len(found) != len(set(request.ids)):
        return None
    names = ", ".join(found[i].name for i in request.ids)
    if request.target is not None:
        return calendar.drop_exercises_on_session(
            athlete, request.target.session, request.ids, names
        )
    return calendar.drop_exercises_on_day(
        athlete, request.day, request.ids, names, request.position
    )
