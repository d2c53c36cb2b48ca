"""The 12-week block generator: strength sessions placed around a fixed running plan.

The running plan is taken as given; strength is fitted around it. Each week is built in
two steps. First the *content*: which exercises (by group, so every session covers
glutes, calves, quads and core) and what dose (by phase, changing one variable at a
time). Then the *placement*: every way of putting the week's sessions on its days is
scored with :func:`rules.placement_warnings` — the same code the week view uses — and
the placement with the fewest broken rules wins, ties going to the philosophy's
preferred days. Nothing is random, so the same input always gives the same block.
The content comes from :mod:`.exercise_choice` and :mod:`.dosing`, the placement from
:mod:`.placement`; this module runs the weeks in order and measures the cut weeks.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from runstrong_gui.domain import bounds as b
from runstrong_gui.domain.dosing import Dose, Progress, cut_doses
from runstrong_gui.domain.enums import (
    Equipment,
    ExerciseKind,
    Phase,
    Philosophy,
    SessionKind,
)
from runstrong_gui.domain.exercise_choice import avoided, select_exercises
from runstrong_gui.domain.models import Athlete, Exercise, Session
from runstrong_gui.domain.placement import place_week, profile_of, strength_order
from runstrong_gui.domain.progression import block_weeks, phase_of, week_dates
from runstrong_gui.domain.rules import baseline_weekly_sets
from runstrong_gui.domain.strength_profile import StrengthProfile, is_plyometric

MAX_WEEKS = 16

_CUT_PHASES = (Phase.PEAK, Phase.RACE)


@dataclass(frozen=True)
class GeneratorOptions:
    """What the user chose in the generate-a-block dialog."""

    strength_days: int
    equipment: frozenset[Equipment]
    philosophy: Philosophy
    plyometrics: bool
    weeks: int = 12
    include_past: bool = False  # also plan the days of the block already gone by

    def __post_init__(self) -> None:
        b.check_int("Strength days per week", self.strength_days, (1, 3))
        b.check_int("Weeks", self.weeks, (1, MAX_WEEKS))
        eq = frozenset(Equipment.parse(e) for e in self.equipment) | {Equipment.NONE}
        object.__setattr__(self, "equipment", eq)
        object.__setattr__(self, "philosophy", Philosophy.parse(self.philosophy))


@dataclass(frozen=True)
class PlannedItem:
    """One exercise of a generated session with its dose (becomes a PlannedExercise)."""

    exercise_key_or_id: int
    sets: int
    amount: int
    load_kg: float
    rest_seconds: int
    per_side: bool
    tempo: str


@dataclass(frozen=True)
class GeneratedSession:
    """A strength session to save: the service gives it an ``order`` after the day's
    runs (:func:`strength_order`), which the placement assumed."""

    date: dt.date
    week: int
    title: str
    items: tuple[PlannedItem, ...]


def week_volume(sessions: Sequence[GeneratedSession]) -> dict[int, int]:
    """Total strength sets per block week: the number rule 6 and the charts compare."""
    out: dict[int, int] = {}
    for s in sessions:
        out[s.week] = out.get(s.week, 0) + sum(item.sets for item in s.items)
    return out


@dataclass
class _Week:
    """One block week's content before placement: exercises and doses per session."""

    week: int
    phase: Phase
    contents: list[list[Exercise]]
    doses: list[list[Dose]]

    @property
    def total(self) -> int:
        return sum(d.sets for row in self.doses for d in row)


def _open_days(athlete: Athlete, week: int, earliest: dt.date) -> list[int]:
    """Offsets of the week's days a session may go on: none before ``earliest``."""
    return [n for n, d in enumerate(week_dates(athlete, week)) if d >= earliest]


