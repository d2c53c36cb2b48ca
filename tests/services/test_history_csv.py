"""Reading Strong and Hevy files: what is refused, with the line and column named."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from runstrong_gui.services.interchange.history_csv import (
    MAX_BYTES,
    ImportFileError,
    duration_minutes,
    parse_history,
    read_history_file,
)

DATA = Path(__file__).resolve().parents[1] / "data" / "history"
STRONG = (DATA / "strong.csv").read_text("utf-8")
HEVY = (DATA / "hevy_kg.csv").read_text("utf-8")


def _refused(data: bytes | str, source: str | None = None) -> str:
    with pytest.raises(ImportFileError) as caught:
        parse_history(data, source, name="export.csv")
    return str(caught.value)


def test_png_renamed_csv_is_refused_as_binary(tmp_path: Path) -> None:
    path = tmp_path / "workouts.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(200))
    with pytest.raises(ImportFileError, match=r"workouts\.csv is not a CSV text file"):
        read_history_file(path)


def test_file_over_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as f:
        f.truncate(1024 * 1024 * 1024)  # a sparse 1 GB file
    with pytest.raises(
        ImportFileError, match=r"huge.csv is 1,024 MB; .*at most 64 MB.*Nothing was imported"
    ):
        read_history_file(path)
    assert MAX_BYTES == 64 * 1024 * 1024


def test_ten_thousand_columns_are_refused_at_the_header() -> None:
    header = ",".join(f"c{i}" for i in range(10_000))
    message = _refused(header + "\n" + "," * 9_999 + "\n")
    assert "line 1: the header has 10,000 columns" in message


def test_missing_columns_are_named() -> None:
    text = STRONG.replace(",Reps,", ",Repetitions,", 1)
    assert "line 1: the column Reps is missing" in _refused(text)
    hevy = HEVY.replace('"weight_kg",', '"kilos",', 1)
    assert "weight_kg or weight_lbs is missing" in _refused(hevy)


def test_a_date_that_does_not_parse_names_line_and_column() -> None:
    lines = STRONG.splitlines()
    lines[3] = lines[3].replace("2025-01-28 07:05:12 am", "28/01/2025 7h05")
    message = _refused("\n".join(lines))
    assert "export.csv, line 4, Date: '28/01/2025 7h05' is not a date and time" in message
    hevy = HEVY.replace("1 Feb 2025, 09:00", "Feb the first", 1)
    assert "line 9, start_time: 'Feb the first' is not a date" in _refused(hevy)


def test_negative_reps_are_refused() -> None:
    text = STRONG.replace('"Push Ups",2,0.0,12.0', '"Push Ups",2,0.0,-12.0')
    assert "line 13, Reps: must not be negative (got -12.0)" in _refused(text)
    hevy = HEVY.replace('"Pull Up",,"",1,"normal",0,5', '"Pull Up",,"",1,"normal",0,-5')
    assert "line 10, reps: must not be negative (got -5)" in _refused(hevy)


def test_other_bad_values_are_refused_with_their_line() -> None:
    assert "Reps: must be a whole number (got 7.5)" in _refused(
        STRONG.replace('"Squat (Barbell)",3,62.5,7.0', '"Squat (Barbell)",3,62.5,7.5')
    )
    assert "line 3, Weight: must be at most 500 kg (got 600.0 kg)" in _refused(
        STRONG.replace('"Squat (Barbell)",1,60.0', '"Squat (Barbell)",1,600.0')
    )
    assert "line 4, set_type: 'superset' is not one of" in _refused(
        HEVY.replace('2,"normal",80', '2,"superset",80')
    )
    assert "line 12, Exercise Name: must not be empty" in _refused(
        STRONG.replace('"Push Ups",1', '"",1')
    )
    assert "line 3, RPE: 'hard' is not a number" in _refused(
        STRONG.replace(',"Felt good, knees fine",7\n', ',"Felt good, knees fine",hard\n', 1)
    )


def test_not_an_export_and_the_wrong_app_are_said() -> None:
    assert "not a Strong or Hevy export" in _refused("Name,Age\nAda,36\n")
    assert "is a Hevy export, not a Strong one" in _refused(HEVY, "strong")
    assert "export.csv is empty" in _refused("")
    assert "line 1: the file is not UTF-8 text" in _refused(b"Date,Workout Name\xff\n")


def test_a_stray_separator_is_refused() -> None:
    text = STRONG.replace(
        '"Lower B",52m,"Split Squat (Dumbbell)",1,12.0,10.0,0,0.0,"","",',
        '"Lower B",52m,"Split Squat (Dumbbell)",1,12.0,10.0,0,0.0,"","",,8',
    )
    assert "line 22, format: 13 values for 12 columns" in _refused(text)


def test_dates_durations_and_rest_timer_rows() -> None:
    history = parse_history(STRONG)
    assert [w.started for w in history.workouts] == [
        dt.datetime(2025, 1, 28, 7, 5, 12),
        dt.datetime(2025, 1, 30, 12, 34, 56),
        dt.datetime(2025, 2, 3, 18, 10),
    ]
    assert [w.minutes for w in history.workouts] == [49, 65, 52]
    assert history.set_count == 20  # the Rest Timer row is no set
    assert duration_minutes("1h") == 60
    assert duration_minutes("1:05:00") == 65
    assert duration_minutes("26h 3m") is None  # a timer left running: no duration
    assert duration_minutes("soon") is None
