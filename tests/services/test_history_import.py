"""Importing Strong and Hevy history: the sessions, exercises and set logs in the store."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import text

from runstrong_gui.domain.enums import DoseKind, SessionKind, Units
from runstrong_gui.domain.errors import ValidationError
from runstrong_gui.domain.models import Athlete
from runstrong_gui.services.interchange import history_import as hi
from runstrong_gui.services.interchange.history_csv import read_history_file
from runstrong_gui.services.progress import load_progress
from runstrong_gui.storage.store import Store

DATA = Path(__file__).resolve().parents[1] / "data" / "history"


def _athlete(store: Store, units: Units = Units.KG) -> Athlete:
    with store.transaction() as tx:
        a = tx.athletes()[0]
        if a.units is not units:
            a = tx.update_athlete(dataclasses.replace(a, units=units))
    return a


def _library_id(store: Store, key: str) -> int:
    with store.transaction() as tx:
        return next(e.id for e in tx.exercises() if e.key == key)  # type: ignore[misc]


def _done_strength(store: Store, athlete_id: int, first: dt.date, last: dt.date) -> list:
    with store.transaction() as tx:
        sessions = [
            s
            for s in tx.sessions_between(athlete_id, first, last)
            if s.kind is SessionKind.STRENGTH and s.done
        ]
        details = tx.session_details(sessions)
        logs = tx.logs_for([p.id for d in details for p, _e in d.items if p.id is not None])
    return [
        (
            d.session.date,
            d.session.title,
            d.session.minutes,
            [
                (
                    e.name,
                    p.sets,
                    p.amount,
                    p.load_kg,
                    [(x.amount, x.load_kg, x.rpe, x.note) for x in logs[p.id or 0]],
                )
                for p, e in d.items
            ],
        )
        for d in details
    ]


def _counts(store: Store) -> tuple[int, int, int, int, int]:
    """Rows in the tables an import writes, read on the store's own engine."""
    tables = ("training_sessions", "planned_exercises", "set_logs", "exercises", "exercise_aliases")
    with store.transaction() as tx:
        return tuple(  # type: ignore[return-value]
            tx.orm.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in tables
        )


STRONG_CHOICES = {
    "Plank": "front-plank",
    "Bench Press (Barbell)": "new",
    "Standing Calf Raise (Machine)": "skip",
}


def _choices(store: Store, named: dict[str, str]) -> dict[str, hi.Choice]:
    out: dict[str, hi.Choice] = {}
    for name, target in named.items():
        out[name] = target if target in (hi.NEW, hi.SKIP) else _library_id(store, target)
    return out


def test_strong_comma_file_becomes_done_sessions_with_logs(store: Store) -> None:
    athlete = _athlete(store)
    history = read_history_file(DATA / "strong.csv", "strong", "kg")
    preview = hi.preview_import(store, athlete.id or 0, history)
    assert preview.unmatched == ("Plank", "Bench Press (Barbell)", "Standing Calf Raise (Machine)")
    assert preview.summary() == "3 workouts, 20 sets, 28 Jan 2025 – 3 Feb 2025"

    receipt = hi.import_history(store, preview, _choices(store, STRONG_CHOICES))

    assert receipt.workouts == 3 and receipt.sets == 18  # the two calf-raise sets left out
    got = _done_strength(store, athlete.id or 0, dt.date(2025, 1, 27), dt.date(2025, 2, 4))
    assert got[0] == (
        dt.date(2025, 1, 28),
        "Lower A",
        49,
        [
            (
                "Squat / goblet squat",
                4,
                8,
                62.5,
                [
                    (10, 20.0, None, "Warm-up"),
                    (8, 60.0, 7, ""),
                    (8, 62.5, 8, ""),
                    (7, 62.5, 9, "Last rep slow"),
                ],
            ),
            ("Romanian deadlift", 2, 10, 50.0, [(10, 50.0, None, ""), (10, 50.0, None, "")]),
            ("Single-leg glute bridge", 2, 12, 0.0, [(12, 0.0, None, ""), (12, 0.0, None, "")]),
            ("Front plank", 1, 45, 0.0, [(45, 0.0, None, "")]),
        ],
    )
    assert got[1][:3] == (dt.date(2025, 1, 30), "Upper + calves", 65)
    assert [(n, s) for n, s, *_ in got[1][3]] == [("Push-up", 2), ("Bench Press (Barbell)", 2)]
    assert got[1][3][1][4][0] == (10, 40.0, 8, "Grip, a bit wider\nnext time")
    with store.transaction() as tx:
        bench = next(e for e in tx.exercises() if e.name == "Bench Press (Barbell)")
    assert not bench.builtin and bench.dose_kind is DoseKind.REPS


