"""A clinic store seen from the desktop: an athlete's history (the audit trail, in words)
and the connection to the clinic's server (address, user; the password in the system
keyring or ``~/.pgpass``, never in the settings file).

The history reads one page at a time, newest first, so a client with years of changes
opens at once; each row becomes one sentence a therapist can read ("Session 'Long run'
Tue 3 Mar: minutes 80 → 90").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from runstrong_gui.domain.enums import SessionKind

if TYPE_CHECKING:
    from runstrong_gui.storage.audit import AuditRow
    from runstrong_gui.storage.store import Store

PAGE = 100
# columns that change with every save or only say where a row sits in the store
HIDDEN = frozenset({"id", "uid", "version", "changed_at", "edited", "athlete_id", "session_id"})
LABELS = {
    "distance_km": "distance (km)",
    "load_kg": "load (kg)",
    "rest_seconds": "rest (s)",
    "amount": "reps/seconds",
    "rpe": "RPE",
    "position": "order",
    "pain_persisting": "pain lasting",
    "exercise_id": "exercise",
    "grp": "group",
    "set_number": "set",
    "logged_at": "logged at",
    "goal_race_date": "goal race",
    "block_start": "block start",
    "week_start": "week start",
    "strength_days": "strength days",
    "plyometrics_ok": "plyometrics",
    "feed_url": "calendar feed",
}
TEXT_MAX = 40


@dataclass(frozen=True)
class HistoryEntry:
    """One change as the History dialog shows it."""

    at: dt.datetime  # local time
    who: str  # the database login that made it
    what: str


@dataclass(frozen=True)
class HistoryPage:
    entries: list[HistoryEntry]
    before: int | None  # pass to :func:`history` for the next (older) page; None: no more


def keeps_history(store: Store) -> bool:
    """A clinic store (PostgreSQL) keeps an audit trail; a desktop's SQLite file does not."""
    from runstrong_gui.storage import audit

    return audit.keeps_history(store)


def history(
    store: Store, athlete_id: int, before: int | None = None, limit: int = PAGE
) -> HistoryPage:
    """One page of the athlete's history, newest first; ``before`` from the previous page."""
    from runstrong_gui.storage import audit

    rows = audit.history_page(store, athlete_id, before or audit.NEWEST, limit)
    entries = [HistoryEntry(r.at.astimezone(), r.who, describe(r)) for r in rows]
    more = rows[-1].id if len(rows) == limit else None
    return HistoryPage(entries, more)


def _day(value: Any) -> str:
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    if isinstance(value, dt.date):
        return f"{value:%a} {value.day} {value:%b}"
    return "?"


def _value(column: str, value: Any) -> str:
    if value is None or value == []:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if column in ("day", "block_start", "goal_race_date"):
        return _day(value)
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, str):
        short = value if len(value) <= TEXT_MAX else value[: TEXT_MAX - 1] + "…"
        return f"'{short}'"
    return str(value)


def changes(old: dict[str, Any], new: dict[str, Any]) -> str:
    """``field old → new`` for each column that changed, in the row's order."""
    parts = [
        f"{LABELS.get(c, c.replace('_', ' '))} {_value(c, old.get(c))} → {_value(c, v)}"
        for c, v in new.items()
        if c not in HIDDEN and old.get(c) != v
    ]
    return "; ".join(parts)


def _session_name(title: str | None, kind: str | None, day: Any) -> str:
    name = title or (SessionKind(kind).label if kind in SessionKind._value2member_map_ else "")
    return f"session '{name}' {_day(day)}" if name else f"session of {_day(day)}"


def describe(row: AuditRow) -> str:
    """The change in one sentence: its subject, then what happened to it."""
    values = row.new or row.old or {}
    verb = {"insert": "added", "delete": "deleted"}.get(row.action, "")
    if row.table == "training_sessions":
        subject = _session_name(values.get("title"), values.get("kind"), values.get("day"))
        subject = subject[0].upper() + subject[1:]
    elif row.table == "athletes":
        subject = f"Athlete '{values.get('name', '')}'"
    elif row.table in ("planned_exercises", "set_logs"):
        where = (
            _session_name(row.session_title, row.session_kind, row.session_day)
            if row.session_day is not None
            else "a session since deleted"
        )
        exercise = f"'{row.exercise}'" if row.exercise else "an exercise"
        if row.table == "planned_exercises":
            subject = f"Exercise {exercise} in {where}"
            verb = {"insert": "added", "delete": "removed"}.get(row.action, "")
        else:
            subject = f"Set {values.get('set_number', '?')} of {exercise} in {where}"
            verb = {"insert": "logged", "delete": "log removed"}.get(row.action, "")
            if row.action == "insert":
                load = values.get("load_kg") or 0
                dose = f"{values.get('amount', '?')}" + (f" × {load:g} kg" if load else "")
                verb = f"logged: {dose}"
    else:
        name = values.get("name", row.row_id)
        subject = f"{row.table.rstrip('s').capitalize()} '{name}'"
    if row.action == "update":
        diff = changes(row.old or {}, row.new or {})
        return f"{subject}: {diff}" if diff else f"{subject}: saved unchanged"
    return f"{subject} {verb}"
