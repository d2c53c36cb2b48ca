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
from pathlib import Path
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


# -- the connection to a clinic's server ---------------------------------------------------
KEYRING_SERVICE = "RunStrong"
CONNECT_TIMEOUT = 10  # seconds: an unreachable server is said so, not waited on forever
NAME_MAX = 63  # PostgreSQL's limit for database and role names


@dataclass(frozen=True)
class Connection:
    """Where a clinic store is and who logs in: what is remembered (never the password).

    ``host`` is a host name or address, or the folder of the server's unix socket (a path
    starting with /)."""

    host: str
    port: int
    database: str
    user: str

    @property
    def account(self) -> str:
        """The keyring's user name for this connection's password."""
        return f"{self.user}@{self.host}/{self.database}"

    def problem(self) -> str:
        """What is wrong with what the user typed ("" when nothing)."""
        for label, value in (("server", self.host), ("database", self.database),
                             ("user", self.user)):  # fmt: skip
            if not value.strip():
                return f"Give the {label}."
            if label != "server" and len(value) > NAME_MAX:
                return f"The {label} name is longer than {NAME_MAX} characters."
            if any(c in value for c in "\0\n\r"):
                return f"The {label} holds a character a name cannot have."
        if not 1 <= self.port <= 65535:
            return "The port is a number from 1 to 65535."
        return ""

    def url(self, password: str | None = None) -> str:
        """Its SQLAlchemy address (psycopg 3); without a password libpq reads ~/.pgpass."""
        from urllib.parse import quote

        auth = quote(self.user, safe="")
        if password:
            auth += ":" + quote(password, safe="")
        database = quote(self.database, safe="")
        query = f"connect_timeout={CONNECT_TIMEOUT}"
        if self.host.startswith("/"):
            query += f"&host={quote(self.host, safe='/')}&port={self.port}"
            return f"postgresql+psycopg://{auth}@/{database}?{query}"
        return f"postgresql+psycopg://{auth}@{self.host}:{self.port}/{database}?{query}"


def pgpass_path() -> Path:
    import os

    return Path(os.environ.get("PGPASSFILE") or Path.home() / ".pgpass")


def _pgpass_fields(line: str) -> list[str]:
    fields, current, escaped = [], "", False
    for ch in line:
        if escaped:
            current, escaped = current + ch, False
        elif ch == "\\":
            escaped = True
        elif ch == ":":
            fields.append(current)
            current = ""
        else:
            current += ch
    return [*fields, current]


def in_pgpass(conn: Connection) -> bool:
    """Does ~/.pgpass hold a password for this connection? libpq then uses it itself, as
    it does for psql (the file is libpq's: host:port:database:user:password, * for any)."""
    try:
        lines = pgpass_path().read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return False
    # a socket folder is written as itself, or as localhost (libpq's default folder)
    hosts = {conn.host, "localhost"} if conn.host.startswith("/") else {conn.host}
    wanted = (str(conn.port), conn.database, conn.user)
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        fields = _pgpass_fields(line)
        if (
            len(fields) >= 5
            and fields[0] in hosts | {"*"}
            and all(f in ("*", w) for f, w in zip(fields[1:4], wanted, strict=True))
        ):
            return True
    return False


class KeyringProblem(Exception):
    """The system keyring could not keep or give a password (its message says why)."""


def saved_password(conn: Connection) -> str | None:
    """The password the keyring keeps for this connection (None: none, or no keyring)."""
    import keyring
    from keyring.errors import KeyringError

    try:
        return keyring.get_password(KEYRING_SERVICE, conn.account)
    except KeyringError:
        return None


def save_password(conn: Connection, password: str) -> None:
    """Keep the password in the system keyring; :class:`KeyringProblem` when it cannot."""
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(KEYRING_SERVICE, conn.account, password)
    except KeyringError as exc:
        raise KeyringProblem(
            f"The password could not be kept in the system keyring ({exc or 'no keyring'}): "
            "RunStrong will ask for it again next time, or put it in ~/.pgpass."
        ) from exc


def check_connection(url: str) -> None:
    """Open the clinic store at ``url`` once, as the app will: a server that cannot be
    reached, a refused login, another program's database, a newer schema or a role
    without rights raise :class:`~runstrong_gui.storage.errors.StoreError` with one
    clear sentence, and nothing is written."""
    from runstrong_gui.storage.store import Store

    store = Store.open(url)
    try:
        with store.transaction() as tx:
            tx.athletes()  # a role without rights on the tables is refused here
    finally:
        store.close()