def test_strong_lb_athlete_reads_unitless_weights_as_pounds(store: Store) -> None:
    athlete = _athlete(store, Units.LB)
    history = read_history_file(DATA / "strong.csv", "strong", athlete.units.value)
    squat = history.workouts[0].sets[1]
    assert squat.load_kg == pytest.approx(60 / 2.2046226218, abs=0.001)


def test_strong_semicolon_dialect_with_units_and_decimal_commas(store: Store) -> None:
    athlete = _athlete(store)
    history = read_history_file(DATA / "strong_semicolon.csv", "strong", "kg")
    assert history.dialect == "Strong (semicolons, weight units per set)"
    preview = hi.preview_import(store, athlete.id or 0, history)
    assert preview.unmatched == ("Deadlift (Hex Bar)", "Farmer's Walk")
    choices = _choices(
        store, {"Deadlift (Hex Bar)": "hex-bar-deadlift", "Farmer's Walk": "loaded-carry"}
    )
    hi.import_history(store, preview, choices)
    got = _done_strength(store, athlete.id or 0, dt.date(2019, 5, 20), dt.date(2019, 5, 31))
    hex_bar, goblet, carry = got[0][3]
    assert hex_bar[:2] == ("Hex bar deadlift", 2)
    assert [x[1] for x in hex_bar[4]] == [pytest.approx(61.235), pytest.approx(70.307)]
    assert hex_bar[4][1][2] == 9  # RPE "8,5" read with a decimal comma, halves rounded up
    assert goblet[4][0][:2] == (12, 16.0)
    assert carry[:3] == ("Loaded carry", 1, 40)  # 40 m, the exercise's dose in metres
    side_plank, dead_bug = got[1][3]
    assert side_plank[4] == [(30, 0.0, None, "left"), (30, 0.0, None, "right")]
    assert dead_bug[4] == [(8, 2.5, None, "")]


@pytest.mark.parametrize(("name", "unit"), [("hevy_kg.csv", "kg"), ("hevy_lbs.csv", "lb")])
def test_hevy_files_in_kg_and_lbs(store: Store, name: str, unit: str) -> None:
    athlete = _athlete(store)
    history = read_history_file(DATA / name, "hevy")
    assert history.dialect == f"Hevy ({unit})"
    preview = hi.preview_import(store, athlete.id or 0, history)
    choices = {n: hi.NEW for n in preview.unmatched}
    receipt = hi.import_history(store, preview, choices)
    got = _done_strength(store, athlete.id or 0, dt.date(2025, 1, 1), dt.date(2025, 3, 31))
    if unit == "kg":
        assert receipt.sets == 11
        leg, pull = got
        assert leg[:3] == (dt.date(2025, 1, 30), "Leg Day", 47)
        squat = leg[3][0]
        assert squat[:4] == ("Squat / goblet squat", 4, 5, 80.0)  # the warm-up not the dose
        assert [x[3] for x in squat[4]] == ["Warm-up. Belt on heavy sets", "", "", "To failure"]
        assert [x[2] for x in squat[4]] == [None, 8, 9, 10]
        calf = leg[3][1]
        assert calf[0] == "Single Leg Calf Raise" and calf[4][1][3] == "Drop set"
        plank = leg[3][2]
        assert plank[0] == "Plank" and plank[4] == [(60, 0.0, None, "")]
        with store.transaction() as tx:
            made = {e.name: e.dose_kind for e in tx.exercises() if not e.builtin}
        assert made["Plank"] is DoseKind.SECONDS
        assert [n for n, *_ in pull[3]] == ["Pull-up", "Dumbbell row"]
    else:
        (full,) = got
        rdl = full[3][0]
        assert rdl[0] == "Romanian deadlift" and rdl[3] == pytest.approx(22.68, abs=0.01)


def test_reimporting_the_same_file_adds_nothing(store: Store, db_path: Path) -> None:
    athlete = _athlete(store)
    history = read_history_file(DATA / "strong.csv", "strong", "kg")
    hi.import_history(
        store, hi.preview_import(store, athlete.id or 0, history), _choices(store, STRONG_CHOICES)
    )
    before = _counts(store)

    again = hi.preview_import(store, athlete.id or 0, read_history_file(DATA / "strong.csv"))
    assert again.unmatched == ("Standing Calf Raise (Machine)",)  # the left-out one only
    assert again.summary().startswith("Nothing new: all 3 workouts")
    receipt = hi.import_history(store, again, {"Standing Calf Raise (Machine)": hi.SKIP})

    assert receipt.workouts == 0
    assert _counts(store) == before


