"""Importing lifting history from Strong or Hevy as done strength sessions.

Two steps, as the dialog and the command line use them: :func:`preview_import` reads
what the file would add (workouts not imported before, names the library does not
know), then :func:`import_history` writes it in one transaction with the user's
choice for each unknown name — a library exercise, a new custom one, or leave it out.
Choices are remembered per app, so the next import matches those names at once.

Each workout becomes a done strength session on its date: one planned exercise per
exercise (sets = the sets logged, amount = reps or seconds by the exercise's dose kind,
load the heaviest working set) and a set log per set. A workout imported before (its
key is kept in ``imported_workouts``) is skipped, so importing the same file twice adds
nothing. :func:`undo_import` takes the whole import back out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from runstrong_gui.domain import bounds as b
from runstrong_gui.domain.enums import DoseKind, ExerciseGroup, SessionKind
from runstrong_gui.domain.errors import ValidationError
from runstrong_gui.domain.exercise_names import build_index, match_names
from runstrong_gui.domain.models import Athlete, Exercise, Session
from runstrong_gui.services.interchange.history_csv import (
    SOURCE_LABELS,
    History,
    LoggedSet,
    Workout,
)

if TYPE_CHECKING:  # the store (SQLAlchemy) loads when first used
    from runstrong_gui.storage.store import Store, Tx

NEW = "new"  # a choice: make a custom exercise of that name
SKIP = "skip"  # a choice: leave that exercise's sets out
Choice = int | str  # an exercise id, NEW or SKIP


@dataclass(frozen=True)
class Preview:
    """What importing ``history`` for ``athlete`` would do, before anything is written."""

    athlete: Athlete
    history: History
    matched: Mapping[str, int]  # name → library exercise id (remembered or matched)
    unmatched: tuple[str, ...]  # names the user must choose for, in file order
    already: frozenset[str]  # keys of the file's workouts imported before
    library: tuple[tuple[int, str], ...]  # (id, name) of the exercises to choose from

    @property
    def new_workouts(self) -> list[Workout]:
        return [w for w in self.history.workouts if w.key not in self.already]

    @property
    def new_sets(self) -> int:
        return sum(len(w.sets) for w in self.new_workouts)

    def sets_of(self, name: str) -> int:
        """How many of the new sets carry ``name`` (shown beside an unknown name)."""
        return sum(1 for w in self.new_workouts for s in w.sets if s.exercise == name)

    def summary(self) -> str:
        """'212 workouts, 6,840 sets, 3 Jan 2016 – 28 Nov 2025 (4 imported before)'."""
        new = self.new_workouts
        if not new:
            return (
                f"Nothing new: all {len(self.history.workouts):,} workouts of this file were "
                "imported before."
            )
        first = min(w.started for w in new).date()
        last = max(w.started for w in new).date()
        text = (
            f"{len(new):,} workout{'s' if len(new) != 1 else ''}, {self.new_sets:,} sets, "
            f"{_date(first)} – {_date(last)}"
        )
        skipped = len(self.history.workouts) - len(new)
        if skipped:
            text += f" ({skipped:,} imported before, left as they are)"
        return text


@dataclass(frozen=True)
class Receipt:
    """What an import wrote: enough to take it back out (undo) or to report it."""

    athlete_id: int
    source: str
    session_ids: tuple[int, ...]
    alias_ids: tuple[int, ...]
    exercise_ids: tuple[int, ...]  # custom exercises it created
    workouts: int
    sets: int
    first: dt.date | None

    def summary(self) -> str:
        if not self.workouts:
            return "Nothing new to import: every workout of the file was imported before."
        n = len(self.exercise_ids)
        made = f"; {n} new exercise{'s' if n != 1 else ''}" if n else ""
        return (
            f"Imported {self.workouts:,} workouts and {self.sets:,} sets from "
            f"{SOURCE_LABELS.get(self.source, self.source)}{made}."
        )


def _date(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def _library(tx: Tx) -> list[Exercise]:
    return [e for e in tx.exercises(include_hidden=True) if e.id is not None]


def _resolve(
    tx: Tx, source: str, names: Sequence[str], exercises: Sequence[Exercise]
) -> tuple[dict[str, int], list[str]]:
    from runstrong_gui.storage import history_imports as store_io

    index = build_index((e.id or 0, e.name) for e in exercises)
    return match_names(names, index, store_io.aliases(tx, source))


def preview_import(store: Store, athlete_id: int, history: History) -> Preview:
    """What the import would add, read in one transaction; nothing is written."""
    from runstrong_gui.storage import history_imports as store_io

    with store.transaction() as tx:
        athlete = tx.athlete(athlete_id)
        exercises = _library(tx)
        matched, unmatched = _resolve(tx, history.source, history.exercise_names(), exercises)
        already = store_io.imported_keys(tx, athlete_id, history.source)
    keys = {w.key for w in history.workouts}
    return Preview(
        athlete=athlete,
        history=history,
        matched=matched,
        unmatched=tuple(unmatched),
        already=frozenset(already & keys),
        library=tuple((e.id or 0, e.name) for e in exercises if not e.hidden),
    )


def choices_from_text(preview: Preview, pairs: Sequence[str]) -> dict[str, Choice]:
    """``--map`` values ('Name=library key', 'Name=new', 'Name=skip') as choices; a library
    exercise is named by its key or its name (case ignored)."""
    by_name = {n.casefold(): i for i, n in preview.library}
    out: dict[str, Choice] = {}
    keys: dict[str, int] | None = None
    for pair in pairs:
        name, sep, target = pair.partition("=")
        name, target = name.strip(), target.strip()
        if not sep or not name or not target:
            raise ValidationError(
                "--map", f"'{pair}' is not NAME=EXERCISE (or NAME=new, NAME=skip)"
            )
        if target.lower() in (NEW, SKIP):
            out[name] = target.lower()
            continue
        if keys is None:
            keys = _library_keys(preview)
        found = keys.get(target) or by_name.get(target.casefold())
        if found is None:
            raise ValidationError("--map", f"the library has no exercise '{target}' (for '{name}')")
        out[name] = found
    return out


def _library_keys(preview: Preview) -> dict[str, int]:
    from runstrong_gui.domain.exercise_names import name_key

    # Keys are the slugs of the built-in names ("romanian-deadlift"): the name, hyphenated.
    return {name_key(n).replace(" ", "-"): i for i, n in preview.library} | {
        _slug(n): i for i, n in preview.library
    }


def _slug(name: str) -> str:
    import re

    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _custom(name: str, sets: Sequence[LoggedSet], source: str, taken: set[str]) -> Exercise:
    """A custom exercise for a name the library does not know, dosed as it was logged."""
    timed = not any(s.reps for s in sets) and any(s.seconds for s in sets)
    label = SOURCE_LABELS.get(source, source)
    if name.casefold() in taken:
        name = f"{name} ({label})"[: b.NAME_MAX]
    loaded = any(s.load_kg for s in sets)
    return Exercise(
        name=name,
        group=ExerciseGroup.COMPOUND,
        dose_kind=DoseKind.SECONDS if timed else DoseKind.REPS,
        rep_min=30 if timed else 8,
        rep_max=45 if timed else 12,
        notes=f"Added by an import of {label} history{' (loaded)' if loaded else ''}.",
    )


def _amount(s: LoggedSet, kind: DoseKind, exercise: Exercise) -> int:
    """The set's amount in the exercise's dose kind, within the store's bounds."""
    if kind is DoseKind.SECONDS:
        value, column = (s.seconds, "Seconds") if s.seconds else (s.reps, "Reps")
    elif kind is DoseKind.METRES and s.metres:
        value, column = round(s.metres), "Distance"
    else:
        value, column = s.reps, "Reps"
    if value is None:
        return 0
    hi = b.dose_bounds(kind.value)[1]
    if value > hi:
        raise ValidationError(
            "History file",
            f"line {s.line}, {column}: {value} is more than a set of '{exercise.name}' can "
            f"log ({kind.value}: at most {hi})",
        )
    return value


