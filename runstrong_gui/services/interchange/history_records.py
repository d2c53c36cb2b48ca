"""The records a Strong or Hevy file is read into, and the checked reading of its values.

:class:`Rows` is what both readers in :mod:`.history_csv` share: columns by name, and
numbers, dates and texts checked against the store's bounds (domain/bounds.py), a bad
one reported with its line and column. The records are msgspec Structs: typed, and
cheap enough for the 50,000 sets of ten years of history.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterator

import msgspec

from runstrong_gui.domain import bounds as b
from runstrong_gui.domain.errors import ValidationError

SET_KINDS = ("normal", "warmup", "dropset", "failure")
_KIND_NOTES = {"warmup": "Warm-up", "dropset": "Drop set", "failure": "To failure"}


class ImportFileError(ValidationError):
    """A history file that cannot be imported; the message names the line and column."""

    def __init__(self, message: str) -> None:
        super().__init__("History file", message)


class LoggedSet(msgspec.Struct, frozen=True, gc=False):
    """One set as the other app logged it, already checked against the store's bounds."""

    line: int
    exercise: str
    order: int  # 1-based, as the file gives it
    reps: int | None
    seconds: int | None
    metres: float | None
    load_kg: float
    rpe: int | None
    note: str
    kind: str = "normal"  # one of SET_KINDS

    @property
    def log_note(self) -> str:
        """The set's note, with a warm-up, drop or failure set marked at its start."""
        mark = _KIND_NOTES.get(self.kind, "")
        if mark and self.note:
            return b.check_text("Note", f"{mark}. {self.note}"[: b.NOTES_MAX])
        return mark or self.note


class Workout(msgspec.Struct, gc=False):
    """One workout of the file: its sets in file order."""

    key: str  # what identifies it in the file (start time and title): re-imports skip it
    line: int
    started: dt.datetime
    title: str
    minutes: int | None
    notes: str
    sets: list[LoggedSet]


class History(msgspec.Struct):
    """A whole file, read and checked."""

    source: str  # "strong" or "hevy"
    dialect: str  # what was recognised, for the preview ("Strong (semicolons, kg)")
    workouts: list[Workout]

    @property
    def set_count(self) -> int:
        return sum(len(w.sets) for w in self.workouts)

    @property
    def first(self) -> dt.date | None:
        return min((w.started.date() for w in self.workouts), default=None)

    @property
    def last(self) -> dt.date | None:
        return max((w.started.date() for w in self.workouts), default=None)

    def exercise_names(self) -> list[str]:
        """Each exercise name once, in the order the file first uses it."""
        seen: dict[str, None] = {}
        for w in self.workouts:
            for s in w.sets:
                seen.setdefault(s.exercise, None)
        return list(seen)


