"""Records refuse out-of-bounds values with a message that names the field."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from runstrong_gui.domain import (
    Athlete,
    DoseKind,
    Exercise,
    PlannedExercise,
    Session,
    SessionKind,
    SetLog,
    ValidationError,
)


def test_athlete_defaults_and_name_is_trimmed() -> None:
    a = Athlete(name="  Zoë Ødegård ")
    assert a.name == "Zoë Ødegård"
    assert a.units.value == "kg" and a.strength_days == 2


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"name": ""}, "Name"),
        ({"name": "x" * 121}, "Name"),
        ({"name": "A", "units": "stone"}, "Units"),
        ({"name": "A", "week_start": 7}, "Week starts on"),
        ({"name": "A", "strength_days": 4}, "Strength days per week"),
        ({"name": "A", "philosophy": "whatever"}, "Scheduling philosophy"),
        (
            {
                "name": "A",
                "block_start": dt.date(2026, 5, 1),
                "goal_race_date": dt.date(2026, 4, 1),
            },
            "Goal race date",
        ),
    ],
)
def test_athlete_rejects(kwargs: dict, field: str) -> None:
    with pytest.raises(ValidationError) as err:
        Athlete(**kwargs)
    assert err.value.field == field


def test_replace_validates_again() -> None:
    a = Athlete(name="Łukasz Wróbel")
    with pytest.raises(ValidationError):
        dataclasses.replace(a, name=" ")


def test_exercise_dose_text_and_bounds() -> None:
    e = Exercise(
        "Side plank", "core", dose_kind=DoseKind.SECONDS, rep_min=20, rep_max=30, per_side=True
    )
    assert e.dose_text() == "3 × 20–30 s each side"
    with pytest.raises(ValidationError, match="Sets"):
        Exercise("X", "core", sets=21)
    with pytest.raises(ValidationError, match="smaller"):
        Exercise("X", "core", rep_min=12, rep_max=10)
    with pytest.raises(ValidationError, match="Amount"):
        Exercise("X", "core", rep_min=0)
    with pytest.raises(ValidationError, match="Video URL"):
        Exercise("X", "core", video_url="javascript:alert(1)")


def test_session_and_planned_bounds() -> None:
    s = Session(athlete_id=1, date="2026-03-03", kind="long", minutes=90)
    assert s.date == dt.date(2026, 3, 3) and s.kind is SessionKind.LONG
    assert s.display_title == "Long run"
    with pytest.raises(ValidationError, match="both done and skipped"):
        Session(athlete_id=1, date=dt.date.today(), kind="easy", done=True, skipped=True)
    with pytest.raises(ValidationError, match="Minutes"):
        Session(athlete_id=1, date=dt.date.today(), kind="easy", minutes=-5)
    with pytest.raises(ValidationError, match="Load"):
        PlannedExercise(session_id=1, exercise_id=1, load_kg=501)
    with pytest.raises(ValidationError, match="Amount"):
        PlannedExercise(session_id=1, exercise_id=1, amount=201).checked_for(DoseKind.REPS)
    assert PlannedExercise(session_id=1, exercise_id=1, amount=600).checked_for(DoseKind.SECONDS)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"amount": -1}, "Done"),
        ({"rpe": 11}, "RPE"),
        ({"pain": 11}, "Pain"),
        ({"load_kg": 2000}, "Load"),
    ],
)
def test_impossible_logs_are_refused(kwargs: dict, field: str) -> None:
    values = {"planned_exercise_id": 1, "set_number": 1, "amount": 10, **kwargs}
    with pytest.raises(ValidationError) as err:
        SetLog(**values)
    assert err.value.field == field


def test_nan_load_is_refused() -> None:
    with pytest.raises(ValidationError):
        PlannedExercise(session_id=1, exercise_id=1, load_kg=float("nan"))
