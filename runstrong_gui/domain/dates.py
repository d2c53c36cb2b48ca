"""Dates in words, the same on every machine.

``strftime`` follows the process locale (Qt sets it from the desktop at start-up) and
``%-d`` does not exist on Windows, so the app spells dates out itself: the interface
is English, and a German desktop should not turn "Tuesday" into "Dienstag" mid-sentence.
"""

from __future__ import annotations

import datetime as dt

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAYS_SHORT = tuple(d[:3] for d in WEEKDAYS)
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
MONTHS_SHORT = tuple(m[:3] for m in MONTHS)


def weekday(day: dt.date) -> str:
    """'Tuesday'."""
    return WEEKDAYS[day.weekday()]


def day_name(day: dt.date) -> str:
    """'Tuesday 3 March': how a day is named on screen and to screen readers."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"


def short_day(day: dt.date) -> str:
    """'Tue 3 Mar'."""
    return f"{WEEKDAYS_SHORT[day.weekday()]} {day.day} {MONTHS_SHORT[day.month - 1]}"


def short_date(day: dt.date) -> str:
    """'3 Mar'."""
    return f"{day.day} {MONTHS_SHORT[day.month - 1]}"


def medium_date(day: dt.date) -> str:
    """'3 Mar 2026'."""
    return f"{day.day} {MONTHS_SHORT[day.month - 1]} {day.year}"


def long_date(day: dt.date) -> str:
    """'3 March 2026'."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def full_date(day: dt.date) -> str:
    """'Tuesday 3 March 2026'."""
    return f"{day_name(day)} {day.year}"
