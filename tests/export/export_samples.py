"""Realistic hand-built plans for the export tests and for looking at the PDFs."""

from __future__ import annotations

import datetime as dt
import itertools

from runstrong_gui.domain.enums import DoseKind, ExerciseGroup, Focus, Phase, SessionKind, Units
from runstrong_gui.domain.models import Athlete, Exercise, PlannedExercise, Session
from runstrong_gui.domain.progression import dose_for_phase, phase_of, week_dates
from runstrong_gui.export.documents import (
    ClinicInfo,
    DayPlan,
    HandoutData,
    ItemPlan,
    LogSheetData,
    ProgrammeData,
    SessionPlan,
    WeekPlanData,
)

BLOCK_START = dt.date(2025, 3, 3)  # a Monday
_ids = itertools.count(1000)


def athlete(name: str = "Zoë Ødegård", units: Units = Units.KG) -> Athlete:
    return Athlete(name=name, units=units, block_start=BLOCK_START, id=1)


def _ex(
    id_: int,
    name: str,
    group: ExerciseGroup,
    sets: int,
    lo: int,
    hi: int,
    *,
    per_side: bool = False,
    kind: DoseKind = DoseKind.REPS,
    tempo: str = "",
    steps: tuple[str, ...] = (),
    cues: tuple[str, ...] = (),
    stop_if: tuple[str, ...] = (),
    focus: tuple[Focus, ...] = (Focus.GENERAL,),
    **kw: object,
) -> Exercise:
    return Exercise(
        name=name,
        group=group,
        sets=sets,
        rep_min=lo,
        rep_max=hi,
        per_side=per_side,
        dose_kind=kind,
        tempo=tempo,
        steps=steps,
        cues=cues,
        stop_if=stop_if,
        focus=focus,
        id=id_,
        builtin=True,
        **kw,
    )  # type: ignore[arg-type]


