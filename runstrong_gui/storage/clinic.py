"""A clinic store: one PostgreSQL database, a login role per therapist, and row-level
security so each therapist's connection reaches only their own clients.

``init`` is run once by the clinic's administrator (the URL's user owns the tables,
and as their owner is not bound by the policies). Therapists are members of the group
role ``runstrong_therapist``, which may use the tables; the policies then decide which
rows: an athlete, their sessions, planned exercises and logs only when
``athlete_therapists`` assigns the athlete to the connected role. A therapist adds
clients (assigned to them at once) and exercises and templates, which every therapist
reads and only their author or the administrator changes (storage/rights.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import text

from runstrong_gui.storage import audit, rights
from runstrong_gui.storage.errors import StoreError
from runstrong_gui.storage.rights import GROUP
from runstrong_gui.storage.server import explain, server_engine

ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
MINE = (
    "EXISTS (SELECT 1 FROM athlete_therapists t "
    "WHERE t.athlete_id = {athlete} AND t.therapist = current_user)"
)
SESSION_IS_MINE = (
    "EXISTS (SELECT 1 FROM training_sessions s WHERE s.id = {session} AND "
    + MINE.format(athlete="s.athlete_id")
    + ")"
)
PLANNED_IS_MINE = (
    "EXISTS (SELECT 1 FROM planned_exercises p WHERE p.id = {planned} AND "
    + SESSION_IS_MINE.format(session="p.session_id")
    + ")"
)
# table: who may see and change a row (USING and WITH CHECK of one policy)
OWN_ROWS = {
    "athletes": MINE.format(athlete="athletes.id"),
    "training_sessions": MINE.format(athlete="training_sessions.athlete_id"),
    "planned_exercises": SESSION_IS_MINE.format(session="planned_exercises.session_id"),
    "set_logs": PLANNED_IS_MINE.format(planned="set_logs.planned_exercise_id"),
    "athlete_therapists": "therapist = current_user",
}
SHARED = ("exercises", "templates", "settings", "alembic_version")
CHANGED = ("athletes", "training_sessions", "planned_exercises", "set_logs")


def _role(name: str) -> str:
    """A role name as PostgreSQL folds it: lower case letters, digits and _, 1–63."""
    role = name.strip().lower()
    if not ROLE_NAME.match(role) or role.startswith("pg_") or role == GROUP:
        raise StoreError(
            f"'{name}' cannot be a therapist's login: use 1–63 letters, digits or _ "
            "(starting with a letter), not beginning with pg_."
        )
    return role


def init(url: str) -> list[str]:
    """Make ``url`` a clinic store: RunStrong's tables (migrated), the therapists' group
    role, its rights, and the row-level security policies. Safe to run again."""
    from runstrong_gui.storage.store import Store

    Store.open(url).close()  # creates or migrates; refuses another program's database
    statements = [
        f"DO $$ BEGIN CREATE ROLE {GROUP} NOLOGIN; "
        "EXCEPTION WHEN duplicate_object THEN NULL; END $$",
        f"GRANT USAGE ON SCHEMA public TO {GROUP}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON {', '.join(CHANGED)} TO {GROUP}",
        # who looks after whom is the administrator's to say (clinic assign)
        f"GRANT SELECT ON {', '.join(SHARED)}, athlete_therapists TO {GROUP}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {GROUP}",
    ]
    for table, rule in OWN_ROWS.items():
        statements += [
            f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
            f"DROP POLICY IF EXISTS own_clients ON {table}",
            f"CREATE POLICY own_clients ON {table} TO {GROUP} USING ({rule}) WITH CHECK ({rule})",
        ]
    for table in ("exercises", "templates"):
        statements += [
            f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
            f"DROP POLICY IF EXISTS read_all ON {table}",
            f"CREATE POLICY read_all ON {table} FOR SELECT TO {GROUP} USING (true)",
        ]
    # adding clients, writing the shared library (the functions: migration 0009)
    statements += rights.policies(GROUP)
    # the audit trail (also made by migration 0007): therapists read their clients' part
    statements += [*audit.STATEMENTS, *audit.therapist_policy(GROUP)]
    _run(url, statements)
    return [
        f"{len(OWN_ROWS)} tables are now seen by each therapist only for their own clients;",
        "therapists add clients, which are then theirs;",
        "the exercise library and templates are shared: every therapist adds to them and "
        "changes what they wrote;",
        "every change is kept in the audit trail (Athlete ▸ History…).",
    ]


def add_therapist(url: str, name: str, password: str) -> str:
    """A login role for a therapist, member of the therapists' group; its name."""
    role = _role(name)
    if not password:
        raise StoreError("A therapist needs a password to log in. Nothing was changed.")
    quoted = "'" + password.replace("'", "''") + "'"
    _run(url, [f"CREATE ROLE {role} LOGIN PASSWORD {quoted} IN ROLE {GROUP}"])
    return role


def assign(url: str, athlete_id: int, therapist: str) -> None:
    """Let ``therapist`` see and change the athlete (one of possibly several)."""
    role = _role(therapist)
    with _connection(url) as conn:
        if (
            conn.execute(text("SELECT 1 FROM athletes WHERE id = :a"), {"a": athlete_id}).first()
            is None
        ):
            raise StoreError(f"There is no athlete with id {athlete_id}. Nothing was changed.")
        if (
            conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :t"), {"t": role}).first()
            is None
        ):
            raise StoreError(
                f"There is no therapist '{role}' (add them with runstrong clinic "
                "add-therapist). Nothing was changed."
            )
        conn.execute(
            text(
                "INSERT INTO athlete_therapists (athlete_id, therapist) VALUES (:a, :t) "
                "ON CONFLICT DO NOTHING"
            ),
            {"a": athlete_id, "t": role},
        )


@contextmanager
def _connection(url: str) -> Iterator[Any]:
    """One transaction on the clinic store: all of it or nothing; errors said plainly."""
    from sqlalchemy.exc import DBAPIError

    engine = server_engine(url)
    try:
        with engine.begin() as conn:
            yield conn
    except DBAPIError as exc:
        if "already exists" in str(exc.orig).lower():
            raise StoreError("That therapist's login already exists. Nothing was changed.") from exc
        raise StoreError(explain(exc, url)) from exc
    finally:
        engine.dispose()


def _run(url: str, statements: list[str]) -> None:
    with _connection(url) as conn:
        for statement in statements:
            conn.execute(text(statement))
