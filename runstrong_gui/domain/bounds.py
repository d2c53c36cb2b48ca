"""Validation bounds of what a user enters. The schema's CHECK constraints use the same numbers."""

from __future__ import annotations

import re

from runstrong_gui.domain.errors import ValidationError

NAME_MAX = 120
SETS = (1, 20)
REPS = (1, 200)
SECONDS = (1, 3600)
DISTANCE_UNITS = (1, 200)  # steps or metres of one set
LOAD_KG = (0.0, 500.0)
RPE = (1, 10)
PAIN = (0, 10)
REST_SECONDS = (0, 900)
SESSION_MINUTES = (0, 1440)
DISTANCE_KM = (0.0, 500.0)
INTENSITY = (1, 10)
ORDER = (0, 99)
NOTES_MAX = 4000
PHONE_MAX = 40
EMAIL_MAX = 254  # the longest address SMTP carries
_PHONE = re.compile(r"\+?[0-9][0-9 ()./-]*")
_EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")
URL_MAX = 2000
EXTERNAL_ID_MAX = 255
LB_PER_KG = 2.2046226218


def _check_encodable(field: str, value: str) -> None:
    """Refuse a lone surrogate (e.g. '\\ud800' pasted from a broken source).

    Such a string is a valid Python ``str`` but no UTF-8 text: SQLite, PDFs and files
    would fail on it later with a UnicodeEncodeError far from the field it came from.
    """
    if value.isascii():
        return
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValidationError(
            field,
            f"contains an invalid character (U+{ord(value[exc.start]):04X}, a lone surrogate); "
            "retype the text or paste it from another source",
        ) from None


def check_name(field: str, value: str) -> str:
    """Strip and bound a name; empty, over-long or unencodable names are refused."""
    if not isinstance(value, str):
        raise ValidationError(field, "must be text")
    _check_encodable(field, value)
    text = value.strip()
    if not text:
        raise ValidationError(field, "must not be empty")
    if len(text) > NAME_MAX:
        raise ValidationError(field, f"must be at most {NAME_MAX} characters (got {len(text)})")
    return text


def check_text(field: str, value: str, limit: int | None = NOTES_MAX) -> str:
    """Bound a free text (``limit`` None: the caller bounds it); texts that cannot be
    stored as UTF-8 are refused."""
    if not isinstance(value, str):
        raise ValidationError(field, "must be text")
    if limit is not None and len(value) > limit:
        raise ValidationError(field, f"must be at most {limit} characters")
    _check_encodable(field, value)
    return value


def check_phone(field: str, value: str) -> str:
    """An optional phone number: digits, with the spaces, dashes, dots, brackets and the
    leading + people write; empty is fine (a contact field is never required)."""
    text = check_text(field, value, PHONE_MAX).strip()
    if text and (not _PHONE.fullmatch(text) or sum(c.isdigit() for c in text) < 3):
        raise ValidationError(
            field, f"'{text}' is not a phone number (digits, e.g. +44 20 7946 0018)"
        )
    return text


def check_email(field: str, value: str) -> str:
    """An optional e-mail address, checked for its shape (name@domain.tld) only."""
    text = check_text(field, value, EMAIL_MAX).strip()
    if text and not _EMAIL.fullmatch(text):
        raise ValidationError(field, f"'{text}' is not an e-mail address (name@example.com)")
    return text


def check_int(field: str, value: object, bounds: tuple[int, int]) -> int:
    """Whole numbers within ``bounds``; bools and fractions are refused."""
    lo, hi = bounds
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(field, f"must be a whole number from {lo} to {hi}")
    if not lo <= value <= hi:
        raise ValidationError(field, f"must be from {lo} to {hi} (got {value})")
    return value


def check_float(field: str, value: object, bounds: tuple[float, float], unit: str = "") -> float:
    lo, hi = bounds
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValidationError(field, f"must be a number from {lo:g} to {hi:g}{unit}")
    number = float(value)
    if number != number or not lo <= number <= hi:  # NaN fails the first test
        raise ValidationError(field, f"must be from {lo:g} to {hi:g}{unit} (got {number:g})")
    return number


def dose_bounds(dose_kind: str) -> tuple[int, int]:
    """The allowed range of one set's amount for a dose kind."""
    return {"reps": REPS, "seconds": SECONDS}.get(dose_kind, DISTANCE_UNITS)


def kg_to_display(kg: float, units: str) -> float:
    return kg * LB_PER_KG if units == "lb" else kg


def display_to_kg(value: float, units: str) -> float:
    return value / LB_PER_KG if units == "lb" else value
