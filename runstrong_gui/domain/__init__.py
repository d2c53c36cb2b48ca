"""Plain-Python core: the records, rules and numbers of the planner. No Qt, no SQL."""

from runstrong_gui.domain.enums import (
    DoseKind,
    Equipment,
    ExerciseGroup,
    ExerciseKind,
    Focus,
    Level,
    Phase,
    Philosophy,
    SessionKind,
    Units,
)
from runstrong_gui.domain.errors import ValidationError
from runstrong_gui.domain.models import Athlete, Exercise, PlannedExercise, Session, SetLog

__all__ = [
    "Athlete",
    "DoseKind",
    "Equipment",
    "Exercise",
    "ExerciseGroup",
    "ExerciseKind",
    "Focus",
    "Level",
    "Phase",
    "Philosophy",
    "PlannedExercise",
    "Session",
    "SessionKind",
    "SetLog",
    "Units",
    "ValidationError",
]