def import_history(store: Store, preview: Preview, choices: Mapping[str, Choice]) -> Receipt:
    """Write the preview's new workouts in one transaction (see the module note).

    Every unknown name needs a choice; a name chosen for is remembered for the next
    import. Anything refused (a missing choice, a value out of bounds) raises
    ValidationError naming it, and nothing is written.
    """
    from runstrong_gui.storage import history_imports as store_io

    history, athlete = preview.history, preview.athlete
    source = history.source
    missing = [n for n in preview.unmatched if n not in choices]
    if missing:
        raise ValidationError(
            "Exercise",
            f"choose a library exercise, a new one or 'leave out' for: {', '.join(missing)}",
        )
    athlete_id = athlete.id or 0
    with store.transaction() as tx:
        exercises = _library(tx)
        by_id = {e.id or 0: e for e in exercises}
        names = history.exercise_names()
        matched, unmatched = _resolve(tx, source, names, exercises)
        already = store_io.imported_keys(tx, athlete_id, source)
        workouts = [w for w in history.workouts if w.key not in already]

        chosen: dict[str, int] = {}
        made: list[int] = []
        taken = {e.name.casefold() for e in exercises}
        sets_by_name: dict[str, list[LoggedSet]] = {}
        for w in workouts:
            for s in w.sets:
                sets_by_name.setdefault(s.exercise, []).append(s)
        for name, choice in choices.items():
            if choice == SKIP or (name not in unmatched and name not in matched):
                continue
            if choice == NEW:
                if name not in sets_by_name:
                    continue
                custom = tx.add_exercise(_custom(name, sets_by_name[name], source, taken))
                taken.add(custom.name.casefold())
                by_id[custom.id or 0] = custom
                made.append(custom.id or 0)
                chosen[name] = custom.id or 0
            elif isinstance(choice, int) and choice in by_id:
                chosen[name] = choice
            else:
                raise ValidationError("Exercise", f"no library exercise {choice!r} for '{name}'")
        for name in unmatched:
            if name not in chosen and choices.get(name) != SKIP:
                raise ValidationError("Exercise", f"choose what '{name}' is in the library")
        target = {**matched, **chosen}
        alias_ids = store_io.put_aliases(tx, source, chosen)

        keys, sessions, plans = _build(athlete, tx, workouts, target, by_id)
        session_ids = store_io.add_sessions(tx, sessions)
        planned_rows = [{**row, "session_id": session_ids[i]} for i, row, _logs in plans]
        planned_ids = store_io.add_planned(tx, planned_rows)
        logs = []
        for pid, (_i, _row, rows) in zip(planned_ids, plans, strict=True):
            for log in rows:  # built above for this import alone: completed in place
                log["planned_exercise_id"] = pid
            logs.extend(rows)
        store_io.add_set_logs(tx, logs)
        store_io.add_imported(tx, athlete_id, source, zip(keys, session_ids, strict=True))
    return Receipt(
        athlete_id=athlete_id,
        source=source,
        session_ids=tuple(session_ids),
        alias_ids=tuple(alias_ids),
        exercise_ids=tuple(made),
        workouts=len(workouts),
        sets=len(logs),
        first=min((w.started.date() for w in workouts), default=None),
    )


