"""Closed vocabularies of the domain.

Values are stable strings: they are stored in the database and in resource files,
so renaming a member's *value* needs a migration; labels are free to change.
"""

from __future__ import annotations

from enum import Enum


class _Labelled(str, Enum):
    """A string enum whose members carry a human label for the UI and the PDFs."""

    @property
    def label(self) -> str:
        return _LABELS.get(self, self.value.replace("_", " ").capitalize())

    @classmethod
    def parse(cls, value: str) -> _Labelled:
        """Accept a stored value; raise a readable error for anything else."""
        from runstrong_gui.domain.errors import ValidationError

        try:
            return cls(value)
        except ValueError:
            allowed = ", ".join(m.value for m in cls)
            raise ValidationError(
                cls.__name__, f"'{value}' is not a valid choice (expected one of: {allowed})"
            ) from None


class Units(_Labelled):
    KG = "kg"
    LB = "lb"


class Philosophy(_Labelled):
    """Where strength goes in the week (scheduling rule 7)."""

    EASY_DAYS = "easy_days"
    HARD_DAYS = "hard_days"


class SessionKind(_Labelled):
    EASY = "easy"
    MODERATE = "moderate"
    LONG = "long"
    QUALITY = "quality"
    RACE = "race"
    WALK = "walk"
    CROSS = "cross"
    REST = "rest"
    STRENGTH = "strength"

    @property
    def is_run(self) -> bool:
        return self in _RUNS

    @property
    def is_hard_run(self) -> bool:
        """Long, quality and race runs: the ones rules 4 and 5 protect."""
        return self in (SessionKind.LONG, SessionKind.QUALITY, SessionKind.RACE)


_RUNS = frozenset(
    {
        SessionKind.EASY,
        SessionKind.MODERATE,
        SessionKind.LONG,
        SessionKind.QUALITY,
        SessionKind.RACE,
    }
)


class ExerciseGroup(_Labelled):
    GLUTE_HIP = "glute_hip"
    QUAD_SINGLE_LEG = "quad_single_leg"
    CALF_ACHILLES = "calf_achilles"
    CORE = "core"
    POWER = "power"
    UPPER_BODY = "upper_body"
    COMPOUND = "compound"


class ExerciseKind(_Labelled):
    STRENGTH = "strength"
    PLYOMETRIC = "plyometric"
    CORE = "core"
    MOBILITY = "mobility"


class Level(_Labelled):
    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"


class DoseKind(_Labelled):
    REPS = "reps"
    SECONDS = "seconds"
    STEPS = "steps"
    METRES = "metres"

    @property
    def unit(self) -> str:
        return {"reps": "", "seconds": "s", "steps": "steps", "metres": "m"}[self.value]


class Focus(_Labelled):
    IT_BAND = "it_band"
    RUNNERS_KNEE = "runners_knee"
    ACHILLES = "achilles"
    GENERAL = "general"


class Equipment(_Labelled):
    NONE = "none"
    BAND = "band"
    DUMBBELLS = "dumbbells"
    KETTLEBELL = "kettlebell"
    HEX_BAR = "hex_bar"
    STEP = "step"
    BOX = "box"
    BENCH = "bench"
    WALL = "wall"
    MACHINE = "machine"
    WEIGHT_PLATE = "weight_plate"
    CABLE = "cable"
    PULLUP_BAR = "pullup_bar"


class Phase(_Labelled):
    """The phases of the 12-week block (the progression table)."""

    BEFORE = "before"
    FOUNDATION = "foundation"
    BUILD = "build"
    LOAD = "load"
    POWER = "power"
    PEAK = "peak"
    RACE = "race"


_LABELS: dict[_Labelled, str] = {
    Units.KG: "kg",
    Units.LB: "lb",
    Philosophy.EASY_DAYS: "Strength on easy days",
    Philosophy.HARD_DAYS: "Hard days hard",
    SessionKind.EASY: "Easy run",
    SessionKind.MODERATE: "Moderate run",
    SessionKind.LONG: "Long run",
    SessionKind.QUALITY: "Quality run",
    SessionKind.RACE: "Race",
    SessionKind.WALK: "Walk",
    SessionKind.CROSS: "Cross-training",
    SessionKind.REST: "Rest",
    SessionKind.STRENGTH: "Strength",
    ExerciseGroup.GLUTE_HIP: "Glutes & hips",
    ExerciseGroup.QUAD_SINGLE_LEG: "Quads & single-leg",
    ExerciseGroup.CALF_ACHILLES: "Calves & Achilles",
    ExerciseGroup.CORE: "Core",
    ExerciseGroup.POWER: "Power",
    ExerciseGroup.UPPER_BODY: "Upper body",
    ExerciseGroup.COMPOUND: "Compound lifts",
    Focus.IT_BAND: "IT band",
    Focus.RUNNERS_KNEE: "Runner's knee",
    Focus.ACHILLES: "Achilles",
    Focus.GENERAL: "General",
    Equipment.NONE: "No equipment",
    Equipment.HEX_BAR: "Hex bar",
    Equipment.WEIGHT_PLATE: "Weight plate",
    Equipment.PULLUP_BAR: "Pull-up bar",
    Phase.BEFORE: "Before the block",
}
