"""Doses for the block generator: where loads start, how a dose progresses one
variable at a time, and the peak and race weeks' cut (rule 6) against the usual volume.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

from runstrong_gui.domain import bounds as b
from runstrong_gui.domain.enums import (
    DoseKind,
    Equipment,
    Phase,
)
from runstrong_gui.domain.exercise_choice import loadable, needs_weights
from runstrong_gui.domain.models import Exercise
from runstrong_gui.domain.progression import dose_for_phase
from runstrong_gui.domain.rules import (
    PEAK_MAX_SHARE,
    PEAK_MIN_SHARE,
)
from runstrong_gui.domain.strength_profile import is_plyometric

LOAD_STEP_KG = 2.5

PEAK_SHARE = 0.6  # the middle of the 30–50 % cut rule 6 asks for


_START_KG = {Equipment.HEX_BAR: 20.0, Equipment.MACHINE: 10.0}


_DEFAULT_START_KG = 5.0


_VOLUME_STEP = {DoseKind.REPS: 1, DoseKind.SECONDS: 5, DoseKind.STEPS: 2, DoseKind.METRES: 5}


@dataclass(frozen=True)
class Dose:
    sets: int
    amount: int
    load_kg: float


def start_load(ex: Exercise, equipment: frozenset[Equipment]) -> float:
    """Light resistance for exercises that cannot be done without it; else bodyweight."""
    if not needs_weights(ex):
        return 0.0
    kit = [e for e in ex.equipment if e in equipment] or list(ex.equipment)
    return max(_START_KG.get(e, _DEFAULT_START_KG) for e in kit)


def _more_volume(ex: Exercise, dose: Dose) -> Dose:
    lo, hi = b.dose_bounds(ex.dose_kind.value)
    amount = min(max(dose.amount + _VOLUME_STEP[ex.dose_kind], lo), hi, 3600)
    return dataclasses.replace(dose, amount=amount)


def _more_load(dose: Dose) -> Dose:
    return dataclasses.replace(dose, load_kg=min(dose.load_kg + LOAD_STEP_KG, b.LOAD_KG[1]))


class Progress:
    """Per-exercise dose across the block, so each week changes one variable at most.

    Load weeks alternate: odd weeks add 2.5 kg to loadable lower-body lifts, even weeks
    add a rep (or 5 s, or a few steps) to everything. An exercise that cannot be loaded
    holds its dose on the load weeks rather than changing something else.
    """

    def __init__(self, equipment: frozenset[Equipment]) -> None:
        self.equipment = equipment
        self.state: dict[int, Dose] = {}
        self.last_week: dict[int, int] = {}

    def dose(self, ex: Exercise, week: int, natural: Phase, progress_week: bool) -> Dose:
        assert ex.id is not None
        if is_plyometric(ex):  # low-volume plyometrics, 2–3 × 5–8
            return Dose(max(1, min(ex.sets, 2)), ex.rep_min, 0.0)
        if natural in (Phase.BEFORE, Phase.FOUNDATION):
            d = dose_for_phase(ex, Phase.FOUNDATION)
            return Dose(d.sets, d.amount, 0.0)
        build = dose_for_phase(ex, Phase.BUILD)
        start = Dose(build.sets, build.amount, start_load(ex, self.equipment))
        prev = self.state.get(ex.id)
        if natural is Phase.BUILD or prev is None:
            dose = start
        elif not progress_week or self.last_week.get(ex.id) != week - 1:
            dose = prev
        elif week % 2 == 1:
            dose = _more_load(prev) if loadable(ex, self.equipment) else prev
        else:
            dose = _more_volume(ex, prev)
        self.state[ex.id] = dose
        return dose

    def seen(self, ex: Exercise, week: int) -> None:
        assert ex.id is not None
        self.last_week[ex.id] = week


def cut_doses(doses: list[list[Dose]], baseline: float) -> list[list[Dose]]:
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
