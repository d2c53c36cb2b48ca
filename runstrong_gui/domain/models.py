"""The records of the planner as immutable, self-validating dataclasses.

Every object is checked when it is built, so a value that reaches the store has
already passed the same bounds the schema's CHECK constraints enforce. Objects are
frozen: edits make a new object with :func:`dataclasses.replace`, which validates again.
``id`` is ``None`` until the store has saved the object.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from runstrong_gui.domain import bounds as b
from runstrong_gui.domain.damage import Damage
from runstrong_gui.domain.enums import (
    DoseKind,
    Equipment,
    ExerciseGroup,
    ExerciseKind,
    Focus,
    Level,
    Philosophy,
    SessionKind,
    Units,
)
from runstrong_gui.domain.errors import ValidationError


def _enum(cls: type, field_name: str, value: object) -> object:
    if isinstance(value, cls):
        return value
    try:
        return cls(value)  # type: ignore[call-arg]
    except ValueError:
        allowed = ", ".join(m.value for m in cls)  # type: ignore[attr-defined]
        raise ValidationError(field_name, f"'{value}' is not one of: {allowed}") from None


def _enum_tuple(cls: type, field_name: str, values: object) -> tuple:  # type: ignore[type-arg]
    if isinstance(values, str) or not isinstance(values, (list, tuple, frozenset, set)):
        raise ValidationError(field_name, "must be a list")
    return tuple(_enum(cls, field_name, v) for v in values)


def _date(field_name: str, value: object, optional: bool = False) -> dt.date | None:
    if value is None and optional:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ValidationError(field_name, f"'{value}' is not a date (YYYY-MM-DD)")


def _texts(field_name: str, values: object, each_max: int = 400) -> tuple[str, ...]:
    if isinstance(values, str) or not isinstance(values, (list, tuple)):
        raise ValidationError(field_name, "must be a list of texts")
    out = []
    for v in values:
        text = b.check_text(field_name, v, each_max).strip()
        if text:
            out.append(text)
    return tuple(out)


def _set(obj: object, name: str, value: object) -> None:
    object.__setattr__(obj, name, value)


@dataclass(frozen=True)
class Athlete:
    """A runner, or a therapist's client."""

    name: str
    units: Units = Units.KG
    week_start: int = 0  # 0 = Monday … 6 = Sunday
    block_start: dt.date = field(default_factory=dt.date.today)
    goal_race_date: dt.date | None = None
    philosophy: Philosophy = Philosophy.EASY_DAYS
    notes: str = ""
    strength_days: int = 2
    equipment: tuple[Equipment, ...] = (Equipment.NONE,)
    avoid: tuple[str, ...] = ()  # exercise kinds/focus/keys to avoid, e.g. "plyometric"
    plyometrics_ok: bool = False
    archived: bool = False
    phone: str = ""  # contact details: private, shown only in the athlete dialog
    email: str = ""
    demo: bool = False  # the demo athlete of a first run, removable with its history
    # The running-plan calendar feed last imported, so "Update running plan" needs no typing.
    feed_url: str | None = None
    id: int | None = None
    # The stored row's version (optimistic locking, storage/tx.py): a save names it, so
    # a save overtaken by another computer's is refused. Not part of equality.
    version: int = field(default=1, compare=False, repr=False)

    def __post_init__(self) -> None:
        _set(self, "name", b.check_name("Name", self.name))
        _set(self, "phone", b.check_phone("Phone", self.phone))
        _set(self, "email", b.check_email("Email", self.email))
        _set(self, "units", _enum(Units, "Units", self.units))
        _set(self, "week_start", b.check_int("Week starts on", self.week_start, (0, 6)))
        _set(self, "block_start", _date("Block start", self.block_start))
        _set(self, "goal_race_date", _date("Goal race date", self.goal_race_date, optional=True))
        if self.goal_race_date is not None and self.goal_race_date < self.block_start:  # type: ignore[operator]
            raise ValidationError("Goal race date", "must not be before the block start")
        _set(self, "philosophy", _enum(Philosophy, "Scheduling philosophy", self.philosophy))
        _set(self, "notes", b.check_text("Notes", self.notes))
        _set(
            self, "strength_days", b.check_int("Strength days per week", self.strength_days, (1, 3))
        )
        _set(self, "equipment", _enum_tuple(Equipment, "Equipment", self.equipment))
        _set(self, "avoid", _texts("Avoid", self.avoid, 120))
        if self.feed_url is not None:
            url = b.check_text("Feed", self.feed_url, b.URL_MAX).strip()
            _set(self, "feed_url", url or None)