BRIDGE = _ex(
    1,
    "Single-leg glute bridge",
    ExerciseGroup.GLUTE_HIP,
    3,
    10,
    12,
    per_side=True,
    tempo="2-1-2",
    focus=(Focus.IT_BAND, Focus.RUNNERS_KNEE),
    steps=(
        "Lie on your back, one knee bent with the foot flat, the other leg straight.",
        "Press through the heel of the bent leg and lift your hips until your body "
        "forms a straight line from shoulder to knee.",
        "Hold for a second at the top, then lower slowly.",
        "Finish all repetitions on one side before you switch.",
    ),
    cues=(
        "Keep the pelvis level; don't let the free side drop.",
        "Squeeze the buttock, not the lower back.",
    ),
    stop_if=("you feel cramp or pain at the back of the knee",),
)
LUNGE = _ex(
    2,
    "Reverse lunge",
    ExerciseGroup.QUAD_SINGLE_LEG,
    3,
    8,
    12,
    per_side=True,
    steps=(
        "Stand tall with your feet hip-width apart.",
        "Step one foot back and lower until both knees are bent to about 90°.",
        "Push through the front foot to return to standing.",
    ),
    cues=("Front knee tracks over the middle toes.", "Keep your chest up."),
)
CALF = _ex(
    3,
    "Single-leg calf raise, straight knee",
    ExerciseGroup.CALF_ACHILLES,
    3,
    12,
    15,
    per_side=True,
    tempo="1-1-3",
    focus=(Focus.ACHILLES,),
    steps=(
        "Stand on one foot on the edge of a step, heel hanging off, a hand on the wall.",
        "Rise as high as you can onto the ball of the foot.",
        "Lower for three seconds until the heel is below the step.",
    ),
    cues=("Use the whole range, top to bottom.", "Keep the knee straight but not locked."),
    stop_if=("Achilles pain is worse the next morning",),
    video_url="https://example.org/videos/calf-raise-straight-knee",
)
DEAD_BUG = _ex(
    4,
    "Dead bug",
    ExerciseGroup.CORE,
    3,
    8,
    8,
    per_side=True,
    steps=(
        "Lie on your back, arms pointing at the ceiling, hips and knees bent to 90°.",
        "Slowly lower the opposite arm and leg towards the floor while you breathe out.",
        "Return and switch sides.",
    ),
    cues=("Lower back stays pressed into the floor.",),
)
SIDE_PLANK = _ex(
    5,
    "Side plank",
    ExerciseGroup.CORE,
    3,
    20,
    30,
    per_side=True,
    kind=DoseKind.SECONDS,
    steps=(
        "Lie on your side, forearm under the shoulder, legs straight.",
        "Lift your hips so your body forms a straight line; hold.",
    ),
    cues=("Don't let the hips sag or roll backwards.",),
)
RDL = _ex(
    6,
    "Romanian deadlift",
    ExerciseGroup.GLUTE_HIP,
    3,
    8,
    10,
    steps=(
        "Hold the dumbbells in front of your thighs, knees softly bent.",
        "Push the hips back and let the weights slide down the legs to mid-shin.",
        "Drive the hips forward to stand tall.",
    ),
    cues=("A hip hinge, not a squat.", "Keep your back long and flat."),
)
SPLIT_SQUAT = _ex(
    7,
    "Split squat",
    ExerciseGroup.QUAD_SINGLE_LEG,
    3,
    8,
    10,
    per_side=True,
    focus=(Focus.RUNNERS_KNEE,),
    steps=("Stand in a long stride, back heel lifted.", "Lower straight down, then press up."),
)
BAND_WALK = _ex(
    8,
    "Lateral band walk",
    ExerciseGroup.GLUTE_HIP,
    3,
    12,
    12,
    kind=DoseKind.STEPS,
    steps=("Band around the ankles, half-squat.", "Take short steps sideways, then back."),
    cues=("Short steps, stay low.",),
)
SEATED_CALF = _ex(
    9,
    "Seated calf raise with load",
    ExerciseGroup.CALF_ACHILLES,
    3,
    12,
    12,
    steps=(
        "Sit with a weight plate on your knees, balls of the feet on a step.",
        "Lift the heels as high as you can, then lower slowly.",
    ),
)
STEP_DOWN = _ex(
    10,
    "Step-down (slow)",
    ExerciseGroup.QUAD_SINGLE_LEG,
    3,
    8,
    8,
    per_side=True,
    tempo="4-0-1",
    focus=(Focus.RUNNERS_KNEE,),
    steps=("Stand on a step on one leg.", "Lower the other heel to the floor over 3–4 s."),
)

HOME = (BRIDGE, LUNGE, CALF, DEAD_BUG, SIDE_PLANK)
GYM = (RDL, SPLIT_SQUAT, BAND_WALK, SEATED_CALF, STEP_DOWN, DEAD_BUG, SIDE_PLANK)


def planned(
    ex: Exercise,
    session_id: int,
    position: int,
    *,
    sets: int | None = None,
    amount: int | None = None,
    load_kg: float = 0.0,
    notes: str = "",
) -> PlannedExercise:
    return PlannedExercise(
        session_id=session_id,
        exercise_id=ex.id or 0,
        position=position,
        sets=sets if sets is not None else ex.sets,
        amount=amount if amount is not None else ex.default_amount,
        load_kg=load_kg,
        tempo=ex.tempo,
        rest_seconds=60,
        per_side=ex.per_side,
        notes=notes,
        id=next(_ids),
    )


def strength(
    athlete_: Athlete,
    day: dt.date,
    exercises: tuple[Exercise, ...],
    *,
    title: str = "",
    order: int = 1,
    week: int = 3,
    loads: dict[int, float] | None = None,
    notes: str = "",
) -> SessionPlan:
    """A strength session with each exercise at its phase's dose."""
    sid = next(_ids)
    session = Session(
        athlete_id=athlete_.id or 0,
        date=day,
        kind=SessionKind.STRENGTH,
        order=order,
        title=title,
        notes=notes,
        id=sid,
    )
    phase = phase_of(athlete_, week)
    items = []
    for pos, ex in enumerate(exercises):
        dose = dose_for_phase(ex, phase)
        load = (loads or {}).get(ex.id or 0, 0.0) if phase not in (Phase.FOUNDATION,) else 0.0
        items.append(
            ItemPlan(ex, planned(ex, sid, pos, sets=dose.sets, amount=dose.amount, load_kg=load))
        )
    return SessionPlan(session, tuple(items))


