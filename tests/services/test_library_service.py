"""Custom exercises through the library service: what the store holds after each call."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from runstrong_gui.domain.enums import ExerciseGroup, ExerciseKind, Focus
from runstrong_gui.domain.errors import ValidationError
from runstrong_gui.domain.models import Athlete, Exercise, PlannedExercise, Session
from runstrong_gui.services import library as service
from runstrong_gui.storage.store import InUseError, Store


def _by_name(store: Store, name: str) -> Exercise:
    with store.transaction() as tx:
        return next(e for e in tx.exercises() if e.name == name)


def _snapshot(store: Store) -> list[Exercise]:
    with store.transaction() as tx:
        return tx.exercises(include_hidden=True)


def _custom(**kw: object) -> Exercise:
    values: dict[str, object] = {
        "name": "Banded hip thrust",
        "group": ExerciseGroup.GLUTE_HIP,
        "muscles": ("glutes",),
        "sets": 3,
        "rep_min": 10,
        "rep_max": 12,
        "cues": ("Ribs down",),
        "video_url": "https://example.org/thrust",
    }
    values.update(kw)
    return Exercise(**values)  # type: ignore[arg-type]


def test_create_edit_duplicate_delete_round_trip(store: Store, tmp_path: Path) -> None:
    image = tmp_path / "thrust.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n")
    made = service.save_exercise(store, _custom(image_path=str(image), key="ignored"))
    assert made.id is not None
    with store.transaction() as tx:
        row = tx.exercise(made.id)
    assert (row.name, row.builtin, row.key) == ("Banded hip thrust", False, None)
    assert row.image_path == str(image) and row.video_url == "https://example.org/thrust"

    service.save_exercise(store, dataclasses.replace(row, sets=4, cues=("Ribs down", "Chin in")))
    with store.transaction() as tx:
        edited = tx.exercise(made.id)
    assert edited.sets == 4 and edited.cues == ("Ribs down", "Chin in")

    copy = service.duplicate_exercise(store, made.id)
    again = service.duplicate_exercise(store, made.id)
    assert copy.name == "Banded hip thrust (copy)" and again.name == "Banded hip thrust (copy 2)"
    assert copy.id != made.id and copy.sets == 4

    service.delete_exercise(store, copy.id or -1)
    names = {e.name for e in _snapshot(store)}
    assert "Banded hip thrust (copy)" not in names
    assert {"Banded hip thrust", "Banded hip thrust (copy 2)"} <= names


def test_refusals_leave_the_store_unchanged(store: Store, tmp_path: Path) -> None:
    before = _snapshot(store)
    with pytest.raises(ValidationError) as name_taken:
        service.save_exercise(store, _custom(name="wall SIT"))
    assert name_taken.value.field == "Name" and "Wall sit" in name_taken.value.message
    with pytest.raises(ValidationError) as missing:
        service.save_exercise(store, _custom(image_path=str(tmp_path / "gone.png")))
    assert missing.value.field == "Image"
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(ValidationError) as not_picture:
        service.save_exercise(store, _custom(image_path=str(tmp_path / "notes.txt")))
    assert not_picture.value.field == "Image" and "picture" in not_picture.value.message
    with pytest.raises(ValidationError) as long_url:
        service.save_exercise(store, _custom(video_url="https://x.org/" + "a" * 600))
    assert long_url.value.field == "Video URL"
    assert _snapshot(store) == before


def test_delete_of_an_exercise_in_use_names_athlete_and_date(store: Store) -> None:
    made = service.save_exercise(store, _custom())
    with store.transaction() as tx:
        athlete = tx.athletes()[0]
        s = tx.add_session(
            Session(athlete_id=athlete.id or 0, date=dt.date(2026, 3, 12), kind="strength")
        )
        tx.add_planned(PlannedExercise(session_id=s.id or 0, exercise_id=made.id or 0))
    before = _snapshot(store)
    with pytest.raises(InUseError) as refused:
        service.delete_exercise(store, made.id or -1)
    assert "Sample Runner" in str(refused.value) and "12 Mar 2026" in str(refused.value)
    assert _snapshot(store) == before


def test_builtin_can_be_duplicated_and_hidden_not_deleted_or_edited(store: Store) -> None:
    hex_bar = _by_name(store, "Hex bar deadlift")
    copy = service.duplicate_exercise(store, hex_bar.id or -1)
    assert copy.builtin is False and copy.key is None and copy.name == "Hex bar deadlift (copy)"
    assert copy.steps == hex_bar.steps

    service.set_hidden(store, hex_bar.id or -1, True)
    with store.transaction() as tx:
        assert "Hex bar deadlift" not in {e.name for e in tx.exercises(include_hidden=False)}
        assert tx.exercise(hex_bar.id or -1).hidden
    service.set_hidden(store, hex_bar.id or -1, False)
    assert not _by_name(store, "Hex bar deadlift").hidden

    before = _snapshot(store)
    with pytest.raises(InUseError, match="built in"):
        service.delete_exercise(store, hex_bar.id or -1)
    with pytest.raises(InUseError, match="duplicate"):
        service.save_exercise(store, dataclasses.replace(hex_bar, sets=5))
    assert _snapshot(store) == before


@pytest.mark.parametrize(
    ("avoid", "name", "expected"),
    [
        (("plyometric",), "Squat jump", True),
        (("Jumping",), "Broad jump", True),  # a word people use for plyometrics
        (("IT band",), "Clamshell with band", True),  # the focus label, as typed
        (("Runner's knee",), "Step-down (slow)", True),
        (("achilles",), "Single-leg calf raise, straight knee", True),
        (("core",), "Dead bug", True),  # a group (and a kind)
        (("hex-bar-deadlift",), "Hex bar deadlift", True),  # a key
        (("Wall sit",), "Wall sit", True),  # a name
        (("plyometric",), "Wall sit", False),
        ((), "Squat jump", False),
    ],
)
def test_avoid_matching(store: Store, avoid: tuple[str, ...], name: str, expected: bool) -> None:
    exercise = _by_name(store, name)
    athlete = Athlete(name="A", avoid=avoid)
    assert service.is_avoided(exercise, service.avoid_tokens(avoid)) is expected
    assert (exercise.id in service.avoided_ids([exercise], athlete)) is expected


def test_avoid_tokens_cover_the_generators_spelling() -> None:
    tokens = service.avoid_tokens([" IT band ", "Jumps"])
    assert Focus.IT_BAND.value in tokens and ExerciseKind.PLYOMETRIC.value in tokens
    assert service.avoid_tokens(["", "  "]) == frozenset()
