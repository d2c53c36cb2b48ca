"""Reading runs out of Runna- and TrainingPeaks-shaped feeds, and refusing what is not one."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from runstrong_gui.domain.enums import SessionKind as K
from runstrong_gui.services.interchange.ics_import import (
    FeedError,
    parse_calendar,
    run_kind,
    text_distance,
    text_minutes,
)
from tests.services.interchange.feeds import NEW_YORK, NOW, RUNNA, TRAININGPEAKS

UTC = ZoneInfo("UTC")


def _rows(data: bytes, zone: dt.tzinfo = UTC) -> list[tuple[object, ...]]:
    return [
        (r.date.isoformat(), r.kind, r.minutes, r.distance_km, r.done)
        for r in parse_calendar(data, zone=zone, now=NOW)
    ]


def test_runna_feed_becomes_runs_with_kinds_minutes_and_distances() -> None:
    assert _rows(RUNNA.read_bytes()) == [
        ("2026-03-09", K.EASY, 20, None, False),  # "Shakeout": unknown word → easy
        ("2026-03-10", K.EASY, 38, 6.0, False),  # X-WORKOUT-ESTIMATED-DURATION 2280 s
        ("2026-03-12", K.QUALITY, 48, 8.0, False),  # "45m - 50m" in the description
        ("2026-03-13", K.QUALITY, 45, 7.5, False),  # "6 x 800m" is not minutes nor km
        ("2026-03-15", K.LONG, 100, 16.0, False),
        ("2026-03-17", K.EASY, 33, 5.0, False),  # recovery
        ("2026-03-19", K.QUALITY, 45, 7.0, False),  # hills
        ("2026-03-21", K.RACE, None, 10.0, False),  # "10K"
        ("2026-03-22", K.CROSS, 45, None, False),
    ]


def test_runna_titles_descriptions_and_uids_are_kept_unescaped() -> None:
    runs = parse_calendar(RUNNA.read_bytes(), zone=UTC, now=NOW)
    easy = runs[1]
    assert easy.title == "Easy Run • 6km"
    assert easy.uid == "runna-plan-5f2a1c-workout-0002@runna.com"
    # folded lines joined, "\," and "\n" unescaped, emoji intact
    assert easy.description.startswith(
        "Easy Run • 6km • 35m - 40m\n\nKeep it conversational, at an easy effort (RPE 3-4)."
    )
    assert "📲 View in the Runna app: https://club.runna.com/workouts/0002" in easy.description
    assert "cool down; stay relaxed." in runs[2].description


def test_trainingpeaks_feed_results_time_zones_and_weekly_series() -> None:
    runs = parse_calendar(TRAININGPEAKS.read_bytes(), zone=NEW_YORK, now=NOW)
    assert [(r.date.isoformat(), r.kind, r.minutes, r.distance_km, r.done) for r in runs] == [
        ("2026-03-09", K.EASY, 45, 8.0, False),  # "Planned Time: 0:45:00"
        ("2026-03-10", K.QUALITY, 35, 6.02, True),  # "Moving Time: 0:35:24", past → done
        ("2026-03-11", K.EASY, 42, 7.1, True),  # 01:15 UTC on the 12th is the 11th in NY
        ("2026-03-11", K.EASY, 30, 9.98, False),  # weekly RRULE, "6.2 mi"
        ("2026-03-14", K.LONG, 90, 21.0, False),  # DTEND − DTSTART, Europe/Berlin
        ("2026-03-18", K.EASY, 30, 9.98, False),
        ("2026-03-25", K.EASY, 30, 9.98, False),
    ]
    assert runs[1].sequence == 4
    series = [r.uid for r in runs if r.title == "Run: Recovery jog"]
    assert len(set(series)) == 3  # each occurrence its own stable id


def test_timed_event_counts_on_its_local_date() -> None:
    runs = parse_calendar(TRAININGPEAKS.read_bytes(), zone=UTC, now=NOW)
    evening = next(r for r in runs if r.title == "Run: Easy evening")
    assert evening.date == dt.date(2026, 3, 12)


def test_results_in_the_future_are_not_done() -> None:
    runs = parse_calendar(TRAININGPEAKS.read_bytes(), zone=UTC, now=dt.datetime(2026, 3, 1))
    assert not any(r.done for r in runs)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("35m - 40m", 38), ("90 min", 90), ("1h 35m", 95), ("1h 35m - 1h 45m", 100), ("6km", None)],
)
def test_minutes_from_text(text: str, minutes: int | None) -> None:
    assert text_minutes(text) == minutes


@pytest.mark.parametrize(
    ("text", "km"), [("6km", 6.0), ("5.2 km", 5.2), ("6.2 mi", 9.98), ("8 x 400m", None)]
)
def test_distance_from_text(text: str, km: float | None) -> None:
    assert text_distance(text) == km


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Long Run", K.LONG),
        ("Threshold 3 x 10'", K.QUALITY),
        ("Track session", K.QUALITY),
        ("Fartlek", K.QUALITY),
        ("Recovery", K.EASY),
        ("10K race", K.RACE),
        ("Tempo at race pace", K.QUALITY),
        ("Walk", K.WALK),
        ("Cross training", K.CROSS),
        ("Parkrun shakeout", K.RACE),
        ("Run with friends", K.EASY),
    ],
)
def test_kind_from_title(title: str, kind: K) -> None:
    assert run_kind(title) is kind


def _event(extra: str) -> bytes:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\n"
        "UID:x@t\r\nDTSTAMP:20260301T000000Z\r\nSUMMARY:Easy\r\n"
        f"{extra}END:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01", "not an iCalendar file"),
        (b"", "empty"),
        (RUNNA.read_bytes()[:1500], "cut short"),
        (b"<!DOCTYPE html><html><body>Sign in</body></html>", "web page"),
        (b"Date,Workout Name\n2025-01-30,Legs\n", "BEGIN:VCALENDAR"),
        (_event(""), r"no start \(DTSTART\)"),
        (_event("DTSTART;VALUE=DATE:20260310\r\nX-WORKOUT-ESTIMATED-DURATION:soon\r\n"), "soon"),
        (
            _event("DTSTART;VALUE=DATE:20261345\r\n"),
            r"start \(DTSTART\) that is not a date.*20261345",
        ),
    ],
    ids=["png", "empty", "truncated", "html", "csv", "no-start", "bad-duration", "bad-date"],
)
def test_bad_input_gets_a_message(data: bytes, message: str) -> None:
    with pytest.raises(FeedError, match=message):
        parse_calendar(data, zone=UTC, now=NOW)
