"""iCalendar out: an athlete's planned sessions as all-day events.

UID: ``uuid5`` of the session's uid, so the same session is the same event in every
export and a calendar that imports the file again updates instead of duplicating.

SEQUENCE: a calendar takes a re-imported event as newer only when its SEQUENCE rose.
The exporter remembers, per session, a digest of what it last gave a calendar (the
event's date, summary and description) and the SEQUENCE it gave; when the digest
differs the SEQUENCE goes up by one. A counter bumped by every store update would also
rise for changes no calendar shows (a log note, the order of two cards) and would have
to be kept by every write path; the digest rises exactly when the event changes, and
only the export has to know about it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from icalendar import Calendar, Event

from runstrong_gui.domain.enums import SessionKind
from runstrong_gui.domain.interchange import SessionDoc
from runstrong_gui.domain.units import load_text

# A fixed namespace: uuid5(NAMESPACE, session uid) is the event's UID everywhere.
NAMESPACE = uuid.UUID("5d1c7a52-8f0e-4b8e-9a57-3c1f4e2b9d60")
PRODID = "-//RunStrong//RunStrong planner//EN"

ExerciseNames = Mapping[tuple[str | None, str | None], tuple[str, str]]


def event_uid(session_uid: str) -> str:
    return str(uuid.uuid5(NAMESPACE, session_uid))


@dataclass(frozen=True)
class EventText:
    """What a calendar shows of one session; its digest decides the SEQUENCE."""

    session: SessionDoc
    summary: str
    description: str

    @property
    def digest(self) -> str:
        text = "\x1f".join((self.session.date.isoformat(), self.summary, self.description))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _amount(amount: int, dose: str) -> str:
    unit = {"seconds": " s", "steps": " steps", "metres": " m"}.get(dose, "")
    return f"{amount}{unit}"


def event_text(s: SessionDoc, names: ExerciseNames, units: str) -> EventText:
    """The summary (title, minutes, distance) and description (exercises with doses)."""
    kind = SessionKind(s.kind)
    bits = [s.title or kind.label]
    if s.minutes:
        bits.append(f"{s.minutes} min")
    if s.distance_km:
        bits.append(f"{s.distance_km:g} km")
    lines = []
    for p in s.exercises:
        name, dose = names.get((p.exercise_key, p.exercise_uid), ("?", "reps"))
        dose_text = f"{p.sets} × {_amount(p.amount, dose)}"
        if p.per_side:
            dose_text += " each side"
        if p.load_kg:
            dose_text += f" @ {load_text(p.load_kg, units)}"
        if p.tempo:
            dose_text += f", tempo {p.tempo}"
        lines.append(f"{name}: {dose_text}" + (f" — {p.notes}" if p.notes else ""))
    if s.notes:
        lines.extend(("", s.notes) if lines else (s.notes,))
    return EventText(s, " · ".join(bits), "\n".join(lines))


def calendar_bytes(
    name: str,
    events: list[tuple[EventText, int]],
    stamp: dt.datetime,
) -> bytes:
    """The calendar of ``events`` (text, SEQUENCE); ``stamp`` is the DTSTAMP (UTC)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"RunStrong — {name}")
    for text, sequence in events:
        s = text.session
        event = Event()
        event.add("uid", event_uid(s.uid))
        event.add("dtstamp", stamp)
        event.add("dtstart", s.date)
        event.add("dtend", s.date + dt.timedelta(days=1))
        event.add("summary", text.summary)
        if text.description:
            event.add("description", text.description)
        event.add("sequence", sequence)
        event.add("transp", "TRANSPARENT")  # a plan, not a busy slot
        event.add("categories", [SessionKind(s.kind).label])
        cal.add_component(event)
    return bytes(cal.to_ical())