def test_mapping_is_remembered_for_the_next_import(store: Store) -> None:
    athlete = _athlete(store)
    with store.transaction() as tx:
        other = tx.add_athlete(Athlete(name="Second Runner"))
    history = read_history_file(DATA / "strong.csv", "strong", "kg")
    hi.import_history(
        store, hi.preview_import(store, athlete.id or 0, history), _choices(store, STRONG_CHOICES)
    )
    preview = hi.preview_import(store, other.id or 0, history)
    assert preview.unmatched == ("Standing Calf Raise (Machine)",)
    assert preview.matched["Plank"] == _library_id(store, "front-plank")
    with store.transaction() as tx:
        bench = next(e for e in tx.exercises() if e.name == "Bench Press (Barbell)")
    assert preview.matched["Bench Press (Barbell)"] == bench.id
    # the other app's aliases are its own
    hevy = read_history_file(DATA / "hevy_kg.csv")
    assert "Plank" in hi.preview_import(store, other.id or 0, hevy).unmatched


def test_undo_takes_the_whole_import_out(store: Store, db_path: Path) -> None:
    athlete = _athlete(store)
    before = _counts(store)
    history = read_history_file(DATA / "strong.csv", "strong", "kg")
    preview = hi.preview_import(store, athlete.id or 0, history)
    receipt = hi.import_history(store, preview, _choices(store, STRONG_CHOICES))
    hi.undo_import(store, receipt)
    assert _counts(store) == before
    again = hi.import_history(store, preview, _choices(store, STRONG_CHOICES))  # redo
    assert again.workouts == 3


def test_a_choice_is_needed_for_every_unknown_name(store: Store, db_path: Path) -> None:
    athlete = _athlete(store)
    before = _counts(store)
    preview = hi.preview_import(store, athlete.id or 0, read_history_file(DATA / "strong.csv"))
    with pytest.raises(ValidationError, match="Bench Press"):
        hi.import_history(store, preview, {"Plank": hi.SKIP})
    assert _counts(store) == before


def test_amount_beyond_the_exercise_dose_names_the_line(
    store: Store, db_path: Path, tmp_path: Path
) -> None:
    """450 'reps' of a plank (seconds of an exercise dosed in reps) is refused whole."""
    athlete = _athlete(store)
    text = (
        (DATA / "strong.csv")
        .read_text("utf-8")
        .replace('"Single Leg Glute Bridge",2,0.0,12.0', '"Single Leg Glute Bridge",2,0.0,450.0')
    )
    path = tmp_path / "too_many.csv"
    path.write_text(text, "utf-8")
    before = _counts(store)
    preview = hi.preview_import(store, athlete.id or 0, read_history_file(path))
    with pytest.raises(ValidationError, match=r"line 10, Reps: 450 .*Single-leg glute bridge"):
        hi.import_history(store, preview, _choices(store, STRONG_CHOICES))
    assert _counts(store) == before


def test_map_option_text_names_library_exercises_by_key_or_name(store: Store) -> None:
    athlete = _athlete(store)
    preview = hi.preview_import(store, athlete.id or 0, read_history_file(DATA / "strong.csv"))
    got = hi.choices_from_text(
        preview, ["Plank=front-plank", "Bench Press (Barbell)=new", "X=Dead bug", "Y=skip"]
    )
    assert got == {
        "Plank": _library_id(store, "front-plank"),
        "Bench Press (Barbell)": hi.NEW,
        "X": _library_id(store, "dead-bug"),
        "Y": hi.SKIP,
    }
    with pytest.raises(ValidationError, match="no exercise 'Bench press'"):
        hi.choices_from_text(preview, ["Bench=Bench press"])


def test_progress_tab_data_shows_the_imported_sets(store: Store) -> None:
    athlete = _athlete(store)
    history = read_history_file(DATA / "strong.csv", "strong", "kg")
    hi.import_history(
        store, hi.preview_import(store, athlete.id or 0, history), _choices(store, STRONG_CHOICES)
    )
    data = load_progress(store, athlete.id or 0, "all", today=dt.date(2026, 3, 4))
    assert data.sets_logged == 18
    assert data.strength_done == 3
    names = {e.name: e for e in data.exercises}
    squat = names["Squat / goblet squat"]
    assert squat.days == 1 and squat.loaded_days == 1
    assert [p.top_load_kg for p in data.loads[names["Romanian deadlift"].id]] == [50.0, 57.5]