class Rows:
    """What both readers share: columns by name, numbers and texts checked with their line."""

    required: tuple[str, ...] = ()

    def __init__(self, header: list[str], name: str) -> None:
        self.name = name
        self.col = {c: i for i, c in enumerate(header)}
        self.width = len(header)
        missing = [c for c in self.required if c not in self.col]
        if missing:
            raise ImportFileError(
                f"{name}, line 1: the column{'s' if len(missing) > 1 else ''} "
                f"{', '.join(missing)} {'are' if len(missing) > 1 else 'is'} missing."
            )
        self.line = 1
        self._dates: dict[str, dt.datetime] = {}
        self._isos: dict[dt.datetime, str] = {}
        self._names: dict[str, str] = {}

    def fail(self, column: str, message: str) -> ImportFileError:
        return ImportFileError(f"{self.name}, line {self.line}, {column}: {message}")

    def rows(self, reader: Iterator[list[str]]) -> Iterator[list[str]]:
        """The records with the line each starts on; blank lines skipped, ragged ones refused."""
        nxt = reader.__next__
        while True:
            start = getattr(reader, "line_num", 0) + 1
            try:
                row = nxt()
            except StopIteration:
                return
            except csv.Error as exc:
                self.line = start
                raise self.fail("format", str(exc)) from None
            self.line = start
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            if len(row) > self.width and any(v.strip() for v in row[self.width :]):
                raise self.fail(
                    "format", f"{len(row)} values for {self.width} columns (a stray separator?)"
                )
            if len(row) < self.width:
                row = row + [""] * (self.width - len(row))
            yield row

    def get(self, row: list[str], column: str) -> str:
        i = self.col.get(column)
        return row[i].strip() if i is not None else ""

    def number(
        self, row: list[str], column: str, hi: float, *, whole: bool = False, comma: bool = False
    ) -> float | None:
        """A number from 0 to ``hi`` (None when empty); negative or wrong values refused."""
        i = self.col.get(column)
        raw = row[i] if i is not None else ""
        if not raw:
            return None
        try:
            value = float(raw.replace(",", ".") if comma else raw)  # float() skips spaces
        except ValueError:
            if not raw.strip():
                return None
            raise self.fail(column, f"'{raw.strip()}' is not a number") from None
        if 0.0 <= value <= hi and (not whole or value.is_integer()):
            return value  # the common case: one comparison chain, no more calls
        raw = raw.strip()
        if value != value or value in (float("inf"), float("-inf")):
            raise self.fail(column, f"'{raw}' is not a number")
        if value < 0:
            raise self.fail(column, f"must not be negative (got {raw})")
        if value > hi:
            raise self.fail(column, f"must be at most {hi:g} (got {raw})")
        raise self.fail(column, f"must be a whole number (got {raw})")

    def iso(self, when: dt.datetime) -> str:
        """``when.isoformat()``, once per workout rather than once per set."""
        text = self._isos.get(when)
        if text is None:
            text = self._isos[when] = when.isoformat()
        return text

    def date(self, raw: str, column: str, formats: tuple[str, ...]) -> dt.datetime:
        found = self._dates.get(raw)
        if found is not None:
            return found
        text = " ".join(raw.split())
        for fmt in formats:
            try:
                found = dt.datetime.strptime(text, fmt)
                break
            except ValueError:
                continue
        else:
            try:
                found = dt.datetime.fromisoformat(text).replace(tzinfo=None)
            except ValueError:
                raise self.fail(
                    column, f"'{raw}' is not a date and time (expected e.g. {formats[0]!r})"
                ) from None
        self._dates[raw] = found
        return found

    def load(self, weight: float | None, unit: str, column: str, raw: str) -> float:
        if not weight:
            return 0.0
        kg = weight / b.LB_PER_KG if unit == "lb" else weight
        if kg > b.LOAD_KG[1]:
            limit = "500 kg" if unit == "kg" else "1,100 lb"
            raise self.fail(column, f"must be at most {limit} (got {raw} {unit})")
        return round(kg, 3)

    def rpe(self, row: list[str], column: str, comma: bool = False) -> int | None:
        """RPE 1–10 as a whole number (Strong and Hevy log halves: 7.5 is kept as 8);
        0 or empty is none."""
        value = self.number(row, column, b.RPE[1], comma=comma)
        if not value:
            return None
        return max(b.RPE[0], min(b.RPE[1], int(value + 0.5)))

    def exercise(self, row: list[str], column: str) -> str:
        raw = self.get(row, column)
        name = self._names.get(raw)  # a file repeats a few dozen names thousands of times
        if name is None:
            try:
                name = self._names[raw] = b.check_name(column, raw)
            except ValidationError as exc:
                raise self.fail(column, exc.message) from None
        return name

    def text(self, raw: str, limit: int, column: str) -> str:
        if not raw:
            return ""
        try:
            text = b.check_text(column, raw, None)
        except ValidationError as exc:
            raise self.fail(column, exc.message) from None
        return text if len(text) <= limit else text[: limit - 1] + "…"


_DURATION = re.compile(r"^(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*(?:(\d+)\s*s)?$")


def duration_minutes(raw: str) -> int | None:
    """'49m', '1h 5m', '1h', '45s', '1:05:00' or seconds as a number → whole minutes;
    None when empty, unreadable or beyond a day (a timer left running)."""
    text = raw.strip().lower()
    if not text:
        return None
    seconds: float | None = None
    found = _DURATION.match(text)
    if found and any(found.groups()):
        h, m, s = (int(g or 0) for g in found.groups())
        seconds = h * 3600 + m * 60 + s
    elif ":" in text:
        parts = text.split(":")
        if all(p.isdigit() for p in parts) and len(parts) in (2, 3):
            nums = [int(p) for p in parts]
            seconds = nums[0] * 3600 + nums[1] * 60 + (nums[2] if len(nums) == 3 else 0)
    else:
        try:
            seconds = float(text)
        except ValueError:
            return None
    if seconds is None or seconds < 0:
        return None
    minutes = round(seconds / 60)
    return minutes if b.SESSION_MINUTES[0] <= minutes <= b.SESSION_MINUTES[1] else None
