"""The audit trail of a clinic store (PostgreSQL only): who changed which row, when, and
what it held before and after.

Triggers write it, so every program that changes the store leaves its trace, the app
or anyone's raw SQL alike. The trigger function runs as the store's owner (``SECURITY
DEFINER``): therapists may not write the log themselves, and it records the login
(``session_user``), not the owner it runs as. Rows name their athlete where one is
known, so a therapist's policy (:data:`THERAPIST_POLICY`, added by ``clinic init``)
shows them their own clients' history only; nobody but the owner (the clinic admin) may
change or delete a row of it. SQLite stores have no audit trail: one desktop's file
has one user, and its history is its backups.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import text

from runstrong_gui.storage.errors import StoreError

if TYPE_CHECKING:
    from runstrong_gui.storage.store import Store

AUDITED = (
    "athletes",
    "training_sessions",
    "planned_exercises",
    "set_logs",
    "exercises",
    "templates",
)

# The athlete of a row; a child deleted with its parent (a cascade) no longer finds the
# parent, so the parent's own audit row (written just before) says whose it was.
_ATHLETE_OF = """
CREATE OR REPLACE FUNCTION runstrong_audit_athlete(tbl text, r jsonb) RETURNS integer
LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
DECLARE found integer;
BEGIN
  IF tbl = 'athletes' THEN RETURN (r->>'id')::integer; END IF;
  IF tbl = 'training_sessions' THEN RETURN (r->>'athlete_id')::integer; END IF;
  IF tbl = 'planned_exercises' THEN
    SELECT athlete_id INTO found FROM training_sessions WHERE id = (r->>'session_id')::integer;
    IF found IS NULL THEN
      SELECT athlete_id INTO found FROM audit_log WHERE table_name = 'training_sessions'
        AND row_id = (r->>'session_id')::bigint ORDER BY id DESC LIMIT 1;
    END IF;
    RETURN found;
  END IF;
  IF tbl = 'set_logs' THEN
    SELECT s.athlete_id INTO found FROM planned_exercises p
      JOIN training_sessions s ON s.id = p.session_id
      WHERE p.id = (r->>'planned_exercise_id')::integer;
    IF found IS NULL THEN
      SELECT athlete_id INTO found FROM audit_log WHERE table_name = 'planned_exercises'
        AND row_id = (r->>'planned_exercise_id')::bigint ORDER BY id DESC LIMIT 1;
    END IF;
    RETURN found;
  END IF;
  RETURN NULL;
END $$
"""

_WRITE = """
CREATE OR REPLACE FUNCTION runstrong_audit() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  old_row jsonb := CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN to_jsonb(OLD) END;
  new_row jsonb := CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN to_jsonb(NEW) END;
  r jsonb := coalesce(new_row, old_row);
BEGIN
  INSERT INTO audit_log (who, table_name, row_id, athlete_id, action, old_values, new_values)
  VALUES (session_user, TG_TABLE_NAME, (r->>'id')::bigint,
          runstrong_audit_athlete(TG_TABLE_NAME, r), lower(TG_OP), old_row, new_row);
  RETURN NULL;
