"""What the scheduling rules need to know about one strength session, without its exercises.

The rules, the generator's placement and the fit of a running plan all judge a strength
session by the same few facts (lower body, heavy, sets, calves, single-leg, squats);
this module is the one place those facts are drawn from the planned exercises.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from runstrong_gui.domain.enums import ExerciseGroup, ExerciseKind
from runstrong_gui.domain.models import Exercise, PlannedExercise, Session

LOWER_BODY_GROUPS = frozenset(
    {
        ExerciseGroup.GLUTE_HIP,
        ExerciseGroup.QUAD_SINGLE_LEG,
        ExerciseGroup.CALF_ACHILLES,
        ExerciseGroup.COMPOUND,
        ExerciseGroup.POWER,
    }
)
_SQUAT_WORDS = ("squat", "lunge", "step up", "step down", "wall sit")


@dataclass(frozen=True)
class StrengthProfile:
    """What the rules need to know about one strength session, without its exercises."""

    session_id: int | None
    lower_body: bool
    heavy: bool
    total_sets: int
    has_calf: bool
    has_single_leg: bool
    has_squat_pattern: bool


EMPTY_PROFILE = StrengthProfile(None, False, False, 0, False, False, False)


def _words(exercise: Exercise) -> str:
    return _name_words(exercise.name, exercise.key or "")


@lru_cache(maxsize=4096)
def _name_words(name: str, key: str) -> str:
    """Kept per name: every week shown asks again about the same few exercises."""
    return f"{name} {key}".lower().replace("_", " ").replace("-", " ")


def _is_single_leg(planned: PlannedExercise, exercise: Exercise) -> bool:
    """One-leg stance work: split squats, step-downs, single-leg bridges and the like.

    Calf raises are left out on purpose: the advisory is about hip and knee control,
    which a one-legged calf raise does not train. Two-legged quad work (wall sit,
    terminal knee extension) is in the quad group but is not single-leg either.
    """
    if exercise.group in (ExerciseGroup.CALF_ACHILLES, ExerciseGroup.UPPER_BODY):
        return False
    if not (planned.per_side or exercise.per_side):
        return False
    return exercise.group is ExerciseGroup.QUAD_SINGLE_LEG or "single" in _words(exercise)


def _is_squat_pattern(exercise: Exercise) -> bool:
    words = _words(exercise)
    return any(w in words for w in _SQUAT_WORDS)


def is_plyometric(exercise: Exercise) -> bool:
    """Jumps, hops and bounds: the power work kept for after the base."""
    return exercise.kind is ExerciseKind.PLYOMETRIC or exercise.group is ExerciseGroup.POWER


def is_heavy_lower(planned: PlannedExercise, exercise: Exercise) -> bool:
    """Lower-body work that blunts a hard run: legs under external load, or jumps.

    The one definition of "heavy" the rules, the generator and the week view share.
    Volume alone does not make work heavy: a bodyweight Foundation session of bridges,
    lunges and calf raises leaves the legs fresh for tomorrow's long run, and a
    Romanian deadlift planned at 0 kg is a bodyweight hinge.
    """
    if exercise.group not in LOWER_BODY_GROUPS:
        return False
    return planned.load_kg > 0 or is_plyometric(exercise)


def strength_profile(
    items: Sequence[tuple[PlannedExercise, Exercise]], session_id: int | None = None
) -> StrengthProfile:
    """Summarise a strength session for the rules; *heavy* per :func:`is_heavy_lower`."""
    lower = [(pe, ex) for pe, ex in items if ex.group in LOWER_BODY_GROUPS]
    return StrengthProfile(
        session_id=session_id,
        lower_body=bool(lower),
        heavy=any(is_heavy_lower(pe, ex) for pe, ex in items),
        total_sets=sum(pe.sets for pe, _ in items),
        has_calf=any(ex.group is ExerciseGroup.CALF_ACHILLES for _, ex in items),
        has_single_leg=any(_is_single_leg(pe, ex) for pe, ex in items),
        has_squat_pattern=any(_is_squat_pattern(ex) for _, ex in items),
    )


def session_profile(profiles: Mapping[int, StrengthProfile], session: Session) -> StrengthProfile:
    """A strength session with no known exercises counts as empty (and so not heavy)."""
    if session.id is None:
        return EMPTY_PROFILE
    return profiles.get(session.id, EMPTY_PROFILE)
