"""Reading a running plan from an iCalendar feed (Runna, TrainingPeaks, Garmin, Final Surge…).

Pure: bytes in, :class:`ImportedRun` records out. The calendar is parsed by ``icalendar``
(line unfolding, escapes, time zones) and weekly ``RRULE`` series are expanded by
``recurring-ical-events``; what this module adds is reading a run out of an event's
title and description, which no library does: its kind, minutes and distance.

Anything that is not a whole calendar (an image renamed ``.ics``, a web page, a file cut
short) raises :class:`FeedError` with a message for the user before any record is made.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

import msgspec

from runstrong_gui.domain import bounds as b
from runstrong_gui.domain.enums import SessionKind

MAX_BYTES = 20 * 1024 * 1024  # a year of daily workouts is well under 1 MB
MAX_EVENTS = 5000
# An open-ended weekly series is expanded this far past the last dated event (or today).
RRULE_HORIZON = dt.timedelta(days=182)
_MILE_KM = 1.609344


class FeedError(ValueError):
    """The file or answer is not a calendar RunStrong can read; the message says why."""


class ImportedRun(msgspec.Struct, frozen=True):
    """One event of the feed as a run session of RunStrong."""

    uid: str  # the event's UID, plus the date of an occurrence of a repeating event
    sequence: int
    date: dt.date
    kind: SessionKind
    title: str
    minutes: int | None = None
    distance_km: float | None = None
    description: str = ""
    done: bool = False


# -- reading a run out of text ------------------------------------------------------

_WORDS: tuple[tuple[SessionKind, re.Pattern[str]], ...] = (
    (SessionKind.RACE, re.compile(r"\brace\b(?!\s*pace)|\brace day\b|\bparkrun\b", re.I)),
    (SessionKind.LONG, re.compile(r"\blong\b", re.I)),
    (
        SessionKind.QUALITY,
        re.compile(r"\b(tempo|threshold|intervals?|track|hills?|fartlek)\b", re.I),
    ),
    (SessionKind.EASY, re.compile(r"\b(easy|recovery)\b", re.I)),
    (SessionKind.WALK, re.compile(r"\bwalk(ing)?\b", re.I)),
    (SessionKind.CROSS, re.compile(r"\bcross[- ]?training\b", re.I)),
)


def run_kind(title: str, description: str = "") -> SessionKind:
    """The kind a title names (else the description); anything else is an easy run."""
    for text in (title, description):
        for kind, words in _WORDS:
            if words.search(text):
                return kind
    return SessionKind.EASY


_H = r"(?P<{p}h>\d{{1,2}})\s*h(?:ours?|rs?)?(?:\s*(?P<{p}hm>\d{{1,2}})\s*m(?:in(?:ute)?s?)?)?"
_M = r"(?P<{p}m>\d{{1,3}})\s*(?:minutes?|mins?|m)"


def _one(p: str) -> str:
    return rf"(?:{_H.format(p=p)}|{_M.format(p=p)})(?![a-z])"


_RANGE = re.compile(rf"(?<![\w.]){_one('a')}\s*(?:-|–|to)\s*{_one('b')}", re.I)
_SINGLE = re.compile(rf"(?<![x×] )(?<![\w.]){_one('a')}", re.I)
_CLOCK = re.compile(r"moving time:\s*(\d{1,2}):(\d{2})(?::(\d{2}))?", re.I)
_PLANNED_CLOCK = re.compile(r"(?:time|duration):\s*(\d{1,2}):(\d{2})(?::(\d{2}))?", re.I)
_LABELLED_DISTANCE = re.compile(r"distance:\s*(?=\d)", re.I)
_DISTANCE = re.compile(
    r"(?<![x×] )(?<![\w.])(\d{1,3}(?:[.,]\d{1,3})?)\s*"
    r"(km|kilomet(?:er|re)s?|k|mi|miles?)(?![a-z])",
    re.I,
)


def _minutes_of(m: re.Match[str], p: str) -> int | None:
    if m.group(f"{p}h") is not None:
        return int(m.group(f"{p}h")) * 60 + int(m.group(f"{p}hm") or 0)
    value = int(m.group(f"{p}m"))
    # "8 x 400m" are metres: a bare "m" is read as minutes only within a day's run
    return value if value <= 300 else None


def text_minutes(text: str) -> int | None:
    """Minutes a text names: "35m - 40m" (the middle), "90 min", "1h 35m", or a line
    such as "Planned Time: 0:45:00"."""
    clock = _PLANNED_CLOCK.search(text)
    if clock:
        return _clock_minutes(clock)
    found = _RANGE.search(text)
    if found:
        lo, hi = _minutes_of(found, "a"), _minutes_of(found, "b")
        if lo is not None and hi is not None and lo <= hi:
            return (lo + hi + 1) // 2
    for found in _SINGLE.finditer(text):
        value = _minutes_of(found, "a")
        if value:
            return value
    return None


def moving_minutes(text: str) -> int | None:
    """The minutes of a result line such as "Moving Time: 0:35:24"."""
    found = _CLOCK.search(text)
    return _clock_minutes(found) if found else None


def _clock_minutes(found: re.Match[str]) -> int:
    """h:mm:ss (or h:mm) as whole minutes."""
    h, m, s = int(found.group(1)), int(found.group(2)), int(found.group(3) or 0)
    return round((h * 3600 + m * 60 + s) / 60)


def text_distance(text: str) -> float | None:
    """Kilometres a text names: "6km", "5.2 km", "6.2 mi", "10K"; a "Distance: 6.02 km"
    line (a result, or the planned distance) before any other."""
    labelled = _LABELLED_DISTANCE.search(text)
    found = _DISTANCE.match(text, labelled.end()) if labelled else None
    found = found or _DISTANCE.search(text)
    if not found:
        return None
    value = float(found.group(1).replace(",", "."))
    if found.group(2).lower().startswith("mi"):
        value *= _MILE_KM
    value = round(value, 2)
    lo, hi = b.DISTANCE_KM
    return value if lo < value <= hi else None


# -- the calendar ---------------------------------------------------------------------


_BEGIN_EVENT = re.compile(r"^BEGIN:VEVENT\r?$", re.M | re.I)
_END_EVENT = re.compile(r"^END:VEVENT\r?$", re.M | re.I)
_END_CALENDAR = re.compile(r"^END:VCALENDAR\r?$", re.M | re.I)


def _check_bytes(data: bytes) -> str:
    if not data.strip():
        raise FeedError("The calendar is empty.")
    if len(data) > MAX_BYTES:
        raise FeedError(
            f"The calendar is {len(data) / 1024 / 1024:.0f} MB; RunStrong reads calendars "
            f"up to {MAX_BYTES // 1024 // 1024} MB. Nothing was imported."
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if b"BEGIN:VCALENDAR" not in data[:4096]:
            raise FeedError(
                "This is not an iCalendar file (it holds binary data, not text). "
                "Nothing was imported."
            ) from None
        raise FeedError(
            f"The calendar is not valid UTF-8 text (byte {exc.start}). Nothing was imported."
        ) from None
    head = text.lstrip()[:2048].lower()
    if not head.startswith("begin:vcalendar"):
        if head.startswith(("<!doctype html", "<html")) or "<html" in head:
            raise FeedError(
                "The address answered with a web page (HTML), not a calendar: copy the "
                "calendar's own link (it often ends in .ics). Nothing was imported."
            )
        raise FeedError(
            "This is not an iCalendar file: it does not start with BEGIN:VCALENDAR. "
            "Nothing was imported."
        )
    opened, closed = len(_BEGIN_EVENT.findall(text)), len(_END_EVENT.findall(text))
    if not _END_CALENDAR.search(text[-4096:]) or opened != closed:
        line = text.count("\n") + 1
        raise FeedError(
            f"The calendar ends early (line {line}, with no END:VCALENDAR or an event not "
            "closed): the file looks cut short. Nothing was imported."
        )
    return text


def _when(value: Any, zone: dt.tzinfo | None) -> tuple[dt.date, dt.datetime | None]:
    """(local date, local start time or None for an all-day event)."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(zone)
            value = value.replace(tzinfo=None)
        return value.date(), value
    if isinstance(value, dt.date):
        return value, None
    raise ValueError("not a date")


