"""Templates: lay a routine on a day or a week plan on a week; save the user's own.

Applying is a plan change, so it is written as an *action* (``tx -> Outcome``) that
``MainWindow.apply`` records for undo. Saving a template only adds a template row; it
touches no plan, so it is a plain call.

Payloads are the JSON documents of ``resources/library/templates.json``: a routine has
``items`` naming exercises by ``exercise`` (a built-in key); user templates may also name
custom exercises by ``exercise_id`` and carry a ``load_kg``. A week has ``days`` with a
``weekday`` (0 = Monday; older saves have an ``offset`` from the week's first day) and
``sessions``, each naming a ``routine`` by key or holding its own ``items``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from runstrong_gui.domain import bounds as b
from runstrong_gui.domain.enums import Phase, SessionKind
from runstrong_gui.domain.errors import ValidationError
from runstrong_gui.domain.models import Athlete, Exercise, PlannedExercise, Session
from runstrong_gui.domain.progression import dose_for_phase, phase_of, week_number
from runstrong_gui.services.changes import Action, Outcome

if TYPE_CHECKING:  # the store (SQLAlchemy) loads when first used, after the window paints
    from runstrong_gui.domain.models import SessionDetail, Template
    from runstrong_gui.storage.store import Store, Tx

SESSION = "session"
WEEK = "week"
_CUT = (Phase.PEAK, Phase.RACE)


def templates(store: Store, kind: str) -> list[Template]:
    """Built-in templates first, then the user's, by name."""
    with store.transaction() as tx:
        return tx.templates(kind)


# --- applying -----------------------------------------------------------------------


def _resolve(
    item: dict[str, Any], by_key: dict[str, Exercise], by_id: dict[int, Exercise]
) -> Exercise | None:
    key = item.get("exercise")
    if key and key in by_key:
        return by_key[key]
    ex_id = item.get("exercise_id")
    return by_id.get(int(ex_id)) if isinstance(ex_id, int) else None


def _dose(item: dict[str, Any], exercise: Exercise, phase: Phase) -> tuple[int, int, float]:
    """The template's sets, amount and load, held to the week's phase.

    Foundation weeks take half the sets and no load (bodyweight, form first); peak and
    race weeks cut the sets as the progression does. Other weeks keep the template.
    """
    dose = dose_for_phase(exercise, phase)
    sets = int(item.get("sets", dose.sets))
    amount = int(item.get("amount", dose.amount))
    load = float(item.get("load_kg", 0.0))
    if phase in (Phase.FOUNDATION, Phase.BEFORE):
        return min(sets, dose.sets), amount, 0.0
    if phase in _CUT:
        return max(1, round(sets * 0.6)), amount, load
    return sets, amount, load


def add_items(tx: Tx, athlete: Athlete, session: Session, items: Sequence[dict[str, Any]]) -> int:
    """Append a template's exercises to a strength session; returns how many were added.

    An item naming an exercise that no longer exists is skipped, so an old template
    still applies the rest.
    """
    assert session.id is not None
    library = tx.exercises(include_hidden=True)
    by_key = {e.key: e for e in library if e.key}
    by_id = {e.id: e for e in library if e.id is not None}
    start = len(tx.planned_for([session.id]).get(session.id, []))
    phase = phase_of(athlete, week_number(athlete, session.date))
    added = 0
    for item in items:
        exercise = _resolve(item, by_key, by_id)
        if exercise is None or exercise.id is None:
            continue
        sets, amount, load = _dose(item, exercise, phase)
        tx.add_planned(
            PlannedExercise(
                session_id=session.id,
                exercise_id=exercise.id,
                position=start + added,
                sets=sets,
                amount=amount,
                load_kg=load,
                rest_seconds=int(item.get("rest_seconds", exercise.rest_seconds)),
                tempo=str(item.get("tempo", exercise.tempo)),
                per_side=bool(item.get("per_side", exercise.per_side)),
            ).checked_for(exercise.dose_kind)
        )
        added += 1
    return added


def _next_order(tx: Tx, athlete_id: int, day: dt.date) -> int:
    orders = [s.order for s in tx.day_sessions(athlete_id, day)]
    return min(max(orders) + 1, b.ORDER[1]) if orders else 0


