"""Words and numbers as the pages print them; pure functions, no ReportLab.

Everything a user typed passes through :func:`esc` before it meets Paragraph
markup, so a note reading "<b>" prints those three characters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from xml.sax.saxutils import escape

from runstrong_gui.domain import units as units_mod
from runstrong_gui.domain.dates import MONTHS_SHORT, WEEKDAYS_SHORT, short_date
from runstrong_gui.domain.enums import DoseKind, Units
from runstrong_gui.domain.models import Exercise, PlannedExercise, Session
from runstrong_gui.domain.progression import planned_minutes
from runstrong_gui.export.documents import DayPlan, ItemPlan, SessionPlan

# Our own names: strftime follows the process locale, which the GUI may change.
DAY_SHORT = WEEKDAYS_SHORT


# Control characters have no glyph; a tab prints as a space, other controls are dropped.
_CONTROLS: dict[int, str | None] = dict.fromkeys(
    (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F)
)
_CONTROLS[0x09] = " "


NBSP = "\u00a0"  # keeps a number on the line of its unit: '18.4 km', never '18.4 / km'
SEP = NBSP + "· "  # between phrases; a wrapped line never starts with the dot


def esc(text: str) -> str:
    """User text made safe for Paragraph markup; its line breaks are kept."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_CONTROLS)
    return escape(text).replace("\n", "<br/>")


def esc_attr(text: str) -> str:
    """User text made safe inside a double-quoted markup attribute (a link's href)."""
    return escape(text, {'"': "&quot;"})


def clip(text: str, limit: int) -> str:
    """At most ``limit`` characters, ending in an ellipsis when cut (for summary pages)."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def date_range(first: dt.date, last: dt.date) -> str:
    """'3–9 Mar 2025', '28 Apr – 4 May 2025', '29 Dec 2025 – 4 Jan 2026'."""
    if first.year != last.year:
        return f"{short_date(first)} {first.year} – {short_date(last)} {last.year}"
    if first.month != last.month:
        return f"{short_date(first)} – {short_date(last)} {last.year}"
    return f"{first.day}–{last.day} {MONTHS_SHORT[last.month - 1]} {last.year}"


def number(value: float) -> str:
    """One decimal at most, no trailing '.0': 20 -> '20', 44.09 -> '44.1'."""
    return f"{round(value, 1):g}"


def load_text(load_kg: float, units: Units) -> str:
    """A load in the athlete's units on its step: '20 kg', '45 lb'."""
    return units_mod.load_text(load_kg, Units(units).value, NBSP)


def duration(minutes: int) -> str:
    """'45 min', '1 h', '1 h 30 min'."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest}{NBSP}min"
    return f"{hours}{NBSP}h" + (f" {rest}{NBSP}min" if rest else "")


def rest_text(seconds: int) -> str:
    if seconds >= 120 and seconds % 60 == 0:
        return f"rest {seconds // 60}{NBSP}min"
    return f"rest {seconds}{NBSP}s"


def amount_text(kind: DoseKind, sets: int, amount: int, *, compact: bool = False) -> str:
    """'3 × 10', '3 × 30 s', '3 × 12 steps'; compact: '3×10', '3×30 s'."""
    unit = kind.unit
    times = "×" if compact else " × "
    if not unit:
        return f"{sets}{times}{amount}"
    return f"{sets}{times}{amount}{NBSP if len(unit) <= 2 else ' '}{unit}"


def dose_parts(exercise: Exercise, planned: PlannedExercise, units: Units) -> list[str]:
    """The planned dose as separate phrases: amount, load, tempo, rest (plain text)."""
    main = amount_text(exercise.dose_kind, planned.sets, planned.amount)
    if planned.per_side:
        main += " each side"
    parts = [main]
    if planned.load_kg > 0:
        parts.append(load_text(planned.load_kg, units))
    if planned.tempo:
        parts.append(f"tempo {planned.tempo}")
    if planned.rest_seconds > 0:
        parts.append(rest_text(planned.rest_seconds))
    return parts


def dose_line(exercise: Exercise, planned: PlannedExercise, units: Units) -> str:
    """'3 × 10 each side · 20 kg · tempo 3-1-1 · rest 60 s' (plain text)."""
    return SEP.join(dose_parts(exercise, planned, units))


def dose_compact(exercise: Exercise, planned: PlannedExercise, units: Units) -> str:
    """The dose for a grid cell: '2×10', '3×12 @20 kg', '3×30 s'."""
    text = amount_text(exercise.dose_kind, planned.sets, planned.amount, compact=True)
    if planned.load_kg > 0:
        text += f" @{load_text(planned.load_kg, units)}"
    return text


def dose_short(exercise: Exercise, planned: PlannedExercise, units: Units) -> str:
    """The dose on a day card: '3×10 each side', '3×8 @20 kg'."""
    text = amount_text(exercise.dose_kind, planned.sets, planned.amount, compact=True)
    if planned.per_side:
        text += " each side"
    if planned.load_kg > 0:
        text += f" @{load_text(planned.load_kg, units)}"
    return text


def session_minutes(plan: SessionPlan) -> int | None:
    """The session's own minutes, else an estimate from its exercises (strength)."""
    if plan.session.minutes is not None:
        return plan.session.minutes
    if plan.items:
        return planned_minutes([(i.planned, i.exercise.dose_kind) for i in plan.items])
    return None


def run_details(session: Session) -> str:
    """'40 min · 8 km' — what a run, walk or cross-training session asks for (plain)."""
    parts = []
    if session.minutes:
        parts.append(duration(session.minutes))
    if session.distance_km:
        parts.append(f"{number(session.distance_km)}{NBSP}km")
    if session.intensity is not None:
        parts.append(f"intensity {session.intensity}/10")
    return SEP.join(parts)


def sorted_days(days: Iterable[DayPlan]) -> list[DayPlan]:
    return sorted(days, key=lambda d: d.date)


def sorted_sessions(day: DayPlan) -> list[SessionPlan]:
    return sorted(day.sessions, key=lambda s: (s.session.order, not s.session.kind.is_run))


def sorted_items(items: Iterable[ItemPlan]) -> list[ItemPlan]:
    return sorted(items, key=lambda i: i.planned.position)