_Plan = tuple[int, dict[str, Any], list[dict[str, Any]]]  # session index, row, set logs


def _build(
    athlete: Athlete,
    tx: Tx,
    workouts: Sequence[Workout],
    target: Mapping[str, int],
    by_id: Mapping[int, Exercise],
) -> tuple[list[str], list[dict[str, Any]], list[_Plan]]:
    """Keys of the workouts that make a session, rows of those sessions, and of each
    planned exercise (with its session's index and its set logs), checked against the
    store's bounds. A workout whose every set is left out makes no session."""
    from runstrong_gui.storage import convert

    athlete_id = athlete.id or 0
    positions: dict[dt.date, int] = {}
    if workouts:
        first = min(w.started for w in workouts).date()
        last = max(w.started for w in workouts).date()
        for old in tx.sessions_between(athlete_id, first, last):
            positions[old.date] = max(positions.get(old.date, 0), old.order + 1)
    keys: list[str] = []
    sessions: list[dict[str, Any]] = []
    plans: list[_Plan] = []
    for w in sorted(workouts, key=lambda w: w.started):
        groups: dict[int, list[LoggedSet]] = {}
        for s in w.sets:
            eid = target.get(s.exercise)
            if eid is not None:
                groups.setdefault(eid, []).append(s)
        if not groups:
            continue  # every set left out: no empty session
        day = w.started.date()
        position = min(positions.get(day, 0), b.ORDER[1])
        positions[day] = position + 1
        session = Session(
            athlete_id=athlete_id,
            date=day,
            kind=SessionKind.STRENGTH,
            order=position,
            title=w.title,
            minutes=w.minutes,
            notes=w.notes,
            done=True,
        )
        index = len(sessions)
        sessions.append(convert.session_values(session))
        keys.append(w.key)
        order = 0
        for eid, sets in groups.items():
            exercise = by_id[eid]
            kind = exercise.dose_kind
            # more than 20 sets of one exercise (the store's limit) continue in a second entry
            for start in range(0, len(sets), b.SETS[1]):
                chunk = sets[start : start + b.SETS[1]]
                amounts = [_amount(s, kind, exercise) for s in chunk]
                working = [
                    a for a, s in zip(amounts, chunk, strict=True) if s.kind != "warmup"
                ] or amounts
                lo, hi = b.dose_bounds(kind.value)
                loads = [s.load_kg for s in chunk if s.kind != "warmup"] or [0.0]
                plan = {
                    "exercise_id": eid,
                    "position": min(order, 999),
                    "sets": len(chunk),
                    "amount": min(hi, max(lo, max(working, default=lo))),
                    "load_kg": max(loads),
                    "tempo": "",
                    "rest_seconds": exercise.rest_seconds,
                    "per_side": exercise.per_side,
                    "notes": "",
                }
                logs = [
                    {
                        "set_number": n,
                        "amount": amount,
                        "load_kg": s.load_kg,
                        "rpe": s.rpe,
                        "pain": None,
                        "note": s.log_note,
                        "logged_at": w.started,
                    }
                    for n, (s, amount) in enumerate(zip(chunk, amounts, strict=True), start=1)
                ]
                plans.append((index, plan, logs))
                order += 1
    return keys, sessions, plans


def undo_import(store: Store, receipt: Receipt) -> None:
    """Take an import back out: its sessions (with their logs), the names it remembered
    and the custom exercises it made, unless a plan has used them since."""
    from runstrong_gui.storage import history_imports as store_io
    from runstrong_gui.storage.store import InUseError, NotFound

    with store.transaction() as tx:
        store_io.delete_sessions(tx, receipt.session_ids)
        store_io.delete_aliases(tx, receipt.alias_ids)
        for eid in receipt.exercise_ids:
            with suppress(InUseError, NotFound):
                tx.delete_exercise(eid)