def _plain_title(summary: str) -> str:
    """The title without the pictographs feeds put before it ("🏃 Long Run • 16km"): a
    card has room for a few words only, and the PDF fonts have no emoji. The event's
    description is kept as it is."""
    start = 0
    while start < len(summary) and (
        summary[start].isspace() or unicodedata.category(summary[start])[0] in "SMC"
    ):
        start += 1
    return summary[start:]


def _event_text(event: Any, name: str) -> str:
    value = event.get(name)
    return "" if value is None else str(value).strip()


def _uid(event: Any, summary: str, start: Any, series: set[str]) -> str:
    uid = _event_text(event, "UID") or f"{start}|{summary}"
    recurrence = event.get("RECURRENCE-ID")
    if uid in series:
        # every occurrence of a series shares the UID; its date tells them apart
        stamp = (recurrence.dt if recurrence is not None else start).isoformat()
        uid = f"{uid}#{stamp}"
    if len(uid) > b.EXTERNAL_ID_MAX:
        uid = "sha1:" + hashlib.sha1(uid.encode("utf-8")).hexdigest()
    return uid


def _run(event: Any, zone: dt.tzinfo | None, now: dt.datetime, series: set[str]) -> ImportedRun:
    summary = _event_text(event, "SUMMARY")
    description = _event_text(event, "DESCRIPTION").replace("\r\n", "\n")
    start_prop = event.get("DTSTART")
    if start_prop is None:
        raise FeedError(
            f"The event '{summary or '(no title)'}' has no start (DTSTART). Nothing was imported."
        )
    try:
        start_value = start_prop.dt
    except (ValueError, AttributeError) as exc:  # icalendar keeps a broken value aside
        reason = str(exc).rsplit("): ", 1)[-1]
        raise FeedError(
            f"The event '{summary or '(no title)'}' has a start (DTSTART) that is not a date: "
            f"{reason}. Nothing was imported."
        ) from None
    day, start = _when(start_value, zone)
    done = start is not None and start < now and moving_minutes(description) is not None
    minutes: int | None = None
    estimated = event.get("X-WORKOUT-ESTIMATED-DURATION")
    if estimated is not None:
        try:
            minutes = round(int(str(estimated).strip()) / 60) or None
        except ValueError:
            raise FeedError(
                f"The event '{summary}' on {day.isoformat()} has a duration "
                f"(X-WORKOUT-ESTIMATED-DURATION) that is not a number: {str(estimated)!r}. "
                "Nothing was imported."
            ) from None
    if minutes is None and done:
        minutes = moving_minutes(description)
    if minutes is None and start is not None:
        end_prop = event.get("DTEND")
        length = event.get("DURATION")
        if end_prop is not None and isinstance(end_prop.dt, dt.datetime):
            end = end_prop.dt
            if (end.tzinfo is None) != (start_value.tzinfo is None):
                end = end.replace(tzinfo=start_value.tzinfo)
            minutes = round((end - start_value).total_seconds() / 60) or None
        elif length is not None:
            minutes = round(length.dt.total_seconds() / 60) or None
    if minutes is None:
        minutes = text_minutes(summary) or text_minutes(description)
    lo, hi = b.SESSION_MINUTES
    if minutes is not None and not lo <= minutes <= hi:
        minutes = None
    try:
        sequence = int(str(event.get("SEQUENCE", 0)).strip() or 0)
    except ValueError:
        sequence = 0
    title = _plain_title(summary)[: b.NAME_MAX].strip() or "Run"
    return ImportedRun(
        uid=_uid(event, summary, start_value, series),
        sequence=max(0, min(sequence, 2**31 - 1)),
        date=day,
        kind=run_kind(summary, description),
        title=title,
        minutes=minutes,
        distance_km=(text_distance(description) if _LABELLED_DISTANCE.search(description) else None)
        or text_distance(summary)
        or text_distance(description),
        description=description[: b.NOTES_MAX],
        done=done,
    )


