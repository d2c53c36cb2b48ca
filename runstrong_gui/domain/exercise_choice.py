"""Which exercises a generated session holds: by group (so every session covers glutes,
calves, quads and core), filtered by equipment, avoid list, level and jumps, ranked and
ordered inside the session.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from runstrong_gui.domain.enums import (
    DoseKind,
    Equipment,
    ExerciseGroup,
    Level,
)
from runstrong_gui.domain.models import Exercise
from runstrong_gui.domain.strength_profile import LOWER_BODY_GROUPS, is_plyometric

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

if TYPE_CHECKING:
    from runstrong_gui.domain.generator import GeneratorOptions


# A calf raise needs at most a stair or a wall; if the user ticked neither we still
# programme one rather than leave the calves out (every session loads them).
HOUSEHOLD = frozenset({Equipment.NONE, Equipment.STEP, Equipment.WALL})


_LEVEL_RANK = {Level.BEGINNER: 0, Level.INTERMEDIATE: 1, Level.ADVANCED: 2}


# Order inside a session: jumps while fresh, big lifts, single-leg, calves, core last.
SESSION_ORDER = {
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


def avoided(ex: Exercise, avoid: frozenset[str]) -> bool:
    """``athlete.avoid`` may name kinds, focus values, groups, keys or names."""
    names = {ex.kind.value, ex.group.value, ex.name.lower(), *(f.value for f in ex.focus)}
    if ex.key:
        names.add(ex.key.lower())
    return not names.isdisjoint(avoid)


def _available(ex: Exercise, equipment: frozenset[Equipment]) -> bool:
    return any(e is Equipment.NONE or e in equipment for e in ex.equipment)


def needs_weights(ex: Exercise) -> bool:
    """Only doable with external load (a Romanian deadlift, a seated calf raise…)."""
    return all(e in WEIGHTS for e in ex.equipment)


def loadable(ex: Exercise, equipment: frozenset[Equipment]) -> bool:
    """A lower-body rep exercise the athlete can add kilograms to with their kit."""
    return (
        ex.group in LOWER_BODY_GROUPS
        and not is_plyometric(ex)
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
                0 if foundation or loadable(ex, equipment) else 1,
                _LEVEL_RANK[ex.level],
                ex.id if ex.id is not None else 0,
            )
        )
    return out


def select_exercises(
    usable: Sequence[Exercise], options: GeneratorOptions, foundation: bool, plyo: bool
) -> list[list[Exercise]]:
    """The exercises of each of the week's sessions.

    Session *i* takes the *i*-th candidate of each group, so the sessions of a week
    differ wherever the library allows, while the same phase always gives the same
    choice — which is what lets a dose progress exercise by exercise across weeks.
    """
    eq = options.equipment
    pool = [ex for ex in usable if _available(ex, eq) and not is_plyometric(ex)]
    if foundation:  # bodyweight only, form first
        pool = [ex for ex in pool if not needs_weights(ex) and ex.level is not Level.ADVANCED]
    if not any(_calf_raise(ex) for ex in pool):
        pool += [
            ex
            for ex in usable
            if _calf_raise(ex)
            and ex not in pool
            and not is_plyometric(ex)
            and any(e in HOUSEHOLD for e in ex.equipment)
        ]
    ranked = _rank(pool, eq, foundation)
    jumps = (
        sorted(
            (ex for ex in usable if is_plyometric(ex) and _available(ex, eq)),
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
        chosen.sort(key=lambda ex: SESSION_ORDER[ex.group])
        sessions.append(chosen)
    return sessions
