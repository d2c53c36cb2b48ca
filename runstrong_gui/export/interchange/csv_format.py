"""CSV out: one row per logged set in Strong's columns (so apps that import Strong's
export read it), and one row per session."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import BinaryIO

from runstrong_gui.domain.enums import SessionKind
from runstrong_gui.domain.interchange import SessionDoc
from runstrong_gui.domain.units import load_in_units

# Strong's own export, column for column (checked against its files).
SET_COLUMNS = (
    "Date",
    "Workout Name",
    "Duration",
    "Exercise Name",
    "Set Order",
    "Weight",
    "Reps",
    "Distance",
    "Seconds",
    "Notes",
    "Workout Notes",
    "RPE",
)
SESSION_COLUMNS = (
    "Date",
    "Kind",
    "Title",
    "Status",
    "Minutes",
    "Distance (km)",
    "Intensity",
    "Exercises",
    "Sets planned",
    "Sets logged",
    "Notes",
    "UID",
)

# (key, uid) of an exercise → its name and dose kind (reps, seconds, steps, metres)
ExerciseNames = Mapping[tuple[str | None, str | None], tuple[str, str]]


def _number(value: float) -> str:
    """4 for 4.0, 42.5 as is: what Strong writes."""
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}".rstrip("0")


def _duration(minutes: int | None) -> str:
    """'49m', '1h 5m' — Strong's duration."""
    if not minutes:
        return ""
    hours, mins = divmod(minutes, 60)
    return f"{hours}h {mins}m" if hours else f"{mins}m"


def _title(s: SessionDoc) -> str:
    return s.title or SessionKind(s.kind).label


class _Rows:
    """A csv.writer over a text buffer whose bytes go to ``out`` a batch at a time."""

    def __init__(self, out: BinaryIO) -> None:
        self.out = out
        self.buffer = io.StringIO()
        self.writer = csv.writer(self.buffer, lineterminator="\r\n")

    def write(self, row: Sequence[object]) -> None:
        self.writer.writerow(row)

    def flush(self) -> None:
        self.out.write(self.buffer.getvalue().encode("utf-8"))
        self.buffer.seek(0)
        self.buffer.truncate()


def write_sets(
    out: BinaryIO, batches: Iterable[Sequence[SessionDoc]], names: ExerciseNames, units: str
) -> int:
    """The logged sets of the sessions, oldest first; loads in the athlete's units.

    A set's Date is its session's date with the time the first set was logged (Strong
    groups a workout by it); reps, seconds or metres go in their own column by the
    exercise's dose kind. Returns the number of rows.
    """
    rows = _Rows(out)
    rows.write(SET_COLUMNS)
    count = 0
    for batch in batches:
        for s in batch:
            logs = [x for p in s.exercises for x in p.logs]
            if not logs:
                continue
            first = min(x.logged_at for x in logs)
            when = first.time() if first.date() == s.date else None
            date = f"{s.date.isoformat()} {when.strftime('%H:%M:%S') if when else '00:00:00'}"
            for p in s.exercises:
                name, dose = names.get((p.exercise_key, p.exercise_uid), ("?", "reps"))
                for x in p.logs:
                    amount = str(x.amount)
                    rows.write(
                        (
                            date,
                            _title(s),
                            _duration(s.minutes),
                            name,
                            x.set_number,
                            _number(round(load_in_units(x.load_kg, units), 2)),
                            amount if dose in ("reps", "steps") else "",
                            amount if dose == "metres" else "",
                            amount if dose == "seconds" else "",
                            x.note,
                            s.notes,
                            "" if x.rpe is None else x.rpe,
                        )
                    )
                    count += 1
        rows.flush()
    rows.flush()
    return count


def write_sessions(
    out: BinaryIO, batches: Iterable[Sequence[SessionDoc]], names: ExerciseNames
) -> int:
    """One row per session, runs and strength, planned and done. Returns the row count."""
    rows = _Rows(out)
    rows.write(SESSION_COLUMNS)
    count = 0
    for batch in batches:
        for s in batch:
            status = "done" if s.done else "skipped" if s.skipped else "planned"
            exercises = "; ".join(
                names.get((p.exercise_key, p.exercise_uid), ("?", ""))[0] for p in s.exercises
            )
            rows.write(
                (
                    s.date.isoformat(),
                    s.kind,
                    _title(s),
                    status,
                    "" if s.minutes is None else s.minutes,
                    "" if s.distance_km is None else _number(s.distance_km),
                    "" if s.intensity is None else s.intensity,
                    exercises,
                    sum(p.sets for p in s.exercises),
                    sum(len(p.logs) for p in s.exercises),
                    s.notes,
                    s.uid,
                )
            )
            count += 1
        rows.flush()
    rows.flush()
    return count
