"""``runstrong import strong|hevy``: history written from a script, or refused with
the store unchanged."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from runstrong_gui.app.cli import main, store_url
from runstrong_gui.storage.store import Store

DATA = Path(__file__).resolve().parents[1] / "data" / "history"
TABLES = ("training_sessions", "planned_exercises", "set_logs", "exercises", "exercise_aliases")


def _made(db: Path) -> None:
    from runstrong_gui.services.bootstrap import prepare_store

    store = Store.open(store_url(str(db)))
    prepare_store(store)
    store.close()


def _counts(db: Path) -> tuple[int, ...]:
    con = sqlite3.connect(db)
    try:
        return tuple(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES)
    finally:
        con.close()


def _run(db: Path, *args: str) -> int:
    return main(["--db", str(db), "import", *args])


MAPS = ["--map", "Plank=front-plank", "--map", "Bench Press (Barbell)=new"]
MAPS += ["--map", "Standing Calf Raise (Machine)=skip"]


def test_strong_import_then_again_adds_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "store.sqlite3"
    _made(db)
    before = _counts(db)
    path = str(DATA / "strong.csv")
    assert _run(db, "strong", path, "--athlete", "sample runner", *MAPS) == 0
    out = capsys.readouterr().out
    assert "Imported 3 workouts and 18 sets from Strong; 1 new exercise. (Sample Runner)" in out
    after = _counts(db)
    assert after[:3] == (before[0] + 3, before[1] + 8, before[2] + 18)
    # the mapping is remembered: no --map needed the second time, and nothing is added
    assert (
        _run(
            db,
            "strong",
            path,
            "--athlete",
            "Sample Runner",
            "--map",
            "Standing Calf Raise (Machine)=skip",
        )
        == 0
    )
    assert "Nothing new to import" in capsys.readouterr().out
    assert _counts(db) == after


def test_unknown_names_stop_the_import_and_are_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "store.sqlite3"
    _made(db)
    before = _counts(db)
    assert _run(db, "hevy", str(DATA / "hevy_kg.csv"), "--athlete", "Sample Runner") == 2
    err = capsys.readouterr().err
    assert "the library does not know 'Single Leg Calf Raise' (2 sets); 'Plank' (1 sets)" in err
    assert "Nothing was imported" in err
    assert _counts(db) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(64), "is not a CSV text file"),
        (b"Date,Workout Name,Exercise Name,Set Order,Weight\n", "the column Reps is missing"),
        ((",".join(["x"] * 10_000) + "\n").encode(), "the header has 10,000 columns"),
        (
            (DATA / "strong.csv").read_bytes().replace(b"2025-02-03 06:10:00 pm", b"3rd Feb"),
            "line 19, Date: '3rd Feb' is not a date",
        ),
        (
            (DATA / "strong.csv")
            .read_bytes()
            .replace(b'"Push Ups",1,0.0,15.0', b'"Push Ups",1,0.0,-15'),
            "line 12, Reps: must not be negative (got -15)",
        ),
    ],
    ids=["png", "missing-columns", "10000-columns", "bad-date", "negative-reps"],
)
def test_bad_files_are_refused_with_the_store_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    db = tmp_path / "store.sqlite3"
    _made(db)
    before = db.read_bytes()
    path = tmp_path / "workouts.csv"
    path.write_bytes(content)
    assert _run(db, "strong", str(path), "--athlete", "Sample Runner", *MAPS) == 2
    assert message in capsys.readouterr().err
    assert db.read_bytes() == before


def test_dry_run_and_wrong_app(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "store.sqlite3"
    _made(db)
    before = _counts(db)
    assert (
        _run(
            db,
            "hevy",
            str(DATA / "hevy_lbs.csv"),
            "--athlete-id",
            "1",
            "--map",
            "Farmers Walk=loaded-carry",
            "--dry-run",
        )
        == 0
    )
    assert (
        "Would import 1 workout, 4 sets, 3 Mar 2025 – 3 Mar 2025 for Sample Runner."
        in capsys.readouterr().out
    )
    assert _run(db, "hevy", str(DATA / "strong.csv"), "--athlete-id", "1") == 2
    assert "is a Strong export, not a Hevy one" in capsys.readouterr().err
    assert _counts(db) == before
