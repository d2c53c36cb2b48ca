"""Reading lifting history exported by Strong and Hevy (CSV), checked before anything is saved.

Three shapes are read, told apart by their first line:

- Strong, comma-separated: ``Date,Workout Name,Duration,Exercise Name,Set Order,Weight,
  Reps,Distance,Seconds,Notes,Workout Notes,RPE``; dates ``2025-01-30 12:34:56 pm``,
  durations ``49m`` / ``1h 5m``. Weights carry no unit: they are in the unit the app was
  set to, taken to be the athlete's.
- Strong's older semicolon dialect, with ``Weight Unit`` and ``Distance Unit`` columns
  (and decimal commas, as European locales wrote it).
- Hevy: ``title,start_time,end_time,…,set_index,set_type,weight_kg|weight_lbs,reps,
  distance_km|distance_miles,duration_seconds,rpe``; dates ``30 Jan 2025, 12:34``,
  ``set_index`` from 0, ``set_type`` normal / warmup / dropset / failure.

Every value is checked against the store's bounds (domain/bounds.py) and a bad one is
reported with its line and column; the whole file is refused then, so nothing is ever
half-imported. Files over :data:`MAX_BYTES`, binary files and absurdly wide headers are
refused before any row is read. Texts from the other app that are merely long (a
workout title over 120 characters) are shortened rather than refused: they are not the
user's typing, and the workout is still worth having.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from runstrong_gui.domain import bounds as b
from runstrong_gui.services.interchange.history_records import (
    SET_KINDS,
    History,
    ImportFileError,
    LoggedSet,
    Rows,
    Workout,
    duration_minutes,
)

__all__ = [
    "MAX_BYTES",
    "SOURCE_LABELS",
    "History",
    "ImportFileError",
    "LoggedSet",
    "Workout",
    "duration_minutes",
    "parse_history",
    "read_history_file",
]

MAX_BYTES = 64 * 1024 * 1024
MAX_COLUMNS = 64  # Strong writes 12–14 columns, Hevy 14; a header far wider is not theirs
SOURCES = ("strong", "hevy")
SOURCE_LABELS = {"strong": "Strong", "hevy": "Hevy"}
_KM_PER_MILE = 1.609344


# --------------------------------------------------------------------------- file checks


def read_history_file(path: Path | str, source: str | None = None, units: str = "kg") -> History:
    """Read ``path`` (see :func:`parse_history`), refusing oversized files before reading."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ImportFileError(
                f"{path.name} is {size / 1048576:,.0f} MB; a Strong or Hevy export is far "
                f"smaller (at most {MAX_BYTES // 1048576} MB is read). Nothing was imported."
            )
        with path.open("rb") as f:
            data = f.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ImportFileError(f"{path.name} could not be read ({exc.strerror or exc}).") from exc
    return parse_history(data, source, units, name=path.name)