def _events(calendar: Any) -> Iterable[Any]:
    """The calendar's events, repeating series expanded into their occurrences."""
    events = list(calendar.walk("VEVENT"))
    if not any(e.get("RRULE") is not None for e in events):
        return events
    import recurring_ical_events  # loaded only for feeds that repeat

    starts = [e["DTSTART"].dt for e in events if e.get("DTSTART") is not None]
    days = [s.date() if isinstance(s, dt.datetime) else s for s in starts]
    if not days:
        return events
    singles = [
        s.date() if isinstance(s, dt.datetime) else s
        for e in events
        if e.get("RRULE") is None and e.get("DTSTART") is not None
        for s in (e["DTSTART"].dt,)
    ]
    last = max([*singles, *days, dt.date.today()]) + RRULE_HORIZON
    query = recurring_ical_events.of(calendar)
    out = []
    for occurrence in query.between(min(days), last + dt.timedelta(days=1)):
        out.append(occurrence)
        if len(out) > MAX_EVENTS:
            break
    return out


def parse_calendar(
    data: bytes, *, zone: dt.tzinfo | None = None, now: dt.datetime | None = None
) -> list[ImportedRun]:
    """The feed's events as runs, in date order.

    ``zone`` is the user's time zone (the machine's when None): a timed event counts on
    its local date there. ``now`` (local, naive) decides which timed events are past.
    """
    import icalendar

    text = _check_bytes(data)
    try:
        calendar = icalendar.Calendar.from_ical(text)
    except ValueError as exc:
        raise FeedError(f"The calendar could not be read: {exc}. Nothing was imported.") from None
    now = now or dt.datetime.now()
    try:
        events = list(_events(calendar))
    except Exception as exc:  # the expander's errors have no common base class
        raise FeedError(
            f"A repeating event could not be expanded: {exc}. Nothing was imported."
        ) from None
    if len(events) > MAX_EVENTS:
        raise FeedError(
            f"The calendar holds more than {MAX_EVENTS} events; RunStrong imports a plan, "
            "not a whole calendar history. Nothing was imported."
        )
    series = {_event_text(e, "UID") for e in calendar.walk("VEVENT") if e.get("RRULE") is not None}
    runs: dict[str, ImportedRun] = {}
    for event in events:
        try:
            run = _run(event, zone, now, series)
        except (ValueError, TypeError, AttributeError, KeyError) as exc:
            if isinstance(exc, FeedError):
                raise
            title = _event_text(event, "SUMMARY") or _event_text(event, "UID")
            raise FeedError(
                f"The event '{title}' could not be read ({exc}). Nothing was imported."
            ) from None
        old = runs.get(run.uid)
        if old is None or run.sequence >= old.sequence:
            runs[run.uid] = run
    return sorted(runs.values(), key=lambda r: (r.date, r.title, r.uid))
