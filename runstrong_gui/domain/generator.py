"""The 12-week block generator: strength sessions placed around a fixed running plan.

The running plan is taken as given; strength is fitted around it. Each week is built in
two steps. First the *content*: which exercises (by group, so every session covers
glutes, calves, quads and core) and what dose (by phase, changing one variable at a
time). Then the *placement*: every way of putting the week's sessions on its days is
scored with :func:`rules.placement_warnings` — the same code the week view uses — and
the placement with the fewest broken rules wins, ties going to the philosophy's
preferred days. Nothing is random, so the same input always gives the same block.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from runstrong_gui.domain import bounds as b
from runstrong_gui.domain.enums import (
    DoseKind,
    Equipment,
    ExerciseGroup,
    ExerciseKind,
    Level,
    Phase,
    Philosophy,
    SessionKind,
)
from runstrong_gui.domain.models import Athlete, Exercise, PlannedExercise, Session
from runstrong_gui.domain.progression import block_weeks, dose_for_phase, phase_of, week_dates
from runstrong_gui.domain.rules import (
    INFO,
    LOWER_BODY_GROUPS,
    PEAK_MAX_SHARE,
    PEAK_MIN_SHARE,
    WARNING,
    StrengthProfile,
    baseline_weekly_sets,
    placement_warnings,
    strength_profile,
)

MAX_WEEKS = 16
LOAD_STEP_KG = 2.5
PEAK_SHARE = 0.6  # the middle of the 30–50 % cut rule 6 asks for
WEIGHTS = frozenset(
    {
        Equipment.DUMBBELLS,
        Equipment.KETTLEBELL,
        Equipment.HEX_BAR,
        Equipment.WEIGHT_PLATE,
        Equipment.MACHINE,
        Equipment.CABLE,
    }
)
# A calf raise needs at most a stair or a wall; if the user ticked neither we still
# programme one rather than leave the calves out (every session loads them).
HOUSEHOLD = frozenset({Equipment.NONE, Equipment.STEP, Equipment.WALL})
_START_KG = {Equipment.HEX_BAR: 20.0, Equipment.MACHINE: 10.0}
_DEFAULT_START_KG = 5.0
_VOLUME_STEP = {DoseKind.REPS: 1, DoseKind.SECONDS: 5, DoseKind.STEPS: 2, DoseKind.METRES: 5}
_LEVEL_RANK = {Level.BEGINNER: 0, Level.INTERMEDIATE: 1, Level.ADVANCED: 2}
# Order inside a session: jumps while fresh, big lifts, single-leg, calves, core last.
_SESSION_ORDER = {
    ExerciseGroup.POWER: 0,
    ExerciseGroup.COMPOUND: 1,
    ExerciseGroup.GLUTE_HIP: 2,
    ExerciseGroup.QUAD_SINGLE_LEG: 3,
    ExerciseGroup.CALF_ACHILLES: 4,
    ExerciseGroup.UPPER_BODY: 5,
    ExerciseGroup.CORE: 6,
}
_EXTRA_LOWER = (
    (ExerciseGroup.COMPOUND, ExerciseGroup.GLUTE_HIP, ExerciseGroup.QUAD_SINGLE_LEG),
    (ExerciseGroup.QUAD_SINGLE_LEG, ExerciseGroup.COMPOUND, ExerciseGroup.GLUTE_HIP),
    (ExerciseGroup.GLUTE_HIP, ExerciseGroup.QUAD_SINGLE_LEG, ExerciseGroup.COMPOUND),
)
_EXTRA_OTHER = (
    (ExerciseGroup.UPPER_BODY, ExerciseGroup.CORE),
    (ExerciseGroup.CORE, ExerciseGroup.UPPER_BODY),
    (ExerciseGroup.UPPER_BODY, ExerciseGroup.CORE),
)
_FILL = (
    ExerciseGroup.GLUTE_HIP,
    ExerciseGroup.QUAD_SINGLE_LEG,
    ExerciseGroup.COMPOUND,
    ExerciseGroup.CALF_ACHILLES,
    ExerciseGroup.CORE,
    ExerciseGroup.UPPER_BODY,
)
MIN_ITEMS, MAX_ITEMS = 5, 7
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


@dataclass(frozen=True)
class _Dose:
    sets: int
    amount: int
    load_kg: float


def week_volume(sessions: Sequence[GeneratedSession]) -> dict[int, int]:
    """Total strength sets per block week: the number rule 6 and the charts compare."""
    out: dict[int, int] = {}
    for s in sessions:
        out[s.week] = out.get(s.week, 0) + sum(item.sets for item in s.items)
    return out


def strength_order(day: dt.date, sessions: Iterable[Session]) -> int:
    """An ``order`` that puts a new strength session after everything else that day.

    The generator's placements assume this (rule 3: run first, then strength); the
    service saving a generated session should use it.
    """
    orders = [s.order for s in sessions if s.date == day]
    return min(max(orders) + 1, b.ORDER[1]) if orders else 0


# --- choosing exercises -------------------------------------------------------------


def _is_plyometric(ex: Exercise) -> bool:
    return ex.kind is ExerciseKind.PLYOMETRIC or ex.group is ExerciseGroup.POWER


def _avoided(ex: Exercise, avoid: frozenset[str]) -> bool:
    """``athlete.avoid`` may name kinds, focus values, groups, keys or names."""
    names = {ex.kind.value, ex.group.value, ex.name.lower(), *(f.value for f in ex.focus)}
    if ex.key:
        names.add(ex.key.lower())
    return not names.isdisjoint(avoid)


def _available(ex: Exercise, equipment: frozenset[Equipment]) -> bool:
    return any(e is Equipment.NONE or e in equipment for e in ex.equipment)


def _needs_weights(ex: Exercise) -> bool:
    """Only doable with external load (a Romanian deadlift, a seated calf raise…)."""
    return all(e in WEIGHTS for e in ex.equipment)


def _loadable(ex: Exercise, equipment: frozenset[Equipment]) -> bool:
    """A lower-body rep exercise the athlete can add kilograms to with their kit."""
    return (
        ex.group in LOWER_BODY_GROUPS
        and not _is_plyometric(ex)
        and ex.dose_kind is DoseKind.REPS
        and any(e in WEIGHTS and e in equipment for e in ex.equipment)
    )


def _single_leg(ex: Exercise) -> bool:
    return ex.per_side or "single" in ex.name.lower()


def _calf_raise(ex: Exercise) -> bool:
    """A calf raise proper: the calf group also holds shin and ankle work (tibialis
    raises), which does not load the calves and Achilles the way every session should."""
    return ex.group is ExerciseGroup.CALF_ACHILLES and "calf" in f"{ex.name} {ex.key}".lower()


def _rank(
    pool: Sequence[Exercise], equipment: frozenset[Equipment], foundation: bool
) -> dict[ExerciseGroup, list[Exercise]]:
    """Candidates per group, best first: single-leg quads and real calf raises, loadable
    lifts (outside the foundation weeks, so the Load phase has something to load),
    easier levels, then id."""
    out: dict[ExerciseGroup, list[Exercise]] = {}
    for ex in pool:
        out.setdefault(ex.group, []).append(ex)
    for group, exs in out.items():
        exs.sort(
            key=lambda ex: (
                0 if group is not ExerciseGroup.QUAD_SINGLE_LEG or _single_leg(ex) else 1,
                0 if group is not ExerciseGroup.CALF_ACHILLES or _calf_raise(ex) else 1,
                0 if foundation or _loadable(ex, equipment) else 1,
                _LEVEL_RANK[ex.level],
                ex.id if ex.id is not None else 0,
            )
        )
    return out


def _select(
    usable: Sequence[Exercise], options: GeneratorOptions, foundation: bool, plyo: bool
) -> list[list[Exercise]]:
    """The exercises of each of the week's sessions.

    Session *i* takes the *i*-th candidate of each group, so the sessions of a week
    differ wherever the library allows, while the same phase always gives the same
    choice — which is what lets a dose progress exercise by exercise across weeks.
    """
    eq = options.equipment
    pool = [ex for ex in usable if _available(ex, eq) and not _is_plyometric(ex)]
    if foundation:  # bodyweight only, form first
        pool = [ex for ex in pool if not _needs_weights(ex) and ex.level is not Level.ADVANCED]
    if not any(_calf_raise(ex) for ex in pool):
        pool += [
            ex
            for ex in usable
            if _calf_raise(ex)
            and ex not in pool
            and not _is_plyometric(ex)
            and any(e in HOUSEHOLD for e in ex.equipment)
        ]
    ranked = _rank(pool, eq, foundation)
    jumps = (
        sorted(
            (ex for ex in usable if _is_plyometric(ex) and _available(ex, eq)),
            key=lambda ex: (_LEVEL_RANK[ex.level], ex.id or 0),
        )
        if plyo
        else []
    )

    sessions: list[list[Exercise]] = []
    for i in range(options.strength_days):
        chosen: list[Exercise] = []

        def pick(
            groups: Sequence[ExerciseGroup],
            prefer: Callable[[Exercise], bool] | None = None,
            i: int = i,
            chosen: list[Exercise] = chosen,
        ) -> None:
            for group in groups:
                cands = [ex for ex in ranked.get(group, ()) if ex not in chosen]
                if prefer is not None:  # a main slot: rotate within the right kind only
                    cands = [ex for ex in cands if prefer(ex)] or cands
                if cands:
                    chosen.append(cands[i % len(cands)])
                    return

        pick((ExerciseGroup.GLUTE_HIP,))
        pick((ExerciseGroup.QUAD_SINGLE_LEG,), _single_leg)
        pick((ExerciseGroup.CALF_ACHILLES,), _calf_raise)
        pick((ExerciseGroup.CORE,))
        pick(_EXTRA_LOWER[i % 3])
        pick(_EXTRA_OTHER[i % 3])
        while len(chosen) < MIN_ITEMS:
            before = len(chosen)
            pick(_FILL)
            if len(chosen) == before:
                break
        if jumps and len(chosen) < MAX_ITEMS:
            chosen.append(jumps[i % len(jumps)])
        chosen.sort(key=lambda ex: _SESSION_ORDER[ex.group])
        sessions.append(chosen)
    return sessions


# --- dosing -------------------------------------------------------------------------


def _start_load(ex: Exercise, equipment: frozenset[Equipment]) -> float:
    """Light resistance for exercises that cannot be done without it; else bodyweight."""
    if not _needs_weights(ex):
        return 0.0
    kit = [e for e in ex.equipment if e in equipment] or list(ex.equipment)
    return max(_START_KG.get(e, _DEFAULT_START_KG) for e in kit)


def _more_volume(ex: Exercise, dose: _Dose) -> _Dose:
    lo, hi = b.dose_bounds(ex.dose_kind.value)
    amount = min(max(dose.amount + _VOLUME_STEP[ex.dose_kind], lo), hi, 3600)
    return dataclasses.replace(dose, amount=amount)


def _more_load(dose: _Dose) -> _Dose:
    return dataclasses.replace(dose, load_kg=min(dose.load_kg + LOAD_STEP_KG, b.LOAD_KG[1]))


class _Progress:
    """Per-exercise dose across the block, so each week changes one variable at most.

    Load weeks alternate: odd weeks add 2.5 kg to loadable lower-body lifts, even weeks
    add a rep (or 5 s, or a few steps) to everything. An exercise that cannot be loaded
    holds its dose on the load weeks rather than changing something else.
    """

    def __init__(self, equipment: frozenset[Equipment]) -> None:
        self.equipment = equipment
        self.state: dict[int, _Dose] = {}
        self.last_week: dict[int, int] = {}

    def dose(self, ex: Exercise, week: int, natural: Phase, progress_week: bool) -> _Dose:
        assert ex.id is not None
        if _is_plyometric(ex):  # low-volume plyometrics, 2–3 × 5–8
            return _Dose(max(1, min(ex.sets, 2)), ex.rep_min, 0.0)
        if natural in (Phase.BEFORE, Phase.FOUNDATION):
            d = dose_for_phase(ex, Phase.FOUNDATION)
            return _Dose(d.sets, d.amount, 0.0)
        build = dose_for_phase(ex, Phase.BUILD)
        start = _Dose(build.sets, build.amount, _start_load(ex, self.equipment))
        prev = self.state.get(ex.id)
        if natural is Phase.BUILD or prev is None:
            dose = start
        elif not progress_week or self.last_week.get(ex.id) != week - 1:
            dose = prev
        elif week % 2 == 1:
            dose = _more_load(prev) if _loadable(ex, self.equipment) else prev
        else:
            dose = _more_volume(ex, prev)
        self.state[ex.id] = dose
        return dose

    def seen(self, ex: Exercise, week: int) -> None:
        assert ex.id is not None
        self.last_week[ex.id] = week


def _cut(doses: list[list[_Dose]], baseline: float) -> list[list[_Dose]]:
    """Peak and race weeks: 50–70 % of the usual weekly sets, amount and load kept.

    ``baseline`` is the yardstick rule 6 measures with (:func:`rules.baseline_weekly_sets`
    over the block's Build and Load weeks), so the week view finds the cut in its band.
    Start from 60 % of every item, then take or give back single sets — from the
    biggest items first — until the week's total sits inside the band.
    """
    lo = math.ceil(PEAK_MIN_SHARE * baseline)
    hi = max(lo, math.floor(PEAK_MAX_SHARE * baseline))
    sets = [[max(1, round(d.sets * PEAK_SHARE)) for d in row] for row in doses]
    cells = [(r, c) for r, row in enumerate(doses) for c in range(len(row))]
    total = sum(map(sum, sets))
    while total > hi:  # take from the biggest item, the last one on a tie (core, upper body)
        over = [(sets[r][c], r, c) for r, c in cells if sets[r][c] > 1]
        if not over:
            break
        _, r, c = max(over)
        sets[r][c] -= 1
        total -= 1
    while total < lo:  # give back to the item cut the most, the first one on a tie
        room = [
            (doses[r][c].sets - sets[r][c], -r, -c)
            for r, c in cells
            if sets[r][c] < doses[r][c].sets
        ]
        if not room:
            break
        _, nr, nc = max(room)
        sets[-nr][-nc] += 1
        total += 1
    return [
        [dataclasses.replace(d, sets=s) for d, s in zip(row, srow, strict=True)]
        for row, srow in zip(doses, sets, strict=True)
    ]


# --- placing sessions ---------------------------------------------------------------


def _day_penalty(day: dt.date, others: Sequence[Session], philosophy: Philosophy) -> int:
    """How far a day is from where the philosophy wants strength (0 = ideal).

    Race day and the day before it are kept clear even of a light session: rules 4 and
    5 only guard against heavy ones, but nobody wants sore legs on the start line.
    """
    kinds = {s.kind for s in others if s.date == day and not s.skipped}
    eve = any(
        s.kind is SessionKind.RACE and not s.skipped and s.date == day + dt.timedelta(days=1)
        for s in others
    )
    penalty = (10 if SessionKind.RACE in kinds else 0) + (5 if eve else 0)
    hard = any(k.is_hard_run for k in kinds)
    if philosophy is Philosophy.EASY_DAYS:
        if hard:
            penalty += 4
        elif SessionKind.MODERATE in kinds:
            penalty += 1
        elif SessionKind.REST in kinds and not any(k.is_run for k in kinds):
            penalty += 1  # a planned rest day stays a rest day where possible
    elif not (SessionKind.LONG in kinds or SessionKind.QUALITY in kinds):
        penalty += 2
    return penalty


def _min_gap(offsets: Sequence[int]) -> int:
    """Smallest spacing between strength days, wrapping into the next (similar) week."""
    days = sorted(offsets)
    if len(days) < 2:
        return 7
    gaps = [b2 - a for a, b2 in itertools.pairwise(days)] + [days[0] + 7 - days[-1]]
    return min(gaps)


def _placements(
    profiles: Sequence[StrengthProfile], allowed: Sequence[int]
) -> Iterable[tuple[int, ...]]:
    """Day offsets for each session; sessions alike for the rules are not swapped.

    Rules 2–5 read nothing of a profile but ``heavy``, so two sessions equally heavy are
    interchangeable: trying both orders would only cost time.
    """
    pairs = [
        (i, j)
        for i, j in itertools.combinations(range(len(profiles)), 2)
        if profiles[i].heavy == profiles[j].heavy
    ]
    for perm in itertools.permutations(allowed, len(profiles)):
        if all(perm[i] < perm[j] for i, j in pairs):
            yield perm


def place_week(
    athlete: Athlete,
    week: int,
    profiles: Sequence[StrengthProfile],
    context: Sequence[Session],
    context_profiles: dict[int, StrengthProfile],
    allowed: Sequence[int],
) -> list[dt.date]:
    """The days for the week's sessions: fewest rule 2–5 warnings, then the philosophy's
    preferred days, then fewest notes, then the widest spacing, then the earliest days."""
    days = week_dates(athlete, week)
    all_profiles = dict(context_profiles)
    all_profiles.update({p.session_id: p for p in profiles if p.session_id is not None})
    penalties = [_day_penalty(d, context, athlete.philosophy) for d in days]
    best: tuple[tuple[int, ...], tuple[int, ...]] | None = None
    # One candidate card per (session, day), built once: validation is not free.
    cards = [
        [
            Session(
                athlete_id=athlete.id or 0,
                date=d,
                kind=SessionKind.STRENGTH,
                order=strength_order(d, context),
                id=p.session_id,
            )
            for d in days
        ]
        for p in profiles
    ]
    for perm in _placements(profiles, allowed):
        trial = [cards[n][off] for n, off in enumerate(perm)]
        found = placement_warnings(athlete, week, [*context, *trial], all_profiles)
        warnings = sum(1 for w in found if w.severity == WARNING)
        notes = sum(1 for w in found if w.severity == INFO)
        penalty = sum(penalties[off] for off in perm)
        key = (warnings, penalty, notes, -min(_min_gap(perm), 3), *sorted(perm), *perm)
        if best is None or key < best[0]:
            best = (key, perm)
    assert best is not None
    return [days[off] for off in best[1]]


# --- the block ----------------------------------------------------------------------


def _profile_of(sid: int, items: Sequence[tuple[Exercise, _Dose]]) -> StrengthProfile:
    planned = [
        (
            PlannedExercise(
                session_id=sid,
                exercise_id=ex.id or 0,
                position=i,
                sets=d.sets,
                amount=d.amount,
                load_kg=d.load_kg,
                per_side=ex.per_side,
            ),
            ex,
        )
        for i, (ex, d) in enumerate(items)
    ]
    return strength_profile(planned, sid)


@dataclass
class _Week:
    """One block week's content before placement: exercises and doses per session."""

    week: int
    phase: Phase
    contents: list[list[Exercise]]
    doses: list[list[_Dose]]

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
        and not _avoided(ex, avoid)
    ]
    progress = _Progress(options.equipment)

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
                [ex for ex in row if phase is not Phase.RACE or not _is_plyometric(ex)]
                for row in last_full.contents
            ]
        else:
            foundation = natural in (Phase.BEFORE, Phase.FOUNDATION)
            plyo = options.plyometrics and phase is Phase.POWER
            contents = _select(usable, options, foundation, plyo)
        contents = [row for row in contents if row][:n_open]
        progress_week = (
            natural is Phase.LOAD and phase is Phase.LOAD and prev_phase not in _CUT_PHASES
        )
        prev_phase = phase
        week_doses: dict[int, _Dose] = {}
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
            p.doses = _cut(p.doses, usual if usual is not None else p.total)

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
            _profile_of(sid, list(zip(row, drow, strict=True)))
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