def _text(data: bytes, name: str) -> str:
    if len(data) > MAX_BYTES:
        raise ImportFileError(f"{name} is larger than {MAX_BYTES // 1048576} MB: not imported.")
    head = data[:8192]
    if b"\0" in head or head.startswith((b"\x89PNG", b"PK\x03\x04", b"%PDF", b"\xff\xd8")):
        raise ImportFileError(
            f"{name} is not a CSV text file (it looks like a picture, archive or other "
            "binary file). Export your workouts as CSV from Strong or Hevy and choose that file."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFileError(
            f"{name}, line {line}: the file is not UTF-8 text as Strong and Hevy write it."
        ) from None


def _detect(header: list[str], delimiter: str) -> str:
    cols = {c.strip() for c in header}
    if "exercise_title" in cols or "start_time" in cols:
        return "hevy"
    if "Exercise Name" in cols or "Workout Name" in cols:
        return "strong"
    return ""


def parse_history(
    data: bytes | str, source: str | None = None, units: str = "kg", name: str = "The file"
) -> History:
    """Read a Strong or Hevy export. ``source`` (strong/hevy) must agree with the file
    when given; ``units`` (kg/lb) are the athlete's, for Strong files that name none."""
    text = _text(data, name) if isinstance(data, bytes) else data
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    if first.count(delimiter) + 1 > MAX_COLUMNS:
        raise ImportFileError(
            f"{name}, line 1: the header has {first.count(delimiter) + 1:,} columns; a Strong "
            f"or Hevy export has about a dozen. This is not one of their files."
        )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [c.strip() for c in next(reader)]
    except StopIteration:
        raise ImportFileError(f"{name} is empty.") from None
    except csv.Error as exc:
        raise ImportFileError(f"{name}, line 1: {exc}") from None
    found = _detect(header, delimiter)
    if not found:
        raise ImportFileError(
            f"{name}, line 1: not a Strong or Hevy export (its columns are "
            f"{', '.join(header[:6])}{'…' if len(header) > 6 else ''})."
        )
    if source is not None and source != found:
        raise ImportFileError(
            f"{name} is a {SOURCE_LABELS[found]} export, not a {SOURCE_LABELS.get(source, source)} "
            "one: choose the matching import."
        )
    if found == "hevy":
        return _Hevy(header, name).read(reader)
    return _Strong(header, name, delimiter, units).read(reader)


# ------------------------------------------------------------------------------- Strong

_STRONG_DATES = ("%Y-%m-%d %I:%M:%S %p", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %I:%M %p", "%Y-%m-%d %H:%M")
_STRONG_KINDS = {"w": "warmup", "d": "dropset", "f": "failure"}


class _Strong(Rows):
    required = ("Date", "Workout Name", "Exercise Name", "Set Order", "Weight", "Reps")

    def __init__(self, header: list[str], name: str, delimiter: str, units: str) -> None:
        super().__init__(header, name)
        self.comma = delimiter == ";"  # the semicolon dialect came with decimal commas
        self.units = "lb" if units == "lb" else "kg"
        has_unit = "Weight Unit" in self.col
        sep = "semicolons" if self.comma else "commas"
        self.dialect = f"Strong ({sep}, {'weight units per set' if has_unit else self.units})"
        self.duration = "Duration" if "Duration" in self.col else "Workout Duration"

    def read(self, reader: Iterator[list[str]]) -> History:
        workouts: dict[str, Workout] = {}
        for row in self.rows(reader):
            order_raw = self.get(row, "Set Order")
            if order_raw.lower().startswith("rest"):  # "Rest Timer" rows: no set
                continue
            date_raw = self.get(row, "Date")
            if not date_raw:
                raise self.fail("Date", "is empty")
            started = self.date(date_raw, "Date", _STRONG_DATES)
            title = self.get(row, "Workout Name")
            key = f"{self.iso(started)}|{title[:200]}"  # the store keeps 300 characters
            workout = workouts.get(key)
            if workout is None:
                workout = Workout(
                    key=key,
                    line=self.line,
                    started=started,
                    title=self.text(title, b.NAME_MAX, "Workout Name"),
                    minutes=duration_minutes(self.get(row, self.duration)),
                    notes=self.text(self.get(row, "Workout Notes"), b.NOTES_MAX, "Workout Notes"),
                    sets=[],
                )
                workouts[key] = workout
            workout.sets.append(self._set(row, order_raw, len(workout.sets)))
        return History("strong", self.dialect, list(workouts.values()))

    def _unit(self, row: list[str], column: str, default: str) -> str:
        raw = self.get(row, column).lower()
        if not raw:
            return default
        unit = {"kg": "kg", "kgs": "kg", "lb": "lb", "lbs": "lb", "km": "km", "m": "m"}.get(raw)
        unit = unit or {"mi": "mi", "miles": "mi", "ft": "ft", "yd": "yd"}.get(raw)
        if unit is None:
            raise self.fail(column, f"unknown unit '{raw}'")
        return unit

    def _set(self, row: list[str], order_raw: str, index: int) -> LoggedSet:
        kind = _STRONG_KINDS.get(order_raw.lower(), "normal")
        if kind == "normal":
            order_value = self.number(row, "Set Order", 999, whole=True)
            order = int(order_value) if order_value else index + 1
        else:
            order = index + 1
        weight_raw = self.get(row, "Weight")
        unit = (
            self._unit(row, "Weight Unit", self.units) if "Weight Unit" in self.col else self.units
        )
        if unit not in ("kg", "lb"):
            raise self.fail("Weight Unit", f"'{unit}' is not a weight unit")
        weight = self.number(row, "Weight", 100000, comma=self.comma)
        reps = self.number(row, "Reps", 3600, whole=True, comma=self.comma)
        seconds = self.number(row, "Seconds", 86400, whole=True, comma=self.comma)
        distance = self.number(row, "Distance", 100000, comma=self.comma)
        metres = None
        if distance:
            default = "mi" if self.units == "lb" else "km"
            d_unit = self._unit(row, "Distance Unit", default)
            per = {"km": 1000.0, "m": 1.0, "mi": _KM_PER_MILE * 1000, "ft": 0.3048, "yd": 0.9144}
            metres = distance * per.get(d_unit, 1000.0)
        return LoggedSet(
            line=self.line,
            exercise=self.exercise(row, "Exercise Name"),
            order=order,
            reps=int(reps) if reps is not None else None,
            seconds=int(seconds) if seconds else None,
            metres=metres,
            load_kg=self.load(weight, unit, "Weight", weight_raw),
            rpe=self.rpe(row, "RPE", self.comma),
            note=self.text(self.get(row, "Notes"), b.NOTES_MAX, "Notes"),
            kind=kind,
        )


# --------------------------------------------------------------------------------- Hevy

_HEVY_DATES = ("%d %b %Y, %H:%M", "%d %b %Y %H:%M", "%d %B %Y, %H:%M", "%Y-%m-%d %H:%M:%S")


class _Hevy(Rows):
    required = ("title", "start_time", "exercise_title", "set_index", "reps")

    def __init__(self, header: list[str], name: str) -> None:
        super().__init__(header, name)
        if "weight_kg" in self.col:
            self.weight, self.unit = "weight_kg", "kg"
        elif "weight_lbs" in self.col:
            self.weight, self.unit = "weight_lbs", "lb"
        else:
            raise ImportFileError(f"{name}, line 1: the column weight_kg or weight_lbs is missing.")
        if "distance_miles" in self.col:
            self.distance, self.per_metre = "distance_miles", _KM_PER_MILE * 1000
        else:
            self.distance, self.per_metre = "distance_km", 1000.0
        self.dialect = f"Hevy ({self.unit})"

    def read(self, reader: Iterator[list[str]]) -> History:
        workouts: dict[str, Workout] = {}
        for row in self.rows(reader):
            start_raw = self.get(row, "start_time")
            if not start_raw:
                raise self.fail("start_time", "is empty")
            started = self.date(start_raw, "start_time", _HEVY_DATES)
            title = self.get(row, "title")
            key = f"{self.iso(started)}|{title[:200]}"  # the store keeps 300 characters
            workout = workouts.get(key)
            if workout is None:
                end_raw = self.get(row, "end_time")
                minutes = None
                if end_raw:
                    ended = self.date(end_raw, "end_time", _HEVY_DATES)
                    minutes = duration_minutes(str((ended - started).total_seconds()))
                workout = Workout(
                    key=key,
                    line=self.line,
                    started=started,
                    title=self.text(title, b.NAME_MAX, "title"),
                    minutes=minutes,
                    notes=self.text(self.get(row, "description"), b.NOTES_MAX, "description"),
                    sets=[],
                )
                workouts[key] = workout
            workout.sets.append(self._set(row))
        return History("hevy", self.dialect, list(workouts.values()))

    def _set(self, row: list[str]) -> LoggedSet:
        index = self.number(row, "set_index", 998, whole=True)
        kind = self.get(row, "set_type").lower() or "normal"
        if kind not in SET_KINDS:
            raise self.fail("set_type", f"'{kind}' is not one of {', '.join(SET_KINDS)}")
        reps = self.number(row, "reps", 3600, whole=True)
        seconds = self.number(row, "duration_seconds", 86400, whole=True)
        distance = self.number(row, self.distance, 100000)
        weight = self.number(row, self.weight, 100000)
        note = self.get(row, "exercise_notes") if not index else ""
        return LoggedSet(
            line=self.line,
            exercise=self.exercise(row, "exercise_title"),
            order=int(index or 0) + 1,
            reps=int(reps) if reps is not None else None,
            seconds=int(seconds) if seconds else None,
            metres=distance * self.per_metre if distance else None,
            load_kg=self.load(weight, self.unit, self.weight, self.get(row, self.weight)),
            rpe=self.rpe(row, "rpe"),
            note=self.text(note, b.NOTES_MAX, "exercise_notes"),
            kind=kind,
        )
