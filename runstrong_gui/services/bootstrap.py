"""Getting a store ready: the library and templates once, a sample athlete on first run."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING, Any

from runstrong_gui.domain.library import load_exercises, load_templates
from runstrong_gui.domain.models import Athlete, PlannedExercise, Session
from runstrong_gui.domain.progression import dose_for_phase, phase_of, week_begin, week_number
from runstrong_gui.paths import resources_dir
from runstrong_gui.services.templates import template_day
from runstrong_gui.storage.backup import STORE_KEY

if TYPE_CHECKING:  # the store (SQLAlchemy) loads when first used, after the window paints
    from runstrong_gui.storage.store import Store, Tx

SAMPLE_NAME = "Sample Runner"
SEEDED_FLAG = "seeded"


def prepare_store(store: Store, today: dt.date | None = None, *, demo: bool = False) -> None:
    """Load what is missing of the library and templates; add the sample athlete once
    (and, with ``demo``, as the window's first run asks, the demo athlete beside it).

    Runs in one transaction: a store is either fully prepared or untouched. Built-ins
    are matched by key, so a second start adds nothing and a newer release adds only
    its new exercises.
    """
    from runstrong_gui.domain.models import Template

    resources = resources_dir()
    with store.transaction() as tx:
        have = tx.exercise_keys()
        tx.add_exercises(e for e in load_exercises(resources) if e.key not in have)
        templates = load_templates(resources)
        have_t = tx.template_keys()
        for r in templates["routines"]:
            if r["key"] not in have_t:
                tx.add_template(Template(r["name"], "session", r, r["key"], builtin=True))
        for w in templates["weeks"]:
            if w["key"] not in have_t:
                tx.add_template(Template(w["name"], "week", w, w["key"], builtin=True))
        if not tx.setting(STORE_KEY).get("id"):  # which store its backups are of
            tx.set_setting(STORE_KEY, {"id": uuid.uuid4().hex})
        flags = tx.setting(SEEDED_FLAG)
        if not flags.get("sample_athlete"):
            _add_sample_athlete(tx, today or dt.date.today())
            if demo:  # a new store only: a clinic's store never gets a demo by an update
                from runstrong_gui.services.demo import add_demo_athlete  # it needs this module

                add_demo_athlete(tx, today or dt.date.today())
            tx.set_setting(SEEDED_FLAG, {**flags, "sample_athlete": True, "demo_athlete": demo})


def _add_sample_athlete(tx: Tx, today: dt.date) -> None:
    start = week_begin(today, 0)
    athlete = tx.add_athlete(
        Athlete(
            name=SAMPLE_NAME,
            block_start=start,
            goal_race_date=start + dt.timedelta(weeks=14, days=5),
            notes="An example client with a three-run week. Edit or archive freely.",
        )
    )
    week = tx.templates("week")[0].payload
    apply_week_template(tx, athlete, week, start)


def apply_week_template(
    tx: Tx, athlete: Athlete, week: dict[str, Any], first_day: dt.date
) -> list[Session]:
    """Lay a week template onto the seven days from ``first_day``; returns the new sessions."""
    routines = {t.key: t.payload for t in tx.templates("session")}
    made: list[Session] = []
    for day in week["days"]:
        date = template_day(day, first_day)
        if date is None:
            continue
        base = len(tx.day_sessions(_aid(athlete), date))
        for i, spec in enumerate(day["sessions"]):
            routine = routines.get(spec.get("routine", ""))
            session = tx.add_session(
                Session(
                    athlete_id=_aid(athlete),
                    date=date,
                    kind=spec["kind"],
                    order=base + i,
                    title=spec.get("title") or (routine or {}).get("title", ""),
                    minutes=spec.get("minutes"),
                    source="template",
                )
            )
            if routine:
                apply_routine(tx, athlete, session, routine)
            made.append(session)
    return made


def apply_routine(tx: Tx, athlete: Athlete, session: Session, routine: dict[str, Any]) -> None:
    """Append a routine's exercises to a strength session, scaled to the week's phase."""
    by_key = {e.key: e for e in tx.exercises()}
    sid = _aid(session)
    start = len(tx.planned_for([sid]).get(sid, []))
    phase = phase_of(athlete, week_number(athlete, session.date))
    for i, item in enumerate(routine["items"]):
        exercise = by_key.get(item["exercise"])
        if exercise is None:
            continue  # a template naming a removed exercise still applies the rest
        dose = dose_for_phase(exercise, phase)
        tx.add_planned(
            PlannedExercise(
                session_id=sid,
                exercise_id=_aid(exercise),
                position=start + i,
                sets=min(item.get("sets", dose.sets), dose.sets)
                if phase.value == "foundation"
                else item.get("sets", dose.sets),
                amount=item.get("amount", dose.amount),
                rest_seconds=item.get("rest_seconds", exercise.rest_seconds),
                tempo=item.get("tempo", exercise.tempo),
                per_side=exercise.per_side,
            ).checked_for(exercise.dose_kind)
        )


def _aid(obj: Any) -> int:
    assert obj.id is not None
    return int(obj.id)
