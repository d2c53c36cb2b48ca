"""CSV in Strong's columns and the iCalendar export, read back as other apps read them."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import stat
from pathlib import Path

import icalendar
import pytest
from interchange_support import full_store

from runstrong_gui.domain.models import Athlete
from runstrong_gui.services.interchange import data_export
from runstrong_gui.storage.store import Store

STRONG = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,"
    "Notes,Workout Notes,RPE"
)
NOW = dt.datetime(2026, 3, 4, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def full(tmp_path: Path) -> Store:
    return full_store(tmp_path / "full.sqlite3")


def _athlete(store: Store, name: str) -> Athlete:
    with store.transaction() as tx:
        return next(a for a in tx.athletes() if a.name == name)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_csv_sets_in_strong_columns(full: Store, tmp_path: Path) -> None:
    sample = _athlete(full, "Sample Runner")
    out = tmp_path / "sets.csv"
    written = data_export.export_csv(full, sample.id or 0, out)
    assert out.read_text("utf-8").splitlines()[0] == STRONG
    rows = _rows(out)
    assert [(r["Exercise Name"], r["Set Order"], r["Weight"], r["Reps"]) for r in rows[:3]] == [
        ("Hip thrust on bench", "1", "42.5", "8"),
        ("Hip thrust on bench", "2", "45", "8"),
        ("Hip thrust on bench", "3", "47.5", "8"),
    ]
    first = rows[0]
    assert first["Date"] == "2026-03-03 18:05:00"  # the time the first set was logged
    assert first["Workout Name"] == 'Gym, with "quotes", commas'
    assert first["Duration"] == "35m"
    assert first["Workout Notes"] == "Felt strong\nsecond line"
    assert first["RPE"] == "7" and rows[1]["Notes"] == "ok"
    plank = rows[3]
    assert (plank["Seconds"], plank["Reps"], plank["Weight"]) == ("30", "", "0")
    assert len(rows) == 4
    # one row per session beside it
    sessions = _rows(written.paths[1])
    assert written.paths[1].name == "sets-sessions.csv"
    assert len(sessions) == 9
    gym = next(r for r in sessions if r["Status"] == "done")
    assert (gym["Kind"], gym["Sets logged"], gym["Minutes"]) == ("strength", "4", "35")
    for path in written.paths:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_csv_loads_in_pounds_for_an_athlete_in_pounds(full: Store, tmp_path: Path) -> None:
    sample = _athlete(full, "Sample Runner")
    with full.transaction() as tx:
        tx.update_athlete(dataclasses.replace(sample, units="lb"))
    data_export.export_csv(full, sample.id or 0, tmp_path / "lb.csv")
    assert [r["Weight"] for r in _rows(tmp_path / "lb.csv")][:3] == [
        "92.5",
        "100",
        "105",
    ]  # in 2.5 lb steps


def _events(path: Path) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT"))


def test_ics_planned_sessions_as_all_day_events(full: Store, tmp_path: Path) -> None:
    sample = _athlete(full, "Sample Runner")
    out = tmp_path / "plan.ics"
    data_export.export_ics(full, sample.id or 0, out, now=NOW)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    events = {str(e["UID"]): e for e in _events(out)}
    assert len(events) == 8  # the week's planned sessions; the done one is not a plan
    by_summary = {str(e["SUMMARY"]): e for e in events.values()}
    strength = next(
        e
        for e in events.values()
        if str(e["SUMMARY"]) == "Beginner strength" and e.decoded("DTSTART") == dt.date(2026, 3, 2)
    )
    assert strength.decoded("DTSTART") == dt.date(2026, 3, 2)
    assert strength.decoded("DTEND") == dt.date(2026, 3, 3)
    assert strength["DTSTART"].params["VALUE"] == "DATE"
    description = str(strength["DESCRIPTION"])
    assert "Single-leg glute bridge: 2 × 10 each side, tempo 2-1-3" in description
    assert strength.decoded("DTSTAMP") == NOW
    run = by_summary["Easy run · 35 min"]
    assert run.decoded("DTSTART") == dt.date(2026, 3, 2)
    assert [c for c in run.categories] == ["Easy run"]


def test_ics_keeps_uids_and_raises_sequence_when_a_session_changes(
    full: Store, tmp_path: Path
) -> None:
    sample = _athlete(full, "Sample Runner")
    first, second, third = (tmp_path / f"{n}.ics" for n in (1, 2, 3))
    data_export.export_ics(full, sample.id or 0, first, now=NOW)
    data_export.export_ics(full, sample.id or 0, second, now=NOW)
    one, two = _events(first), _events(second)
    assert [str(e["UID"]) for e in one] == [str(e["UID"]) for e in two]
    assert len({str(e["UID"]) for e in one}) == len(one) == 8
    assert {int(e["SEQUENCE"]) for e in two} == {0}  # nothing changed: no rise
    # edit one run
    with full.transaction() as tx:
        week = tx.sessions_between(sample.id or 0, dt.date(2026, 3, 2), dt.date(2026, 3, 8))
        easy = next(s for s in week if s.title == "Easy run")
        tx.update_session(dataclasses.replace(easy, minutes=45))
    data_export.export_ics(full, sample.id or 0, third, now=NOW)
    three = {str(e["UID"]): e for e in _events(third)}
    old_uid = next(str(e["UID"]) for e in one if str(e["SUMMARY"]) == "Easy run · 35 min")
    assert str(three[old_uid]["SUMMARY"]) == "Easy run · 45 min"
    assert int(three[old_uid]["SEQUENCE"]) == 1
    assert sorted(int(e["SEQUENCE"]) for e in three.values()).count(0) == len(three) - 1


def test_ics_uid_is_uuid5_of_the_session_uid(full: Store, tmp_path: Path) -> None:
    import uuid

    from runstrong_gui.export.interchange.ics_format import NAMESPACE

    sample = _athlete(full, "Sample Runner")
    with full.transaction() as tx:
        week = tx.sessions_between(sample.id or 0, dt.date(2026, 3, 2), dt.date(2026, 3, 8))
    data_export.export_ics(full, sample.id or 0, tmp_path / "p.ics", now=NOW)
    uids = {str(e["UID"]) for e in _events(tmp_path / "p.ics")}
    expected = {str(uuid.uuid5(NAMESPACE, s.uid or "")) for s in week if not s.done}
    assert uids == expected
