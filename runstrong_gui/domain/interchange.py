"""The records of a RunStrong JSON document (format ``runstrong``, version 1).

Typed with msgspec so one definition decodes and validates an imported document (the
error names the path, e.g. ``$.sessions[3].exercises[0].sets``), encodes an export,
and generates the JSON Schema shipped in ``resources/interchange``. Records name each
other by ``uid`` (stable across stores), never by a store's row id; built-in exercises
are named by their ``key``, which every store shares. Bounds the domain classes check
(sets 1–20, RPE 1–10 …) are checked again on import by building those classes.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

import msgspec

FORMAT = "runstrong"
VERSION = 1

Uid = Annotated[str, msgspec.Meta(min_length=1, max_length=36)]
Text = Annotated[str, msgspec.Meta(max_length=20_000)]
Name = Annotated[str, msgspec.Meta(min_length=1, max_length=120)]


class _Record(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """A record refuses fields it does not know: a misspelt name is an error, not lost."""


class SetLogDoc(_Record, kw_only=True):
    set_number: int
    amount: int
    load_kg: float = 0.0
    rpe: int | None = None
    pain: int | None = None
    note: Text = ""
    logged_at: dt.datetime


class PlannedDoc(_Record, kw_only=True):
    """An exercise in a session: ``exercise_key`` for a built-in, else ``exercise_uid``."""

    exercise_key: str | None = None
    exercise_uid: Uid | None = None
    position: int = 0
    sets: int
    amount: int
    load_kg: float = 0.0
    tempo: str = ""
    rest_seconds: int = 60
    per_side: bool = False
    notes: Text = ""
    logs: list[SetLogDoc] = []


class SessionDoc(_Record, kw_only=True):
    uid: Uid
    athlete: Uid
    date: dt.date
    kind: str
    order: int = 0
    title: str = ""
    minutes: int | None = None
    distance_km: float | None = None
    intensity: int | None = None
    notes: Text = ""
    done: bool = False
    skipped: bool = False
    pain_persisting: bool = False
    source: Literal["user", "template", "generator"] = "user"
    edited: bool = False
    # a run from a calendar feed: its text there, and the event it came from (so the
    # feed's next update finds it in the store the file is imported into)
    description: Text = ""
    external_id: str | None = None
    external_seq: int | None = None
    exercises: list[PlannedDoc] = []


class AthleteDoc(_Record, kw_only=True):
    uid: Uid
    name: Name
    units: str = "kg"
    week_start: int = 0
    block_start: dt.date
    goal_race_date: dt.date | None = None
    philosophy: str = "easy_days"
    notes: Text = ""
    strength_days: int = 2
    equipment: list[str] = []
    avoid: list[str] = []
    plyometrics_ok: bool = False
    archived: bool = False


class ExerciseDoc(_Record, kw_only=True):
    """A custom exercise (built-ins are not exported: every store has them)."""

    uid: Uid
    name: Name
    group: str
    kind: str = "strength"
    muscles: list[str] = []
    equipment: list[str] = []
    focus: list[str] = []
    level: str = "beginner"
    dose_kind: str = "reps"
    sets: int = 3
    rep_min: int = 10
    rep_max: int = 12
    per_side: bool = False
    tempo: str = ""
    rest_seconds: int = 60
    steps: list[str] = []
    cues: list[str] = []
    stop_if: list[str] = []
    notes: Text = ""
    video_url: str | None = None
    hidden: bool = False


class TemplateDoc(_Record, kw_only=True):
    """A user's template; custom exercises in its items are named by ``exercise_uid``."""

    uid: Uid
    name: Name
    kind: Literal["session", "week"]
    payload: dict[str, Any]


class Document(_Record, kw_only=True):
    """The whole document. Sessions are a flat list (each names its athlete) so a writer
    can stream them without holding an athlete's history in memory."""

    format: Literal["runstrong"]
    version: Literal[1]
    athletes: list[AthleteDoc] = []
    exercises: list[ExerciseDoc] = []
    templates: list[TemplateDoc] = []
    sessions: list[SessionDoc] = []


class Head(msgspec.Struct):
    """Just the format and version, read first so a wrong one is named as such."""

    format: Any = None
    version: Any = None
