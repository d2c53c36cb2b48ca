"""Tables of the store (SQLAlchemy 2.0 typed ORM).

CHECK constraints repeat the domain's bounds as the last line of defence; the
naming convention gives every constraint a stable name so Alembic's batch mode can
rebuild SQLite tables. Only portable types are used: the same schema must later
run on PostgreSQL.

A clinic store (PostgreSQL) also has ``audit_log``, filled by triggers: it is not
mapped here (SQLite stores have none, and nothing writes it through the ORM); its
table and triggers are in :mod:`runstrong_gui.storage.audit` (migration 0007). The
same goes for ``live_listeners`` (:mod:`runstrong_gui.storage.live_triggers`, 0009).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    FetchedValue,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from runstrong_gui.domain import bounds as b

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON, list[str]: JSON}


def new_uid() -> str:
    """A record's stable id across stores (RunStrong JSON merges by it)."""
    return str(uuid.uuid4())


def _uid_column() -> Mapped[str]:
    # server default '' only keeps ADD COLUMN legal on SQLite (migration 0005); every
    # insert through SQLAlchemy gets a uuid4, and the unique index refuses a second ''.
    return mapped_column(String(36), default=new_uid, server_default="")


def _role_column() -> Mapped[str | None]:
    # who wrote the row, on a clinic store (migration 0009, storage/rights.py): the
    # database fills it (current_user), so the ORM never sends it; empty on SQLite
    return mapped_column(String(63), nullable=True, server_default=FetchedValue())


class Versioned:
    """Optimistic locking (migration 0006): every update names the ``version`` it read
    and bumps it, so a save overtaken by another computer's is refused, not lost;
    ``changed_at`` (UTC) is when the row last changed, for the message."""

    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    changed_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


def _between(col: str, lo: float, hi: float) -> str:
    return f"{col} >= {lo} AND {col} <= {hi}"