def activity(
    athlete_: Athlete,
    day: dt.date,
    kind: SessionKind,
    minutes: int | None = None,
    km: float | None = None,
    *,
    title: str = "",
    notes: str = "",
) -> SessionPlan:
    return SessionPlan(
        Session(
            athlete_id=athlete_.id or 0,
            date=day,
            kind=kind,
            order=0,
            minutes=minutes,
            distance_km=km,
            title=title,
            notes=notes,
            id=next(_ids),
        )
    )


def week_days(athlete_: Athlete, week: int, *, gym: bool = True) -> tuple[DayPlan, ...]:
    """A typical three-run week with two strength sessions."""
    d = week_dates(athlete_, week)
    loads = {6: 10.0 + 2 * max(0, week - 6), 9: 15.0 + 2.5 * max(0, week - 6)}
    second = GYM if gym else HOME
    return (
        DayPlan(
            d[0],
            (
                activity(athlete_, d[0], SessionKind.EASY, 40, 7.5),
                strength(athlete_, d[0], HOME, title="Home routine", week=week),
            ),
        ),
        DayPlan(d[1], (activity(athlete_, d[1], SessionKind.WALK, 30),)),
        DayPlan(
            d[2],
            (
                activity(
                    athlete_,
                    d[2],
                    SessionKind.MODERATE,
                    50,
                    10,
                    notes="Last 10 min at half-marathon effort.",
                ),
            ),
        ),
        DayPlan(d[3], (strength(athlete_, d[3], second, title="Gym", week=week, loads=loads),)),
        DayPlan(d[4], (activity(athlete_, d[4], SessionKind.REST),)),
        DayPlan(
            d[5], (activity(athlete_, d[5], SessionKind.LONG, 95 + 5 * week, 16 + week * 0.8),)
        ),
        DayPlan(d[6], (activity(athlete_, d[6], SessionKind.WALK, 45, title="Forest walk"),)),
    )


def handout(
    athlete_: Athlete | None = None, *, image_path: str | None = None, logo_path: str | None = None
) -> HandoutData:
    a = athlete_ or athlete()
    exercises = [BRIDGE, LUNGE, CALF, DEAD_BUG, SIDE_PLANK]
    if image_path:
        exercises[0] = Exercise(**{**BRIDGE.__dict__, "image_path": image_path})
    sid = 1
    items = (
        ItemPlan(
            exercises[0],
            planned(exercises[0], sid, 0, sets=3, amount=10, notes="Start with the left side."),
        ),
        ItemPlan(exercises[1], planned(exercises[1], sid, 1, sets=3, amount=8)),
        ItemPlan(exercises[2], planned(exercises[2], sid, 2, sets=3, amount=12, load_kg=8)),
        ItemPlan(exercises[3], planned(exercises[3], sid, 3, sets=3, amount=8)),
        ItemPlan(exercises[4], planned(exercises[4], sid, 4, sets=2, amount=20)),
    )
    return HandoutData(
        clinic=ClinicInfo(
            "Fjord Physio & Running Clinic",
            "Storgata 12, 0155 Oslo · +47 22 00 00 00 · hello@fjordphysio.example",
            logo_path,
        ),
        athlete=a,
        therapist="Łukasz Wróbel",
        date=dt.date(2025, 3, 12),
        goal="Run the Oslo half marathon in September without knee pain.",
        items=items,
        schedule=week_days(a, 3, gym=False),
    )


def week_plan(athlete_: Athlete | None = None, week: int = 3) -> WeekPlanData:
    a = athlete_ or athlete()
    return WeekPlanData(a, week, week_days(a, week))


def programme(athlete_: Athlete | None = None, weeks: int = 12) -> ProgrammeData:
    a = athlete_ or athlete()
    return ProgrammeData(a, tuple((w, week_days(a, w)) for w in range(1, weeks + 1)))


def log_sheet(athlete_: Athlete | None = None, weeks: tuple[int, ...] = (3, 4)) -> LogSheetData:
    a = athlete_ or athlete()
    return LogSheetData(a, tuple((w, week_days(a, w)) for w in weeks))