def generate_block(
    athlete: Athlete,
    library: Sequence[Exercise],
    runs: Sequence[Session],
    options: GeneratorOptions,
    today: dt.date | None = None,
) -> list[GeneratedSession]:
    """Strength sessions for block weeks 1..``options.weeks``, sorted by date.

    ``runs`` are the athlete's non-strength sessions (strength sessions in it are
    ignored: the generator plans strength from scratch). ``options.philosophy`` wins
    over the athlete's own setting, so a user can try the other one before saving it.
    Nothing is placed before the block start, nor before ``today`` unless
    ``options.include_past``; a week with fewer open days gets fewer sessions. Peak and
    race weeks repeat the last full week's exercises (the race week without jumps) at
    the volume rule 6 asks for, so they add nothing new.
    """
    queries = athlete
    if athlete.philosophy is not options.philosophy:
        queries = dataclasses.replace(athlete, philosophy=options.philosophy)
    earliest = athlete.block_start
    if today is not None and not options.include_past:
        earliest = max(earliest, today)
    no_race = dataclasses.replace(athlete, goal_race_date=None)
    avoid = frozenset(a.lower() for a in athlete.avoid)
    usable = [
        ex
        for ex in library
        if ex.id is not None
        and not ex.hidden
        and ex.kind is not ExerciseKind.MOBILITY
        and not avoided(ex, avoid)
    ]
    progress = Progress(options.equipment)

    # First the content of every week, so the cut weeks can be measured against the
    # block's usual volume exactly as rule 6 will measure them.
    plan: list[_Week] = []
    last_full: _Week | None = None
    prev_phase: Phase | None = None
    for week in range(1, options.weeks + 1):
        phase = phase_of(queries, week)
        natural = phase_of(no_race, week)  # what the week would be without a race
        n_open = len(_open_days(queries, week, earliest))
        if phase in _CUT_PHASES and last_full is not None:
            contents = [
                [ex for ex in row if phase is not Phase.RACE or not is_plyometric(ex)]
                for row in last_full.contents
            ]
        else:
            foundation = natural in (Phase.BEFORE, Phase.FOUNDATION)
            plyo = options.plyometrics and phase is Phase.POWER
            contents = select_exercises(usable, options, foundation, plyo)
        contents = [row for row in contents if row][:n_open]
        progress_week = (
            natural is Phase.LOAD and phase is Phase.LOAD and prev_phase not in _CUT_PHASES
        )
        prev_phase = phase
        week_doses: dict[int, Dose] = {}
        for ex in (ex for row in contents for ex in row):
            assert ex.id is not None
            if ex.id not in week_doses:
                week_doses[ex.id] = progress.dose(ex, week, natural, progress_week)
        for ex in (ex for row in contents for ex in row):
            progress.seen(ex, week)
        planned = _Week(
            week, phase, contents, [[week_doses[ex.id or 0] for ex in row] for row in contents]
        )
        plan.append(planned)
        if phase not in _CUT_PHASES and contents:
            last_full = planned

    length = block_weeks(queries)
    usual = baseline_weekly_sets(
        queries, {p.week: p.total for p in plan if p.week <= length and p.phase not in _CUT_PHASES}
    )
    for p in plan:
        if p.phase in _CUT_PHASES and p.contents:
            p.doses = cut_doses(p.doses, usual if usual is not None else p.total)

    on_day: dict[dt.date, list[Session]] = {}  # the runs, then strength as it is placed
    for s in runs:
        if s.kind is not SessionKind.STRENGTH and not s.skipped:
            on_day.setdefault(s.date, []).append(s)
    out: list[GeneratedSession] = []
    placed_profiles: dict[int, StrengthProfile] = {}
    for p in plan:
        if not p.contents:
            continue
        week = p.week
        sids = [-(week * 10 + i + 1) for i in range(len(p.contents))]
        profiles = [
            profile_of(sid, list(zip(row, drow, strict=True)))
            for sid, row, drow in zip(sids, p.contents, p.doses, strict=True)
        ]
        first = week_dates(queries, week)[0]
        context = [s for n in range(-1, 8) for s in on_day.get(first + dt.timedelta(days=n), ())]
        allowed = _open_days(queries, week, earliest)
        dates = place_week(queries, week, profiles, context, placed_profiles, allowed)

        week_sessions = []
        for sid, day, row, drow, prof in zip(
            sids, dates, p.contents, p.doses, profiles, strict=True
        ):
            items = tuple(
                PlannedItem(
                    exercise_key_or_id=ex.id or 0,
                    sets=d.sets,
                    amount=d.amount,
                    load_kg=d.load_kg,
                    rest_seconds=ex.rest_seconds,
                    per_side=ex.per_side,
                    tempo=ex.tempo,
                )
                for ex, d in zip(row, drow, strict=True)
            )
            week_sessions.append((day, items))
            card = Session(
                athlete_id=athlete.id or 0,
                date=day,
                kind=SessionKind.STRENGTH,
                order=strength_order(day, on_day.get(day, ())),
                id=sid,
            )
            on_day.setdefault(day, []).append(card)
            placed_profiles[sid] = prof
        week_sessions.sort(key=lambda pair: pair[0])
        for n, (day, items) in enumerate(week_sessions):
            title = f"Strength {'ABC'[n]} · {p.phase.label}"
            out.append(GeneratedSession(date=day, week=week, title=title, items=items))
    return out


__all__ = [
    "GeneratedSession",
    "GeneratorOptions",
    "PlannedItem",
    "generate_block",
    "strength_order",
    "week_volume",
]
