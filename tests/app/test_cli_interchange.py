"""``runstrong export json|csv|ics``: files written, paths printed, refusals in one line."""

from __future__ import annotations

import csv
import json
import stat
from pathlib import Path

import icalendar
import pytest
from interchange_support import full_store

from runstrong_gui.app.cli import main


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "store.sqlite3"
    full_store(path).close()
    return path


def test_export_json_of_the_whole_store(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "all.json"
    assert main(["export", "json", "--all", "--out", str(out), "--db", str(db)]) == 0
    assert capsys.readouterr().out == f"{out}\n"
    doc = json.loads(out.read_bytes())
    assert [a["name"] for a in doc["athletes"]] == ["Sample Runner", "Ånne Lbs"]
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_export_json_csv_ics_of_one_athlete(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["--athlete", "ånne lbs", "--db", str(db)]
    assert main(["export", "json", "--out", str(tmp_path / "a.json"), *base]) == 0
    assert [a["name"] for a in json.loads((tmp_path / "a.json").read_bytes())["athletes"]] == [
        "Ånne Lbs"
    ]
    assert main(["export", "csv", "--out", str(tmp_path / "a.csv"), *base]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[-2:] == [str(tmp_path / "a.csv"), str(tmp_path / "a-sessions.csv")]
    with (tmp_path / "a-sessions.csv").open(newline="", encoding="utf-8") as fh:
        (row,) = list(csv.DictReader(fh))
    assert (row["Kind"], row["Minutes"], row["Distance (km)"]) == ("long", "90", "16")
    assert (
        main(
            [
                "export",
                "ics",
                "--athlete-id",
                "1",
                "--out",
                str(tmp_path / "p.ics"),
                "--db",
                str(db),
            ]
        )
        == 0
    )
    cal = icalendar.Calendar.from_ical((tmp_path / "p.ics").read_bytes())
    assert len(list(cal.walk("VEVENT"))) == 8


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "ics", "--all"], "ics is written for one athlete at a time"),
        (["export", "csv", "--all"], "csv is written for one athlete at a time"),
        (["export", "week", "--all"], "a week is of one athlete"),
        (["export", "json", "--athlete", "Nobody"], "No athlete called 'Nobody'"),
    ],
)
def test_refusals_are_one_line_and_write_nothing(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    out = tmp_path / "x.out"
    assert main([*args, "--out", str(out), "--db", str(db)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert message in captured.err and len(captured.err.splitlines()) == 1
    assert not out.exists()


def test_an_unwritable_folder_is_said_plainly(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "missing" / "all.json"
    assert main(["export", "json", "--all", "--out", str(out), "--db", str(db)]) == 2
    assert "the folder" in capsys.readouterr().err and not out.exists()
