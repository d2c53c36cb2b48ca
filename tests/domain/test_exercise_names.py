"""Matching other apps' exercise names to the library."""

from __future__ import annotations

import pytest

from runstrong_gui.domain.exercise_names import build_index, match_names, name_key

LIBRARY = [
    (1, "Single-leg glute bridge"),
    (2, "Squat / goblet squat"),
    (3, "Push-up"),
    (4, "Romanian deadlift"),
    (5, "Pallof (anti-rotation) press"),
    (6, "Step-down (slow)"),
    (7, "Lateral band walk"),
    (8, "Dead bug"),
]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Single Leg Glute Bridge", 1),
        ("single-leg glute bridges", 1),
        ("SINGLE  LEG GLUTE-BRIDGE", 1),
        ("Squat (Barbell)", 2),
        ("Goblet Squat (Kettlebell)", 2),
        ("Push Ups", 3),
        ("Push-ups", 3),
        ("Romanian Deadlift (Dumbbell)", 4),
        ("Pallof Press", 5),
        ("Step Downs", 6),
        ("Lateral Band Walks", 7),
        ("Dead Bugs", 8),
        ("Bench Press (Barbell)", None),
        ("Plank", None),
    ],
)
def test_names_match_across_case_brackets_hyphens_and_plurals(
    name: str, expected: int | None
) -> None:
    found, missing = match_names([name], build_index(LIBRARY))
    assert found.get(name) == expected
    assert missing == ([] if expected else [name])


def test_remembered_alias_wins_and_names_come_once_in_order() -> None:
    found, missing = match_names(
        ["Plank", "Bench Press", "Plank", "Squat"], build_index(LIBRARY), {"Plank": 8}
    )
    assert found == {"Plank": 8, "Squat": 2}
    assert missing == ["Bench Press"]


def test_a_key_two_exercises_share_matches_neither() -> None:
    index = build_index([(1, "Calf raise (bent knee)"), (2, "Calf raise (straight knee)")])
    assert match_names(["Calf Raise"], index) == ({}, ["Calf Raise"])


def test_press_and_abs_keep_their_s() -> None:
    assert name_key("Leg Press") == "leg press"
    assert name_key("Abs Rollout") == "abs rollout"