@dataclass(frozen=True)
class Exercise:
    """An exercise of the library, built in or made by the user."""

    name: str
    group: ExerciseGroup
    kind: ExerciseKind = ExerciseKind.STRENGTH
    muscles: tuple[str, ...] = ()
    equipment: tuple[Equipment, ...] = (Equipment.NONE,)
    focus: tuple[Focus, ...] = (Focus.GENERAL,)
    level: Level = Level.BEGINNER
    dose_kind: DoseKind = DoseKind.REPS
    sets: int = 3
    rep_min: int = 10
    rep_max: int = 12
    per_side: bool = False
    tempo: str = ""
    rest_seconds: int = 60
    steps: tuple[str, ...] = ()
    cues: tuple[str, ...] = ()
    stop_if: tuple[str, ...] = ()
    notes: str = ""
    video_url: str | None = None
    image_path: str | None = None
    key: str | None = None  # stable slug of built-in exercises
    builtin: bool = False
    hidden: bool = False
    id: int | None = None
    # The stored row's version (optimistic locking, storage/tx.py): a save names it, so
    # a save overtaken by another computer's is refused. Not part of equality.
    version: int = field(default=1, compare=False, repr=False)
    # Values of the stored row the checks refused, put back to defaults on reading
    # (see domain/damage.py): the library shows the exercise as damaged until it is fixed.
    damage: tuple[Damage, ...] = field(default=(), compare=False, repr=False)

    def __post_init__(self) -> None:
        _set(self, "name", b.check_name("Name", self.name))
        _set(self, "group", _enum(ExerciseGroup, "Group", self.group))
        _set(self, "kind", _enum(ExerciseKind, "Kind", self.kind))
        _set(self, "muscles", _texts("Muscles", self.muscles, 60))
        _set(self, "equipment", _enum_tuple(Equipment, "Equipment", self.equipment))
        if not self.equipment:
            _set(self, "equipment", (Equipment.NONE,))
        _set(self, "focus", _enum_tuple(Focus, "Focus", self.focus))
        _set(self, "level", _enum(Level, "Level", self.level))
        _set(self, "dose_kind", _enum(DoseKind, "Dose kind", self.dose_kind))
        _set(self, "sets", b.check_int("Sets", self.sets, b.SETS))
        rng = b.dose_bounds(self.dose_kind.value)
        _set(self, "rep_min", b.check_int("Amount (from)", self.rep_min, rng))
        _set(self, "rep_max", b.check_int("Amount (to)", self.rep_max, rng))
        if self.rep_min > self.rep_max:
            raise ValidationError("Amount (to)", "must not be smaller than the 'from' amount")
        _set(self, "tempo", b.check_text("Tempo", self.tempo, 20).strip())
        _set(self, "rest_seconds", b.check_int("Rest", self.rest_seconds, b.REST_SECONDS))
        _set(self, "steps", _texts("How-to steps", self.steps))
        _set(self, "cues", _texts("Cues", self.cues))
        _set(self, "stop_if", _texts("Stop if", self.stop_if))
        _set(self, "notes", b.check_text("Notes", self.notes))
        if self.video_url is not None:
            url = b.check_text("Video URL", self.video_url, None).strip()
            if url and not url.lower().startswith(("http://", "https://")):
                raise ValidationError("Video URL", "must start with http:// or https://")
            _set(self, "video_url", url or None)
        if self.image_path is not None and not b.check_text("Image", self.image_path, None).strip():
            _set(self, "image_path", None)

    @property
    def default_amount(self) -> int:
        """The middle of the default range, rounded down: what a new plan starts with."""
        return (self.rep_min + self.rep_max) // 2

    def dose_text(self) -> str:
        """'3 × 10–12 each side', '3 × 30–45 s' — the dose as a runner reads it."""
        amount = (
            f"{self.rep_min}" if self.rep_min == self.rep_max else f"{self.rep_min}–{self.rep_max}"
        )
        unit = self.dose_kind.unit
        text = f"{self.sets} × {amount}{' ' + unit if unit else ''}"
        return text + (" each side" if self.per_side else "")