def apply_routine_to_day(athlete: Athlete, routine: dict[str, Any], day: dt.date) -> Action:
    """A new strength session on ``day`` (after what is there) holding the routine."""
    athlete_id = athlete.id
    if athlete_id is None:
        raise ValidationError("Athlete", "save the athlete first")

    def action(tx: Tx) -> Outcome:
        session = tx.add_session(
            Session(
                athlete_id=athlete_id,
                date=day,
                kind=SessionKind.STRENGTH,
                order=_next_order(tx, athlete_id, day),
                title=str(routine.get("title") or routine.get("name") or ""),
                source="template",
            )
        )
        add_items(tx, tx.athlete(athlete_id), session, routine.get("items", ()))
        assert session.id is not None
        return Outcome(created=(session.id,), focus_session=session.id, focus_date=day)

    return action


def apply_week_to_days(
    athlete: Athlete, week: dict[str, Any], first_day: dt.date, replace: bool = False
) -> Action:
    """Lay a week template on the seven days from ``first_day``.

    With ``replace`` the sessions already on those days go first (one undo brings them
    back); otherwise the template's sessions follow them on each day.
    """
    athlete_id = athlete.id
    if athlete_id is None:
        raise ValidationError("Athlete", "save the athlete first")
    days = [first_day + dt.timedelta(days=i) for i in range(7)]

    def action(tx: Tx) -> Outcome:
        fresh = tx.athlete(athlete_id)
        if replace:
            for s in tx.sessions_between(athlete_id, days[0], days[-1]):
                assert s.id is not None
                tx.delete_session(s.id)
        routines = {t.key: t.payload for t in tx.templates(SESSION) if t.key}
        created: list[int] = []
        for day_spec in week.get("days", ()):
            day = template_day(day_spec, days[0])
            if day is None:
                continue
            for spec in day_spec.get("sessions", ()):
                routine = routines.get(spec.get("routine") or "")
                items = spec.get("items") or (routine or {}).get("items", ())
                session = tx.add_session(
                    Session(
                        athlete_id=athlete_id,
                        date=day,
                        kind=spec["kind"],
                        order=_next_order(tx, athlete_id, day),
                        title=spec.get("title") or (routine or {}).get("title", ""),
                        minutes=spec.get("minutes"),
                        distance_km=spec.get("distance_km"),
                        intensity=spec.get("intensity"),
                        notes=spec.get("notes", ""),
                        source="template",
                    )
                )
                if items and session.kind is SessionKind.STRENGTH:
                    add_items(tx, fresh, session, items)
                assert session.id is not None
                created.append(session.id)
        return Outcome(created=tuple(created), focus_date=first_day)

    return action


# --- saving -------------------------------------------------------------------------


def _item_payload(p: PlannedExercise, e: Exercise) -> dict[str, Any]:
    item: dict[str, Any] = {"exercise": e.key} if e.key else {"exercise_id": e.id}
    item.update(
        sets=p.sets,
        amount=p.amount,
        rest_seconds=p.rest_seconds,
        per_side=p.per_side,
    )
    if p.tempo:
        item["tempo"] = p.tempo
    if p.load_kg:
        item["load_kg"] = p.load_kg
    return item


def session_payload(name: str, detail: SessionDetail) -> dict[str, Any]:
    """A routine document from a strength session, in the built-in format."""
    s = detail.session
    if s.kind is not SessionKind.STRENGTH:
        raise ValidationError("Session", "only a strength session can be saved as a routine")
    if not detail.items:
        raise ValidationError("Session", "this session has no exercises to save")
    return {
        "name": name,
        "title": s.title or name,
        "description": s.notes,
        "items": [_item_payload(p, e) for p, e in detail.items],
    }


def template_day(day_spec: dict[str, Any], first_day: dt.date) -> dt.date | None:
    """The date a week template's day lands on in the seven days from ``first_day``.

    Days are named by ``weekday`` (0 = Monday … 6 = Sunday), so a week plan keeps its
    long run on Saturday for an athlete whose week starts on Sunday; ``offset`` (days
    from the week's first day) is still read from templates saved before. None for a
    day out of range.
    """
    if "weekday" in day_spec:
        weekday = int(day_spec["weekday"])
        if not 0 <= weekday <= 6:
            return None
        return first_day + dt.timedelta(days=(weekday - first_day.weekday()) % 7)
    offset = int(day_spec.get("offset", 0))
    return first_day + dt.timedelta(days=offset) if 0 <= offset <= 6 else None


