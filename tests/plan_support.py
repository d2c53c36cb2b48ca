"""The generated block the services' tests plan on: two strength days a week, home
equipment, no plyometrics, twelve weeks."""

from __future__ import annotations

from runstrong_gui.domain.enums import Equipment, Philosophy
from runstrong_gui.domain.generator import GeneratorOptions

OPTIONS = GeneratorOptions(
    strength_days=2,
    equipment=frozenset({Equipment.DUMBBELLS, Equipment.STEP, Equipment.BAND}),
    philosophy=Philosophy.EASY_DAYS,
    plyometrics=False,
    weeks=12,
)