@dataclass(frozen=True)
class Session:
    """One item of a day: a run, a walk, rest, cross-training or a strength session."""

    athlete_id: int
    date: dt.date
    kind: SessionKind
    order: int = 0
    title: str = ""
    minutes: int | None = None
    distance_km: float | None = None
    intensity: int | None = None  # 1–10, optional
    notes: str = ""
    done: bool = False
    skipped: bool = False
    pain_persisting: bool = False  # the athlete reported pain lasting more than 48 h
    source: str = "user"  # user, template or generator: regeneration spares what users made
    edited: bool = False  # a generated or imported session the user changed since
    # An imported run: the calendar event's UID and SEQUENCE (a re-import updates it by
    # them), and the event's own description, kept apart from the user's notes.
    external_id: str | None = None
    external_seq: int | None = None
    description: str = ""
    id: int | None = None
    # Stable across stores (RunStrong JSON, calendar UIDs); None until saved, then kept
    # by every copy of the object, so undo re-creates a deleted session under it.
    uid: str | None = None
    # The stored row's version (optimistic locking, storage/tx.py): a save names it, so
    # a save overtaken by another computer's is refused. Not part of equality.
    version: int = field(default=1, compare=False, repr=False)
    # Values of the stored row the checks refused, put back to defaults on reading
    # (see domain/damage.py): the row is shown as damaged until it is fixed or deleted.
    damage: tuple[Damage, ...] = field(default=(), compare=False, repr=False)

    def __post_init__(self) -> None:
        _set(self, "date", _date("Date", self.date))
        _set(self, "kind", _enum(SessionKind, "Kind", self.kind))
        _set(self, "order", b.check_int("Order", self.order, b.ORDER))
        _set(self, "title", b.check_text("Title", self.title, b.NAME_MAX).strip())
        if self.minutes is not None:
            b.check_int("Minutes", self.minutes, b.SESSION_MINUTES)
        if self.distance_km is not None:
            _set(
                self,
                "distance_km",
                b.check_float("Distance", self.distance_km, b.DISTANCE_KM, " km"),
            )
        if self.intensity is not None:
            b.check_int("Intensity", self.intensity, b.INTENSITY)
        _set(self, "notes", b.check_text("Notes", self.notes))
        if self.done and self.skipped:
            raise ValidationError("Status", "a session cannot be both done and skipped")
        if self.source not in ("user", "template", "generator"):
            raise ValidationError("Source", f"unknown source '{self.source}'")
        if self.external_id is not None:
            b.check_text("Event id", self.external_id, b.EXTERNAL_ID_MAX)
        if self.external_seq is not None:
            b.check_int("Event sequence", self.external_seq, (0, 2**31 - 1))
        _set(self, "description", b.check_text("Description", self.description))

    @property
    def follows_origin(self) -> bool:
        """Made by the generator or imported from a feed: a hand edit marks it ``edited``,
        so regenerating or re-importing asks before overwriting it."""
        return self.source == "generator" or self.external_id is not None

    @property
    def display_title(self) -> str:
        return self.title or self.kind.label


@dataclass(frozen=True)
class PlannedExercise:
    """An exercise placed in a strength session, with the dose planned for it."""

    session_id: int
    exercise_id: int
    position: int = 0
    sets: int = 3
    amount: int = 10  # reps, seconds, steps or metres, by the exercise's dose kind
    load_kg: float = 0.0
    tempo: str = ""
    rest_seconds: int = 60
    per_side: bool = False
    notes: str = ""
    id: int | None = None
    # Values of the stored row the checks refused, put back to defaults on reading
    # (see domain/damage.py): the row is shown as damaged until it is fixed or deleted.
    damage: tuple[Damage, ...] = field(default=(), compare=False, repr=False)

    def __post_init__(self) -> None:
        b.check_int("Position", self.position, (0, 999))
        b.check_int("Sets", self.sets, b.SETS)
        b.check_int("Amount", self.amount, (1, 3600))
        _set(self, "load_kg", b.check_float("Load", self.load_kg, b.LOAD_KG, " kg"))
        _set(self, "tempo", b.check_text("Tempo", self.tempo, 20).strip())
        b.check_int("Rest", self.rest_seconds, b.REST_SECONDS)
        _set(self, "notes", b.check_text("Notes", self.notes))

    def checked_for(self, dose_kind: DoseKind) -> PlannedExercise:
        """Check the amount against the exercise's dose kind (reps 1–200, seconds 1–3600…)."""
        b.check_int("Amount", self.amount, b.dose_bounds(dose_kind.value))
        return self


@dataclass(frozen=True)
class SetLog:
    """One set as it was actually done."""

    planned_exercise_id: int
    set_number: int
    amount: int
    load_kg: float = 0.0
    rpe: int | None = None
    pain: int | None = None
    note: str = ""
    logged_at: dt.datetime = field(default_factory=lambda: dt.datetime.now().replace(microsecond=0))
    id: int | None = None
    # Values of the stored row the checks refused, put back to defaults on reading
    # (see domain/damage.py): the row is shown as damaged until it is fixed or deleted.
    damage: tuple[Damage, ...] = field(default=(), compare=False, repr=False)

    def __post_init__(self) -> None:
        b.check_int("Set", self.set_number, b.SETS)
        b.check_int("Done", self.amount, (0, 3600))
        _set(self, "load_kg", b.check_float("Load", self.load_kg, b.LOAD_KG, " kg"))
        if self.rpe is not None:
            b.check_int("RPE", self.rpe, b.RPE)
        if self.pain is not None:
            b.check_int("Pain", self.pain, b.PAIN)
        _set(self, "note", b.check_text("Note", self.note))
        if not isinstance(self.logged_at, dt.datetime):
            raise ValidationError("Time", "must be a date and time")


@dataclass(frozen=True)
class SessionDetail:
    """A session with its planned exercises (in order) and their exercises."""

    session: Session
    items: tuple[tuple[PlannedExercise, Exercise], ...] = ()


@dataclass(frozen=True)
class Template:
    """A saved routine (one session) or week plan; ``payload`` is its sessions and doses."""

    name: str
    kind: str  # "session" or "week"
    payload: dict[str, Any]
    key: str | None = None
    builtin: bool = False
    id: int | None = None
    # The stored row's version (optimistic locking, storage/tx.py): a save names it, so
    # a save overtaken by another computer's is refused. Not part of equality.
    version: int = field(default=1, compare=False, repr=False)