END $$
"""

STATEMENTS: tuple[str, ...] = (
    """CREATE TABLE IF NOT EXISTS audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        who text NOT NULL,
        table_name text NOT NULL,
        row_id bigint,
        athlete_id integer,
        action text NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
        old_values jsonb,
        new_values jsonb)""",
    "CREATE INDEX IF NOT EXISTS ix_audit_log_athlete ON audit_log (athlete_id, id)",
    "CREATE INDEX IF NOT EXISTS ix_audit_log_row ON audit_log (table_name, row_id)",
    "ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY",
    _ATHLETE_OF,
    _WRITE,
    "REVOKE ALL ON FUNCTION runstrong_audit() FROM PUBLIC",
    *(
        statement
        for table in AUDITED
        for statement in (
            f"DROP TRIGGER IF EXISTS audit_{table} ON {table}",
            f"CREATE TRIGGER audit_{table} AFTER INSERT OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION runstrong_audit()",
            f"DROP TRIGGER IF EXISTS audit_{table}_update ON {table}",
            # an UPDATE that changed nothing (a save of what was there) is no change;
            # compared as jsonb because the json columns have no equality of their own
            f"CREATE TRIGGER audit_{table}_update AFTER UPDATE ON {table} FOR EACH ROW "
            "WHEN (to_jsonb(OLD) IS DISTINCT FROM to_jsonb(NEW)) "
            "EXECUTE FUNCTION runstrong_audit()",
        )
    ),
)
"""The audit table, its function and triggers: safe to run again (migration 0007 and
``clinic init`` both do)."""


def therapist_policy(group: str) -> list[str]:
    """Therapists (members of ``group``) read their own clients' audit rows, nothing more:
    no INSERT, UPDATE or DELETE is granted, so only the owner may change the log."""
    mine = (
        "EXISTS (SELECT 1 FROM athlete_therapists t "
        "WHERE t.athlete_id = audit_log.athlete_id AND t.therapist = current_user)"
    )
    return [
        f"REVOKE ALL ON audit_log FROM {group}",
        f"GRANT SELECT ON audit_log TO {group}",
        "DROP POLICY IF EXISTS own_clients ON audit_log",
        f"CREATE POLICY own_clients ON audit_log FOR SELECT TO {group} USING ({mine})",
    ]


def create(conn: Any) -> None:
    """The audit trail on ``conn`` (a PostgreSQL connection in a transaction)."""
    for statement in STATEMENTS:
        conn.execute(text(statement))


@dataclass(frozen=True)
class AuditRow:
    """One change of one row, with what names its subject when the row itself does not:
    the session (title, day, kind) and the exercise of a planned exercise or a set log."""

    id: int
    at: dt.datetime
    who: str
    table: str
    row_id: int | None
    action: str
    old: dict[str, Any] | None
    new: dict[str, Any] | None
    session_title: str | None = None
    session_day: dt.date | None = None
    session_kind: str | None = None
    exercise: str | None = None


def keeps_history(store: Store) -> bool:
    """Does this store keep an audit trail (a clinic store on PostgreSQL)?"""
    return store.engine.dialect.name == "postgresql"


_PAGE = text(
    """
    SELECT a.id, a.at, a.who, a.table_name, a.row_id, a.action, a.old_values, a.new_values,
           s.title, s.day, s.kind, e.name
    FROM audit_log a
    LEFT JOIN planned_exercises p ON a.table_name = 'set_logs'
         AND p.id = (coalesce(a.new_values, a.old_values)->>'planned_exercise_id')::integer
    LEFT JOIN training_sessions s ON s.id = CASE a.table_name
         WHEN 'planned_exercises'
           THEN (coalesce(a.new_values, a.old_values)->>'session_id')::integer
         WHEN 'set_logs' THEN p.session_id END
    LEFT JOIN exercises e ON e.id = CASE a.table_name
         WHEN 'planned_exercises'
           THEN (coalesce(a.new_values, a.old_values)->>'exercise_id')::integer
         WHEN 'set_logs' THEN p.exercise_id END
    WHERE a.athlete_id = :athlete AND a.id < :before
    ORDER BY a.id DESC
    LIMIT :limit
    """
)
NEWEST = 2**62  # "before" for the first page


def history_page(store: Store, athlete_id: int, before: int, limit: int) -> list[AuditRow]:
    """Up to ``limit`` audit rows of one athlete older than the row ``before``, newest
    first: one indexed statement however long the history (keyset paging)."""
    from sqlalchemy.exc import DBAPIError

    from runstrong_gui.storage.server import explain

    try:
        with store.engine.connect() as conn:
            rows = conn.execute(_PAGE, {"athlete": athlete_id, "before": before, "limit": limit})
            return [AuditRow(*r) for r in rows]
    except DBAPIError as exc:  # e.g. a login the clinic's administrator gave no rights to it
        raise StoreError(explain(exc, store.engine.url.render_as_string(False))) from exc
