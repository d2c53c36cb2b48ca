"""The demo athlete: six weeks of believable history, so a first run shows what the app does.

The plan is made the way a user would make it: the first week template's runs laid on
every week of the block, then the strength sessions from the app's own generator. The
history comes from a seeded model of logging (most sessions done, a few skipped, loads
as planned and efforts creeping up, one painful set with a note), so every first run
shows the same demo. The athlete is marked ``demo`` and is the only athlete whose logged
history the app offers to delete (Athlete ▸ Remove demo athlete).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from typing import TYPE_CHECKING, Any

from runstrong_gui.domain.enums import Equipment, SessionKind
from runstrong_gui.domain.models import Athlete, PlannedExercise, Session, SetLog
from runstrong_gui.domain.progression import week_begin, week_number
from runstrong_gui.services.bootstrap import apply_week_template
from runstrong_gui.services.generate import default_options, generate_action

if TYPE_CHECKING:
    from runstrong_gui.storage.store import Tx

DEMO_NAME = "Demo — Alex Rivera"
HISTORY_WEEKS = 6
SEED = 21  # the same demo on every first run
DONE_STRENGTH = 0.85  # share of strength sessions done; the rest are skipped
DONE_RUNS = 0.9
LOAD_STEP_KG = 1.0
PAIN_WEEK = 5  # the week of the one painful set
PAIN_NOTE = "Left Achilles tight on the last set; eased after walking it off."


def _runs_only(week: dict[str, Any]) -> dict[str, Any]:
    """A week template without its strength sessions: the generator plans those."""
    days = [
        {**day, "sessions": [s for s in day["sessions"] if s["kind"] != SessionKind.STRENGTH]}
        for day in week["days"]
    ]
    return {**week, "days": days}


def add_demo_athlete(tx: Tx, today: dt.date, seed: int = SEED) -> Athlete:
    """The demo athlete, six weeks into a block, with its plan and its logged history."""
    start = week_begin(today, 0) - dt.timedelta(weeks=HISTORY_WEEKS)
    athlete = tx.add_athlete(
        Athlete(
            name=DEMO_NAME,
            block_start=start,
            goal_race_date=start + dt.timedelta(weeks=14, days=5),
            equipment=(Equipment.NONE, Equipment.DUMBBELLS, Equipment.BAND, Equipment.STEP),
            notes=(
                "A made-up client with six weeks logged, to show Progress, adherence and "
                "the handouts. Athlete ▸ Remove demo athlete deletes them and their history."
            ),
            demo=True,
        )
    )
    aid = athlete.id or 0
    runs = _runs_only(tx.templates("week")[0].payload)
    options = dataclasses.replace(default_options(athlete), include_past=True)
    for w in range(options.weeks):
        apply_week_template(tx, athlete, runs, start + dt.timedelta(weeks=w))
    generate_action(aid, options, keep_user=False, today=today)(tx)
    _log_history(tx, athlete, start, today, random.Random(seed))
    return athlete


def _log_history(
    tx: Tx, athlete: Athlete, first: dt.date, today: dt.date, rng: random.Random
) -> None:
    """Mark the sessions before today done or skipped and log the strength sets."""
    sessions = tx.sessions_between(athlete.id or 0, first, today - dt.timedelta(days=1))
    strength = [s for s in sessions if s.kind is SessionKind.STRENGTH]
    planned = tx.planned_for([s.id for s in strength if s.id is not None])
    pain_left = True
    for s in sessions:
        if s.kind is SessionKind.REST:
            continue
        share = DONE_STRENGTH if s.kind is SessionKind.STRENGTH else DONE_RUNS
        done = rng.random() < share
        tx.update_session(dataclasses.replace(s, done=done, skipped=not done))
        if not done or s.kind is not SessionKind.STRENGTH:
            continue
        week = week_number(athlete, s.date)
        hurt = pain_left and week == PAIN_WEEK
        pain_left = pain_left and not hurt
        for n, item in enumerate(planned.get(s.id or 0, [])):
            tx.replace_logs(item.id or 0, _sets(s, item, week, rng, hurt=hurt and n == 0))


def _sets(
    session: Session, item: PlannedExercise, week: int, rng: random.Random, *, hurt: bool
) -> list[SetLog]:
    """One exercise's sets as logged: the planned dose, loads rising, now and then a rep short
    on the last set, the effort (RPE) rising from about 6 to 8 as the block builds; a
    painful last set (pain 5, with a note) when ``hurt``."""
    at = dt.datetime.combine(session.date, dt.time(18, 30))
    # a loaded exercise goes up a kilogram every other week: the athlete gets stronger
    load = item.load_kg + LOAD_STEP_KG * ((week - 1) // 2) if item.load_kg > 0 else 0.0
    out = []
    for n in range(1, item.sets + 1):
        last = n == item.sets
        short = last and item.amount > 1 and rng.random() < 0.3
        rpe = min(
            10, 6 + (week - 1) * 2 // HISTORY_WEEKS + (1 if last else 0) + rng.choice((-1, 0, 0))
        )
        out.append(
            SetLog(
                planned_exercise_id=item.id or 0,
                set_number=n,
                amount=item.amount - 1 if short else item.amount,
                load_kg=load,
                rpe=max(1, rpe),
                pain=5 if hurt and last else None,
                note=PAIN_NOTE if hurt and last else "",
                logged_at=at,
            )
        )
    return out