class AthleteRow(Versioned, Base):
    __tablename__ = "athletes"
    __table_args__ = (
        Index("ix_athletes_uid", "uid", unique=True),
        CheckConstraint(f"length(name) >= 1 AND length(name) <= {b.NAME_MAX}", name="name_len"),
        CheckConstraint("units IN ('kg', 'lb')", name="units"),
        CheckConstraint(_between("week_start", 0, 6), name="week_start"),
        CheckConstraint("philosophy IN ('easy_days', 'hard_days')", name="philosophy"),
        CheckConstraint(_between("strength_days", 1, 3), name="strength_days"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str | None] = _uid_column()
    name: Mapped[str] = mapped_column(String(b.NAME_MAX))
    units: Mapped[str] = mapped_column(String(2), default="kg")
    week_start: Mapped[int] = mapped_column(Integer, default=0)
    block_start: Mapped[dt.date] = mapped_column(Date)
    goal_race_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    philosophy: Mapped[str] = mapped_column(String(16), default="easy_days")
    notes: Mapped[str] = mapped_column(Text, default="")
    strength_days: Mapped[int] = mapped_column(Integer, default=2)
    equipment: Mapped[list[str]] = mapped_column(JSON, default=list)
    avoid: Mapped[list[str]] = mapped_column(JSON, default=list)
    plyometrics_ok: Mapped[bool] = mapped_column(Boolean, default=False)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    phone: Mapped[str] = mapped_column(String(b.PHONE_MAX), default="", server_default="")
    email: Mapped[str] = mapped_column(String(b.EMAIL_MAX), default="", server_default="")
    demo: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    feed_url: Mapped[str | None] = mapped_column(String(b.URL_MAX), nullable=True)
    created_by: Mapped[str | None] = _role_column()

    __mapper_args__ = {"version_id_col": Versioned.version}


class ExerciseRow(Versioned, Base):
    __tablename__ = "exercises"
    __table_args__ = (
        Index("ix_exercises_uid", "uid", unique=True),
        CheckConstraint(f"length(name) >= 1 AND length(name) <= {b.NAME_MAX}", name="name_len"),
        CheckConstraint(_between("sets", *b.SETS), name="sets"),
        CheckConstraint("rep_min >= 1 AND rep_max <= 3600 AND rep_min <= rep_max", name="amount"),
        CheckConstraint(_between("rest_seconds", *b.REST_SECONDS), name="rest"),
        UniqueConstraint("key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str | None] = _uid_column()
    key: Mapped[str | None] = mapped_column(String(80), nullable=True)
    name: Mapped[str] = mapped_column(String(b.NAME_MAX))
    group: Mapped[str] = mapped_column("grp", String(24))
    kind: Mapped[str] = mapped_column(String(16))
    muscles: Mapped[list[str]] = mapped_column(JSON, default=list)
    equipment: Mapped[list[str]] = mapped_column(JSON, default=list)
    focus: Mapped[list[str]] = mapped_column(JSON, default=list)
    level: Mapped[str] = mapped_column(String(16))
    dose_kind: Mapped[str] = mapped_column(String(8))
    sets: Mapped[int] = mapped_column(Integer)
    rep_min: Mapped[int] = mapped_column(Integer)
    rep_max: Mapped[int] = mapped_column(Integer)
    per_side: Mapped[bool] = mapped_column(Boolean, default=False)
    tempo: Mapped[str] = mapped_column(String(20), default="")
    rest_seconds: Mapped[int] = mapped_column(Integer, default=60)
    steps: Mapped[list[str]] = mapped_column(JSON, default=list)
    cues: Mapped[list[str]] = mapped_column(JSON, default=list)
    stop_if: Mapped[list[str]] = mapped_column(JSON, default=list)
    notes: Mapped[str] = mapped_column(Text, default="")
    video_url: Mapped[str | None] = mapped_column(String(500), nullable=True)
    image_path: Mapped[str | None] = mapped_column(String(1000), nullable=True)
    builtin: Mapped[bool] = mapped_column(Boolean, default=False)
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    author: Mapped[str | None] = _role_column()
    __mapper_args__ = {"version_id_col": Versioned.version}


class SessionRow(Versioned, Base):
    __tablename__ = "training_sessions"
    __table_args__ = (
        Index("ix_training_sessions_uid", "uid", unique=True),
        CheckConstraint(
            "kind IN ('easy','moderate','long','quality','race','walk','cross','rest','strength')",
            name="kind",
        ),
        CheckConstraint(_between("position", *b.ORDER), name="position"),
        CheckConstraint(
            f"minutes IS NULL OR ({_between('minutes', *b.SESSION_MINUTES)})", name="minutes"
        ),
        CheckConstraint(
            f"distance_km IS NULL OR ({_between('distance_km', *b.DISTANCE_KM)})", name="distance"
        ),
        CheckConstraint(
            f"intensity IS NULL OR ({_between('intensity', *b.INTENSITY)})", name="intensity"
        ),
        CheckConstraint("NOT (done AND skipped)", name="status"),
        CheckConstraint("source IN ('user', 'template', 'generator')", name="source"),
        Index("ix_training_sessions_athlete_date", "athlete_id", "day"),
        Index("ix_training_sessions_athlete_external", "athlete_id", "external_id"),
        {"sqlite_autoincrement": True},  # ids are never reused: undo re-creates rows by id
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str | None] = _uid_column()
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    day: Mapped[dt.date] = mapped_column(Date)
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(12))
    title: Mapped[str] = mapped_column(String(b.NAME_MAX), default="")
    minutes: Mapped[int | None] = mapped_column(Integer, nullable=True)
    distance_km: Mapped[float | None] = mapped_column(Float, nullable=True)
    intensity: Mapped[int | None] = mapped_column(Integer, nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    skipped: Mapped[bool] = mapped_column(Boolean, default=False)
    pain_persisting: Mapped[bool] = mapped_column(Boolean, default=False)
    source: Mapped[str] = mapped_column(String(10), default="user")
    edited: Mapped[bool] = mapped_column(Boolean, default=False)
    external_id: Mapped[str | None] = mapped_column(String(b.EXTERNAL_ID_MAX), nullable=True)
    external_seq: Mapped[int | None] = mapped_column(Integer, nullable=True)
    description: Mapped[str] = mapped_column(Text, default="", server_default="")


class PlannedExerciseRow(Base):
    __tablename__ = "planned_exercises"
    __table_args__ = (
        CheckConstraint(_between("sets", *b.SETS), name="sets"),
        CheckConstraint(_between("amount", 1, 3600), name="amount"),
        CheckConstraint(_between("load_kg", *b.LOAD_KG), name="load"),
        CheckConstraint(_between("rest_seconds", *b.REST_SECONDS), name="rest"),
        Index("ix_planned_exercises_session", "session_id", "position"),
        Index("ix_planned_exercises_exercise", "exercise_id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("training_sessions.id", ondelete="CASCADE"))
    exercise_id: Mapped[int] = mapped_column(ForeignKey("exercises.id", ondelete="RESTRICT"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    sets: Mapped[int] = mapped_column(Integer)
    amount: Mapped[int] = mapped_column(Integer)
    load_kg: Mapped[float] = mapped_column(Float, default=0.0)
    tempo: Mapped[str] = mapped_column(String(20), default="")
    rest_seconds: Mapped[int] = mapped_column(Integer, default=60)
    per_side: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")


class SetLogRow(Base):
    __tablename__ = "set_logs"
    __table_args__ = (
        CheckConstraint(_between("set_number", *b.SETS), name="set_number"),
        CheckConstraint(_between("amount", 0, 3600), name="amount"),
        CheckConstraint(_between("load_kg", *b.LOAD_KG), name="load"),
        CheckConstraint(f"rpe IS NULL OR ({_between('rpe', *b.RPE)})", name="rpe"),
        CheckConstraint(f"pain IS NULL OR ({_between('pain', *b.PAIN)})", name="pain"),
        UniqueConstraint("planned_exercise_id", "set_number"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    planned_exercise_id: Mapped[int] = mapped_column(
        ForeignKey("planned_exercises.id", ondelete="CASCADE")
    )
    set_number: Mapped[int] = mapped_column(Integer)
    amount: Mapped[int] = mapped_column(Integer)
    load_kg: Mapped[float] = mapped_column(Float, default=0.0)
    rpe: Mapped[int | None] = mapped_column(Integer, nullable=True)
    pain: Mapped[int | None] = mapped_column(Integer, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    logged_at: Mapped[dt.datetime] = mapped_column(DateTime)


class TemplateRow(Versioned, Base):
    """Ready-made and user-saved routines and weeks, as JSON documents."""

    __tablename__ = "templates"
    __table_args__ = (
        Index("ix_templates_uid", "uid", unique=True),
        CheckConstraint("kind IN ('session', 'week')", name="kind"),
        UniqueConstraint("key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str | None] = _uid_column()
    key: Mapped[str | None] = mapped_column(String(80), nullable=True)
    name: Mapped[str] = mapped_column(String(b.NAME_MAX))
    kind: Mapped[str] = mapped_column(String(8))
    builtin: Mapped[bool] = mapped_column(Boolean, default=False)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    author: Mapped[str | None] = _role_column()
    __mapper_args__ = {"version_id_col": Versioned.version}


class AthleteTherapistRow(Base):
    """Which therapist (a login role of a clinic store) looks after which athlete; the
    clinic's row-level security reads it (storage/clinic.py)."""

    __tablename__ = "athlete_therapists"
    __table_args__ = (Index("ix_athlete_therapists_therapist", "therapist"),)

    athlete_id: Mapped[int] = mapped_column(
        ForeignKey("athletes.id", ondelete="CASCADE"), primary_key=True
    )
    therapist: Mapped[str] = mapped_column(String(63), primary_key=True)


class SettingRow(Base):
    """Store-wide preferences that must travel with the data (clinic header, …)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[dict[str, Any]] = mapped_column(JSON)


class ExerciseAliasRow(Base):
    """A name another app (Strong, Hevy) gives an exercise, mapped by the user to one of
    the library's: the next import of that app's history matches it at once."""

    __tablename__ = "exercise_aliases"
    __table_args__ = (
        CheckConstraint("source IN ('strong', 'hevy')", name="source"),
        UniqueConstraint("source", "name"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(b.NAME_MAX))
    exercise_id: Mapped[int] = mapped_column(ForeignKey("exercises.id", ondelete="CASCADE"))


class ImportedWorkoutRow(Base):
    """A workout imported from another app, by the key it has there: importing the same
    file again skips it. Deleting the session (or undoing the import) forgets it."""

    __tablename__ = "imported_workouts"
    __table_args__ = (
        CheckConstraint("source IN ('strong', 'hevy')", name="source"),
        UniqueConstraint("athlete_id", "source", "key"),
        Index("ix_imported_workouts_session", "session_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    source: Mapped[str] = mapped_column(String(10))
    key: Mapped[str] = mapped_column(String(300))
    session_id: Mapped[int] = mapped_column(ForeignKey("training_sessions.id", ondelete="CASCADE"))


class CalendarSequenceRow(Base):
    """The SEQUENCE of each session as last given to a calendar, with the digest of
    what it was given (export/interchange/ics.py); keyed by uid, not a foreign key, so a
    session deleted and brought back by undo keeps its count."""

    __tablename__ = "calendar_sequences"

    session_uid: Mapped[str] = mapped_column(String(36), primary_key=True)
    digest: Mapped[str] = mapped_column(String(64))
    sequence: Mapped[int] = mapped_column(Integer, server_default="0")