def week_payload(name: str, first_day: dt.date, details: Iterable[SessionDetail]) -> dict[str, Any]:
    """A week document from the sessions of seven days starting ``first_day``."""
    days: dict[int, list[dict[str, Any]]] = {}
    for d in details:
        s = d.session
        offset = (s.date - first_day).days
        if not 0 <= offset <= 6:
            continue
        spec: dict[str, Any] = {"kind": s.kind.value, "title": s.title}
        for name in ("minutes", "distance_km", "intensity"):
            if getattr(s, name) is not None:
                spec[name] = getattr(s, name)
        if s.notes:
            spec["notes"] = s.notes
        if s.kind is SessionKind.STRENGTH:
            spec["items"] = [_item_payload(p, e) for p, e in d.items]
        days.setdefault(offset, []).append(spec)
    if not days:
        raise ValidationError("Week", "this week has no sessions to save")
    return {
        "name": name,
        "days": [
            {"weekday": (first_day + dt.timedelta(days=o)).weekday(), "sessions": days[o]}
            for o in sorted(days)
        ],
    }


def _check_name_free(tx: Tx, name: str, kind: str, own_id: int | None = None) -> str:
    name = b.check_name("Name", name)
    if kind not in (SESSION, WEEK):
        raise ValidationError("Kind", f"unknown template kind '{kind}'")
    for t in tx.templates(kind):
        if t.id != own_id and t.name.casefold() == name.casefold():
            raise ValidationError("Name", f"there is already a template called '{t.name}'")
    return name


def check_template_name(store: Store, name: str, kind: str, own_id: int | None = None) -> str:
    """The name as it would be kept, or a ValidationError saying why not (for a dialog
    that clears its error as soon as the typed name is acceptable)."""
    with store.transaction() as tx:
        return _check_name_free(tx, name, kind, own_id)


def save_template(store: Store, name: str, kind: str, payload: dict[str, Any]) -> Template:
    """Store a user template; the name must be new among templates of its kind."""
    from runstrong_gui.domain.models import Template

    with store.transaction() as tx:
        name = _check_name_free(tx, name, kind)
        return tx.add_template(Template(name, kind, {**payload, "name": name}))


def _own(tx: Tx, template_id: int) -> Template:
    found = next((t for t in tx.templates() if t.id == template_id), None)
    if found is None:
        raise ValidationError("Template", "this template no longer exists")
    if found.builtin:
        raise ValidationError("Template", f"'{found.name}' is built in: it cannot be changed")
    return found


def rename_template(store: Store, template_id: int, name: str) -> tuple[Template, Template]:
    """Rename a user template; returns (before, after) for undo."""
    with store.transaction() as tx:
        before = _own(tx, template_id)
        name = _check_name_free(tx, name, before.kind, template_id)
        after = dataclasses.replace(before, name=name, payload={**before.payload, "name": name})
        after = tx.put_template(after, versioned=True)
        return before, after


def delete_template(store: Store, template_id: int) -> Template:
    """Delete a user template (built-in ones stay); returns it, so undo can put it back."""
    with store.transaction() as tx:
        gone = _own(tx, template_id)
        tx.delete_template(template_id)
        return gone


def put_template(store: Store, template: Template, replacing: str | None = None) -> Template:
    """Write a template back as it was (undo and redo of a rename or delete).

    ``replacing`` is the name the template must have now (a rename); should it have
    changed since, nothing is written. A deleted template comes back under its id, or
    under a new one if a template saved since took that id: nothing saved is overwritten.
    """
    with store.transaction() as tx:
        now = next((t for t in tx.templates() if t.id == template.id), None)
        if replacing is not None:
            if now is None or now.name != replacing or now.kind != template.kind:
                raise ValidationError("Template", f"'{replacing}' has changed since")
            return tx.put_template(template)
        _check_name_free(tx, template.name, template.kind)
        if now is not None:
            return tx.add_template(dataclasses.replace(template, id=None))
        return tx.put_template(template)


def remove_template(store: Store, template_id: int) -> None:
    """Take a template out again (redo of a delete)."""
    with store.transaction() as tx:
        tx.delete_template(template_id)
